"""Setting up, following Home Assistant's time zone and removing a profile."""

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .helpers import KEY, START, call

pytestmark = pytest.mark.usefixtures("frozen")


async def test_time_zone_change_is_followed(
    hass: HomeAssistant, init_integration: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    freezer.move_to(START)
    await hass.config.async_update(time_zone="America/New_York")
    await hass.async_block_till_done()
    assert init_integration.runtime_data.runtime.profile.settings.tz.key == "America/New_York"


async def test_removal_deletes_the_stored_history(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    await call(hass, "log_pain", rating=5)
    assert KEY in hass_storage
    await hass.config_entries.async_remove(init_integration.entry_id)
    await hass.async_block_till_done()
    assert KEY not in hass_storage
