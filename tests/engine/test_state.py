"""Tests of the profile's read-outs, history and stored form."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.acupressure_mat.engine.model import Settings
from custom_components.acupressure_mat.engine.profile import MatProfile
from custom_components.acupressure_mat.engine.vocabulary import Area, Moment

from .factories import T0

MIN = timedelta(minutes=1)
DAY = timedelta(days=1)
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def test_empty_profile() -> None:
    profile = MatProfile(Settings())
    assert profile.streak(T0) == 0
    assert profile.longest_streak(T0) == 0
    assert profile.minutes_today(T0) == 0
    assert profile.sessions_completed == 0
    assert profile.last_session_at is None
    assert profile.last_pain is None
    assert profile.pain_relief is None
    assert profile.next_session_minutes(T0) == 5


def test_night_session_counts_for_the_evening_before() -> None:
    profile = MatProfile(Settings(tz=BERLIN, day_starts_at=4))
    evening = datetime(2025, 6, 2, 21, 0, tzinfo=BERLIN)
    night = datetime(2025, 6, 3, 1, 30, tzinfo=BERLIN)
    profile.log_session(evening + 10 * MIN, minutes=10)
    profile.log_session(night + 5 * MIN, minutes=5)
    assert profile.minutes_today(night + 10 * MIN) == 15.0
    assert profile.streak(night + 10 * MIN) == 1
    morning = datetime(2025, 6, 3, 8, 0, tzinfo=BERLIN)
    assert profile.minutes_today(morning) == 0
    assert profile.streak(morning) == 1


def test_minutes_today_rounds_and_skips_the_running_session() -> None:
    profile = MatProfile(Settings())
    profile.start(T0)
    profile.stop(T0 + timedelta(minutes=3, seconds=8))
    profile.start(T0 + 10 * MIN)
    assert profile.minutes_today(T0 + 12 * MIN) == 3.1


@pytest.mark.parametrize("zone", [BERLIN, NEW_YORK])
def test_streak_across_dst_switches(zone: ZoneInfo) -> None:
    profile = MatProfile(Settings(tz=zone, day_starts_at=4))
    # Nightly at 00:30 local through both switches of 2025.
    day = datetime(2025, 3, 1, 0, 30, tzinfo=zone)
    for _ in range(300):
        profile.log_session(day.astimezone(UTC) + 20 * MIN, minutes=20)
        day = (day + DAY).replace(tzinfo=zone)
    now = (day - DAY + 2 * timedelta(hours=1)).astimezone(UTC)
    assert profile.streak(now) == 300
    assert profile.longest_streak(now) == 300
    assert profile.minutes_today(now) == 20


def schedule(zone: ZoneInfo) -> MatProfile:
    """Daily sessions at 01:00 local with a gap; same wall clock in any zone."""
    profile = MatProfile(Settings(tz=zone, day_starts_at=4, rest_days_per_week=1))
    for day in [*range(10), 11, 12, *range(15, 40)]:
        local = datetime(2025, 3, 20, 1, 0, tzinfo=zone) + day * DAY
        profile.log_session(local.replace(tzinfo=zone) + 10 * MIN, minutes=10)
    return profile


def test_same_local_schedule_in_other_zones() -> None:
    results = set()
    for zone in (BERLIN, NEW_YORK, ZoneInfo("Asia/Tokyo"), ZoneInfo("UTC")):
        profile = schedule(zone)
        now = datetime(2025, 4, 28, 12, 0, tzinfo=zone)
        results.add((profile.streak(now), profile.longest_streak(now)))
    assert results == {(25, 25)}


@settings(max_examples=40, deadline=None)
@given(
    offsets=st.lists(st.integers(0, 60 * 24 * 40), min_size=1, max_size=40),
    order=st.randoms(use_true_random=False),
    rest=st.integers(0, 3),
)
def test_logging_order_does_not_change_streaks(
    offsets: list[int], order: object, rest: int
) -> None:
    config = Settings(tz=BERLIN, rest_days_per_week=rest)
    now = T0 + 41 * DAY
    ends = [T0 + offset * MIN for offset in offsets]
    first = MatProfile(config)
    for end in ends:
        first.log_session(now, minutes=5, ended_at=end)
    shuffled = list(ends)
    order.shuffle(shuffled)  # type: ignore[attr-defined]
    second = MatProfile(config)
    for end in shuffled:
        second.log_session(now, minutes=5, ended_at=end)
    assert second.streak(now) == first.streak(now)
    assert second.longest_streak(now) == first.longest_streak(now)
    assert second.sessions == first.sessions


def filled() -> MatProfile:
    profile = MatProfile(Settings(tz=BERLIN))
    profile.log_session(T0 - 40 * DAY, minutes=10)
    profile.log_pain(T0 - 40 * DAY, rating=8, area=Area.BACK, moment=Moment.BEFORE, note=None)
    profile.log_session(T0 - DAY, minutes=10)
    profile.log_pain(T0 - DAY, rating=2, area=Area.FEET, moment=Moment.AFTER, note="better")
    profile.start(T0 - 10 * MIN)
    profile.settle(T0)
    profile.start(T0 + MIN)
    profile.pause(T0 + 2 * MIN)
    return profile


def test_history() -> None:
    response = filled().history(T0 + 5 * MIN, 30)
    assert response == {
        "sessions": [
            {
                "started_at": "2025-06-01T13:50:00+02:00",
                "ended_at": "2025-06-01T14:00:00+02:00",
                "planned_minutes": 10,
                "minutes": 10.0,
                "outcome": "logged",
            },
            {
                "started_at": "2025-06-02T13:50:00+02:00",
                "ended_at": "2025-06-02T13:57:00+02:00",
                "planned_minutes": 7,
                "minutes": 7.0,
                "outcome": "completed",
            },
        ],
        "pain": [
            {
                "logged_at": "2025-06-01T14:00:00+02:00",
                "rating": 2,
                "area": "feet",
                "moment": "after",
                "note": "better",
            }
        ],
        "streak": 2,
        "longest_streak": 2,
        "ramp_minutes": 9,
    }


def test_round_trip() -> None:
    profile = filled()
    data = profile.to_dict()
    restored = MatProfile.from_dict(data, profile.settings)
    assert restored.to_dict() == data
    assert restored.running == profile.running
    assert restored.sessions == profile.sessions
    assert restored.pain == profile.pain
    assert restored.ramp_level == profile.ramp_level
    empty = MatProfile(Settings())
    assert MatProfile.from_dict(empty.to_dict(), Settings()).to_dict() == {
        "ramp_level": 5,
        "sessions": [],
        "pain": [],
        "running": None,
    }


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"sessions": {}}, TypeError),
        ({"pain": None}, TypeError),
        ({"ramp_level": "5"}, TypeError),
        ({"running": {"started_at": "x"}}, KeyError),
        ({"sessions": [{"started_at": "2025-06-02T12:00:00"}]}, ValueError),
        ({"pain": [[1, 2]]}, TypeError),
    ],
)
def test_malformed(change: dict[str, object], error: type[Exception]) -> None:
    data = filled().to_dict() | change
    with pytest.raises(error):
        MatProfile.from_dict(data, Settings())


def test_malformed_missing_and_wrong_shape() -> None:
    with pytest.raises(KeyError):
        MatProfile.from_dict({"ramp_level": 5}, Settings())
    with pytest.raises(TypeError):
        MatProfile.from_dict([], Settings())  # type: ignore[arg-type]


def test_insights_follow_every_change_and_each_mat_day() -> None:
    profile = MatProfile(Settings(tz=BERLIN, day_starts_at=4))
    now = datetime(2025, 6, 2, 21, 0, tzinfo=BERLIN)
    empty = profile.readout(now)
    assert (empty.pain_average_30d, empty.pain_change_30d, empty.relief_average) == (None,) * 3
    assert (empty.sessions_7d, empty.minutes_7d) == (0, 0.0)
    for day in range(3):
        start = now - day * DAY - 30 * MIN
        profile.log_pain(now, rating=6, moment=Moment.BEFORE, logged_at=start - MIN)
        profile.log_session(now, minutes=15, ended_at=start + 15 * MIN)
        profile.log_pain(now, rating=3, moment=Moment.AFTER, logged_at=start + 16 * MIN)
    shown = profile.readout(now)
    assert (shown.pain_average_30d, shown.relief_average) == (6.0, 3.0)
    assert (shown.sessions_7d, shown.minutes_7d) == (3, 45.0)
    # A logged session and rating show at once, on the same mat day: relief 6 - 0 joins in.
    profile.log_session(now, minutes=5)
    assert profile.readout(now).relief_average == 3.0
    profile.log_pain(now, rating=0, moment=Moment.AFTER)
    shown = profile.readout(now)
    assert (shown.sessions_7d, shown.minutes_7d, shown.relief_average) == (4, 50.0, 3.8)
    # The oldest of them leaves the 7 mat days when the eighth mat day begins.
    late = datetime(2025, 6, 7, 3, 59, tzinfo=BERLIN)
    assert profile.readout(late).sessions_7d == 4
    assert profile.next_change(late) == datetime(2025, 6, 7, 4, 0, tzinfo=BERLIN)
    assert profile.readout(late + MIN).sessions_7d == 3
    # And the ratings leave the 30 days as time goes on.
    assert profile.readout(now + 27 * DAY).pain_average_30d == 6.0
    assert profile.readout(now + 28 * DAY).pain_average_30d is None


def test_insights_response() -> None:
    profile = filled()
    response = profile.insights(T0 + 5 * MIN)
    assert set(response) == {
        "pain_average_30d",
        "pain_change_30d",
        "relief_average",
        "sessions_7d",
        "minutes_7d",
        "areas",
        "weeks",
    }
    assert response["areas"] == {"feet": 2.0}
    assert (response["sessions_7d"], response["minutes_7d"]) == (2, 17.0)
    assert len(response["weeks"]) == 12
    assert response["weeks"][-1] == {
        "week_start": "2025-06-02",
        "sessions": 1,
        "minutes": 7.0,
        "pain_average": None,
    }
    assert response["weeks"][-2]["sessions"] == 1


@given(
    sessions=st.integers(0, 6),
    ratings=st.lists(st.sampled_from([Area.BACK, Area.NECK]), max_size=8),
    latest=st.integers(1, 5),
    area=st.none() | st.sampled_from([Area.BACK, Area.NECK]),
)
def test_the_latest_records_of_a_history_are_its_tail_and_count_the_rest(
    sessions: int, ratings: list[Area], latest: int, area: Area | None
) -> None:
    profile = MatProfile(Settings(tz=UTC))
    for day in range(sessions):
        profile.log_session(T0, minutes=5, ended_at=T0 - timedelta(days=day + 1))
    for minute, where in enumerate(ratings):
        profile.log_pain(
            T0, rating=minute % 11, area=where, logged_at=T0 - timedelta(minutes=minute)
        )
    everything = profile.history(T0, 30)
    chosen = [p for p in everything["pain"] if area is None or p["area"] == area]
    found = profile.history(T0, 30, latest=latest, area=area)
    assert found["sessions"] == everything["sessions"][-latest:]
    assert found["pain"] == chosen[-latest:]
    assert found["earlier_sessions"] == max(0, sessions - latest)
    assert found["earlier_ratings"] == max(0, len(chosen) - latest)
    assert "earlier_sessions" not in everything
