"""Fixtures of the voice tests: Home Assistant with Assist, then mat profiles."""

from typing import Any

from homeassistant.components import conversation
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import intent
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.const import DOMAIN
from tests.conftest import PROFILE_DATA


def profile(title: str, entry_id: str, **options: Any) -> MockConfigEntry:
    """Return a mat profile's config entry."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=title,
        data=PROFILE_DATA | {"name": title},
        options=options,
        entry_id=entry_id,
    )


async def add(hass: HomeAssistant, entry: MockConfigEntry) -> MockConfigEntry:
    """Load a profile."""
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def ask(hass: HomeAssistant, text: str, language: str | None) -> intent.IntentResponse:
    """Say a sentence to Assist and return its response."""
    result = await conversation.async_converse(hass, text, None, Context(), language=language)
    return result.response


def speech(response: intent.IntentResponse) -> str:
    """Return what Assist said."""
    said: str = response.speech["plain"]["speech"]
    return said


@pytest.fixture
async def assist(hass: HomeAssistant) -> None:
    """Set up Home Assistant with Assist, before any profile."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    await hass.async_block_till_done()


@pytest.fixture
async def anna(
    hass: HomeAssistant, assist: None, mock_config_entry: MockConfigEntry
) -> MockConfigEntry:
    """Load Anna's mat after Assist."""
    return await add(hass, mock_config_entry)
