"""Actions of the Acupressure Mat integration, registered once for all profiles."""

from collections.abc import Callable, Coroutine
from typing import Any

from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.helpers import config_validation as cv
import probatio as vol

from .actions import ProfileActions
from .const import DOMAIN
from .data import loaded_profile
from .engine.vocabulary import (
    AUDIBLE_KINDS,
    DEFAULT_GUIDANCE_MINUTES,
    DEFAULT_HISTORY_DAYS,
    MAX_EXTEND_MINUTES,
    MAX_HISTORY_DAYS,
    MAX_LOG_MINUTES,
    MAX_NOTE_LENGTH,
    MAX_START_MINUTES,
    Area,
    BreathingPattern,
    GuidanceKind,
    Moment,
)
from .helpers import iso
from .validation import (
    any_number,
    entity_list,
    fraction,
    one_of,
    text,
    utc_time,
    whole_range,
)

SERVICE_START_SESSION = "start_session"
SERVICE_PAUSE_SESSION = "pause_session"
SERVICE_RESUME_SESSION = "resume_session"
SERVICE_EXTEND_SESSION = "extend_session"
SERVICE_STOP_SESSION = "stop_session"
SERVICE_LOG_PAIN = "log_pain"
SERVICE_LOG_SESSION = "log_session"
SERVICE_GET_HISTORY = "get_history"
SERVICE_GET_INSIGHTS = "get_insights"
SERVICE_PLAY_GUIDANCE = "play_guidance"
SERVICE_STOP_GUIDANCE = "stop_guidance"

ATTR_MINUTES = "minutes"
ATTR_GUIDANCE = "guidance"
ATTR_PLAYERS = "media_player_entity_id"
ATTR_PATTERN = "breathing_pattern"
ATTR_VOLUME = "volume"
ATTR_RATING = "rating"
ATTR_AREA = "area"
ATTR_MOMENT = "moment"
ATTR_NOTE = "note"
ATTR_LOGGED_AT = "logged_at"
ATTR_ENDED_AT = "ended_at"
ATTR_DAYS = "days"
ATTR_KIND = "kind"

PROFILE = {vol.Optional(ATTR_CONFIG_ENTRY_ID): cv.string}
PLAYERS = {vol.Optional(ATTR_PLAYERS): entity_list}
SOUND = {
    vol.Optional(ATTR_PATTERN): one_of(BreathingPattern),
    vol.Optional(ATTR_VOLUME): fraction(),
}

START_SCHEMA = vol.Schema(
    PROFILE
    | PLAYERS
    | SOUND
    | {
        vol.Optional(ATTR_MINUTES): whole_range(1, MAX_START_MINUTES),
        vol.Optional(ATTR_GUIDANCE): one_of(GuidanceKind),
    }
)
PROFILE_SCHEMA = vol.Schema(PROFILE)
EXTEND_SCHEMA = vol.Schema(
    PROFILE | {vol.Required(ATTR_MINUTES): whole_range(1, MAX_EXTEND_MINUTES)}
)
LOG_PAIN_SCHEMA = vol.Schema(
    PROFILE
    | {
        # Any number passes: the profile refuses one that is not whole or out of range, translated.
        vol.Required(ATTR_RATING): any_number(),
        vol.Optional(ATTR_AREA, default=Area.BACK.value): one_of(Area),
        vol.Optional(ATTR_MOMENT): one_of(Moment),
        vol.Optional(ATTR_NOTE): vol.All(text, vol.Length(max=MAX_NOTE_LENGTH)),
        vol.Optional(ATTR_LOGGED_AT): utc_time,
    }
)
LOG_SESSION_SCHEMA = vol.Schema(
    PROFILE
    | {
        vol.Required(ATTR_MINUTES): whole_range(1, MAX_LOG_MINUTES),
        vol.Optional(ATTR_ENDED_AT): utc_time,
    }
)
HISTORY_SCHEMA = vol.Schema(
    PROFILE
    | {vol.Optional(ATTR_DAYS, default=DEFAULT_HISTORY_DAYS): whole_range(1, MAX_HISTORY_DAYS)}
)
PLAY_SCHEMA = vol.Schema(
    PROFILE
    | PLAYERS
    | SOUND
    | {
        vol.Optional(ATTR_KIND): one_of(AUDIBLE_KINDS),
        vol.Optional(ATTR_MINUTES, default=DEFAULT_GUIDANCE_MINUTES): whole_range(
            1, MAX_START_MINUTES
        ),
    }
)
STOP_GUIDANCE_SCHEMA = vol.Schema(PROFILE | PLAYERS)


def _actions(call: ServiceCall) -> ProfileActions:
    """Return the actions of the profile a call is for."""
    return loaded_profile(call.hass, call.data.get(ATTR_CONFIG_ENTRY_ID)).runtime_data.actions


async def _start_session(call: ServiceCall) -> ServiceResponse:
    """Start a session."""
    data = call.data
    started = await _actions(call).start_session(
        minutes=data.get(ATTR_MINUTES),
        guidance=data.get(ATTR_GUIDANCE),
        players=data.get(ATTR_PLAYERS),
        pattern=data.get(ATTR_PATTERN),
        volume=data.get(ATTR_VOLUME),
    )
    session = started.session
    return {
        "planned_minutes": session.planned_minutes,
        "ends_at": iso(session.ends_at),
        "ramped": session.ramped,
        "guidance": started.guidance.value,
    }


async def _pause_session(call: ServiceCall) -> None:
    """Pause the session."""
    await _actions(call).pause_session()


async def _resume_session(call: ServiceCall) -> None:
    """Resume the session."""
    await _actions(call).resume_session()


async def _extend_session(call: ServiceCall) -> ServiceResponse:
    """Extend the session."""
    session = await _actions(call).extend_session(minutes=call.data[ATTR_MINUTES])
    return {"planned_minutes": session.planned_minutes, "ends_at": iso(session.ends_at)}


async def _stop_session(call: ServiceCall) -> ServiceResponse:
    """Stop the session."""
    record = await _actions(call).stop_session()
    return {"minutes": record.minutes, "outcome": record.outcome.value}


async def _log_pain(call: ServiceCall) -> ServiceResponse:
    """Log a pain rating."""
    data = call.data
    logged = await _actions(call).log_pain(
        rating=data[ATTR_RATING],
        area=data[ATTR_AREA],
        moment=data.get(ATTR_MOMENT),
        note=data.get(ATTR_NOTE),
        logged_at=data.get(ATTR_LOGGED_AT),
    )
    return {"relief": logged.relief}


async def _log_session(call: ServiceCall) -> None:
    """Log a session done without the timer."""
    data = call.data
    await _actions(call).log_session(minutes=data[ATTR_MINUTES], ended_at=data.get(ATTR_ENDED_AT))


async def _get_history(call: ServiceCall) -> ServiceResponse:
    """Return the history."""
    return _actions(call).history(days=call.data[ATTR_DAYS])


async def _get_insights(call: ServiceCall) -> ServiceResponse:
    """Return the insights."""
    return await _actions(call).insights()


async def _play_guidance(call: ServiceCall) -> None:
    """Play guidance without a session."""
    data = call.data
    await _actions(call).play_guidance(
        minutes=data[ATTR_MINUTES],
        players=data.get(ATTR_PLAYERS),
        kind=data.get(ATTR_KIND),
        pattern=data.get(ATTR_PATTERN),
        volume=data.get(ATTR_VOLUME),
    )


async def _stop_guidance(call: ServiceCall) -> None:
    """Stop guidance."""
    await _actions(call).stop_guidance(players=call.data.get(ATTR_PLAYERS))


type Handler = Callable[[ServiceCall], Coroutine[Any, Any, ServiceResponse]]
# Each action: its handler, its schema and whether it answers.
SERVICES: dict[str, tuple[Handler, vol.Schema, SupportsResponse]] = {
    SERVICE_START_SESSION: (_start_session, START_SCHEMA, SupportsResponse.OPTIONAL),
    SERVICE_PAUSE_SESSION: (_pause_session, PROFILE_SCHEMA, SupportsResponse.NONE),
    SERVICE_RESUME_SESSION: (_resume_session, PROFILE_SCHEMA, SupportsResponse.NONE),
    SERVICE_EXTEND_SESSION: (_extend_session, EXTEND_SCHEMA, SupportsResponse.OPTIONAL),
    SERVICE_STOP_SESSION: (_stop_session, PROFILE_SCHEMA, SupportsResponse.OPTIONAL),
    SERVICE_LOG_PAIN: (_log_pain, LOG_PAIN_SCHEMA, SupportsResponse.OPTIONAL),
    SERVICE_LOG_SESSION: (_log_session, LOG_SESSION_SCHEMA, SupportsResponse.NONE),
    SERVICE_GET_HISTORY: (_get_history, HISTORY_SCHEMA, SupportsResponse.ONLY),
    SERVICE_GET_INSIGHTS: (_get_insights, PROFILE_SCHEMA, SupportsResponse.ONLY),
    SERVICE_PLAY_GUIDANCE: (_play_guidance, PLAY_SCHEMA, SupportsResponse.NONE),
    SERVICE_STOP_GUIDANCE: (_stop_guidance, STOP_GUIDANCE_SCHEMA, SupportsResponse.NONE),
}


def async_setup_services(hass: HomeAssistant) -> None:
    """Register every action of the integration."""
    for name, (handler, schema, supports_response) in SERVICES.items():
        hass.services.async_register(
            DOMAIN, name, handler, schema=schema, supports_response=supports_response
        )
