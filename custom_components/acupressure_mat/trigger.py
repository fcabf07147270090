"""Automation triggers of a mat profile: session transitions, pain ratings, streaks, missed days."""

from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar, cast, override

from homeassistant.const import ATTR_CONFIG_ENTRY_ID, CONF_OPTIONS
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.trigger import (
    Trigger,
    TriggerActionRunner,
    TriggerConfig,
    TriggerNotTriggeredReporter,
)
from homeassistant.helpers.typing import ConfigType
import probatio as vol

from .const import DOMAIN
from .engine.profile import ProfileEvent
from .engine.vocabulary import MAX_RATING, MAX_SESSION_MINUTES, Area, ProfileEventType
from .signals import signal_day_missed, signal_event

CONF_MIN_MINUTES = "min_minutes"
CONF_MIN_RATING = "min_rating"
CONF_AREA = "area"


def valid_profile(hass: HomeAssistant, entry_id: str) -> str:
    """Return the id of a mat profile, loaded or not; refuse anything else."""
    entry = hass.config_entries.async_get_entry(entry_id)
    if entry is None or entry.domain != DOMAIN:
        msg = f"{entry_id} is not a mat profile"
        raise vol.Invalid(msg)
    return entry_id


def validate_options(
    hass: HomeAssistant, config: ConfigType, options_schema: Mapping[vol.Marker, Any]
) -> ConfigType:
    """Validate a trigger's or condition's options: a profile of ours, then its own filters."""
    schema = vol.Schema(
        {
            vol.Required(CONF_OPTIONS): {
                vol.Required(ATTR_CONFIG_ENTRY_ID): cv.string,
                **options_schema,
            }
        }
    )
    validated = cast("ConfigType", schema(config))
    valid_profile(hass, validated[CONF_OPTIONS][ATTR_CONFIG_ENTRY_ID])
    return validated


def profile_title(hass: HomeAssistant, entry_id: str) -> str:
    """Return the profile's name for trace descriptions."""
    entry = hass.config_entries.async_get_entry(entry_id)
    return entry.title if entry else entry_id


class MatTrigger(Trigger):
    """Base of the profile triggers: options hold the profile and the trigger's filters."""

    options_schema: ClassVar[Mapping[vol.Marker, Any]] = {}

    @classmethod
    @override
    async def async_validate_config(cls, hass: HomeAssistant, config: ConfigType) -> ConfigType:
        """Validate the options and that they name a profile of this integration."""
        return validate_options(hass, config, cls.options_schema)

    def __init__(self, hass: HomeAssistant, config: TriggerConfig) -> None:
        """Keep the options."""
        super().__init__(hass, config)
        self._options: dict[str, Any] = config.options or {}
        self._entry_id: str = self._options[ATTR_CONFIG_ENTRY_ID]


class ProfileEventTrigger(MatTrigger):
    """Fires on one type of the profile's session events."""

    event_type: ClassVar[ProfileEventType]

    def matches(self, data: Mapping[str, Any]) -> bool:
        """Return whether the event passes the trigger's filters."""
        return True

    @override
    async def async_attach_runner(
        self,
        run_action: TriggerActionRunner,
        did_not_trigger: TriggerNotTriggeredReporter | None = None,
    ) -> CALLBACK_TYPE:
        """Listen to the profile's events, loaded now or later."""

        @callback
        def _event(event: ProfileEvent) -> None:
            if event.type is not self.event_type or not self.matches(event.data):
                return
            title = profile_title(self._hass, self._entry_id)
            payload = {
                ATTR_CONFIG_ENTRY_ID: self._entry_id,
                "event_type": event.type.value,
                **event.data,
            }
            run_action(payload, f"{title}: {event.type.value}")

        return async_dispatcher_connect(self._hass, signal_event(self._entry_id), _event)


class StartedTrigger(ProfileEventTrigger):
    """A session started."""

    event_type = ProfileEventType.STARTED


class CompletedTrigger(ProfileEventTrigger):
    """A session ran to its planned end."""

    event_type = ProfileEventType.COMPLETED


class PausedTrigger(ProfileEventTrigger):
    """A session was paused."""

    event_type = ProfileEventType.PAUSED


class ResumedTrigger(ProfileEventTrigger):
    """A paused session was resumed."""

    event_type = ProfileEventType.RESUMED


class StoppedTrigger(ProfileEventTrigger):
    """A session was stopped early, optionally only after some minutes."""

    event_type = ProfileEventType.STOPPED
    options_schema: ClassVar[Mapping[vol.Marker, Any]] = {
        vol.Optional(CONF_MIN_MINUTES, default=0): vol.All(
            vol.Coerce(float), vol.Range(min=0, max=MAX_SESSION_MINUTES)
        )
    }

    @override
    def matches(self, data: Mapping[str, Any]) -> bool:
        """Return whether the session ran long enough."""
        minimum: float = self._options[CONF_MIN_MINUTES]
        return float(data["minutes"]) >= minimum


class PainLoggedTrigger(ProfileEventTrigger):
    """A pain rating was logged, optionally only high ones or for one area."""

    event_type = ProfileEventType.PAIN_LOGGED
    options_schema: ClassVar[Mapping[vol.Marker, Any]] = {
        vol.Optional(CONF_MIN_RATING, default=0): vol.All(
            vol.Coerce(int), vol.Range(min=0, max=MAX_RATING)
        ),
        # The editor may send a cleared field as null: every area then.
        vol.Optional(CONF_AREA): vol.Any(None, vol.In([area.value for area in Area])),
    }

    @override
    def matches(self, data: Mapping[str, Any]) -> bool:
        """Return whether the rating is high enough and for the chosen area."""
        area = self._options.get(CONF_AREA)
        minimum: int = self._options[CONF_MIN_RATING]
        return int(data["rating"]) >= minimum and area in (None, data["area"])


class StreakMilestoneTrigger(ProfileEventTrigger):
    """The streak reached a milestone."""

    event_type = ProfileEventType.STREAK_MILESTONE


class DayMissedTrigger(MatTrigger):
    """A mat day ended without a session that counts for the streak."""

    @override
    async def async_attach_runner(
        self,
        run_action: TriggerActionRunner,
        did_not_trigger: TriggerNotTriggeredReporter | None = None,
    ) -> CALLBACK_TYPE:
        """Listen to the profile's missed days."""

        @callback
        def _missed(day: date) -> None:
            title = profile_title(self._hass, self._entry_id)
            payload = {ATTR_CONFIG_ENTRY_ID: self._entry_id, "day": day.isoformat()}
            run_action(payload, f"{title}: day_missed {day.isoformat()}")

        return async_dispatcher_connect(self._hass, signal_day_missed(self._entry_id), _missed)


TRIGGERS: dict[str, type[Trigger]] = {
    "session_started": StartedTrigger,
    "session_completed": CompletedTrigger,
    "session_stopped": StoppedTrigger,
    "session_paused": PausedTrigger,
    "session_resumed": ResumedTrigger,
    "pain_logged": PainLoggedTrigger,
    "streak_milestone": StreakMilestoneTrigger,
    "day_missed": DayMissedTrigger,
}


async def async_get_triggers(hass: HomeAssistant) -> dict[str, type[Trigger]]:
    """Return the triggers of mat profiles."""
    return TRIGGERS
