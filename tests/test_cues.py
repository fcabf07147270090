"""Spoken cues at the start, half time and end of a session."""

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service

from .fake_speaker import BEDROOM, KITCHEN, Speakers
from .helpers import BEDROOM_BEFORE, GUIDED, advance, call, player_state, state

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def options() -> dict[str, Any]:
    """Guide sessions with breathing on the bedroom speaker at 0.4, unless a test says else."""
    return dict(GUIDED)


TTS = "tts.fake"
CUES = {
    "start": "Your mat session begins. Breathe slowly and let your body settle onto the mat.",
    "half_time": "Half of your session has passed. Keep breathing calmly.",
    "end": (
        "Your mat session is over. How is your pain now? "
        "You can say, for example: log back pain three."
    ),
}


@pytest.fixture
def speak(hass: HomeAssistant) -> list[ServiceCall]:
    """Record tts.speak calls."""
    return async_mock_service(hass, "tts", "speak")


def spoken(calls: list[ServiceCall]) -> list[str]:
    """Return which cues were spoken, checking each call's target."""
    said = []
    for item in calls:
        assert item.data["entity_id"] == TTS
        assert item.data["media_player_entity_id"] == [BEDROOM]
        said.append(next(key for key, text in CUES.items() if text == item.data["message"]))
    return said


@pytest.mark.parametrize("options", [GUIDED | {"tts_entity": TTS}])
async def test_spoken_cues_at_start_half_time_and_end(
    hass: HomeAssistant,
    setup: Speakers,
    speak: list[ServiceCall],
    frozen: FrozenDateTimeFactory,
) -> None:
    await call(hass, "start_session", minutes=1)
    await hass.async_block_till_done()
    assert spoken(speak) == ["start"]
    await advance(hass, frozen, seconds=29)
    assert spoken(speak) == ["start"]
    await advance(hass, frozen, seconds=1.5)
    assert spoken(speak) == ["start", "half_time"]
    await advance(hass, frozen, seconds=30)
    assert state(hass, "sensor.session_state") == "idle"
    assert spoken(speak) == ["start", "half_time", "end"]
    await advance(hass, frozen, minutes=2)
    assert spoken(speak) == ["start", "half_time", "end"]


@pytest.mark.parametrize("options", [GUIDED | {"tts_entity": TTS}])
async def test_half_time_follows_pauses_and_extensions(
    hass: HomeAssistant,
    setup: Speakers,
    speak: list[ServiceCall],
    frozen: FrozenDateTimeFactory,
) -> None:
    await call(hass, "start_session", minutes=2)
    await advance(hass, frozen, seconds=20)
    await call(hass, "pause_session")
    await advance(hass, frozen, minutes=5)
    assert spoken(speak) == ["start"]
    await call(hass, "resume_session")
    await advance(hass, frozen, seconds=20)
    # Two more minutes move half time from 60 s to 120 s of active time.
    await call(hass, "extend_session", minutes=2)
    await advance(hass, frozen, seconds=30)
    assert spoken(speak) == ["start"]
    await advance(hass, frozen, seconds=50)
    assert spoken(speak) == ["start", "half_time"]
    await call(hass, "stop_session")
    await advance(hass, frozen, minutes=5)
    assert spoken(speak) == ["start", "half_time"]


@pytest.mark.parametrize("options", [GUIDED | {"tts_entity": TTS}])
async def test_no_half_time_cue_after_a_stop_or_while_paused(
    hass: HomeAssistant,
    setup: Speakers,
    speak: list[ServiceCall],
    frozen: FrozenDateTimeFactory,
) -> None:
    await call(hass, "start_session", minutes=1)
    await call(hass, "stop_session")
    await advance(hass, frozen, minutes=2)
    assert spoken(speak) == ["start"]
    await call(hass, "start_session", minutes=1)
    await call(hass, "pause_session")
    await call(hass, "extend_session", minutes=1)
    await advance(hass, frozen, minutes=2)
    assert spoken(speak) == ["start", "start"]
    await advance(hass, frozen, minutes=2)
    await call(hass, "resume_session")
    # Paused at once and extended to 2 minutes: half time is 60 s of active time.
    await advance(hass, frozen, seconds=31)
    assert spoken(speak) == ["start", "start"]
    await advance(hass, frozen, seconds=30)
    assert spoken(speak) == ["start", "start", "half_time"]


@pytest.mark.parametrize("options", [GUIDED | {"tts_entity": TTS}])
async def test_a_failing_tts_does_not_break_the_session(
    hass: HomeAssistant, setup: Speakers, frozen: FrozenDateTimeFactory
) -> None:
    calls = async_mock_service(
        hass, "tts", "speak", raise_exception=HomeAssistantError("tts is down")
    )
    response = await call(hass, "start_session", response=True, minutes=1)
    assert response is not None
    assert response["guidance"] == "playing"
    await advance(hass, frozen, seconds=31)
    await advance(hass, frozen, seconds=30)
    assert state(hass, "sensor.session_state") == "idle"
    assert len(calls) == 3


@pytest.mark.parametrize("options", [{"tts_entity": TTS}])
async def test_no_cues_without_guidance_players(
    hass: HomeAssistant, setup: Speakers, speak: list[ServiceCall], frozen: FrozenDateTimeFactory
) -> None:
    await call(hass, "start_session", minutes=1, guidance="breathing")
    await advance(hass, frozen, seconds=61)
    assert speak == []


@pytest.mark.parametrize("options", [{"media_players": [BEDROOM, KITCHEN], "tts_entity": TTS}])
async def test_cues_without_guidance_use_the_profiles_players(
    hass: HomeAssistant,
    setup: Speakers,
    speak: list[ServiceCall],
    frozen: FrozenDateTimeFactory,
) -> None:
    setup.kitchen.set_unavailable()
    response = await call(hass, "start_session", response=True, minutes=1)
    assert response is not None
    assert response["guidance"] == "none"
    # Half time, then the end: one jump over both would fire their timers in any order.
    await advance(hass, frozen, seconds=31)
    await advance(hass, frozen, seconds=30)
    # Spoken on the available speaker only, and nothing else played or changed there.
    assert spoken(speak) == ["start", "half_time", "end"]
    assert setup.bedroom.calls == []
    assert player_state(hass, BEDROOM) == BEDROOM_BEFORE
