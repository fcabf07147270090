"""Automation conditions of a mat profile: session state, today's count and the streak."""

from collections.abc import Mapping
from typing import Any, ClassVar, Unpack, override

from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import ATTR_CONFIG_ENTRY_ID
from homeassistant.core import HomeAssistant
from homeassistant.helpers.condition import (
    Condition,
    ConditionCheckParams,
    ConditionConfig,
    condition_trace_set_result,
)
from homeassistant.helpers.typing import ConfigType
from homeassistant.util import dt as dt_util
import probatio as vol

from .data import MatConfigEntry
from .engine.profile import MatProfile
from .engine.vocabulary import MAX_HISTORY_DAYS, SessionState
from .trigger import validate_options

CONF_STREAK = "streak"


class MatCondition(Condition):
    """Base of the profile conditions: false while the profile is not loaded."""

    options_schema: ClassVar[Mapping[vol.Marker, Any]] = {}

    @classmethod
    @override
    async def async_validate_config(cls, hass: HomeAssistant, config: ConfigType) -> ConfigType:
        """Validate the options and that they name a profile of this integration."""
        return validate_options(hass, config, cls.options_schema)

    def __init__(self, hass: HomeAssistant, config: ConditionConfig) -> None:
        """Keep the options."""
        super().__init__(hass, config)
        self._options: dict[str, Any] = config.options or {}
        self._entry_id: str = self._options[ATTR_CONFIG_ENTRY_ID]

    @override
    def _async_check(self, **kwargs: Unpack[ConditionCheckParams]) -> bool:
        """Check the loaded profile."""
        entry: MatConfigEntry | None = self._hass.config_entries.async_get_entry(self._entry_id)
        if entry is None or entry.state is not ConfigEntryState.LOADED:
            condition_trace_set_result(result=False, message="profile not loaded")
            return False
        return self.holds(entry.runtime_data.runtime.profile)

    def holds(self, profile: MatProfile) -> bool:
        """Return whether the condition holds for the profile now."""
        raise NotImplementedError


class IsActiveCondition(MatCondition):
    """A session is running and not paused."""

    @override
    def holds(self, profile: MatProfile) -> bool:
        """Return whether a session is active."""
        return profile.state is SessionState.ACTIVE


class IsPausedCondition(MatCondition):
    """A session is paused."""

    @override
    def holds(self, profile: MatProfile) -> bool:
        """Return whether a session is paused."""
        return profile.state is SessionState.PAUSED


class CountedTodayCondition(MatCondition):
    """Today's ended sessions already count for the streak."""

    @override
    def holds(self, profile: MatProfile) -> bool:
        """Return whether today counts."""
        return profile.day_counted(profile.mat_day(dt_util.utcnow()))


class StreakAtStakeCondition(MatCondition):
    """The streak ends unless today counts (false on a rest day the streak allows)."""

    @override
    def holds(self, profile: MatProfile) -> bool:
        """Return whether the streak is at stake."""
        return profile.streak_at_stake(dt_util.utcnow())


class StreakAtLeastCondition(MatCondition):
    """The current streak is at least some days."""

    options_schema: ClassVar[Mapping[vol.Marker, Any]] = {
        vol.Required(CONF_STREAK): vol.All(vol.Coerce(int), vol.Range(min=1, max=MAX_HISTORY_DAYS))
    }

    @override
    def holds(self, profile: MatProfile) -> bool:
        """Return whether the streak is long enough."""
        minimum: int = self._options[CONF_STREAK]
        return profile.streak(dt_util.utcnow()) >= minimum


CONDITIONS: dict[str, type[Condition]] = {
    "is_active": IsActiveCondition,
    "is_paused": IsPausedCondition,
    "counted_today": CountedTodayCondition,
    "streak_at_stake": StreakAtStakeCondition,
    "streak_at_least": StreakAtLeastCondition,
}


async def async_get_conditions(hass: HomeAssistant) -> dict[str, type[Condition]]:
    """Return the conditions of mat profiles."""
    return CONDITIONS
