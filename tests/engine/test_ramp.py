"""Tests of the ramp rule."""

from datetime import date, timedelta

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.acupressure_mat.engine.model import Settings
from custom_components.acupressure_mat.engine.ramp import after_session, clamp, decay
from custom_components.acupressure_mat.engine.vocabulary import Outcome

SETTINGS = Settings(start_minutes=5, target_minutes=20, step_minutes=2)
DAY = date(2025, 6, 2)


def test_clamp() -> None:
    assert clamp(3, SETTINGS) == 5
    assert clamp(12, SETTINGS) == 12
    assert clamp(25, SETTINGS) == 20


@pytest.mark.parametrize(
    ("idle_days", "expected"),
    [(0, 15), (6, 15), (7, 13), (13, 13), (14, 11), (70, 5), (-10, 15)],
)
def test_decay(idle_days: int, expected: int) -> None:
    assert decay(15, SETTINGS, DAY, DAY + timedelta(days=idle_days)) == expected


def test_decay_without_sessions_keeps_level() -> None:
    assert decay(15, SETTINGS, None, DAY) == 15


@pytest.mark.parametrize(
    ("minutes", "outcome", "expected"),
    [
        (9, Outcome.COMPLETED, 11),
        (8.9, Outcome.COMPLETED, 9),
        (30, Outcome.LOGGED, 11),
        (30, Outcome.STOPPED, 9),
    ],
)
def test_after_session(minutes: float, outcome: Outcome, expected: int) -> None:
    assert (
        after_session(9, SETTINGS, last_day=DAY, session_day=DAY, minutes=minutes, outcome=outcome)
        == expected
    )


def test_after_session_stops_at_target() -> None:
    assert (
        after_session(
            19, SETTINGS, last_day=DAY, session_day=DAY, minutes=19, outcome=Outcome.COMPLETED
        )
        == 20
    )
    assert (
        after_session(
            20, SETTINGS, last_day=DAY, session_day=DAY, minutes=20, outcome=Outcome.COMPLETED
        )
        == 20
    )


def test_after_session_decays_first() -> None:
    # Two idle weeks drop 15 to 11; a 12-minute session then reaches it.
    later = DAY + timedelta(days=14)
    assert (
        after_session(
            15, SETTINGS, last_day=DAY, session_day=later, minutes=12, outcome=Outcome.COMPLETED
        )
        == 13
    )
    assert (
        after_session(
            15, SETTINGS, last_day=DAY, session_day=later, minutes=12, outcome=Outcome.STOPPED
        )
        == 11
    )


@settings(max_examples=100, deadline=None)
@given(
    start=st.integers(1, 60),
    span=st.integers(0, 60),
    step=st.integers(1, 10),
    steps=st.lists(
        st.tuples(
            st.integers(0, 20),
            st.floats(0, 180, allow_nan=False),
            st.sampled_from(list(Outcome)),
        ),
        max_size=30,
    ),
)
def test_level_stays_in_range(
    start: int, span: int, step: int, steps: list[tuple[int, float, Outcome]]
) -> None:
    config = Settings(start_minutes=start, target_minutes=start + span, step_minutes=step)
    level = config.start_minutes
    last = None
    day = DAY
    for gap, minutes, outcome in steps:
        day += timedelta(days=gap)
        before = decay(level, config, last, day)
        assert start <= before <= start + span
        new = after_session(
            level, config, last_day=last, session_day=day, minutes=minutes, outcome=outcome
        )
        assert start <= new <= start + span
        if outcome is Outcome.STOPPED:
            assert new <= before
        level, last = new, day
