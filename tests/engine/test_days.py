"""Tests of mat days and when the next one begins."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings, strategies as st
import pytest

from custom_components.acupressure_mat.engine.days import (
    day_start,
    mat_day,
    next_day_start,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
APIA = ZoneInfo("Pacific/Apia")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")


@pytest.mark.parametrize(
    ("local", "hour", "expected"),
    [
        (datetime(2025, 6, 3, 1, 30, tzinfo=BERLIN), 4, date(2025, 6, 2)),
        (datetime(2025, 6, 3, 3, 59, tzinfo=BERLIN), 4, date(2025, 6, 2)),
        (datetime(2025, 6, 3, 4, 0, tzinfo=BERLIN), 4, date(2025, 6, 3)),
        (datetime(2025, 6, 3, 0, 0, tzinfo=BERLIN), 0, date(2025, 6, 3)),
        # Spring forward: 03:30 CEST is still before 04:00 on the wall clock.
        (datetime(2025, 3, 30, 3, 30, tzinfo=BERLIN), 4, date(2025, 3, 29)),
        (datetime(2025, 3, 30, 4, 0, tzinfo=BERLIN), 4, date(2025, 3, 30)),
        # Fall back: both readings of 01:30 belong to the evening before.
        (datetime(2025, 11, 2, 1, 30, tzinfo=NEW_YORK), 4, date(2025, 11, 1)),
        (datetime(2025, 11, 2, 1, 30, fold=1, tzinfo=NEW_YORK), 4, date(2025, 11, 1)),
    ],
)
def test_mat_day(local: datetime, hour: int, expected: date) -> None:
    assert local.tzinfo is not None
    assert mat_day(local.astimezone(UTC), local.tzinfo, hour) == expected


def test_next_day_start_plain() -> None:
    now = datetime(2025, 6, 3, 1, 30, tzinfo=BERLIN)
    assert next_day_start(now, BERLIN, 4) == datetime(2025, 6, 3, 2, 0, tzinfo=UTC)
    later = datetime(2025, 6, 3, 5, 0, tzinfo=BERLIN)
    assert next_day_start(later, BERLIN, 4) == datetime(2025, 6, 4, 2, 0, tzinfo=UTC)
    assert next_day_start(later, BERLIN, 4).tzinfo is UTC


def test_day_start_in_gap_is_end_of_gap() -> None:
    # 02:00 does not exist in Berlin on 2025-03-30; the day begins at 03:00 CEST.
    assert day_start(date(2025, 3, 30), BERLIN, 2) == datetime(2025, 3, 30, 1, 0, tzinfo=UTC)


def test_day_start_in_skipped_day() -> None:
    # Samoa skipped 2011-12-30 entirely; that day begins when 12-31 does.
    start = day_start(date(2011, 12, 30), APIA, 4)
    assert start == datetime(2011, 12, 30, 10, 0, tzinfo=UTC)
    assert start.astimezone(APIA) == datetime(2011, 12, 31, 0, 0, tzinfo=APIA)


def test_day_start_repeated_hour_takes_first() -> None:
    start = day_start(date(2025, 11, 2), NEW_YORK, 1)
    assert start == datetime(2025, 11, 2, 5, 0, tzinfo=UTC)  # 01:00 EDT


@settings(max_examples=200, deadline=None)
@given(
    # Hypothesis takes naive bounds and attaches the time zone itself.
    instant=st.datetimes(
        min_value=datetime(2010, 1, 1),  # noqa: DTZ001
        max_value=datetime(2030, 1, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    zone=st.sampled_from([BERLIN, NEW_YORK, APIA, LORD_HOWE, UTC]),
    hour=st.integers(0, 6),
)
def test_next_day_start_is_the_next_boundary(instant: datetime, zone: ZoneInfo, hour: int) -> None:
    nxt = next_day_start(instant, zone, hour)
    assert nxt > instant
    assert mat_day(nxt, zone, hour) > mat_day(instant, zone, hour)
    assert mat_day(nxt - timedelta(seconds=1), zone, hour) == mat_day(instant, zone, hour)
