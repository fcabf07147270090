"""The base entity of a mat profile."""

from collections.abc import Hashable

from homeassistant.core import callback
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import DOMAIN
from .runtime import MatRuntime


class MatEntity(Entity):
    """An entity of one profile; writes its state only when what it shows has changed."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(self, *, runtime: MatRuntime, description: EntityDescription) -> None:
        """Bind the entity to its profile."""
        self.runtime = runtime
        self.entity_description = description
        entry_id = runtime.entry.entry_id
        self._attr_unique_id = f"{entry_id}_{description.key}"
        self._attr_device_info = DeviceInfo(identifiers={(DOMAIN, entry_id)})
        self._shown: Hashable = None

    def shown(self) -> Hashable:
        """Return what the entity shows; a change of it is what warrants a state write."""
        return None

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
