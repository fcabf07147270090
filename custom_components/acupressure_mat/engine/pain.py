"""Pain ratings around sessions: inferred moments and relief.

Every function here takes its records sorted by time, as the engine keeps them:
sessions by `ended_at`, pain ratings by `logged_at`. Each bisects those lists and
walks only the records inside its time window, so its cost does not grow with
years of history.
"""

from bisect import bisect_left, bisect_right
from datetime import timedelta
from operator import attrgetter
from typing import TYPE_CHECKING

from .vocabulary import Moment

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from datetime import datetime

    from .model import PainRecord, SessionRecord

BEFORE_WINDOW = timedelta(hours=1)
AFTER_WINDOW = timedelta(minutes=30)

_ENDED_AT = attrgetter("ended_at")
_LOGGED_AT = attrgetter("logged_at")


def _before_rating(session: SessionRecord, pain: Sequence[PainRecord]) -> PainRecord | None:
    """Return the latest before rating of the hour before the session or while it ran."""
    earliest = session.started_at - BEFORE_WINDOW
    for index in range(bisect_right(pain, session.ended_at, key=_LOGGED_AT) - 1, -1, -1):
        record = pain[index]
        if record.logged_at < earliest:
            return None
        if record.moment is Moment.BEFORE:
            return record
    return None


def _after_rating(session: SessionRecord, pain: Sequence[PainRecord]) -> PainRecord | None:
    """Return the first after rating of the 30 minutes after the session ended."""
    latest = session.ended_at + AFTER_WINDOW
    for index in range(bisect_left(pain, session.ended_at, key=_LOGGED_AT), len(pain)):
        record = pain[index]
        if record.logged_at > latest:
            return None
        if record.moment is Moment.AFTER:
            return record
    return None


def _ended_shortly_before(instant: datetime, sessions: Sequence[SessionRecord]) -> tuple[int, int]:
    """Return the index range of the sessions that ended in the 30 minutes up to `instant`."""
    first = bisect_left(sessions, instant - AFTER_WINDOW, key=_ENDED_AT)
    return first, bisect_right(sessions, instant, lo=first, key=_ENDED_AT)


def infer_moment(
    logged_at: datetime,
    sessions: Sequence[SessionRecord],
    running_started_at: datetime | None,
) -> Moment:
    """Return `after` if no session ran then and one had just ended, else `before`.

    `sessions` are sorted by `ended_at`. A session ran at `logged_at` if it ended
    after it and started no later, so only the sessions ending after `logged_at`
    are looked at (none, for a rating logged now), then those that ended in the
    30 minutes before it.
    """
    if running_started_at is not None and running_started_at <= logged_at:
        return Moment.BEFORE
    first, last = _ended_shortly_before(logged_at, sessions)
    if any(s.started_at <= logged_at < s.ended_at for s in sessions[last:]):
        return Moment.BEFORE
    return Moment.AFTER if first < last else Moment.BEFORE


def session_relief(session: SessionRecord, pain: Sequence[PainRecord]) -> int | None:
    """Return the session's relief, or None unless it has both ratings.

    `pain` is sorted by `logged_at`; only the ratings from an hour before the
    session started to 30 minutes after it ended are looked at.
    """
    before = _before_rating(session, pain)
    if before is None:
        return None
    after = _after_rating(session, pain)
    if after is None:
        return None
    return before.rating - after.rating


def _latest_first(sessions: Sequence[SessionRecord]) -> Iterator[SessionRecord]:
    """Yield sessions sorted by `ended_at` latest-ending first, ties in their given order."""
    index = len(sessions) - 1
    while index >= 0:
        first = index
        while first > 0 and sessions[first - 1].ended_at == sessions[index].ended_at:
            first -= 1
        yield from sessions[first : index + 1]
        index = first - 1


def reliefs(sessions: Sequence[SessionRecord], pain: Sequence[PainRecord]) -> Iterator[int]:
    """Yield the relief of every session that has both ratings, latest-ending first.

    `sessions` are sorted by `ended_at` and `pain` by `logged_at`. Lazily, walking
    back from the latest session, so a caller that wants the latest few stops early.
    """
    for session in _latest_first(sessions):
        relief = session_relief(session, pain)
        if relief is not None:
            yield relief


def latest_relief(sessions: Sequence[SessionRecord], pain: Sequence[PainRecord]) -> int | None:
    """Return the relief of the latest-ending session that has both ratings.

    `sessions` are sorted by `ended_at` and `pain` by `logged_at`.
    """
    return next(reliefs(sessions, pain), None)


def relief_after(
    rating: PainRecord,
    sessions: Sequence[SessionRecord],
    pain: Sequence[PainRecord],
) -> int | None:
    """Return the relief of the session an `after` rating follows, if any.

    `sessions` are sorted by `ended_at` and `pain` by `logged_at`. The rating
    counts whether or not `pain` holds it yet.
    """
    if rating.moment is not Moment.AFTER:
        return None
    first, last = _ended_shortly_before(rating.logged_at, sessions)
    if first == last:
        return None
    # The latest-ending one; of several ending together, the first given.
    index = last - 1
    while index > first and sessions[index - 1].ended_at == sessions[last - 1].ended_at:
        index -= 1
    followed = sessions[index]
    before = _before_rating(followed, pain)
    if before is None:
        return None
    # The rating lies in the session's after window, so it is its after rating
    # unless an earlier (or, being stored before it, equally timed) one is.
    after = _after_rating(followed, pain)
    if after is None or after.logged_at > rating.logged_at:
        after = rating
    return before.rating - after.rating
