"""Actions of the Acupressure Mat integration, registered once for all profiles."""

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv
import probatio as vol

from .const import BREATHING_PATTERNS, DOMAIN, GUIDANCE_KINDS
from .engine.model import Area, Moment
from .runtime import MatRuntime
from .session_actions import SessionActions

ATTR_MEDIA_PLAYERS = "media_player_entity_id"
ENTRY_FIELD = {vol.Optional(ATTR_CONFIG_ENTRY_ID): cv.string}
GUIDANCE_FIELDS = {
    vol.Optional("guidance"): vol.In(GUIDANCE_KINDS),
    vol.Optional(ATTR_MEDIA_PLAYERS): cv.entity_ids,
    vol.Optional("breathing_pattern"): vol.In(BREATHING_PATTERNS),
    vol.Optional("volume"): vol.All(vol.Coerce(float), vol.Range(min=0, max=1)),
}


def _minutes(high: int) -> vol.All[Any]:
    """Validate whole minutes from 1 to high."""
    return vol.All(vol.Coerce(int), vol.Range(min=1, max=high))


SCHEMAS: dict[str, vol.Schema] = {
    "start_session": vol.Schema(
        ENTRY_FIELD | {vol.Optional("minutes"): _minutes(120)} | GUIDANCE_FIELDS
    ),
    "pause_session": vol.Schema(ENTRY_FIELD),
    "resume_session": vol.Schema(ENTRY_FIELD),
    "extend_session": vol.Schema(ENTRY_FIELD | {vol.Required("minutes"): _minutes(60)}),
    "stop_session": vol.Schema(ENTRY_FIELD),
    "log_pain": vol.Schema(
        ENTRY_FIELD
        | {
            vol.Required("rating"): vol.Coerce(int),
            vol.Optional("area", default=str(Area.BACK)): vol.In([str(a) for a in Area]),
            vol.Optional("moment"): vol.In([str(m) for m in Moment]),
            vol.Optional("note"): vol.All(cv.string, vol.Length(max=200)),
            vol.Optional("logged_at"): cv.datetime,
        }
    ),
    "log_session": vol.Schema(
        ENTRY_FIELD
        | {vol.Required("minutes"): _minutes(180), vol.Optional("ended_at"): cv.datetime}
    ),
    "get_history": vol.Schema(
        ENTRY_FIELD
        | {vol.Optional("days", default=30): vol.All(vol.Coerce(int), vol.Range(1, 3650))}
    ),
    "play_guidance": vol.Schema(
        ENTRY_FIELD
        | {
            vol.Optional(ATTR_MEDIA_PLAYERS): cv.entity_ids,
            vol.Optional("kind"): vol.In(GUIDANCE_KINDS[1:]),
            vol.Optional("breathing_pattern"): vol.In(BREATHING_PATTERNS),
            vol.Optional("minutes", default=10): _minutes(120),
            vol.Optional("volume"): vol.All(vol.Coerce(float), vol.Range(min=0, max=1)),
        }
    ),
    "stop_guidance": vol.Schema(ENTRY_FIELD | {vol.Optional(ATTR_MEDIA_PLAYERS): cv.entity_ids}),
}
RESPONSES = {
    "start_session": SupportsResponse.OPTIONAL,
    "extend_session": SupportsResponse.OPTIONAL,
    "stop_session": SupportsResponse.OPTIONAL,
    "log_pain": SupportsResponse.OPTIONAL,
    "get_history": SupportsResponse.ONLY,
}


def _error(key: str, **placeholders: str) -> ServiceValidationError:
    """Return a translated validation error."""
    return ServiceValidationError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


def resolve_runtime(hass: HomeAssistant, entry_id: str | None) -> MatRuntime:
    """Return the profile an action is for; only loaded profiles count."""
    if entry_id is None:
        loaded = hass.config_entries.async_loaded_entries(DOMAIN)
        if len(loaded) == 1:
            runtime: MatRuntime = loaded[0].runtime_data
            return runtime
        raise _error("profile_required" if loaded else "no_profile")
    entry = hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN or entry.state is not ConfigEntryState.LOADED:
        raise _error("profile_not_found", entry_id=entry_id)  # noqa: EM101 - a translation key
    found: MatRuntime = entry.runtime_data
    return found


async def _handle(hass: HomeAssistant, action: str, call: ServiceCall) -> ServiceResponse:
    """Resolve the profile and run the action on it."""
    runtime = resolve_runtime(hass, call.data.get(ATTR_CONFIG_ENTRY_ID))
    data = {key: value for key, value in call.data.items() if key != ATTR_CONFIG_ENTRY_ID}
    method: Callable[..., Awaitable[dict[str, Any] | None]] = getattr(
        SessionActions(runtime), action
    )
    response = await method(**data)
    if not call.return_response:
        return None
    return response


def async_setup_services(hass: HomeAssistant) -> None:
    """Register every action of the integration."""
    for action, schema in SCHEMAS.items():
        hass.services.async_register(
            DOMAIN,
            action,
            partial(_handle, hass, action),
            schema=schema,
            supports_response=RESPONSES.get(action, SupportsResponse.NONE),
        )
