"""Pain ratings around sessions: inferred moments and relief."""

from bisect import bisect_left, bisect_right
from datetime import timedelta
from operator import attrgetter
from typing import TYPE_CHECKING

from .vocabulary import Moment

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from datetime import datetime

    from .model import PainRecord, SessionRecord

BEFORE_WINDOW = timedelta(hours=1)
AFTER_WINDOW = timedelta(minutes=30)


class _Ratings:
    """Before and after ratings sorted by time, for fast window look-ups."""

    __slots__ = ("_after", "_after_times", "_before", "_before_times")

    def __init__(self, pain: Iterable[PainRecord]) -> None:
        """Split the ratings by moment, each in time order."""
        ordered = sorted(pain, key=attrgetter("logged_at"))
        self._before = [p for p in ordered if p.moment is Moment.BEFORE]
        self._before_times = [p.logged_at for p in self._before]
        self._after = [p for p in ordered if p.moment is Moment.AFTER]
        self._after_times = [p.logged_at for p in self._after]

    def relief(self, session: SessionRecord) -> int | None:
        """Return the session's before rating minus its after rating."""
        last = bisect_right(self._before_times, session.ended_at) - 1
        if last < 0 or self._before_times[last] < session.started_at - BEFORE_WINDOW:
            return None
        first = bisect_left(self._after_times, session.ended_at)
        if (
            first == len(self._after_times)
            or self._after_times[first] > session.ended_at + AFTER_WINDOW
        ):
            return None
        return self._before[last].rating - self._after[first].rating


def _ended_shortly_before(session: SessionRecord, instant: datetime) -> bool:
    """Tell whether the session ended in the 30 minutes up to `instant`."""
    return instant - AFTER_WINDOW <= session.ended_at <= instant


def infer_moment(
    logged_at: datetime,
    sessions: Sequence[SessionRecord],
    running_started_at: datetime | None,
) -> Moment:
    """Return `after` if no session ran then and one had just ended, else `before`."""
    if running_started_at is not None and running_started_at <= logged_at:
        return Moment.BEFORE
    if any(s.started_at <= logged_at < s.ended_at for s in sessions):
        return Moment.BEFORE
    if any(_ended_shortly_before(s, logged_at) for s in sessions):
        return Moment.AFTER
    return Moment.BEFORE


def session_relief(session: SessionRecord, pain: Sequence[PainRecord]) -> int | None:
    """Return the session's relief, or None unless it has both ratings."""
    return _Ratings(pain).relief(session)


def reliefs(sessions: Sequence[SessionRecord], pain: Iterable[PainRecord]) -> Iterator[int]:
    """Yield the relief of every session that has both ratings, latest-ending first."""
    ratings = _Ratings(pain)
    # Lazily, so a caller that wants the latest few stops walking back early.
    for session in sorted(sessions, key=attrgetter("ended_at"), reverse=True):
        relief = ratings.relief(session)
        if relief is not None:
            yield relief


def latest_relief(sessions: Sequence[SessionRecord], pain: Sequence[PainRecord]) -> int | None:
    """Return the relief of the latest-ending session that has both ratings."""
    return next(reliefs(sessions, pain), None)


def relief_after(
    rating: PainRecord,
    sessions: Sequence[SessionRecord],
    pain: Sequence[PainRecord],
) -> int | None:
    """Return the relief of the session an `after` rating follows, if any."""
    if rating.moment is not Moment.AFTER:
        return None
    ended = [s for s in sessions if _ended_shortly_before(s, rating.logged_at)]
    if not ended:
        return None
    followed = max(ended, key=attrgetter("ended_at"))
    ratings = pain if rating in pain else [*pain, rating]
    return session_relief(followed, ratings)
