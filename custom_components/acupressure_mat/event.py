"""Event entity of a mat profile: every session transition, pain rating and milestone."""

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .data import MatConfigEntry
from .engine.profile import ProfileEvent
from .engine.vocabulary import ProfileEventType
from .entity import MatEntity

PARALLEL_UPDATES = 0

SESSION = EventEntityDescription(
    key="session",
    translation_key="session",
    event_types=[event_type.value for event_type in ProfileEventType],
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MatConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the event entity."""
    async_add_entities([MatSessionEvent(entry=entry, description=SESSION)])


class MatSessionEvent(MatEntity, EventEntity):
    """Fires the profile's session events."""

    async def async_added_to_hass(self) -> None:
        """Receive the profile's events."""
        await super().async_added_to_hass()
        self.async_on_remove(self.runtime.async_add_event_listener(self._async_event))

    @callback
    def _async_event(self, event: ProfileEvent) -> None:
        """Fire one event."""
        self._trigger_event(event.type.value, dict(event.data))
        self.async_write_ha_state()

    def shown(self) -> None:
        """Return nothing: the entity writes its state when an event fires."""
