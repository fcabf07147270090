"""The hourly statistics rules: pain per area and hour, mat minutes with an exact total."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, strategies as st

from custom_components.acupressure_mat.engine.model import PainRecord, SessionRecord
from custom_components.acupressure_mat.engine.statistics import (
    MinutesHour,
    PainHour,
    hour_of,
    minute_hours,
    pain_hour,
    pain_hours,
)
from custom_components.acupressure_mat.engine.timeline import ENDED, LOGGED
from custom_components.acupressure_mat.engine.vocabulary import Area, Moment

from .factories import T0, rating, session

MIN = timedelta(minutes=1)
SPAN = 3 * 24 * 60  # three days, in minutes


def test_an_hour_of_ratings_is_its_mean_min_and_max() -> None:
    ratings = [
        rating(T0 + 5 * MIN, 6, Moment.BEFORE),
        rating(T0 + 40 * MIN, 3, Moment.AFTER),
        rating(T0 + 41 * MIN, 9, Moment.OTHER, Area.NECK),
        rating(T0 + 61 * MIN, 2, Moment.OTHER),
    ]
    hours = pain_hours(ratings)
    assert hours[Area.BACK] == [
        PainHour(T0, 4.5, 3, 6),
        PainHour(T0 + timedelta(hours=1), 2.0, 2, 2),
    ]
    assert hours[Area.NECK] == [PainHour(T0, 9.0, 9, 9)]
    assert pain_hour(ratings, Area.BACK, T0) == PainHour(T0, 4.5, 3, 6)
    assert pain_hour(ratings, Area.FEET, T0) is None


def test_minutes_count_in_the_hour_a_session_started() -> None:
    # 23:50 to 00:10 belongs to 23:00, as a session belongs to the day it started in.
    late = datetime(2025, 6, 2, 23, 50, tzinfo=UTC)
    sessions = [session(late, 20), session(late + timedelta(hours=1), 12.5)]
    assert minute_hours(sessions) == [
        MinutesHour(hour_of(late), 20.0, 20.0),
        MinutesHour(hour_of(late) + timedelta(hours=1), 12.5, 32.5),
    ]
    assert minute_hours([]) == []


def test_the_hour_is_that_of_utc_whatever_the_offset() -> None:
    local = datetime.fromisoformat("2026-03-29T02:30:00+05:30")
    assert hour_of(local) == datetime(2026, 3, 28, 21, 0, tzinfo=UTC)


@st.composite
def sessions_by_end(draw: st.DrawFn) -> list[SessionRecord]:
    """Draw sessions of odd lengths, sorted by their end as a profile keeps them."""
    starts = draw(st.lists(st.integers(0, SPAN), max_size=25))
    lengths = st.floats(0.0, 180.0, allow_nan=False) | st.sampled_from([1 / 3, 19.9833, 0.1])
    found = [session(T0 + start * MIN, draw(lengths)) for start in starts]
    return sorted(found, key=ENDED)


@given(sessions=sessions_by_end(), since=st.integers(-120, SPAN + 240))
def test_minutes_from_an_hour_on_are_the_tail_of_all_hours(
    sessions: list[SessionRecord], since: int
) -> None:
    start = hour_of(T0 + since * MIN)
    everything = minute_hours(sessions)
    # What an update writes from an hour on is exactly what a backfill holds for those hours.
    assert minute_hours(sessions, start) == [row for row in everything if row.start >= start]
    assert [row.start for row in everything] == sorted({hour_of(s.started_at) for s in sessions})
    if everything:
        assert abs(everything[-1].total - sum(s.minutes for s in sessions)) < 0.001 * len(sessions)


@given(sessions=sessions_by_end())
def test_the_total_never_depends_on_the_order_of_addition(sessions: list[SessionRecord]) -> None:
    assert minute_hours(sorted(sessions, key=lambda s: s.minutes)) == minute_hours(sessions)


@st.composite
def ratings_by_time(draw: st.DrawFn) -> list[PainRecord]:
    """Draw ratings of random areas, sorted by time as a profile keeps them."""
    times = draw(st.lists(st.integers(0, SPAN), max_size=30))
    found = [
        PainRecord(
            logged_at=T0 + at * MIN,
            rating=draw(st.integers(0, 10)),
            area=draw(st.sampled_from(Area)),
            moment=Moment.OTHER,
        )
        for at in times
    ]
    return sorted(found, key=LOGGED)


@given(ratings=ratings_by_time(), area=st.sampled_from(Area), at=st.integers(0, SPAN))
def test_one_hour_is_the_same_as_in_all_hours(
    ratings: list[PainRecord], area: Area, at: int
) -> None:
    start = hour_of(T0 + at * MIN)
    hours = {row.start: row for row in pain_hours(ratings).get(area, [])}
    assert pain_hour(ratings, area, start) == hours.get(start)
    values = [r.rating for r in ratings if r.area is area and hour_of(r.logged_at) == start]
    if values:
        assert hours[start] == PainHour(start, sum(values) / len(values), min(values), max(values))
