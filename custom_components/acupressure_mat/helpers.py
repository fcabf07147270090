"""Small pieces the Home Assistant side shares: refusals, shown times, the recorder."""

from datetime import datetime

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util

from .const import DOMAIN
from .engine.errors import ProfileError


def recording(hass: HomeAssistant) -> bool:
    """Tell whether the recorder runs, which keeps the statistics sleep and trends read."""
    return "recorder" in hass.config.components


def mat_error(key: str, **placeholders: str) -> ServiceValidationError:
    """Return the translated refusal `key` of this integration."""
    return ServiceValidationError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


def refusal(err: ProfileError) -> ServiceValidationError:
    """Translate an engine refusal into the error users see."""
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=err.key,
        translation_placeholders=err.placeholders,
    )


def iso(value: datetime | None) -> str | None:
    """Format a time in Home Assistant's time zone, or None."""
    return None if value is None else dt_util.as_local(value).isoformat()


def as_utc(value: datetime | None) -> datetime | None:
    """Read a time given without a zone in Home Assistant's time zone."""
    return None if value is None else dt_util.as_utc(value)
