"""Tests of the mat profile's commands and events."""

from datetime import timedelta

import pytest

from custom_components.acupressure_mat.engine.errors import ProfileError
from custom_components.acupressure_mat.engine.model import SessionRecord, Settings
from custom_components.acupressure_mat.engine.profile import Change, MatProfile, ProfileEvent
from custom_components.acupressure_mat.engine.session import RunningSession
from custom_components.acupressure_mat.engine.vocabulary import (
    Area,
    Moment,
    Outcome,
    ProfileEventType,
    SessionState,
)

from .factories import T0

MIN = timedelta(minutes=1)
DAY = timedelta(days=1)


def types(change: Change[object]) -> list[str]:
    return [event.type for event in change.events]


def events(*pairs: tuple[str, dict[str, object]]) -> tuple[ProfileEvent, ...]:
    return tuple(ProfileEvent(ProfileEventType(kind), data) for kind, data in pairs)


def complete(profile: MatProfile) -> Change[SessionRecord | None]:
    """Settle the running session at its planned end."""
    assert profile.running is not None
    assert profile.running.ends_at is not None
    return profile.settle(profile.running.ends_at)


def state(profile: MatProfile) -> SessionState:
    """Read the state afresh, so type checkers do not narrow it between commands."""
    return profile.state


def error_key(call: object, *args: object) -> str:
    assert callable(call)
    with pytest.raises(ProfileError) as err:
        call(*args)
    return err.value.key


def test_session_flow_and_events() -> None:
    profile = MatProfile(Settings())
    assert state(profile) is SessionState.IDLE
    started = profile.start(T0)
    assert started.events == events(("started", {"planned_minutes": 5}))
    assert isinstance(started.value, RunningSession)
    assert profile.running is not None
    assert profile.running.ramped
    assert state(profile) is SessionState.ACTIVE
    assert profile.pause(T0 + MIN).events == events(("paused", {}))
    assert state(profile) is SessionState.PAUSED
    extended = profile.extend(minutes=3)
    assert extended.events == events(("extended", {"minutes": 3, "planned_minutes": 8}))
    assert extended.value.planned_minutes == 8
    assert profile.resume(T0 + 5 * MIN).events == events(("resumed", {}))
    assert profile.running.ends_at == T0 + 12 * MIN
    assert profile.settle(T0 + 12 * MIN - timedelta(milliseconds=1)) == Change(value=None)
    completed = profile.settle(T0 + 20 * MIN)
    assert completed.events == events(("completed", {"minutes": 8.0, "planned_minutes": 8}))
    assert completed.value is not None
    assert completed.value.ended_at == T0 + 12 * MIN  # at its planned end, however late
    assert state(profile) is SessionState.IDLE
    assert profile.sessions[0].ended_at == T0 + 12 * MIN
    assert profile.sessions_completed == 1
    assert profile.last_session_at == T0 + 12 * MIN
    assert profile.next_session_minutes(T0 + DAY) == 7


def test_stop_records_active_minutes() -> None:
    profile = MatProfile(Settings())
    profile.start(T0, minutes=15)
    assert profile.running is not None
    assert not profile.running.ramped
    stopped = profile.stop(T0 + timedelta(minutes=4, seconds=30))
    assert stopped.events == events(("stopped", {"minutes": 4.5, "planned_minutes": 15}))
    assert stopped.value.outcome is Outcome.STOPPED
    assert profile.sessions[0].outcome is Outcome.STOPPED
    assert profile.sessions_completed == 0
    assert profile.ramp_level == 5


def test_wrong_state_errors() -> None:
    profile = MatProfile(Settings())
    for command in (profile.pause, profile.resume, profile.stop):
        assert error_key(command, T0) == "no_session"
    with pytest.raises(ProfileError, match="no_session"):
        profile.extend(minutes=5)
    assert profile.settle(T0 + DAY) == Change(value=None)
    profile.start(T0)
    assert error_key(profile.start, T0) == "session_running"
    assert error_key(profile.resume, T0) == "not_paused"
    with pytest.raises(ProfileError, match="extend_too_long"):
        profile.extend(minutes=176)
    profile.pause(T0 + MIN)
    assert error_key(profile.pause, T0) == "not_active"
    assert profile.settle(T0 + DAY) == Change(value=None)  # a paused session never completes
    assert state(profile) is SessionState.PAUSED


def test_month_of_ramped_sessions() -> None:
    profile = MatProfile(Settings(start_minutes=5, target_minutes=20, step_minutes=2))
    planned = []
    for day in range(30):
        planned.append(profile.start(T0 + day * DAY).value.planned_minutes)
        complete(profile)
    assert planned[:10] == [5, 7, 9, 11, 13, 15, 17, 19, 20, 20]
    assert set(planned[8:]) == {20}


def test_override_that_reaches_the_level_raises_it() -> None:
    profile = MatProfile(Settings(), ramp_level=9)
    profile.start(T0, minutes=12)
    complete(profile)
    assert profile.ramp_level == 11
    profile.start(T0 + DAY, minutes=3)
    complete(profile)
    assert profile.ramp_level == 11


@pytest.mark.parametrize(("idle", "expected"), [(6, 15), (7, 13), (14, 11), (99, 5)])
def test_decay_after_idle_days(idle: int, expected: int) -> None:
    profile = MatProfile(Settings(), ramp_level=13)
    profile.log_session(T0, minutes=13)
    assert profile.ramp_level == 15
    assert profile.next_session_minutes(T0 + idle * DAY) == expected
    # The fallen level is kept by the next session.
    profile.start(T0 + idle * DAY)
    profile.stop(T0 + idle * DAY + MIN)
    assert profile.ramp_level == expected


def test_milestones_fire_at_three_and_again_after_a_break() -> None:
    profile = MatProfile(Settings())
    fired: list[int] = []
    for day in [0, 1, 2, 3, 6, 7, 8]:
        profile.start(T0 + day * DAY)
        change = complete(profile)
        assert change.events[0].type == "completed"
        fired.extend(e.data["streak"] for e in change.events if e.type == "streak_milestone")
    assert fired == [3, 3]
    assert types(change) == ["completed", "streak_milestone"]


def test_stopped_session_after_end_reached_counts() -> None:
    profile = MatProfile(Settings(streak_min_minutes=5))
    for day in range(2):
        profile.log_session(T0 + day * DAY, minutes=5)
    profile.start(T0 + 2 * DAY)
    assert types(profile.stop(T0 + 2 * DAY + 5 * MIN)) == [
        "stopped",
        "streak_milestone",
    ]


def test_log_session() -> None:
    profile = MatProfile(Settings())
    assert profile.log_session(T0, minutes=10, ended_at=T0 - DAY - DAY).events == ()
    assert profile.log_session(T0, minutes=10, ended_at=T0 - DAY).events == ()
    logged = profile.log_session(T0, minutes=10)
    assert logged.events == events(("streak_milestone", {"streak": 3}))
    record = profile.sessions[-1]
    assert logged.value == record
    assert record.started_at == T0 - 10 * MIN
    assert record.outcome is Outcome.LOGGED
    assert record.planned_minutes == 10
    assert profile.sessions_completed == 0
    with pytest.raises(ProfileError, match="future_time"):
        profile.log_session(T0, minutes=10, ended_at=T0 + MIN)
    assert len(profile.sessions) == 3


def test_log_session_older_than_the_latest() -> None:
    profile = MatProfile(Settings())
    profile.log_session(T0, minutes=5)
    profile.log_session(T0, minutes=7, ended_at=T0 - 30 * DAY)
    # No decay for an older record; it reached the level, so the ramp rose.
    assert profile.ramp_level == 9
    assert profile.sessions[0].ended_at == T0 - 30 * DAY


def test_log_pain() -> None:
    profile = MatProfile(Settings())
    logged = profile.log_pain(T0, rating=7, note="stiff")
    assert logged.value.record.moment is Moment.BEFORE
    assert logged.value.record.note == "stiff"
    assert logged.value.relief is None
    assert logged.events == events(
        ("pain_logged", {"rating": 7, "area": "back", "moment": "before"})
    )
    profile.start(T0 + MIN, minutes=10)
    during = profile.log_pain(T0 + 2 * MIN, rating=6, area=Area.NECK).value.record
    assert during.moment is Moment.BEFORE
    complete(profile)
    assert profile.pain_relief is None
    profile = MatProfile.from_dict(profile.to_dict(), profile.settings)
    logged = profile.log_pain(T0 + 20 * MIN, rating=2, area=Area.NECK, logged_at=T0 + 15 * MIN)
    after = logged.value.record
    assert after.moment is Moment.AFTER
    assert logged.value.relief == 4
    assert profile.pain_relief == 4
    assert profile.pain_relief == 4  # cached until the records change
    assert profile.last_pain == after


def test_log_pain_errors() -> None:
    profile = MatProfile(Settings())
    for rating, key in ((11, "rating_range"), (-1, "rating_range"), (3.7, "rating_not_whole")):
        with pytest.raises(ProfileError, match=key):
            profile.log_pain(T0, rating=rating, moment=Moment.OTHER)
    with pytest.raises(ProfileError, match="future_time"):
        profile.log_pain(T0, rating=5, logged_at=T0 + MIN)
    assert profile.pain == []
    logged = profile.log_pain(T0, rating=4.0, moment=Moment.OTHER)
    assert logged.value.record.moment is Moment.OTHER
    assert logged.value.record.rating == 4
    assert isinstance(logged.value.record.rating, int)
    assert logged.value.relief is None


def test_update_settings_clamps_and_refreshes() -> None:
    profile = MatProfile(Settings(), ramp_level=15)
    profile.log_session(T0, minutes=8)
    assert profile.streak(T0) == 1
    profile.update_settings(Settings(start_minutes=2, target_minutes=10))
    assert profile.ramp_level == 10
    profile.update_settings(Settings(start_minutes=12, target_minutes=30))
    assert profile.ramp_level == 12
    profile.update_settings(Settings(streak_min_minutes=10))
    assert profile.streak(T0) == 0


def relief(profile: MatProfile) -> int | None:
    """Read the relief afresh, so type checkers do not narrow it between commands."""
    return profile.pain_relief


def test_pain_relief_follows_new_records() -> None:
    profile = MatProfile(Settings())
    profile.log_pain(T0 - 11 * MIN, rating=8, moment=Moment.BEFORE)
    profile.log_session(T0, minutes=10)
    assert relief(profile) is None
    profile.log_pain(T0 + MIN, rating=5, moment=Moment.AFTER)
    assert relief(profile) == 3
    later = T0 + timedelta(hours=3)
    profile.log_pain(later - 11 * MIN, rating=4, moment=Moment.BEFORE)
    profile.log_session(later, minutes=10)
    profile.log_pain(later + MIN, rating=4)
    assert relief(profile) == 0


@pytest.mark.parametrize(
    ("stopped_after", "adaptive", "expected"),
    [(4, True, 7), (5, True, 9), (4, False, 9), (9, True, 9)],
)
def test_adaptive_ramp_lowers_after_a_session_given_up_early(
    stopped_after: int, adaptive: bool, expected: int
) -> None:
    profile = MatProfile(Settings(adaptive_ramp=adaptive), ramp_level=9)
    profile.start(T0, minutes=10)
    profile.stop(T0 + stopped_after * MIN)
    assert profile.ramp_level == expected


def test_adaptive_ramp_never_falls_below_the_start() -> None:
    profile = MatProfile(Settings(adaptive_ramp=True))
    profile.start(T0)
    profile.stop(T0 + MIN)
    assert profile.ramp_level == 5
