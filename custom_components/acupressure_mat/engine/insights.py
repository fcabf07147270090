"""Evidence that the mat helps: pain, relief and practice over recent days and weeks."""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice
import math
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from .days import day_start, mat_day
from .pain import reliefs
from .timeline import ENDED, LOGGED
from .vocabulary import Area, Moment

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from .model import PainRecord, SessionRecord, Settings

PAIN_WINDOW = timedelta(days=30)
MIN_RATINGS = 3  # fewer before ratings in a window make no average
RELIEF_SESSIONS = 10
MIN_RELIEFS = 3
PRACTICE_DAYS = 7
WEEKS = 12


@dataclass(frozen=True, slots=True, kw_only=True)
class Practice:
    """How many sessions, and how many minutes, some mat days hold."""

    sessions: int
    minutes: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Week:
    """One week of mat days from Monday: its practice and its mean before rating."""

    week_start: date
    sessions: int
    minutes: float
    pain_average: float | None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe form, the date in ISO format."""
        return {
            "week_start": self.week_start.isoformat(),
            "sessions": self.sessions,
            "minutes": self.minutes,
            "pain_average": self.pain_average,
        }


def _ratings_in(
    pain: Sequence[PainRecord], since: datetime, until: datetime
) -> Sequence[PainRecord]:
    """Return the ratings logged after `since`, up to and including `until`."""
    return pain[bisect_right(pain, since, key=LOGGED) : bisect_right(pain, until, key=LOGGED)]


def _before_mean(pain: Sequence[PainRecord], since: datetime, until: datetime) -> float | None:
    """Return the unrounded mean of a window's before ratings; None with too few."""
    values = [p.rating for p in _ratings_in(pain, since, until) if p.moment is Moment.BEFORE]
    return sum(values) / len(values) if len(values) >= MIN_RATINGS else None


def _tenth(value: float | None) -> float | None:
    """Round to 0.1, keeping None."""
    return None if value is None else round(value, 1)


def pain_average_30d(pain: Sequence[PainRecord], now: datetime) -> float | None:
    """Return the mean before rating of the last 30 days, to 0.1."""
    return _tenth(_before_mean(pain, now - PAIN_WINDOW, now))


def pain_change_30d(pain: Sequence[PainRecord], now: datetime) -> float | None:
    """Return the last 30 days' mean before rating minus that of the 30 days before."""
    recent = _before_mean(pain, now - PAIN_WINDOW, now)
    earlier = _before_mean(pain, now - 2 * PAIN_WINDOW, now - PAIN_WINDOW)
    if recent is None or earlier is None:
        return None
    return round(recent - earlier, 1)


def relief_average(sessions: Sequence[SessionRecord], pain: Sequence[PainRecord]) -> float | None:
    """Return the mean relief of the latest sessions that have both ratings, to 0.1."""
    latest = list(islice(reliefs(sessions, pain), RELIEF_SESSIONS))
    return round(sum(latest) / len(latest), 1) if len(latest) >= MIN_RELIEFS else None


def areas(pain: Sequence[PainRecord], now: datetime) -> dict[Area, float]:
    """Return each area's mean rating of the last 30 days, to 0.1, for areas rated."""
    by_area: defaultdict[Area, list[int]] = defaultdict(list)
    for p in _ratings_in(pain, now - PAIN_WINDOW, now):
        by_area[p.area].append(p.rating)
    return {
        area: round(sum(by_area[area]) / len(by_area[area]), 1) for area in Area if area in by_area
    }


def _on_days[R](
    records: Sequence[R],
    ordered_by: Callable[[R], datetime],
    counted_at: Callable[[R], datetime],
    days: tuple[date, date],
    settings: Settings,
) -> list[tuple[date, R]]:
    """Return the records whose `counted_at` falls on the mat days, with that day."""
    first, last = days
    tz, hour = settings.tz, settings.day_starts_at
    # A day of slack: around a DST change the wall clock may repeat the hour the day starts.
    since = day_start(first - timedelta(days=1), tz, hour)
    # The list's order (a session's end) never comes before `counted_at` (its start), so
    # nothing before `since` can count; the windows end today, so what follows is all read.
    # A session paused for days still counts by its start, which a margin would not promise.
    found = (
        (mat_day(counted_at(r), tz, hour), r)
        for r in records[bisect_left(records, since, key=ordered_by) :]
    )
    return [(day, r) for day, r in found if first <= day <= last]


def _started_on_days(
    sessions: Sequence[SessionRecord], days: tuple[date, date], settings: Settings
) -> list[tuple[date, SessionRecord]]:
    """Return the sessions that started on the mat days, with their day."""
    return _on_days(sessions, ENDED, attrgetter("started_at"), days, settings)


def last_days(
    sessions: Sequence[SessionRecord], now: datetime, settings: Settings, count: int
) -> Practice:
    """Return the sessions of any kind that started on the last `count` mat days, today included."""
    today = mat_day(now, settings.tz, settings.day_starts_at)
    days = (today - timedelta(days=count - 1), today)
    started = [s for _, s in _started_on_days(sessions, days, settings)]
    return Practice(sessions=len(started), minutes=round(math.fsum(s.minutes for s in started), 1))


def last_7_days(sessions: Sequence[SessionRecord], now: datetime, settings: Settings) -> Practice:
    """Return the sessions of any kind that started on the last 7 mat days, today included."""
    return last_days(sessions, now, settings, PRACTICE_DAYS)


def weeks(
    sessions: Sequence[SessionRecord],
    pain: Sequence[PainRecord],
    now: datetime,
    settings: Settings,
) -> list[Week]:
    """Return the last 12 weeks from Monday by mat day, the current one last."""
    today = mat_day(now, settings.tz, settings.day_starts_at)
    first = today - timedelta(days=today.weekday() + 7 * (WEEKS - 1))
    days = (first, first + timedelta(days=7 * WEEKS - 1))
    minutes: list[list[float]] = [[] for _ in range(WEEKS)]
    ratings: list[list[int]] = [[] for _ in range(WEEKS)]
    for day, session in _started_on_days(sessions, days, settings):
        minutes[(day - first).days // 7].append(session.minutes)
    for day, rating in _on_days(pain, LOGGED, LOGGED, days, settings):
        if rating.moment is Moment.BEFORE:
            ratings[(day - first).days // 7].append(rating.rating)
    return [
        Week(
            week_start=first + timedelta(days=7 * i),
            sessions=len(minutes[i]),
            minutes=round(math.fsum(minutes[i]), 1),
            pain_average=round(sum(ratings[i]) / len(ratings[i]), 1) if ratings[i] else None,
        )
        for i in range(WEEKS)
    ]
