"""Guidance audio that follows a session on the players, and their restore afterwards."""

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.acupressure_mat.engine.audio.encode import mp3_duration

from .fake_speaker import BEDROOM, KITCHEN, Speakers
from .helpers import (
    BEDROOM_BEFORE,
    GUIDED,
    advance,
    call,
    fetch,
    player_state,
    press,
    state,
)

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def options() -> dict[str, Any]:
    """Guide sessions with breathing on the bedroom speaker at 0.4, unless a test says else."""
    return dict(GUIDED)


async def test_session_guidance_is_served_and_restored_after_the_end_bell(
    hass: HomeAssistant,
    setup: Speakers,
    frozen: FrozenDateTimeFactory,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    bedroom = setup.bedroom
    response = await call(hass, "start_session", response=True, minutes=1)
    assert response == {
        "planned_minutes": 1,
        "ends_at": "2026-11-24T20:01:00+01:00",
        "ramped": False,
        "guidance": "playing",
    }
    assert bedroom.calls[:2] == [("volume_set", 0.4), ("play_media", bedroom.played[0].media_id)]
    assert len(bedroom.played) == 1
    played = bedroom.played[0]
    assert played.announce is None
    assert played.media_type == "music"
    assert player_state(hass, BEDROOM)[:2] == ("playing", 0.4)
    assert setup.kitchen.calls == []

    data = await fetch(hass_client_no_auth, played.url)
    assert mp3_duration(data) == pytest.approx(60, abs=0.1)

    # The session ends with the end bell; players are restored 10 s later.
    await advance(hass, frozen, seconds=60)
    assert state(hass, "sensor.session_state") == "idle"
    assert player_state(hass, BEDROOM)[:2] == ("playing", 0.4)
    await advance(hass, frozen, seconds=9)
    assert player_state(hass, BEDROOM)[:2] == ("playing", 0.4)
    calls_before = len(bedroom.calls)
    await advance(hass, frozen, seconds=1.5)
    assert player_state(hass, BEDROOM) == BEDROOM_BEFORE
    assert bedroom.call_names[calls_before:] == ["stop", "turn_on", "volume_set", "play_media"]
    await advance(hass, frozen, minutes=5)
    assert len(bedroom.calls) == calls_before + 4


async def test_pause_resume_extend_and_stop_follow_the_session(
    hass: HomeAssistant,
    setup: Speakers,
    frozen: FrozenDateTimeFactory,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    bedroom = setup.bedroom
    await call(hass, "start_session", minutes=1, volume=0.25, breathing_pattern="box")
    assert bedroom.calls[0] == ("volume_set", 0.25)
    await advance(hass, frozen, seconds=20)
    await call(hass, "pause_session")
    assert bedroom.call_names[-1] == "pause"
    assert player_state(hass, BEDROOM)[0] == "paused"
    await advance(hass, frozen, minutes=10)
    await call(hass, "resume_session")
    assert bedroom.call_names[-1] == "play"
    assert player_state(hass, BEDROOM)[0] == "playing"

    await advance(hass, frozen, seconds=10)
    await call(hass, "extend_session", minutes=1)
    assert len(bedroom.played) == 2
    assert bedroom.played[1].url != bedroom.played[0].url
    assert bedroom.played[1].announce is None
    assert player_state(hass, BEDROOM)[:2] == ("playing", 0.25)
    data = await fetch(hass_client_no_auth, bedroom.played[1].url)
    # 30 s were heard, so 90 s are left of the 2 minutes.
    assert mp3_duration(data) == pytest.approx(90, abs=0.1)

    # Extending while paused replaces the audio and keeps the player paused.
    await call(hass, "pause_session")
    await call(hass, "extend_session", minutes=1)
    assert bedroom.call_names[-2:] == ["play_media", "pause"]
    assert player_state(hass, BEDROOM)[0] == "paused"
    data = await fetch(hass_client_no_auth, bedroom.played[2].url)
    assert mp3_duration(data) == pytest.approx(150, abs=0.1)
    await call(hass, "resume_session")

    await call(hass, "stop_session")
    assert state(hass, "sensor.session_state") == "idle"
    assert player_state(hass, BEDROOM) == BEDROOM_BEFORE
    assert bedroom.call_names[-4:] == ["stop", "turn_on", "volume_set", "play_media"]
    count = len(bedroom.calls)
    await advance(hass, frozen, minutes=5)
    assert len(bedroom.calls) == count


@pytest.mark.parametrize("options", [GUIDED | {"start_minutes": 1}])
async def test_buttons_drive_the_guidance(
    hass: HomeAssistant, setup: Speakers, frozen: FrozenDateTimeFactory
) -> None:
    bedroom = setup.bedroom
    await press(hass, "start_session")
    assert state(hass, "sensor.session_length") == "1"
    assert bedroom.call_names == ["volume_set", "play_media"]
    await press(hass, "pause_or_resume_session")
    assert player_state(hass, BEDROOM)[0] == "paused"
    await press(hass, "pause_or_resume_session")
    assert player_state(hass, BEDROOM)[0] == "playing"
    await press(hass, "stop_session")
    assert player_state(hass, BEDROOM) == BEDROOM_BEFORE


async def test_players_that_were_off_are_turned_off_again(
    hass: HomeAssistant, setup: Speakers, frozen: FrozenDateTimeFactory
) -> None:
    response = await call(
        hass,
        "start_session",
        response=True,
        minutes=1,
        guidance="meditation",
        media_player_entity_id=[BEDROOM, KITCHEN],
    )
    assert response is not None
    assert response["guidance"] == "playing"
    assert player_state(hass, KITCHEN)[:2] == ("playing", 0.4)
    assert setup.kitchen.played[0].media_id == setup.bedroom.played[0].media_id
    await advance(hass, frozen, seconds=60)
    await advance(hass, frozen, seconds=11)
    assert player_state(hass, KITCHEN)[0] == "off"
    assert setup.kitchen.call_names[-1] == "turn_off"
    assert player_state(hass, BEDROOM) == BEDROOM_BEFORE


async def test_new_guidance_cancels_a_pending_restore(
    hass: HomeAssistant, setup: Speakers, frozen: FrozenDateTimeFactory
) -> None:
    await call(hass, "start_session", minutes=1)
    await advance(hass, frozen, seconds=65)
    await call(hass, "start_session", minutes=1)
    await advance(hass, frozen, seconds=10)
    assert player_state(hass, BEDROOM)[:2] == ("playing", 0.4)
    await advance(hass, frozen, seconds=60)
    await advance(hass, frozen, seconds=11)
    # Restored to what it did before the first session, not to the first session's audio.
    assert player_state(hass, BEDROOM) == BEDROOM_BEFORE


async def test_unloading_cancels_the_pending_restore(
    hass: HomeAssistant,
    setup: Speakers,
    init_integration: MockConfigEntry,
    frozen: FrozenDateTimeFactory,
) -> None:
    await call(hass, "start_session", minutes=1)
    await advance(hass, frozen, seconds=62)
    assert await hass.config_entries.async_unload(init_integration.entry_id)
    count = len(setup.bedroom.calls)
    await advance(hass, frozen, seconds=20)
    assert len(setup.bedroom.calls) == count
