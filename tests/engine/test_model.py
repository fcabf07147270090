"""Tests of the records' stored forms."""

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given, strategies as st
import pytest

from custom_components.acupressure_mat.engine.model import (
    PainRecord,
    SessionRecord,
    parse_time,
    written_as_utc,
)
from custom_components.acupressure_mat.engine.vocabulary import Area, Moment, Outcome

from .factories import T0, rating, session


def test_session_round_trip() -> None:
    record = session(T0, 7.3, Outcome.STOPPED, planned=20)
    data = record.to_dict()
    assert data == {
        "started_at": "2025-06-02T12:00:00+00:00",
        "ended_at": "2025-06-02T12:07:18+00:00",
        "planned_minutes": 20,
        "minutes": 7.3,
        "outcome": "stopped",
    }
    assert SessionRecord.from_dict(data) == record


def test_times_are_read_as_utc() -> None:
    data = session(T0).to_dict() | {"started_at": "2025-06-02T14:00:00+02:00"}
    record = SessionRecord.from_dict(data)
    assert record.started_at == T0
    assert record.started_at.tzinfo is not None
    assert record.started_at.utcoffset() == timedelta(0)


def test_pain_round_trip() -> None:
    plain = rating(T0, 6, Moment.AFTER, Area.NECK)
    noted = PainRecord(logged_at=T0, rating=3, area=Area.FEET, moment=Moment.OTHER, note="walked")
    for record in (plain, noted):
        assert PainRecord.from_dict(record.to_dict()) == record
    assert plain.to_dict()["area"] == "neck"
    # A note may be missing from older files.
    data = plain.to_dict()
    del data["note"]
    assert PainRecord.from_dict(data) == plain


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"outcome": "won"}, ValueError),
        ({"minutes": True}, TypeError),
        ({"minutes": float("nan")}, ValueError),
        ({"minutes": "5"}, TypeError),
        ({"planned_minutes": 5.0}, TypeError),
        ({"planned_minutes": False}, TypeError),
        ({"ended_at": "2025-06-02T11:00:00+00:00"}, ValueError),
        ({"ended_at": "2025-06-02T13:00:00"}, ValueError),
        ({"ended_at": None}, TypeError),
    ],
)
def test_malformed_session(change: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        SessionRecord.from_dict(session(T0).to_dict() | change)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"area": "elbow"}, ValueError),
        ({"moment": "during"}, ValueError),
        ({"rating": "5"}, TypeError),
        ({"note": 5}, TypeError),
    ],
)
def test_malformed_pain(change: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        PainRecord.from_dict(rating(T0, 5, Moment.BEFORE).to_dict() | change)


def test_missing_key() -> None:
    with pytest.raises(KeyError):
        SessionRecord.from_dict({"started_at": T0.isoformat()})


def test_offset_survives_other_zones() -> None:
    east = timezone(timedelta(hours=5, minutes=30))
    record = session(T0.astimezone(east))
    assert SessionRecord.from_dict(record.to_dict()) == record


@given(
    instant=st.datetimes(
        min_value=datetime(1970, 1, 2),  # noqa: DTZ001 - hypothesis takes naive bounds
        max_value=datetime(9998, 12, 31),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    shape=st.sampled_from(["iso", "Z", "space", "millis", "micros", "offset", "zero_micros"]),
)
def test_a_time_is_read_back_as_written_exactly_when_isoformat_writes_it_so(
    instant: datetime, shape: str
) -> None:
    text = {
        "iso": instant.isoformat(),
        "Z": instant.isoformat().replace("+00:00", "Z"),
        "space": instant.isoformat(sep=" "),
        "millis": instant.isoformat(timespec="milliseconds"),
        "micros": instant.isoformat(timespec="microseconds"),
        "offset": instant.astimezone(timezone(timedelta(hours=2))).isoformat(),
        "zero_micros": instant.replace(microsecond=0).isoformat(timespec="microseconds"),
    }[shape]
    assert written_as_utc(text) == (parse_time(text).isoformat() == text)
