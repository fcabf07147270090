"""Validators for action fields and voice slots that refuse every wrong type with a schema error."""

from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
import math
from typing import Any

from homeassistant.helpers import config_validation as cv
from homeassistant.util import dt as dt_util
import probatio as vol

# Times a profile accepts: before 1970 nobody logged a mat session, and walking streaks back
# to year 1 would cost seconds; near year 9999 the arithmetic of dates overflows.
_EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
_LATEST_YEAR = 9998


def number(value: Any) -> float:  # noqa: ANN401 - a validator takes what the caller sent
    """Accept a finite number or a numeric string, never a boolean."""
    if isinstance(value, bool):
        msg = "expected a number"
        raise vol.Invalid(msg)
    try:
        result = float(value)
    except (TypeError, ValueError, OverflowError) as err:
        msg = "expected a number"
        raise vol.Invalid(msg) from err
    if not math.isfinite(result):
        msg = "expected a finite number"
        raise vol.Invalid(msg)
    return result


def whole_number(value: Any) -> int:  # noqa: ANN401 - a validator takes what the caller sent
    """Accept a whole number: 4, 4.0 or "4"; refuse 3.7."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    result = number(value)
    if not result.is_integer():
        msg = "expected a whole number"
        raise vol.Invalid(msg)
    return int(result)


# Coerce changes nothing after number or whole_number, but the OpenAPI codec reads it as the
# field's type, so LLM tools get an integer or number parameter instead of an untyped one.
def whole_range(low: int, high: int) -> vol.All[Any]:
    """Validate a whole number from low to high."""
    return vol.All(whole_number, vol.Coerce(int), vol.Range(min=low, max=high))


def any_number() -> vol.All[Any]:
    """Validate a finite number, typed as a number."""
    return vol.All(number, vol.Coerce(float))


def fraction() -> vol.All[Any]:
    """Validate a number from 0 to 1, such as a volume."""
    return vol.All(number, vol.Range(min=0, max=1))


def one_of[E: StrEnum](choices: type[E] | tuple[E, ...]) -> Callable[[Any], E]:
    """Validate one of an enumeration's values and return it as the enumeration."""
    allowed = tuple(choices)
    kind = type(allowed[0])

    def _validate(value: Any) -> E:  # noqa: ANN401 - a validator takes what the caller sent
        if not isinstance(value, str) or value not in allowed:
            msg = f"expected one of {', '.join(allowed)}"
            raise vol.Invalid(msg)
        return kind(value)

    return _validate


def text(value: Any) -> str:  # noqa: ANN401 - a validator takes what the caller sent
    """Accept text that can be stored: refuse lone surrogates, which JSON cannot encode."""
    result = cv.string(value)
    try:
        result.encode("utf-8")
    except UnicodeEncodeError as err:
        msg = "expected text"
        raise vol.Invalid(msg) from err
    return result


def utc_time(value: Any) -> datetime:  # noqa: ANN401 - a validator takes what the caller sent
    """Accept a time (one without a zone is in Home Assistant's zone) and return it in UTC."""
    # Checked first: the date parser crashes the process on text with lone surrogates.
    parsed = cv.datetime(text(value) if isinstance(value, str) else value)
    try:
        result = dt_util.as_utc(parsed)
    except OverflowError as err:
        msg = "time out of range"
        raise vol.Invalid(msg) from err
    if not result >= _EARLIEST or result.year > _LATEST_YEAR:
        msg = "time out of range"
        raise vol.Invalid(msg)
    return result


# Entity ids as text or a list: a number or a mapping is refused, not iterated.
entity_list = vol.All(vol.Any(str, list), cv.entity_ids)
