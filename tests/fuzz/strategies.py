"""Hostile values: for each kind of field a pair of strategies, (valid, hostile)."""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, timezone
import math
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from tests.helpers import START

PLAYERS = "media_player_entity_id"
PROFILE_ID = "01JMATPROFILE0000000000000"
UNLOADED_ID = "01JMATUNLOADED000000000000"
FOREIGN_ID = "01JFOREIGNENTRY00000000000"
BERLIN = ZoneInfo("Europe/Berlin")

type Pair = tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]

HUGE_INT = 10**5000  # more digits than Python turns into text by default
FLOAT_BREAKER = 2**1100  # an int too large for a float
SPECIAL_TEXT = st.sampled_from(
    [
        "",
        " ",
        "x" * 10_000,
        "\ud800",  # a lone surrogate, which UTF-8 cannot encode
        "a\udfffb",
        "\x00",
        "é💥\u202e\u200b",
        "null",
        "None",
        "nan",
        "inf",
        "-1",
        "1e400",
        "0x10",
        "1_0",
        "\uff15",  # a full-width digit five, which int() reads as 5
        "{{ 4 }}",
    ]
)
NUMBERS = st.one_of(
    st.sampled_from(
        [0, -1, HUGE_INT, -HUGE_INT, FLOAT_BREAKER, -FLOAT_BREAKER, 2**63, -(2**63) - 1]
    ),
    st.sampled_from([math.nan, math.inf, -math.inf, -0.0, 1e300, 5e-324, 3.7, 4.0, 0.5]),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
)
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, SPECIAL_TEXT, st.text(max_size=20))
JUNK = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(st.text(max_size=5), SCALARS, max_size=2),
    st.sampled_from([(), (1,), b"bytes", date(2026, 11, 24), timedelta(minutes=5), object()]),
)


def _as_text(value: object) -> str:
    """Return a value as the text an automation might send instead."""
    return str(value)


def _iso(value: datetime) -> str:
    """Return a time as ISO 8601 text."""
    return value.isoformat()


def _naive(value: datetime) -> datetime:
    """Drop the zone: Home Assistant reads such a time in its own zone."""
    return value.replace(tzinfo=None)


def _around_now(seconds: int, zone: timezone | ZoneInfo) -> datetime:
    return (START + timedelta(seconds=seconds)).astimezone(zone)


OFFSETS = st.builds(
    timezone,
    st.timedeltas(min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23)),
)
ANY_TIME = st.datetimes(timezones=st.one_of(st.none(), st.just(UTC), st.just(BERLIN), OFFSETS))
NEAR_NOW = st.builds(
    _around_now,
    st.integers(min_value=-3 * 3600, max_value=3 * 3600),
    st.sampled_from([UTC, BERLIN, timezone(timedelta(hours=-10))]),
)
EXTREME_TIMES = st.sampled_from(
    [
        "0001-01-01T00:00:00",
        "0001-01-01T00:00:00+00:00",
        "0001-01-01T03:00:00+00:00",
        "0001-01-01T00:30:00+14:00",
        "0001-01-02T12:00:00+00:00",
        "0002-01-01T03:00:00+00:00",
        "9999-12-31T23:59:59",
        "9999-12-31T23:59:59-12:00",
        "9999-12-31T23:59:59+00:00",
        "3000-01-01T00:00:00+00:00",
        datetime(1, 1, 1),  # noqa: DTZ001 - a naive time is hostile input here
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-23))),
    ]
)
ODD_TIMES = st.sampled_from(
    [
        "2026-03-29T02:30:00",  # does not exist in Berlin (clocks go forward)
        "2026-10-25T02:30:00",  # exists twice in Berlin
        "2026-02-30T12:00:00",
        "2026-11-24",
        "20:00",
        "yesterday",
        "2026-11-24T19:00:00Z",
        "2026-11-24 19:00",
        "2026-11-24T18:59:59.999999+00:00",
        1_764_000_000,
        1_764_000_000.5,
    ]
)
PAST = st.datetimes(
    min_value=datetime(2020, 1, 1),  # noqa: DTZ001 - st.datetimes takes naive bounds
    max_value=datetime(2026, 11, 24, 18),  # noqa: DTZ001
    timezones=st.sampled_from([UTC, BERLIN]),
)
TIME: Pair = (
    st.one_of(PAST, PAST.map(_iso)),
    st.one_of(
        EXTREME_TIMES,
        ODD_TIMES,
        st.sampled_from(["\ud800", "2026-11-24T10:00:00\udfff"]),  # lone surrogates
        st.one_of(NEAR_NOW, NEAR_NOW.map(_iso), NEAR_NOW.map(_naive)),
        st.one_of(ANY_TIME, ANY_TIME.map(_iso)),
        JUNK,
    ),
)


def whole_numbers(low: int, high: int) -> Pair:
    """Return values for a whole-number field from low to high."""
    valid = st.integers(min_value=low, max_value=high)
    near = st.one_of(
        st.integers(min_value=low - 5, max_value=high + 5),
        st.floats(min_value=low - 5, max_value=high + 5),
        st.floats(min_value=low - 5, max_value=high + 5).map(_as_text),
    )
    hostile = st.one_of(
        st.sampled_from(
            [low - 1, high + 1, low + 0.5, high - 0.3, f"{low}", f" {high} ", f"{high}.0", True]
        ),
        near,
        NUMBERS,
        JUNK,
    )
    return st.one_of(valid, valid.map(float)), hostile


def choices(options: Iterable[str]) -> Pair:
    """Return values for a select field."""
    listed = sorted(str(option) for option in options)
    hostile = st.one_of(
        st.sampled_from(listed).map(str.upper),
        st.sampled_from(listed).map(lambda option: f" {option}"),
        st.sampled_from(listed).map(lambda option: [option]),
        JUNK,
    )
    return st.sampled_from(listed), hostile
