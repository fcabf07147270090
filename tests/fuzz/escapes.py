"""Inputs that broke the contract, each recognised by name."""

from collections.abc import Callable, Iterable
from contextlib import suppress
from datetime import UTC, datetime
import math
import sys
from typing import Any

from homeassistant.util import dt as dt_util

from .strategies import BERLIN, PLAYERS

# ---------------------------------------------------------------------------------------------
# Inputs that break the contract today. The fuzz skips an input only while the name of the
# escape it hits is in KNOWN_ESCAPES; once the integration refuses it, remove the name.
# ---------------------------------------------------------------------------------------------


def _players_not_a_list(_action: str, data: dict[str, Any]) -> bool:
    """A number, bool or other non-iterable as players: TypeError in cv.entity_ids."""
    players = data.get(PLAYERS)
    return players is not None and not isinstance(players, Iterable)


def _fractional(value: object) -> bool:
    return isinstance(value, float) and math.isfinite(value) and not value.is_integer()


def _rating_not_whole(action: str, data: dict[str, Any]) -> bool:
    """A rating like 3.7: stored as 3 instead of refused."""
    return action == "log_pain" and _fractional(data.get("rating"))


def _minutes_not_whole(_action: str, data: dict[str, Any]) -> bool:
    """Minutes like 2.5: cut to 2 instead of refused."""
    return _fractional(data.get("minutes"))


def _rating_too_long_for_text(action: str, data: dict[str, Any]) -> bool:
    """A rating with more digits than str() takes: ValueError building the refusal."""
    rating = data.get("rating")
    if action != "log_pain" or not isinstance(rating, int):
        return False
    try:
        str(rating)
    except ValueError:
        return True
    return False


def _volume_beyond_float(_action: str, data: dict[str, Any]) -> bool:
    """An int volume no float holds: OverflowError once probatio has compiled the schema."""
    volume = data.get("volume")
    return type(volume) is int and abs(volume) > sys.float_info.max


def not_unicode(value: object) -> bool:
    return isinstance(value, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in value)


def _time_text_not_unicode(_action: str, data: dict[str, Any]) -> bool:
    """Time text with a lone surrogate: ciso8601, under cv.datetime, crashes the process.

    The `ciso8601_guard` fixture turns that crash into a WouldCrash error.
    """
    return any(not_unicode(data.get(field)) for field in ("logged_at", "ended_at"))


def _parse_time(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and not not_unicode(value):
        with suppress(ValueError, TypeError):
            return dt_util.parse_datetime(value)
    return None


def _time_at_the_edge(_action: str, data: dict[str, Any]) -> bool:
    """A time within two days of datetime's limits: OverflowError turning it into UTC or days."""
    for field in ("logged_at", "ended_at"):
        parsed = _parse_time(data.get(field))
        if parsed is None:
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=BERLIN)
        try:
            utc = parsed.astimezone(UTC)
        except OverflowError:
            return True
        if not datetime(1, 1, 3, tzinfo=UTC) <= utc <= datetime(9999, 12, 29, tzinfo=UTC):
            return True
    return False


def _note_not_unicode(action: str, data: dict[str, Any]) -> bool:
    """A note with a lone surrogate: accepted, and then no save of the profile succeeds."""
    return action == "log_pain" and not_unicode(data.get("note"))


ESCAPES: dict[str, Callable[[str, dict[str, Any]], bool]] = {
    "players_not_a_list": _players_not_a_list,
    "rating_not_whole": _rating_not_whole,
    "minutes_not_whole": _minutes_not_whole,
    "rating_too_long_for_text": _rating_too_long_for_text,
    "volume_beyond_float": _volume_beyond_float,
    "time_at_the_edge": _time_at_the_edge,
    "note_not_unicode": _note_not_unicode,
    "time_text_not_unicode": _time_text_not_unicode,
}
KNOWN_ESCAPES: set[str] = set()


def known_escape(action: str, data: dict[str, Any]) -> str | None:
    """Return the name of the still-known escape an input hits, if any."""
    return next((name for name in sorted(KNOWN_ESCAPES) if ESCAPES[name](action, data)), None)


class WouldCrash(Exception):  # noqa: N818 - named for what it stands in for
    """Raised where the real call would crash the whole process."""
