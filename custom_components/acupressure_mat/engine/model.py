"""Records and settings of a mat profile, with their JSON-safe forms."""

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
import math
from typing import Any, Self

from .vocabulary import Area, Moment, Outcome

# How many keys a stored session and a stored rating have.
SESSION_KEYS = 5
PAIN_KEYS = 5
# Lengths of a UTC time as isoformat writes it: 2026-11-24T19:00:00+00:00, and with .123456.
UTC_TEXT = 25
UTC_TEXT_MICRO = 32


def require_dict(value: object) -> dict[str, Any]:
    """Return stored data that must be a JSON object."""
    if not isinstance(value, dict):
        msg = f"expected an object, got {type(value).__name__}"
        raise TypeError(msg)
    return value


def parse_time(value: object) -> datetime:
    """Read a stored ISO 8601 time, which must carry its offset, as UTC."""
    if not isinstance(value, str):
        msg = f"expected an ISO 8601 string, got {value!r}"
        raise TypeError(msg)
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        msg = f"time without offset: {value!r}"
        raise ValueError(msg)
    return parsed.astimezone(UTC)


def written_as_utc(value: str) -> bool:
    """Tell whether a time read by `parse_time` is written exactly as isoformat writes it."""
    # Checked on the text, without writing the time again: the shape isoformat gives a UTC time
    # (seconds, or six digits of microseconds unless they are all zero). Any other way to write
    # it (an offset, Z, a space, a week date, 24:00, fewer digits) is made anew when saved.
    return (
        value.endswith("+00:00")
        and (len(value) == UTC_TEXT or (len(value) == UTC_TEXT_MICRO and value[19] == "."))
        and value[20:26] != "000000"
        and value[4] == value[7] == "-"
        and value[10] == "T"
        and value[13] == value[16] == ":"
        and value[11:13] != "24"
    )


def parse_int(value: object) -> int:
    """Read a stored integer, refusing booleans."""
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"expected an integer, got {value!r}"
        raise TypeError(msg)
    return value


def parse_number(value: object) -> float:
    """Read a stored finite number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        msg = f"expected a number, got {value!r}"
        raise TypeError(msg)
    if not math.isfinite(value):
        msg = f"expected a finite number, got {value!r}"
        raise ValueError(msg)
    return float(value)


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionRecord:
    """A session that has ended: completed, stopped or logged by hand."""

    started_at: datetime
    ended_at: datetime
    planned_minutes: int
    minutes: float
    outcome: Outcome

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe form."""
        return {
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat(),
            "planned_minutes": self.planned_minutes,
            "minutes": self.minutes,
            "outcome": self.outcome.value,
        }

    def read_back(self, data: dict[str, Any]) -> bool:
        """Tell whether the data it was read from is exactly its JSON-safe form."""
        # from_dict read these five keys and checked their values; only times and the float
        # can be written differently (an offset, or 20 for 20.0).
        return (
            len(data) == SESSION_KEYS
            and type(data["minutes"]) is float
            and written_as_utc(data["started_at"])
            and written_as_utc(data["ended_at"])
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Read the JSON-safe form; raise KeyError, TypeError or ValueError if bad."""
        data = require_dict(data)
        started_at = parse_time(data["started_at"])
        ended_at = parse_time(data["ended_at"])
        if ended_at < started_at:
            msg = "session ends before it starts"
            raise ValueError(msg)
        return cls(
            started_at=started_at,
            ended_at=ended_at,
            planned_minutes=parse_int(data["planned_minutes"]),
            minutes=parse_number(data["minutes"]),
            outcome=Outcome(data["outcome"]),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class PainRecord:
    """A pain rating from 0 (none) to 10 (worst)."""

    logged_at: datetime
    rating: int
    area: Area
    moment: Moment
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe form."""
        return {
            "logged_at": self.logged_at.isoformat(),
            "rating": self.rating,
            "area": self.area.value,
            "moment": self.moment.value,
            "note": self.note,
        }

    def read_back(self, data: dict[str, Any]) -> bool:
        """Tell whether the data it was read from is exactly its JSON-safe form."""
        # A note may be missing from what was read; the form always has one.
        return len(data) == PAIN_KEYS and "note" in data and written_as_utc(data["logged_at"])

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Read the JSON-safe form; raise KeyError, TypeError or ValueError if bad."""
        data = require_dict(data)
        note = data.get("note")
        if note is not None and not isinstance(note, str):
            msg = f"expected a note string, got {note!r}"
            raise TypeError(msg)
        return cls(
            logged_at=parse_time(data["logged_at"]),
            rating=parse_int(data["rating"]),
            area=Area(data["area"]),
            moment=Moment(data["moment"]),
            note=note,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """The profile's options that the rules depend on."""

    start_minutes: int = 5
    target_minutes: int = 20
    step_minutes: int = 2
    streak_min_minutes: int = 5
    day_starts_at: int = 4
    rest_days_per_week: int = 0
    adaptive_ramp: bool = False
    tz: tzinfo = UTC
