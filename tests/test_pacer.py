"""The session attributes the dashboard card breathes by, through Home Assistant."""

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .fake_speaker import BEDROOM
from .helpers import PREFIX, advance, call

SESSION = f"sensor.{PREFIX}_session_state"
pytestmark = pytest.mark.usefixtures("frozen")


def card_attrs(hass: HomeAssistant) -> dict[str, Any]:
    """Return the session sensor's card attributes."""
    state = hass.states.get(SESSION)
    assert state is not None
    keys = ("breathing_pattern", "guidance", "guidance_started_at", "remaining_seconds")
    return {key: state.attributes.get(key) for key in keys}


@pytest.fixture
def options() -> dict[str, Any]:
    """Guide sessions with box breathing on the bedroom speaker."""
    return {"guidance": "breathing", "media_players": [BEDROOM], "breathing_pattern": "box"}


@pytest.mark.usefixtures("speakers", "init_integration")
async def test_attributes_follow_the_session(
    hass: HomeAssistant, frozen: FrozenDateTimeFactory
) -> None:
    """Pattern and audio start appear with the session, freeze on pause and move on resume."""
    assert "breathing_pattern" not in hass.states.get(SESSION).attributes  # type: ignore[union-attr]
    await call(hass, "start_session", minutes=5, breathing_pattern="4_7_8")
    assert card_attrs(hass) == {
        "breathing_pattern": "4_7_8",
        "guidance": "breathing",
        "guidance_started_at": "2026-11-24T20:00:00+01:00",
        "remaining_seconds": None,
    }
    await advance(hass, frozen, seconds=70)
    # A minute passing writes the remaining minutes, but the card's attributes stay put.
    assert card_attrs(hass)["guidance_started_at"] == "2026-11-24T20:00:00+01:00"
    await call(hass, "pause_session")
    assert card_attrs(hass)["guidance_started_at"] is None
    assert card_attrs(hass)["remaining_seconds"] == 230.0
    await advance(hass, frozen, seconds=30)
    assert card_attrs(hass)["remaining_seconds"] == 230.0
    await call(hass, "resume_session")
    # Shifted by the 30 s pause, as the players paused with the session.
    assert card_attrs(hass)["guidance_started_at"] == "2026-11-24T20:00:30+01:00"
    await advance(hass, frozen, seconds=10)
    await call(hass, "extend_session", minutes=5)
    # The longer audio starts from its first breath at 80 s of active time.
    assert card_attrs(hass)["guidance_started_at"] == "2026-11-24T20:01:50+01:00"
    await call(hass, "stop_session")
    assert "breathing_pattern" not in hass.states.get(SESSION).attributes  # type: ignore[union-attr]


@pytest.mark.parametrize("options", [{"breathing_pattern": "calm"}])
@pytest.mark.usefixtures("init_integration")
async def test_without_audio_the_pattern_still_paces(hass: HomeAssistant) -> None:
    """A session without guidance keeps its phase from its start, even when extended."""
    await call(hass, "start_session", minutes=5)
    await call(hass, "extend_session", minutes=5)
    assert card_attrs(hass) == {
        "breathing_pattern": "calm",
        "guidance": "none",
        "guidance_started_at": "2026-11-24T20:00:00+01:00",
        "remaining_seconds": None,
    }


@pytest.mark.parametrize("options", [{"breathing_pattern": "coherent"}])
async def test_after_a_restart_the_options_pattern_applies(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A session running across a reload paces with the profile's pattern."""
    await call(hass, "start_session", minutes=5, breathing_pattern="box")
    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()
    assert card_attrs(hass)["breathing_pattern"] == "coherent"
