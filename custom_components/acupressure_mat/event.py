"""Event entity of a mat profile: every session transition, pain rating and milestone."""

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .engine.profile import Event
from .entity import MatEntity
from .runtime import MatConfigEntry

PARALLEL_UPDATES = 0

EVENT_TYPES = [
    "started",
    "paused",
    "resumed",
    "completed",
    "stopped",
    "extended",
    "pain_logged",
    "streak_milestone",
]
SESSION = EventEntityDescription(key="session", translation_key="session", event_types=EVENT_TYPES)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MatConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the event entity."""
    async_add_entities([MatSessionEvent(runtime=entry.runtime_data, description=SESSION)])


class MatSessionEvent(MatEntity, EventEntity):
    """Fires the profile's session events."""

    async def async_added_to_hass(self) -> None:
        """Receive the profile's events."""
        await super().async_added_to_hass()
        self.async_on_remove(self.runtime.async_add_event_listener(self._async_event))

    @callback
    def _async_event(self, event: Event) -> None:
        """Fire one event."""
        self._trigger_event(event.type, event.data)
        self.async_write_ha_state()
