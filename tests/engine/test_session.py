"""Tests of the running session."""

from datetime import timedelta

import pytest

from custom_components.acupressure_mat.engine.errors import ProfileError
from custom_components.acupressure_mat.engine.session import RunningSession
from custom_components.acupressure_mat.engine.vocabulary import Outcome, SessionState

from .factories import T0

MIN = timedelta(minutes=1)


def running(planned: int = 20) -> RunningSession:
    return RunningSession(
        started_at=T0,
        planned_minutes=planned,
        active_before=0.0,
        resumed_at=T0,
        ramped=True,
    )


def test_active_session_counts_down() -> None:
    session = running()
    assert session.state is SessionState.ACTIVE
    assert session.active_seconds(T0 + 5 * MIN) == 300
    assert session.remaining_seconds(T0 + 5 * MIN) == 900
    assert session.remaining_seconds(T0 + 25 * MIN) == 0
    assert session.ends_at == T0 + 20 * MIN
    # A clock that reads earlier than the resume never counts negative time.
    assert session.active_seconds(T0 - MIN) == 0


def test_pause_freezes_and_resume_shifts_the_end() -> None:
    paused = running().pause(T0 + 5 * MIN)
    assert paused.state is SessionState.PAUSED
    assert paused.ends_at is None
    assert paused.remaining_seconds(T0 + 50 * MIN) == 900
    resumed = paused.resume(T0 + 15 * MIN)
    assert resumed.ends_at == T0 + 30 * MIN
    assert resumed.active_seconds(T0 + 20 * MIN) == 600


def test_pause_and_resume_in_the_wrong_state() -> None:
    with pytest.raises(ProfileError) as err:
        running().pause(T0).pause(T0)
    assert err.value.key == "not_active"
    with pytest.raises(ProfileError) as err:
        running().resume(T0)
    assert err.value.key == "not_paused"
    assert err.value.placeholders == {}


def test_extend() -> None:
    extended = running(20).extend(10)
    assert extended.planned_minutes == 30
    assert extended.ends_at == T0 + 30 * MIN
    assert running(170).extend(10).planned_minutes == 180
    with pytest.raises(ProfileError) as err:
        running(171).extend(10)
    assert err.value.key == "extend_too_long"
    assert err.value.placeholders["max_minutes"] == "180"
    with pytest.raises(ValueError, match="at least one minute"):
        running().extend(0)


def test_finish_completed_at_planned_end() -> None:
    record = running().pause(T0 + 5 * MIN).resume(T0 + 10 * MIN)
    done = record.finish(T0 + 2 * timedelta(hours=1), Outcome.COMPLETED)
    assert done.ended_at == T0 + 25 * MIN
    assert done.minutes == 20.0
    assert done.planned_minutes == 20
    assert done.outcome is Outcome.COMPLETED


def test_finish_completed_while_paused_ends_now() -> None:
    done = running().pause(T0 + 5 * MIN).finish(T0 + 9 * MIN, Outcome.COMPLETED)
    assert done.ended_at == T0 + 9 * MIN


def test_finish_stopped() -> None:
    now = T0 + timedelta(minutes=7, seconds=20)
    done = running().finish(now, Outcome.STOPPED)
    assert done.minutes == 7.3
    assert done.ended_at == now
    assert done.outcome is Outcome.STOPPED
    # Noticed long after the end, a stop counts no more than was planned.
    late = running().finish(T0 + 90 * MIN, Outcome.STOPPED)
    assert late.minutes == 20.0


def test_finish_as_logged_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot end"):
        running().finish(T0, Outcome.LOGGED)


@pytest.mark.parametrize("session", [running(), running().pause(T0 + timedelta(seconds=75.5))])
def test_round_trip(session: RunningSession) -> None:
    assert RunningSession.from_dict(session.to_dict()) == session


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"ramped": "yes"}, TypeError),
        ({"resumed_at": 5}, TypeError),
        ({"planned_minutes": 2.5}, TypeError),
        ({"active_before": "x"}, TypeError),
        ({"started_at": "2025-06-02T12:00:00"}, ValueError),
        ({"started_at": "not a time"}, ValueError),
    ],
)
def test_malformed(change: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        RunningSession.from_dict(running().to_dict() | change)
    data = running().to_dict()
    del data["ramped"]
    with pytest.raises(KeyError):
        RunningSession.from_dict(data)
