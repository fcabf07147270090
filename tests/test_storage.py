"""The profile's store: migration, and files it cannot read set aside or left alone."""

from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.const import DOMAIN

from .helpers import KEY, start_home, state, stored_profile

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.parametrize(
    "data", [{"sessions": "garbage"}, {"ramp_level": 5, "sessions": [{"x": 1}], "pain": []}, []]
)
async def test_malformed_store_is_set_aside(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    data: Any,
) -> None:
    hass_storage[KEY] = {"version": 1, "minor_version": 1, "key": KEY, "data": data}
    await start_home(hass, mock_config_entry)
    assert state(hass, "sensor.session_state") == "idle"
    assert state(hass, "sensor.sessions_completed") == "0"
    issue = ir.async_get(hass).async_get_issue(
        DOMAIN, f"malformed_store_{mock_config_entry.entry_id}"
    )
    assert issue is not None
    assert issue.translation_key == "malformed_store"
    assert hass_storage[KEY]["data"]["sessions"] == []


async def test_store_migrates_from_minor_version_0(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    pain = {
        "logged_at": "2026-11-24T18:00:00+00:00",
        "rating": 3,
        "area": "feet",
        "moment": "before",
    }
    hass_storage[KEY] = stored_profile(None, pain=[pain]) | {"minor_version": 0}
    await start_home(hass, mock_config_entry)
    assert state(hass, "sensor.last_pain_rating") == "3"


async def test_a_store_from_a_newer_version_is_left_alone(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    # After a downgrade: refuse to load rather than overwrite what a newer version wrote.
    hass_storage[KEY] = stored_profile(None) | {"version": 2}
    await hass.config.async_set_time_zone("Europe/Berlin")
    mock_config_entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(mock_config_entry.entry_id)
    assert mock_config_entry.state is ConfigEntryState.SETUP_ERROR
    assert hass_storage[KEY]["version"] == 2
