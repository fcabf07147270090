"""The base entity of a mat profile."""

from abc import abstractmethod
from collections.abc import Hashable

from homeassistant.core import callback
from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import DOMAIN
from .data import MatConfigEntry


class MatEntity(Entity):
    """An entity of one profile; writes its state only when what it shows has changed."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(self, *, entry: MatConfigEntry, description: EntityDescription) -> None:
        """Bind the entity to its profile and the profile's device."""
        self.data = entry.runtime_data
        self.runtime = self.data.runtime
        self.entity_description = description
        self._attr_unique_id = f"{entry.entry_id}_{description.key}"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, entry.entry_id)},
            name=entry.title,
            manufacturer="Acupressure Mat",
            model="Mat profile",
            entry_type=DeviceEntryType.SERVICE,
        )
        self._shown: Hashable = None

    @abstractmethod
    def shown(self) -> Hashable:
        """Return what the entity shows; a change of it is what warrants a state write."""

    async def async_added_to_hass(self) -> None:
        """Follow the profile's changes."""
        await super().async_added_to_hass()
        self._shown = self.shown()
        self.async_on_remove(self.runtime.async_add_listener(self._async_changed))

    @callback
    def _async_changed(self) -> None:
        """Write the state when the shown value changed."""
        shown = self.shown()
        if shown != self._shown:
            self._shown = shown
            self.async_write_ha_state()
