"""Typed runtime data of a mat profile: its options and its parts, and how actions find them."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Self

from homeassistant.config_entries import ConfigEntry, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from .const import (
    CONF_BREATHING_PATTERN,
    CONF_DAY_STARTS_AT,
    CONF_GUIDANCE,
    CONF_INSTALL_SENTENCES,
    CONF_MEDIA_PLAYERS,
    CONF_RAMP_MODE,
    CONF_REST_DAYS_PER_WEEK,
    CONF_SLEEP_ENTITY,
    CONF_START_MINUTES,
    CONF_STEP_MINUTES,
    CONF_STREAK_MIN_MINUTES,
    CONF_TARGET_MINUTES,
    CONF_TTS_ENTITY,
    CONF_VOLUME,
    DEFAULTS,
    DOMAIN,
    RAMP_ADAPTIVE,
)
from .engine.model import Settings
from .engine.vocabulary import BreathingPattern, GuidanceKind
from .helpers import mat_error

if TYPE_CHECKING:
    from .actions import ProfileActions
    from .guidance import Guidance
    from .runtime import MatRuntime
    from .sleep import SleepTracker

type MatConfigEntry = ConfigEntry[MatData]


def merged_options(entry: ConfigEntry) -> dict[str, Any]:
    """Return the effective settings: defaults, then the user step, then the options."""
    return DEFAULTS | dict(entry.data) | dict(entry.options)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileOptions:
    """A profile's effective options, typed."""

    values: dict[str, Any]
    guidance: GuidanceKind
    media_players: tuple[str, ...]
    breathing_pattern: BreathingPattern
    volume: float
    tts_entity: str | None
    install_sentences: bool
    sleep_entity: str | None

    @classmethod
    def from_entry(cls, entry: ConfigEntry) -> Self:
        """Read the options of a config entry."""
        values = merged_options(entry)
        return cls(
            values=values,
            guidance=GuidanceKind(values[CONF_GUIDANCE]),
            media_players=tuple(values[CONF_MEDIA_PLAYERS]),
            breathing_pattern=BreathingPattern(values[CONF_BREATHING_PATTERN]),
            volume=float(values[CONF_VOLUME]),
            tts_entity=values.get(CONF_TTS_ENTITY) or None,
            install_sentences=bool(values[CONF_INSTALL_SENTENCES]),
            sleep_entity=values.get(CONF_SLEEP_ENTITY) or None,
        )

    def settings(self) -> Settings:
        """Return the engine's settings in Home Assistant's current time zone."""
        values = self.values
        return Settings(
            start_minutes=values[CONF_START_MINUTES],
            target_minutes=values[CONF_TARGET_MINUTES],
            step_minutes=values[CONF_STEP_MINUTES],
            streak_min_minutes=values[CONF_STREAK_MIN_MINUTES],
            day_starts_at=values[CONF_DAY_STARTS_AT],
            rest_days_per_week=values[CONF_REST_DAYS_PER_WEEK],
            adaptive_ramp=values[CONF_RAMP_MODE] == RAMP_ADAPTIVE,
            tz=dt_util.get_default_time_zone(),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class MatData:
    """The parts of one loaded profile, wired together in `async_setup_entry`."""

    options: ProfileOptions
    runtime: MatRuntime
    guidance: Guidance
    actions: ProfileActions
    sleep: SleepTracker


def loaded_profile(hass: HomeAssistant, entry_id: str | None) -> MatConfigEntry:
    """Return the profile an action is for; only loaded profiles count."""
    loaded: list[MatConfigEntry] = hass.config_entries.async_loaded_entries(DOMAIN)
    if entry_id is None:
        if len(loaded) == 1:
            return loaded[0]
        raise mat_error("profile_required" if loaded else "no_profile")
    entry = hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN or entry.state is not ConfigEntryState.LOADED:
        raise mat_error("profile_not_found", entry_id=entry_id)
    found: MatConfigEntry = entry
    return found
