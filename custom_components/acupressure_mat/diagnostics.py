"""Diagnostics of a mat profile; pain notes are health data and are redacted."""

from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from .data import MatConfigEntry
from .helpers import recording
from .statistics import statistic_id

TO_REDACT = {"note"}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: MatConfigEntry
) -> dict[str, Any]:
    """Return settings, counts and the running session."""
    data = entry.runtime_data
    profile = data.runtime.profile
    now = dt_util.utcnow()
    stored = profile.to_dict()
    return {
        "options": data.options.values,
        "counts": {"sessions": len(profile.sessions), "pain": len(profile.pain)},
        "ramp_level": profile.ramp_level,
        "next_session_minutes": profile.next_session_minutes(now),
        "streak": profile.streak(now),
        "running": stored["running"],
        "recent": async_redact_data(profile.history(now, 7), TO_REDACT),
        "guidance_players": sorted(data.guidance.saved_states),
        # The long-term series the records give, to find them in the statistics graph card.
        "statistics": {
            "recording": recording(hass),
            "series": sorted(
                {statistic_id(entry.entry_id, r.area) for r in profile.pain}
                | ({statistic_id(entry.entry_id, None)} if profile.sessions else set())
            ),
        },
    }
