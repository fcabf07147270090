"""A versioned store per mat profile, and recovery from files it cannot read."""

from datetime import datetime
import logging
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.json import save_json
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .const import DOMAIN
from .engine.model import Settings
from .engine.profile import MatProfile

_LOGGER = logging.getLogger(__name__)

STORAGE_VERSION = 1
STORAGE_MINOR_VERSION = 1
# What reading a file of the wrong shape raises; anything else is a bug and propagates.
UNREADABLE = (ValueError, KeyError, TypeError, AttributeError)


class MatStore(Store[dict[str, Any]]):
    """Store of one profile's sessions, pain ratings, ramp level and running session."""

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Create the store for a config entry."""
        super().__init__(
            hass,
            STORAGE_VERSION,
            f"{DOMAIN}.{entry_id}",
            minor_version=STORAGE_MINOR_VERSION,
            atomic_writes=True,
            # Years of history: turn it into JSON in the executor, not on the event loop. Safe,
            # because the stored forms of records are made once and never changed.
            serialize_in_event_loop=False,
        )
        self.entry_id = entry_id

    async def _async_migrate_func(
        self, old_major_version: int, old_minor_version: int, old_data: dict[str, Any]
    ) -> dict[str, Any]:
        """Migrate older layouts; 1.0 had no pain notes field."""
        # A newer major version never gets here: Store refuses to load it.
        if old_minor_version < 1:
            for rating in old_data.get("pain", []):
                rating.setdefault("note", None)
        return old_data

    async def async_load_profile(self, settings: Settings) -> MatProfile:
        """Load the profile; set a malformed file aside and start empty."""
        data = await self.async_load()
        if data is None:
            return MatProfile(settings)
        try:
            # Parsing years of history takes tens of milliseconds: keep it off the event loop.
            profile = await self.hass.async_add_executor_job(
                parse_profile, data, settings, dt_util.utcnow()
            )
        except UNREADABLE:
            _LOGGER.exception("Stored data of %s is malformed; starting empty", self.key)
        else:
            if profile.ramp_level != data["ramp_level"]:
                # New ramp options clamped the level; keep it, or widening them would undo it.
                await self.async_save(profile.to_dict())
            return profile
        stamp = dt_util.utcnow().strftime("%Y%m%dT%H%M%S")
        aside = f"{self.path}.malformed.{stamp}"
        # Keep what was read, then replace the file, so the next start loads cleanly.
        await self.hass.async_add_executor_job(_keep_aside, aside, data)
        empty = MatProfile(settings)
        await self.async_save(empty.to_dict())
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            f"malformed_store_{self.entry_id}",
            is_fixable=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key="malformed_store",
            translation_placeholders={"path": aside},
        )
        return empty


def parse_profile(data: dict[str, Any], settings: Settings, now: datetime) -> MatProfile:
    """Parse the stored data and compute its read-outs once, in the executor."""
    profile = MatProfile.from_dict(data, settings)
    # Nothing else holds the profile yet and its records are frozen, so the first read-out (a
    # streak over every day, the relief average) is cached here instead of on the event loop.
    profile.readout(now)
    return profile


def _keep_aside(path: str, data: object) -> None:
    """Write what could not be read next to the store, for the user to inspect."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    save_json(path, data if isinstance(data, dict | list) else {"data": data})
