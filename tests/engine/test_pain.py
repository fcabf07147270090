"""Tests of pain moments and relief."""

from datetime import timedelta

import pytest

from custom_components.acupressure_mat.engine.model import PainRecord
from custom_components.acupressure_mat.engine.pain import (
    infer_moment,
    latest_relief,
    relief_after,
    session_relief,
)
from custom_components.acupressure_mat.engine.vocabulary import Area, Moment

from .factories import T0, rating, session

MIN = timedelta(minutes=1)
SESSION = session(T0, 20)  # 12:00 to 12:20
END = SESSION.ended_at


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
    # Order of the input does not matter.
    assert session_relief(SESSION, pain[::-1]) == 4
    # The before rating may be logged while the session ran.
    during = [*pain, rating(END, 5, Moment.BEFORE)]
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
    assert latest_relief([later, SESSION], pain) == 3
    assert latest_relief([later], pain) is None
    assert latest_relief([], pain) is None


def test_relief_after() -> None:
    before = rating(T0, 8, Moment.BEFORE)
    after = rating(END + 5 * MIN, 6, Moment.AFTER)
    assert relief_after(after, [SESSION], [before, after]) == 2
    # The new rating counts even when the caller has not stored it yet.
    assert relief_after(after, [SESSION], [before]) == 2
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
