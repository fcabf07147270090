"""Hourly long-term statistics of a profile: pain per area, and mat minutes with their total."""

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .model import PainRecord, SessionRecord
from .timeline import ENDED, LOGGED
from .vocabulary import Area

HOUR = timedelta(hours=1)
# Minutes are summed as whole thousandths, so a total is exact in any order of addition.
_MILLI = 1000


@dataclass(frozen=True, slots=True)
class PainHour:
    """The pain ratings of one area logged in one hour."""

    start: datetime
    mean: float
    min: int
    max: int


@dataclass(frozen=True, slots=True)
class MinutesHour:
    """The mat minutes of the sessions started in one hour, and of all until its end."""

    start: datetime
    minutes: float
    total: float


def hour_of(instant: datetime) -> datetime:
    """Return the start of the UTC hour that holds the instant."""
    return instant.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _pain_hour(start: datetime, ratings: Sequence[int]) -> PainHour:
    """Summarize one hour's ratings."""
    return PainHour(start, sum(ratings) / len(ratings), min(ratings), max(ratings))


def pain_hours(ratings: Iterable[PainRecord]) -> dict[Area, list[PainHour]]:
    """Return every hour with ratings, by area, in time order."""
    grouped: defaultdict[Area, defaultdict[datetime, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for rating in ratings:
        grouped[rating.area][hour_of(rating.logged_at)].append(rating.rating)
    return {
        area: [_pain_hour(start, values) for start, values in sorted(hours.items())]
        for area, hours in grouped.items()
    }


def pain_hour(ratings: Sequence[PainRecord], area: Area, start: datetime) -> PainHour | None:
    """Return one hour of an area from time-sorted ratings, walking only that hour."""
    first = bisect_left(ratings, start, key=LOGGED)
    last = bisect_left(ratings, start + HOUR, key=LOGGED)
    values = [rating.rating for rating in ratings[first:last] if rating.area is area]
    return _pain_hour(start, values) if values else None


def _milli(session: SessionRecord) -> int:
    """Return a session's minutes in whole thousandths."""
    return round(session.minutes * _MILLI)


def minute_hours(
    sessions: Sequence[SessionRecord], since: datetime | None = None
) -> list[MinutesHour]:
    """Return the hours with sessions from `since` on (all when None), from sessions by end."""
    # A session started in an hour ends in it or later, so the hours from `since` on come only
    # from the sessions that end from then on: a bisect, then a walk of those alone.
    tail = sessions if since is None else sessions[bisect_left(sessions, since, key=ENDED) :]
    by_hour: defaultdict[datetime, int] = defaultdict(int)
    for session in tail:
        start = hour_of(session.started_at)
        if since is None or start >= since:
            by_hour[start] += _milli(session)
    total = sum(map(_milli, sessions)) - sum(by_hour.values())
    rows = []
    for start, milli in sorted(by_hour.items()):
        total += milli
        rows.append(MinutesHour(start, milli / _MILLI, total / _MILLI))
    return rows
