"""The binary sensor: its entity and state."""

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, snapshot_platform
from syrupy.assertion import SnapshotAssertion

from .helpers import log_an_evening


@pytest.mark.usefixtures("evening")
@pytest.mark.parametrize("platforms", [[Platform.BINARY_SENSOR]], ids=["binary_sensor"])
async def test_entities(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    await log_an_evening(hass)
    await snapshot_platform(hass, entity_registry, snapshot, init_integration.entry_id)
