"""The device and unique ids every entity of a profile shares."""

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

pytestmark = pytest.mark.usefixtures("frozen")


async def test_each_profile_has_one_service_device_holding_its_entities(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    entry_id = init_integration.entry_id
    devices = dr.async_entries_for_config_entry(dr.async_get(hass), entry_id)
    assert len(devices) == 1
    assert devices[0].entry_type is dr.DeviceEntryType.SERVICE
    entities = er.async_entries_for_config_entry(er.async_get(hass), entry_id)
    assert {e.device_id for e in entities} == {devices[0].id}
    assert len(entities) == 23
    assert all(e.unique_id == f"{entry_id}_{e.translation_key}" for e in entities)
