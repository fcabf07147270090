"""Tests of streaks, rest days and milestones."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.acupressure_mat.engine.model import Settings
from custom_components.acupressure_mat.engine.streak import (
    MILESTONES,
    current_streak,
    day_minutes,
    longest_streak,
    milestones_between,
)

from .factories import session

TODAY = date(2025, 6, 30)


def days(pattern: str, today: date = TODAY) -> dict[date, float]:
    """Turn a pattern ending today ('x' counts, '.' does not) into minutes by day."""
    start = today - timedelta(days=len(pattern) - 1)
    return {start + timedelta(days=i): 10.0 if c == "x" else 1.0 for i, c in enumerate(pattern)}


def streak(pattern: str, rest: int = 0) -> int:
    return current_streak(days(pattern), TODAY, 5, rest)


def brute_run(counting: set[date], end: date, rest: int, first: date) -> int:
    """Walk back from `end`, checking every window from scratch."""
    run = 0
    day = end
    while day >= first:
        if day in counting:
            run += 1
        else:
            window = [day + timedelta(days=i) for i in range(7)]
            misses = sum(1 for d in window if d <= end and d not in counting)
            if misses > rest:
                break
        day -= timedelta(days=1)
    return run


def brute_longest(by_day: dict[date, float], today: date, rest: int) -> int:
    counting = {d for d, m in by_day.items() if m >= 5 and d <= today}
    if not counting:
        return 0
    first = min(counting)
    return max(
        brute_run(counting, first + timedelta(days=i), rest, first)
        for i in range((today - first).days + 1)
    )


@pytest.mark.parametrize(
    ("pattern", "rest", "expected"),
    [
        ("", 0, 0),
        ("x", 0, 1),
        ("xxx", 0, 3),
        ("xxx.", 0, 3),  # today has not counted yet: the run ends yesterday
        ("xxx..", 0, 0),
        ("xx.xx", 0, 2),
        ("xx.xx", 1, 4),  # one miss in a week is a rest day
        ("xx.x.xx", 1, 3),  # two misses in a week break the run
        ("xx......x.xx", 1, 3),  # x.xx with a rest; before it, too many misses
        ("xx.xxxxxx.xx", 1, 10),
        ("xxx.", 1, 3),
        ("xx..", 1, 2),  # yesterday is a rest day while today is left out
        ("x.xx.", 1, 3),  # today's miss never shares a window
        ("x.xx.", 0, 2),
        ("xx.x..", 2, 3),
    ],
)
def test_current_streak(pattern: str, rest: int, expected: int) -> None:
    assert streak(pattern, rest) == expected


def test_future_days_are_ignored() -> None:
    by_day = days("xx") | {TODAY + timedelta(days=1): 30.0}
    assert current_streak(by_day, TODAY, 5, 0) == 2
    assert longest_streak(by_day, TODAY, 5, 0) == 2


@pytest.mark.parametrize(
    ("pattern", "rest", "expected"),
    [
        ("", 0, 0),
        ("....", 0, 0),
        ("xxxx.xx", 0, 4),
        ("xxxx.xx.xxx", 1, 6),
        ("xxxx.xx.x.x", 1, 6),
        ("x.x.x.x", 3, 4),
    ],
)
def test_longest_streak(pattern: str, rest: int, expected: int) -> None:
    assert longest_streak(days(pattern), TODAY, 5, rest) == expected


def test_day_minutes_by_start_day() -> None:
    config = Settings(day_starts_at=4)
    start = datetime(2025, 6, 3, 1, 30, tzinfo=UTC)
    totals = day_minutes(
        [session(start, 10), session(start - timedelta(hours=6), 5.5)],
        config.tz,
        config.day_starts_at,
    )
    assert totals == {date(2025, 6, 2): 15.5}


def test_milestones_between() -> None:
    assert milestones_between(2, 3) == [3]
    assert milestones_between(3, 3) == []
    assert milestones_between(0, 30) == [3, 7, 14, 21, 30]
    assert milestones_between(364, 400) == [365]
    assert milestones_between(5, 2) == []
    assert MILESTONES[0] == 3


PATTERNS = st.text(alphabet="x.", max_size=60)


@settings(max_examples=300, deadline=None)
@given(pattern=PATTERNS, rest=st.integers(0, 3))
def test_longest_matches_brute_force(pattern: str, rest: int) -> None:
    by_day = days(pattern)
    assert longest_streak(by_day, TODAY, 5, rest) == brute_longest(by_day, TODAY, rest)


@settings(max_examples=300, deadline=None)
@given(pattern=PATTERNS, rest=st.integers(0, 3))
def test_current_streak_bounds(pattern: str, rest: int) -> None:
    current = streak(pattern, rest)
    counting = pattern.count("x")
    assert current <= counting
    assert current <= longest_streak(days(pattern), TODAY, 5, rest) <= counting
    if rest == 0:
        # Without rest days the streak is the trailing run, today left out if missed.
        run = pattern.removesuffix(".")
        assert current == len(run) - len(run.rstrip("x"))


def test_ten_years_with_a_rest_day_a_week() -> None:
    by_day = days("xxxxxx." * 520 + "x")
    best = longest_streak(by_day, TODAY, 5, 1)
    current = current_streak(by_day, TODAY, 5, 1)
    assert best == current == 6 * 520 + 1
