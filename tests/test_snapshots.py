"""Snapshots of every platform's entities: registry entries and states."""

from datetime import datetime
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, snapshot_platform
from syrupy.assertion import SnapshotAssertion

from .helpers import call


@pytest.mark.parametrize(
    "platform", [Platform.BINARY_SENSOR, Platform.BUTTON, Platform.EVENT, Platform.SENSOR]
)
async def test_platform(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    freezer: FrozenDateTimeFactory,
    platform: Platform,
) -> None:
    freezer.move_to(datetime.fromisoformat("2026-11-24T21:00:00+01:00"))
    await hass.config.async_set_time_zone("Europe/Berlin")
    mock_config_entry.add_to_hass(hass)
    with patch("custom_components.acupressure_mat.PLATFORMS", [platform]):
        assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
        await hass.async_block_till_done()
    # A day with a logged session and ratings before and after, then a running session.
    await call(hass, "log_pain", rating=6, logged_at="2026-11-24T20:30:00")
    await call(hass, "log_session", minutes=20, ended_at="2026-11-24T20:55:00")
    await call(hass, "log_pain", rating=3, area="neck", logged_at="2026-11-24T20:58:00")
    await call(hass, "start_session")
    await snapshot_platform(hass, entity_registry, snapshot, mock_config_entry.entry_id)
