"""Tests of the insights: pain averages, relief, practice by mat day and weeks."""

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.acupressure_mat.engine import insights
from custom_components.acupressure_mat.engine.days import mat_day
from custom_components.acupressure_mat.engine.model import PainRecord, SessionRecord, Settings
from custom_components.acupressure_mat.engine.vocabulary import Area, Moment, Outcome

from .factories import rating, session

MIN = timedelta(minutes=1)
DAY = timedelta(days=1)
# Just after the clocks went back in New York, a week after Berlin: mat days of 23 and 25 hours.
NOW = datetime(2025, 11, 2, 18, 0, tzinfo=UTC)
ZONES = [
    UTC,
    ZoneInfo("Europe/Berlin"),
    ZoneInfo("America/New_York"),
    ZoneInfo("Australia/Lord_Howe"),
    ZoneInfo("Asia/Kathmandu"),
]


def mean(values: list[int] | list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def before_in(pain: list[PainRecord], since: datetime, until: datetime) -> list[int]:
    return [p.rating for p in pain if since < p.logged_at <= until and p.moment is Moment.BEFORE]


def brute_relief(s: SessionRecord, pain: list[PainRecord]) -> int | None:
    """The contract's rule read literally: latest before in the hour before or while it ran."""
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
    latest = max(before, key=lambda p: p.logged_at)
    first = min(after, key=lambda p: p.logged_at)
    return latest.rating - first.rating


def brute_day(config: Settings, instant: datetime) -> date:
    return mat_day(instant, config.tz, config.day_starts_at)


# Unique whole-minute offsets, so no two records share a time and "latest" is never a tie.
OFFSETS = st.lists(st.integers(0, 100 * 24 * 60), unique=True, max_size=40)


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[SessionRecord], list[PainRecord], Settings]:
    """Sessions (some paused for days) and ratings of the last 100 days, in some time zone."""
    config = Settings(tz=draw(st.sampled_from(ZONES)), day_starts_at=draw(st.integers(0, 6)))
    sessions = []
    for offset in draw(OFFSETS):
        minutes = draw(st.integers(1, 1800)) / 10
        paused = timedelta(minutes=draw(st.sampled_from([0, 0, 0, 30, 600, 4000, 7200])))
        end = NOW - timedelta(minutes=offset)
        outcome = draw(st.sampled_from(Outcome))
        sessions.append(
            SessionRecord(
                started_at=end - timedelta(minutes=minutes) - paused,
                ended_at=end,
                planned_minutes=180,
                minutes=minutes,
                outcome=outcome,
            )
        )
    pain = [
        PainRecord(
            logged_at=NOW - timedelta(minutes=offset),
            rating=draw(st.integers(0, 10)),
            area=draw(st.sampled_from(Area)),
            moment=draw(st.sampled_from(Moment)),
        )
        for offset in draw(st.lists(st.integers(0, 65 * 24 * 60), unique=True, max_size=60))
    ]
    sessions.sort(key=lambda s: s.ended_at)
    pain.sort(key=lambda p: p.logged_at)
    return sessions, pain, config


HISTORIES = histories()
NOWS = st.integers(0, 3 * 24 * 60).map(lambda m: NOW + timedelta(minutes=m))


@settings(max_examples=200, deadline=None)
@given(history=HISTORIES, now=NOWS)
def test_pain_averages_match_brute_force(history: Any, now: datetime) -> None:
    _, pain, _ = history
    recent = before_in(pain, now - 30 * DAY, now)
    earlier = before_in(pain, now - 60 * DAY, now - 30 * DAY)
    expected = mean(recent) if len(recent) >= 3 else None
    assert insights.pain_average_30d(pain, now) == expected
    change = insights.pain_change_30d(pain, now)
    if len(recent) < 3 or len(earlier) < 3:
        assert change is None
    else:
        assert change == round(sum(recent) / len(recent) - sum(earlier) / len(earlier), 1)


@settings(max_examples=200, deadline=None)
@given(history=HISTORIES)
def test_relief_average_matches_brute_force(history: Any) -> None:
    sessions, pain, _ = history
    found = [r for s in reversed(sessions) if (r := brute_relief(s, pain)) is not None][:10]
    expected = mean(found) if len(found) >= 3 else None
    assert insights.relief_average(sessions, pain) == expected


@settings(max_examples=200, deadline=None)
@given(history=HISTORIES, now=NOWS)
def test_last_7_days_match_brute_force(history: Any, now: datetime) -> None:
    sessions, _, config = history
    today = brute_day(config, now)
    started = [s for s in sessions if 0 <= (today - brute_day(config, s.started_at)).days < 7]
    practice = insights.last_7_days(sessions, now, config)
    assert practice.sessions == len(started)
    assert practice.minutes == pytest.approx(round(sum(s.minutes for s in started), 1))


@settings(max_examples=200, deadline=None)
@given(history=HISTORIES, now=NOWS)
def test_areas_and_weeks_match_brute_force(history: Any, now: datetime) -> None:
    sessions, pain, config = history
    recent = [p for p in pain if now - 30 * DAY < p.logged_at <= now]
    expected = {a: mean([p.rating for p in recent if p.area is a]) for a in Area}
    assert insights.areas(pain, now) == {a: m for a, m in expected.items() if m is not None}

    today = brute_day(config, now)
    found = insights.weeks(sessions, pain, now, config)
    assert len(found) == 12
    assert found[-1].week_start <= today < found[-1].week_start + 7 * DAY
    for earlier, later in pairwise(found):
        assert later.week_start - earlier.week_start == 7 * DAY
    for week in found:
        assert week.week_start.weekday() == 0

        def in_week(instant: datetime, start: date = week.week_start) -> bool:
            return 0 <= (brute_day(config, instant) - start).days < 7

        started = [s for s in sessions if in_week(s.started_at)]
        ratings = [p.rating for p in pain if p.moment is Moment.BEFORE and in_week(p.logged_at)]
        assert week.sessions == len(started)
        assert week.minutes == pytest.approx(round(sum(s.minutes for s in started), 1))
        assert week.pain_average == mean(ratings)


def test_too_few_ratings_make_no_average() -> None:
    pain = [rating(NOW - i * DAY, 4, Moment.BEFORE) for i in range(2)]
    pain += [rating(NOW - 40 * DAY + i * DAY, 6, Moment.BEFORE) for i in range(5)]
    pain += [rating(NOW - i * MIN, 9, Moment.AFTER) for i in range(5)]
    pain.sort(key=lambda p: p.logged_at)
    assert insights.pain_average_30d(pain, NOW) is None
    assert insights.pain_change_30d(pain, NOW) is None
    pain.append(rating(NOW, 7, Moment.BEFORE))
    assert insights.pain_average_30d(pain, NOW) == 5.0
    assert insights.pain_change_30d(pain, NOW) == -1.0


def test_change_rounds_the_difference_of_unrounded_means() -> None:
    # 3.25 (shown 3.2) minus 2.0: the difference is 1.25, rounded once to 1.2 (not 1.2 - 0.0).
    recent = [rating(NOW - i * DAY, r, Moment.BEFORE) for i, r in enumerate([3, 3, 3, 4])]
    earlier = [rating(NOW - (31 + i) * DAY, 2, Moment.BEFORE) for i in range(3)]
    pain = sorted(recent + earlier, key=lambda p: p.logged_at)
    assert insights.pain_average_30d(pain, NOW) == 3.2
    assert insights.pain_change_30d(pain, NOW) == round(3.25 - 2.0, 1)


def test_window_edges() -> None:
    # A rating exactly 30 days old belongs to the earlier window, not the recent one.
    pain = [rating(NOW - 30 * DAY, 10, Moment.BEFORE)] + [
        rating(NOW - i * MIN, 1, Moment.BEFORE) for i in (2, 1, 0)
    ]
    assert insights.pain_average_30d(pain, NOW) == 1.0
    assert insights.areas(pain, NOW) == {Area.BACK: 1.0}


def test_relief_average_of_the_latest_ten() -> None:
    sessions = [session(NOW - (20 - i) * DAY) for i in range(12)]
    pain = []
    for i, s in enumerate(sessions):
        pain += [rating(s.started_at - MIN, 5, Moment.BEFORE)]
        pain += [rating(s.ended_at + MIN, 5 - (1 if i < 2 else 3), Moment.AFTER)]
    pain.sort(key=lambda p: p.logged_at)
    # The two oldest had relief 1 and fall outside the latest ten.
    assert insights.relief_average(sessions, pain) == 3.0
    assert insights.relief_average(sessions[:2], pain) is None


def test_no_sessions_count_zero() -> None:
    practice = insights.last_7_days([], NOW, Settings())
    assert (practice.sessions, practice.minutes) == (0, 0.0)
    assert isinstance(practice.minutes, float)
    week = insights.weeks([], [], NOW, Settings())[-1]
    assert (week.sessions, week.minutes, week.pain_average) == (0, 0.0, None)
    assert week.to_dict() == {
        "week_start": "2025-10-27",
        "sessions": 0,
        "minutes": 0.0,
        "pain_average": None,
    }


def test_a_night_session_counts_for_the_day_it_started() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    config = Settings(tz=berlin, day_starts_at=4)
    # Monday 03:30 belongs to Sunday, the last day of the week before.
    monday_night = datetime(2025, 10, 27, 3, 30, tzinfo=berlin)
    sessions = [session(monday_night, 20)]
    saturday = datetime(2025, 11, 2, 3, 0, tzinfo=berlin)  # still Saturday by mat day
    assert insights.last_7_days(sessions, saturday, config).sessions == 1
    now = datetime(2025, 11, 2, 5, 0, tzinfo=berlin)  # Sunday: that Sunday left the 7 days
    assert insights.last_7_days(sessions, now, config).sessions == 0
    found = insights.weeks(sessions, [], now, config)
    assert (found[-2].week_start, found[-2].sessions) == (date(2025, 10, 20), 1)
    assert found[-1].sessions == 0


def test_a_long_pause_still_counts_by_start_day() -> None:
    # Started 8 mat days ago, paused for two days, ended 6 days ago: out of the 7 days.
    start = NOW - 8 * DAY - 60 * MIN
    paused = SessionRecord(
        started_at=start,
        ended_at=start + 2 * DAY,
        planned_minutes=20,
        minutes=20.0,
        outcome=Outcome.STOPPED,
    )
    recent = session(NOW - 3 * DAY, 12.5)
    sessions = [paused, recent]
    practice = insights.last_7_days(sessions, NOW, Settings())
    assert (practice.sessions, practice.minutes) == (1, 12.5)
    # Seen a day earlier it started 7 mat days before: still out, though it ended inside.
    assert insights.last_7_days([paused], NOW - DAY, Settings()).sessions == 0
    # Seen two days earlier it started 6 mat days before, and counts, two days before its end.
    assert insights.last_7_days([paused], NOW - 2 * DAY, Settings()).sessions == 1


def test_costs_stay_with_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    # Ten years of a daily session and rating: only the weeks looked at are read.
    sessions = [session(NOW - i * DAY - 60 * MIN) for i in range(3650, -1, -1)]
    pain = [rating(NOW - i * DAY, 3, Moment.BEFORE) for i in range(3650, 0, -1)]
    calls = 0
    real = insights.mat_day

    def counted(*args: Any) -> date:
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(insights, "mat_day", counted)
    practice = insights.last_7_days(sessions, NOW, Settings())
    found = insights.weeks(sessions, pain, NOW, Settings())
    assert practice.sessions == 7
    assert sum(w.sessions for w in found) == 7 * 11 + found[-1].sessions
    assert calls < 2 * (7 + 7 * 12 + 10)
