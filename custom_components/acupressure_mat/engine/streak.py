"""Streaks of mat days that reach the minimum minutes, with forgiven rest days."""

from collections import defaultdict
from typing import TYPE_CHECKING

from .days import mat_day

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import date, tzinfo

    from .model import SessionRecord

MILESTONES = (3, 7, 14, 21, 30, 50, 100, 200, 365)
WINDOW_DAYS = 7


def day_minutes(
    sessions: Iterable[SessionRecord], tz: tzinfo, day_starts_at: int
) -> dict[date, float]:
    """Sum session minutes by the mat day in which each session started."""
    totals: defaultdict[date, float] = defaultdict(float)
    for session in sessions:
        totals[mat_day(session.started_at, tz, day_starts_at)] += session.minutes
    return dict(totals)


def _counting_days(minutes_by_day: Mapping[date, float], today: date, min_minutes: int) -> set[int]:
    """Return the ordinals of the days up to today that reach the minimum."""
    last = today.toordinal()
    return {
        day.toordinal()
        for day, minutes in minutes_by_day.items()
        if minutes >= min_minutes and day.toordinal() <= last
    }


def _run_back(counting: set[int], end: int, rest_days: int) -> int:
    """Count the counting days of the run that ends on `end`, walking back."""
    if not counting:
        return 0
    earliest = min(counting)
    run = 0
    misses = 0  # non-counting days in [day, min(day + 6, end)]
    day = end
    while day >= earliest:
        dropped = day + WINDOW_DAYS
        if dropped <= end and dropped not in counting:
            misses -= 1
        if day in counting:
            run += 1
        else:
            misses += 1
            if misses > rest_days:
                break
        day -= 1
    return run


def current_streak(
    minutes_by_day: Mapping[date, float],
    today: date,
    min_minutes: int,
    rest_days_per_week: int,
) -> int:
    """Return the counting days of the run up to today, or yesterday until it counts."""
    counting = _counting_days(minutes_by_day, today, min_minutes)
    end = today.toordinal()
    # Today is never a rest day: until it counts, the run ends yesterday.
    if end not in counting:
        end -= 1
    return _run_back(counting, end, rest_days_per_week)


def at_stake(
    minutes_by_day: Mapping[date, float],
    today: date,
    min_minutes: int,
    rest_days_per_week: int,
) -> bool:
    """Return whether a streak would end if today stayed without a counting session."""
    counting = _counting_days(minutes_by_day, today, min_minutes)
    end = today.toordinal()
    if end in counting:
        return False
    current = _run_back(counting, end - 1, rest_days_per_week)
    # Walking back from an empty today spends one rest day; fewer days means the run broke.
    return current > 0 and _run_back(counting, end, rest_days_per_week) < current


def longest_streak(
    minutes_by_day: Mapping[date, float],
    today: date,
    min_minutes: int,
    rest_days_per_week: int,
) -> int:
    """Return the best run ever, by the rule of the current streak."""
    counting = _counting_days(minutes_by_day, today, min_minutes)
    if not counting:
        return 0
    first = min(counting)
    # A run ending on `end` starts after the latest breaking day, which only moves on.
    breaking = first - 1
    best = run = 0
    for end in range(first, max(counting) + 1):
        if end in counting:
            run += 1
            best = max(best, run)
            continue
        # This miss grows every window that reaches it; find the latest one it breaks.
        misses = 0
        for day in range(end, end - WINDOW_DAYS, -1):
            if day in counting:
                continue
            misses += 1
            if misses > rest_days_per_week:
                if day > breaking:
                    breaking = day
                    run = sum(1 for d in range(day + 1, end + 1) if d in counting)
                break
    return best


def milestones_between(before: int, after: int) -> list[int]:
    """Return the milestones reached when the streak went from before to after."""
    return [m for m in MILESTONES if before < m <= after]
