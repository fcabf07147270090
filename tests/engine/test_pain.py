"""Tests of pain moments and relief."""

from datetime import datetime, timedelta
from itertools import islice

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.acupressure_mat.engine.model import PainRecord, SessionRecord
from custom_components.acupressure_mat.engine.pain import (
    infer_moment,
    latest_relief,
    relief_after,
    reliefs,
    session_relief,
)
from custom_components.acupressure_mat.engine.vocabulary import Area, Moment

from .factories import T0, rating, session

MIN = timedelta(minutes=1)
SESSION = session(T0, 20)  # 12:00 to 12:20
END = SESSION.ended_at


def by_time(pain: list[PainRecord]) -> list[PainRecord]:
    """Sort ratings by time, as the engine keeps them."""
    return sorted(pain, key=lambda p: p.logged_at)


def by_end(sessions: list[SessionRecord]) -> list[SessionRecord]:
    """Sort sessions by end, as the engine keeps them."""
    return sorted(sessions, key=lambda s: s.ended_at)


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-1 * MIN, Moment.BEFORE),  # before it started
        (0 * MIN, Moment.BEFORE),  # as it started
        (10 * MIN, Moment.BEFORE),  # while it ran
        (20 * MIN, Moment.AFTER),  # as it ended
        (50 * MIN, Moment.AFTER),  # 30 minutes after
        (51 * MIN, Moment.BEFORE),  # too late
    ],
)
def test_infer_moment(offset: timedelta, expected: Moment) -> None:
    assert infer_moment(T0 + offset, [SESSION], None) is expected


def test_infer_moment_with_a_running_session() -> None:
    assert infer_moment(END + MIN, [SESSION], END) is Moment.BEFORE
    # A session started after the rating was not running when it was taken.
    assert infer_moment(END + MIN, [SESSION], END + 5 * MIN) is Moment.AFTER


def test_infer_moment_while_another_runs() -> None:
    # Ended 10 minutes ago, but a second recorded session was running then.
    second = session(END + 5 * MIN, 20)
    assert infer_moment(END + 10 * MIN, [SESSION, second], None) is Moment.BEFORE


def test_session_relief_windows() -> None:
    pain = [
        rating(T0 - 61 * MIN, 9, Moment.BEFORE),  # too early
        rating(T0 - 60 * MIN, 8, Moment.BEFORE),
        rating(T0 - 5 * MIN, 7, Moment.BEFORE, Area.NECK),
        rating(END - MIN, 6, Moment.AFTER),  # an after rating while it ran
        rating(END + 10 * MIN, 3, Moment.AFTER, Area.FEET),
        rating(END + 20 * MIN, 1, Moment.AFTER),
    ]
    assert session_relief(SESSION, pain) == 4
    # Both windows include their edges.
    edges = [rating(T0 - 60 * MIN, 8, Moment.BEFORE), rating(END + 30 * MIN, 3, Moment.AFTER)]
    assert session_relief(SESSION, edges) == 5
    # Order of the input does not matter.
    assert session_relief(SESSION, by_time(pain[::-1])) == 4
    # The before rating may be logged while the session ran.
    during = by_time([*pain, rating(END, 5, Moment.BEFORE)])
    assert session_relief(SESSION, during) == 2


@pytest.mark.parametrize(
    "pain",
    [
        [],
        [rating(T0 - 61 * MIN, 8, Moment.BEFORE), rating(END, 3, Moment.AFTER)],
        [rating(T0, 8, Moment.BEFORE), rating(END + 31 * MIN, 3, Moment.AFTER)],
        [rating(T0, 8, Moment.BEFORE), rating(END - MIN, 3, Moment.AFTER)],
        [rating(T0, 8, Moment.BEFORE), rating(END + MIN, 3, Moment.OTHER)],
        [rating(END + MIN, 8, Moment.BEFORE), rating(END + 2 * MIN, 3, Moment.AFTER)],
    ],
)
def test_session_relief_missing(pain: list[PainRecord]) -> None:
    assert session_relief(SESSION, pain) is None


def test_latest_relief_skips_sessions_without_both() -> None:
    later = session(T0 + timedelta(hours=5), 20)
    pain = [
        rating(T0, 8, Moment.BEFORE),
        rating(END + MIN, 5, Moment.AFTER),
        rating(later.started_at, 6, Moment.BEFORE),  # no after rating
    ]
    assert latest_relief(by_end([later, SESSION]), pain) == 3
    assert latest_relief([later], pain) is None
    assert latest_relief([], pain) is None


def test_relief_after() -> None:
    before = rating(T0, 8, Moment.BEFORE)
    after = rating(END + 5 * MIN, 6, Moment.AFTER)
    assert relief_after(after, [SESSION], [before, after]) == 2
    # The new rating counts even when the caller has not stored it yet.
    assert relief_after(after, [SESSION], [before]) == 2
    # Unstored, it still comes before a later after rating.
    later = rating(END + 10 * MIN, 1, Moment.AFTER)
    assert relief_after(after, [SESSION], [before, later]) == 2
    assert relief_after(before, [SESSION], [before, after]) is None
    late = rating(END + 31 * MIN, 6, Moment.AFTER)
    assert relief_after(late, [SESSION], [before, late]) is None


def test_relief_after_follows_the_latest_session() -> None:
    second = session(END + 2 * MIN, 5)
    pain = [
        rating(T0, 8, Moment.BEFORE),
        rating(second.started_at, 4, Moment.BEFORE),
    ]
    after = rating(second.ended_at + MIN, 1, Moment.AFTER)
    assert relief_after(after, [SESSION, second], [*pain, after]) == 3


def brute_moment(
    at: datetime, sessions: list[SessionRecord], running_started_at: datetime | None
) -> Moment:
    """The contract's rule read literally."""
    running = any(s.started_at <= at < s.ended_at for s in sessions) or (
        running_started_at is not None and running_started_at <= at
    )
    ended = any(at - 30 * MIN <= s.ended_at <= at for s in sessions)
    return Moment.AFTER if not running and ended else Moment.BEFORE


def brute_relief(s: SessionRecord, pain: list[PainRecord]) -> int | None:
    """Latest before rating of the hour before or while it ran, minus the first after one."""
    before = [
        p
        for p in pain
        if p.moment is Moment.BEFORE and s.started_at - 60 * MIN <= p.logged_at <= s.ended_at
    ]
    after = [
        p
        for p in pain
        if p.moment is Moment.AFTER and s.ended_at <= p.logged_at <= s.ended_at + 30 * MIN
    ]
    if not before or not after:
        return None
    return (
        max(before, key=lambda p: p.logged_at).rating - min(after, key=lambda p: p.logged_at).rating
    )


def brute_relief_after(
    new: PainRecord, sessions: list[SessionRecord], pain: list[PainRecord]
) -> int | None:
    if new.moment is not Moment.AFTER:
        return None
    ended = [s for s in sessions if new.logged_at - 30 * MIN <= s.ended_at <= new.logged_at]
    if not ended:
        return None
    followed = max(ended, key=lambda s: s.ended_at)
    return brute_relief(followed, pain if new in pain else [*pain, new])


# Whole minutes over eight hours, dense enough to hit the windows' edges, and unique
# so that "latest" and "first" are never ties.
SPAN = 8 * 60
TIMES = st.lists(st.integers(0, SPAN), unique=True, max_size=30)


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[SessionRecord], list[PainRecord]]:
    """Sessions sorted by end (some long, some overlapping) and ratings sorted by time."""
    sessions = [
        session(T0 + offset * MIN - length * MIN, length)
        for offset in draw(TIMES)
        for length in [draw(st.sampled_from([1, 5, 20, 45, 90, 600]))]
    ]
    pain = [
        rating(T0 + offset * MIN, draw(st.integers(0, 10)), draw(st.sampled_from(Moment)))
        for offset in draw(st.lists(st.integers(0, SPAN), unique=True, max_size=12))
    ]
    return by_end(sessions), by_time(pain)


INSTANTS = st.integers(-120, SPAN + 120).map(lambda m: T0 + m * MIN)
RUNNING = st.none() | INSTANTS


@settings(max_examples=500, deadline=None)
@given(history=histories(), at=INSTANTS, running=RUNNING)
def test_infer_moment_matches_brute_force(
    history: tuple[list[SessionRecord], list[PainRecord]],
    at: datetime,
    running: datetime | None,
) -> None:
    sessions, _ = history
    assert infer_moment(at, sessions, running) is brute_moment(at, sessions, running)


@settings(max_examples=500, deadline=None)
@given(history=histories(), count=st.integers(0, 5))
def test_reliefs_match_brute_force(
    history: tuple[list[SessionRecord], list[PainRecord]], count: int
) -> None:
    sessions, pain = history
    for s in sessions:
        assert session_relief(s, pain) == brute_relief(s, pain)
    latest_first = sorted(sessions, key=lambda s: s.ended_at, reverse=True)
    expected = [r for s in latest_first if (r := brute_relief(s, pain)) is not None]
    assert list(reliefs(sessions, pain)) == expected
    assert list(islice(reliefs(sessions, pain), count)) == expected[:count]
    assert latest_relief(sessions, pain) == next(iter(expected), None)


@settings(max_examples=500, deadline=None)
@given(
    history=histories(),
    at=INSTANTS,
    value=st.integers(0, 10),
    moment=st.sampled_from(Moment),
    stored=st.booleans(),
)
def test_relief_after_matches_brute_force(
    history: tuple[list[SessionRecord], list[PainRecord]],
    at: datetime,
    value: int,
    moment: Moment,
    stored: bool,
) -> None:
    sessions, pain = history
    # The new rating's time is its own, as when it is logged.
    pain = [p for p in pain if p.logged_at != at]
    new = rating(at, value, moment)
    if stored:
        pain = by_time([*pain, new])
    expected = brute_relief_after(new, sessions, pain)
    assert relief_after(new, sessions, pain) == expected
