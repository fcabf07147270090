"""Fixtures shared by the integration tests."""

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from unittest.mock import patch

import ciso8601
from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from syrupy.assertion import SnapshotAssertion

from custom_components.acupressure_mat import PLATFORMS
from custom_components.acupressure_mat.audio_server import AudioServer
from custom_components.acupressure_mat.const import DOMAIN

from .fake_speaker import Speakers, async_setup_speakers
from .fuzz.escapes import WouldCrash, not_unicode
from .fuzz.strategies import FOREIGN_ID, UNLOADED_ID
from .helpers import PROFILE_DATA, START, add, call

EVENING = datetime.fromisoformat("2026-11-24T21:00:00+01:00")


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load this custom integration."""


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Serialize Home Assistant objects stably (syrupy's own fixture would win otherwise)."""
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


@pytest.fixture
def frozen(freezer: FrozenDateTimeFactory) -> FrozenDateTimeFactory:
    """Start the clock at a known evening; modules use it for every test."""
    freezer.move_to(START)
    return freezer


@pytest.fixture
def evening(frozen: FrozenDateTimeFactory) -> FrozenDateTimeFactory:
    """Move the clock on to 21:00, for an evening with a session behind it."""
    frozen.move_to(EVENING)
    return frozen


@pytest.fixture
def hass_config_dir(tmp_path: Path) -> str:
    """Give each test its own config folder, for the stores and audio cache it writes."""
    return str(tmp_path)


@pytest.fixture
def options() -> dict[str, Any]:
    """Options of the profile under test; tests override this fixture."""
    return {}


@pytest.fixture
def mock_config_entry(options: dict[str, Any]) -> MockConfigEntry:
    """Return a mat profile's config entry."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=PROFILE_DATA["name"],
        data=PROFILE_DATA,
        options=options,
        entry_id="01JMATPROFILE0000000000000",
    )


@pytest.fixture
def platforms() -> list[Platform]:
    """Platforms to set up; a platform's snapshot test narrows this to its own."""
    return PLATFORMS


@pytest.fixture
async def init_integration(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, platforms: list[Platform]
) -> MockConfigEntry:
    """Set up Home Assistant with the profile loaded."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    assert await async_setup_component(hass, "homeassistant", {})
    mock_config_entry.add_to_hass(hass)
    with patch("custom_components.acupressure_mat.PLATFORMS", platforms):
        assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
        await hass.async_block_till_done()
    return mock_config_entry


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


@pytest.fixture
async def speakers(hass: HomeAssistant) -> Speakers:
    """Set up the two fake speakers before the profile."""
    return await async_setup_speakers(hass)


@pytest.fixture
def lights(hass: HomeAssistant) -> dict[str, list[ServiceCall]]:
    """Record what is done to the lights."""
    return {
        "on": async_mock_service(hass, "light", "turn_on"),
        "off": async_mock_service(hass, "light", "turn_off"),
    }


@pytest.fixture
async def setup(speakers: Speakers, init_integration: MockConfigEntry) -> Speakers:
    """Speakers first, then the profile."""
    return speakers


@pytest.fixture
def ciso8601_guard() -> Iterator[None]:
    """Stand in for ciso8601's crash on text with a lone surrogate, so tests can report it."""
    real = ciso8601.parse_datetime

    def _parse(text: str) -> datetime:
        if not_unicode(text):
            msg = f"ciso8601.parse_datetime({text!r}) crashes the process (SIGSEGV)"
            raise WouldCrash(msg)
        return real(text)

    with patch.object(ciso8601, "parse_datetime", _parse):
        yield


@pytest.fixture
def quick_audio(tmp_path: Path) -> Iterator[None]:
    """Serve one tiny file instead of rendering guidance: the actions only decide its length."""
    audio = tmp_path / "guidance.mp3"
    audio.write_bytes(b"\xff\xfb\x90\x00" * 8)

    async def _source(_server: AudioServer, _spec: object) -> Path:
        return audio

    with patch.object(AudioServer, "async_source", _source):
        yield


@pytest.fixture
async def profile(
    hass: HomeAssistant, quick_audio: None, mock_config_entry: MockConfigEntry
) -> MockConfigEntry:
    """For the fuzz: two speakers, the profile, an unloaded second profile, a foreign entry."""
    await async_setup_speakers(hass)
    await hass.config.async_set_time_zone("Europe/Berlin")
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    MockConfigEntry(domain=DOMAIN, title="Ben's mat", entry_id=UNLOADED_ID).add_to_hass(hass)
    MockConfigEntry(domain="sun", entry_id=FOREIGN_ID).add_to_hass(hass)
    await hass.async_block_till_done()
    await call(hass, "log_pain", rating=4, note="before the fuzz")
    return mock_config_entry
