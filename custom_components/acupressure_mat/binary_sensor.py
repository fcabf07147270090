"""Binary sensor of a mat profile: whether a session is running."""

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.components.binary_sensor.const import BinarySensorDeviceClass
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .data import MatConfigEntry
from .engine.vocabulary import SessionState
from .entity import MatEntity

PARALLEL_UPDATES = 0

SESSION_ACTIVE = BinarySensorEntityDescription(
    key="session_active",
    translation_key="session_active",
    device_class=BinarySensorDeviceClass.RUNNING,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MatConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the binary sensor."""
    async_add_entities([MatSessionActive(entry=entry, description=SESSION_ACTIVE)])


class MatSessionActive(MatEntity, BinarySensorEntity):
    """On while a session is active or paused."""

    @property
    def is_on(self) -> bool:
        """Return whether a session is running."""
        return self.runtime.readout.state is not SessionState.IDLE

    def shown(self) -> bool:
        """Return the state."""
        return self.is_on
