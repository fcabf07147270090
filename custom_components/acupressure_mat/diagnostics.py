"""Diagnostics of a mat profile; pain notes are health data and are redacted."""

from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from .runtime import MatConfigEntry

TO_REDACT = {"note"}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: MatConfigEntry
) -> dict[str, Any]:
    """Return settings, counts and the running session."""
    runtime = entry.runtime_data
    profile = runtime.profile
    now = dt_util.utcnow()
    stored = profile.to_dict()
    return {
        "options": runtime.options,
        "counts": {"sessions": len(profile.sessions), "pain": len(profile.pain)},
        "ramp_level": profile.ramp_level,
        "next_session_minutes": profile.next_session_minutes(now),
        "streak": profile.streak(now),
        "running": stored["running"],
        "recent": async_redact_data(profile.history(now, 7), TO_REDACT),
        "guidance_players": sorted(runtime.guidance.saved),
    }
