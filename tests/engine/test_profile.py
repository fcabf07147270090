"""Tests of the mat profile's commands and events."""

from datetime import timedelta

import pytest

from custom_components.acupressure_mat.engine.errors import ProfileError
from custom_components.acupressure_mat.engine.model import (
    Area,
    Moment,
    Outcome,
    SessionState,
    Settings,
)
from custom_components.acupressure_mat.engine.profile import Event, MatProfile

from .factories import T0

MIN = timedelta(minutes=1)
DAY = timedelta(days=1)


def types(events: list[Event]) -> list[str]:
    return [event.type for event in events]


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
    assert profile.start(T0) == [Event("started", {"planned_minutes": 5})]
    assert profile.running is not None
    assert profile.running.ramped
    assert state(profile) is SessionState.ACTIVE
    assert profile.pause(T0 + MIN) == [Event("paused", {})]
    assert state(profile) is SessionState.PAUSED
    assert profile.extend(T0 + MIN, 3) == [Event("extended", {"minutes": 3, "planned_minutes": 8})]
    assert profile.resume(T0 + 5 * MIN) == [Event("resumed", {})]
    assert profile.running.ends_at == T0 + 12 * MIN
    assert profile.complete() == [Event("completed", {"minutes": 8.0, "planned_minutes": 8})]
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
    events = profile.stop(T0 + timedelta(minutes=4, seconds=30))
    assert events == [Event("stopped", {"minutes": 4.5, "planned_minutes": 15})]
    assert profile.sessions[0].outcome is Outcome.STOPPED
    assert profile.sessions_completed == 0
    assert profile.ramp_level == 5


def test_wrong_state_errors() -> None:
    profile = MatProfile(Settings())
    for command in (profile.pause, profile.resume, profile.stop):
        assert error_key(command, T0) == "no_session"
    assert error_key(profile.extend, T0, 5) == "no_session"
    assert error_key(profile.complete) == "no_session"
    profile.start(T0)
    assert error_key(profile.start, T0) == "session_running"
    assert error_key(profile.resume, T0) == "not_paused"
    assert error_key(profile.extend, T0, 176) == "extend_too_long"
    profile.pause(T0 + MIN)
    assert error_key(profile.pause, T0) == "not_active"
    assert error_key(profile.complete) == "not_active"
    assert state(profile) is SessionState.PAUSED


def test_month_of_ramped_sessions() -> None:
    profile = MatProfile(Settings(start_minutes=5, target_minutes=20, step_minutes=2))
    planned = []
    for day in range(30):
        events = profile.start(T0 + day * DAY)
        planned.append(events[0].data["planned_minutes"])
        profile.complete()
    assert planned[:10] == [5, 7, 9, 11, 13, 15, 17, 19, 20, 20]
    assert set(planned[8:]) == {20}


def test_override_that_reaches_the_level_raises_it() -> None:
    profile = MatProfile(Settings(), ramp_level=9)
    profile.start(T0, minutes=12)
    profile.complete()
    assert profile.ramp_level == 11
    profile.start(T0 + DAY, minutes=3)
    profile.complete()
    assert profile.ramp_level == 11


@pytest.mark.parametrize(("idle", "expected"), [(6, 15), (7, 13), (14, 11), (99, 5)])
def test_decay_after_idle_days(idle: int, expected: int) -> None:
    profile = MatProfile(Settings(), ramp_level=13)
    profile.log_session(T0, 13)
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
        events = profile.complete()
        assert events[0].type == "completed"
        fired.extend(e.data["streak"] for e in events if e.type == "streak_milestone")
    assert fired == [3, 3]
    assert types(events) == ["completed", "streak_milestone"]


def test_stopped_session_after_end_reached_counts() -> None:
    profile = MatProfile(Settings(streak_min_minutes=5))
    for day in range(2):
        profile.log_session(T0 + day * DAY, 5)
    profile.start(T0 + 2 * DAY)
    assert types(profile.stop(T0 + 2 * DAY + 5 * MIN)) == [
        "stopped",
        "streak_milestone",
    ]


def test_log_session() -> None:
    profile = MatProfile(Settings())
    assert profile.log_session(T0, 10, T0 - DAY - DAY) == []
    assert profile.log_session(T0, 10, T0 - DAY) == []
    assert profile.log_session(T0, 10) == [Event("streak_milestone", {"streak": 3})]
    record = profile.sessions[-1]
    assert record.started_at == T0 - 10 * MIN
    assert record.outcome is Outcome.LOGGED
    assert record.planned_minutes == 10
    assert profile.sessions_completed == 0
    assert error_key(profile.log_session, T0, 10, T0 + MIN) == "future_time"
    assert len(profile.sessions) == 3


def test_log_session_older_than_the_latest() -> None:
    profile = MatProfile(Settings())
    profile.log_session(T0, 5)
    profile.log_session(T0, 7, T0 - 30 * DAY)
    # No decay for an older record; it reached the level, so the ramp rose.
    assert profile.ramp_level == 9
    assert profile.sessions[0].ended_at == T0 - 30 * DAY


def test_log_pain() -> None:
    profile = MatProfile(Settings())
    record, relief, events = profile.log_pain(T0, 7, Area.BACK, None, "stiff", None)
    assert record.moment is Moment.BEFORE
    assert record.note == "stiff"
    assert relief is None
    assert events == [Event("pain_logged", {"rating": 7, "area": "back", "moment": "before"})]
    profile.start(T0 + MIN, minutes=10)
    during, _, _ = profile.log_pain(T0 + 2 * MIN, 6, Area.NECK, None, None, None)
    assert during.moment is Moment.BEFORE
    profile.complete()
    assert profile.pain_relief is None
    profile = MatProfile.from_dict(profile.to_dict(), profile.settings)
    after, relief, _ = profile.log_pain(T0 + 20 * MIN, 2, Area.NECK, None, None, T0 + 15 * MIN)
    assert after.moment is Moment.AFTER
    assert relief == 4
    assert profile.pain_relief == 4
    assert profile.pain_relief == 4  # cached until the records change
    assert profile.last_pain == after


def test_log_pain_errors() -> None:
    profile = MatProfile(Settings())
    args = (Area.BACK, Moment.OTHER, None)
    assert error_key(profile.log_pain, T0, 11, *args, None) == "rating_range"
    assert error_key(profile.log_pain, T0, -1, *args, None) == "rating_range"
    assert error_key(profile.log_pain, T0, 5, *args, T0 + MIN) == "future_time"
    assert profile.pain == []
    record, relief, _ = profile.log_pain(T0, 0, *args, None)
    assert record.moment is Moment.OTHER
    assert relief is None


def test_update_settings_clamps_and_refreshes() -> None:
    profile = MatProfile(Settings(), ramp_level=15)
    profile.log_session(T0, 8)
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
    profile.log_pain(T0 - 11 * MIN, 8, Area.BACK, Moment.BEFORE, None, None)
    profile.log_session(T0, 10)
    assert relief(profile) is None
    profile.log_pain(T0 + MIN, 5, Area.BACK, Moment.AFTER, None, None)
    assert relief(profile) == 3
    later = T0 + timedelta(hours=3)
    profile.log_pain(later - 11 * MIN, 4, Area.BACK, Moment.BEFORE, None, None)
    profile.log_session(later, 10)
    profile.log_pain(later + MIN, 4, Area.BACK, None, None, None)
    assert relief(profile) == 0
