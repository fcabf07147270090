"""Tests of the comparison of sleep on mat nights with the other nights."""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, strategies as st

from custom_components.acupressure_mat.engine.sleep import (
    SleepComparison,
    compare,
    nights,
    reading_start,
)

TODAY = date(2026, 11, 24)
NIGHTS = st.dictionaries(st.integers(0, 40), st.floats(0, 12, allow_nan=False), max_size=40)
DAYS = st.sets(st.integers(0, 40), max_size=40)


def back(days: int) -> date:
    return TODAY - timedelta(days=days)


@given(readings=NIGHTS, session_days=DAYS)
def test_compare_matches_counting_by_hand(
    readings: dict[int, float], session_days: set[int]
) -> None:
    result = compare(
        {back(d): v for d, v in readings.items()}, {back(d) for d in session_days}, TODAY
    )
    window = {d: v for d, v in readings.items() if 1 <= d <= 30}
    on_mat = [v for d, v in window.items() if d in session_days]
    other = [v for d, v in window.items() if d not in session_days]
    assert (result.mat_nights_count, result.other_nights_count) == (len(on_mat), len(other))
    if len(on_mat) >= 3 and len(other) >= 3:
        assert result.mat_nights == round(sum(on_mat) / len(on_mat), 1)
        assert result.other_nights == round(sum(other) / len(other), 1)
    else:
        assert (result.mat_nights, result.other_nights) == (None, None)


def test_tonight_has_no_reading_yet_and_the_window_is_thirty_nights() -> None:
    assert nights(TODAY)[-1] == back(1)
    assert nights(TODAY)[0] == back(30)
    assert len(nights(TODAY)) == 30


def test_a_nights_reading_is_the_hour_before_noon_the_next_morning() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    assert reading_start(date(2026, 3, 28), berlin).isoformat() == "2026-03-29T09:00:00+00:00"
    assert reading_start(date(2026, 11, 23), berlin).isoformat() == "2026-11-24T10:00:00+00:00"


def test_the_response_form() -> None:
    assert SleepComparison().to_dict() == {
        "mat_nights": None,
        "other_nights": None,
        "mat_nights_count": 0,
        "other_nights_count": 0,
    }
