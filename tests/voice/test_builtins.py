"""Our sentences win for anything that names the mat, and take over no built-in phrase."""

from homeassistant.components.media_player import MediaPlayerEntityFeature
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service

from tests.helpers import call, state

from .helpers import ask, speech

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
async def devices(hass: HomeAssistant, anna: MockConfigEntry) -> dict[str, list[ServiceCall]]:
    """Add a light and a playing TV beside the mat, with their actions recorded."""
    assert await async_setup_component(hass, "light", {})
    assert await async_setup_component(hass, "media_player", {})
    hass.states.async_set("light.kitchen", "off", {"friendly_name": "Kitchen light"})
    hass.states.async_set("light.kuche", "off", {"friendly_name": "Küchenlampe"})
    features = MediaPlayerEntityFeature.PAUSE | MediaPlayerEntityFeature.PLAY
    hass.states.async_set(
        "media_player.tv", "playing", {"friendly_name": "TV", "supported_features": features}
    )
    await hass.async_block_till_done()
    return {
        name: async_mock_service(hass, domain, name)
        for domain, name in (
            ("light", "turn_on"),
            ("light", "turn_off"),
            ("media_player", "media_pause"),
            ("media_player", "media_play"),
        )
    }


@pytest.mark.parametrize(
    ("language", "text", "intent_type"),
    [
        ("en", "pause the mat", "AcupressureMatPauseSession"),
        ("en", "stop the mat", "AcupressureMatStopSession"),
        ("en", "set a mat timer for 10 minutes", "AcupressureMatStartSession"),
        ("en", "turn off the acupressure mat", "AcupressureMatStopSession"),
        ("de", "Matte pausieren", "AcupressureMatPauseSession"),
        ("de", "stoppe die Matte", "AcupressureMatStopSession"),
        ("de", "stell einen Mattentimer auf 10 Minuten", "AcupressureMatStartSession"),
        ("cs", "zastav podložku", "AcupressureMatStopSession"),
        ("cs", "nastav časovač na podložku na 10 minut", "AcupressureMatStartSession"),
    ],
)
async def test_the_mat_wins(
    hass: HomeAssistant,
    devices: dict[str, list[ServiceCall]],
    language: str,
    text: str,
    intent_type: str,
) -> None:
    if not intent_type.endswith("StartSession"):
        await call(hass, "start_session", minutes=10)
    response = await ask(hass, text, language)
    assert response.intent is not None, speech(response)
    assert response.intent.intent_type == intent_type
    assert not any(devices.values())


@pytest.mark.parametrize(
    ("language", "text", "action"),
    [
        ("en", "turn on the kitchen light", "turn_on"),
        ("en", "turn off the kitchen light", "turn_off"),
        ("en", "pause the TV", "media_pause"),
        ("de", "schalte die Küchenlampe ein", "turn_on"),
        ("de", "pausiere den TV", "media_pause"),
    ],
)
async def test_built_ins_stay(
    hass: HomeAssistant,
    devices: dict[str, list[ServiceCall]],
    language: str,
    text: str,
    action: str,
) -> None:
    await call(hass, "start_session", minutes=10)
    response = await ask(hass, text, language)
    assert response.intent is not None, speech(response)
    assert not response.intent.intent_type.startswith("AcupressureMat")
    assert len(devices[action]) == 1
    assert state(hass, "sensor.session_state") == "active"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "set a timer for 10 minutes"),
        ("en", "start a 10 minute timer"),
        ("en", "pause"),
        ("en", "stop"),
        ("en", "start the session"),
        ("de", "Pause"),
        ("de", "starte die Sitzung"),
        ("cs", "spusť sezení"),
        ("cs", "pozastav časovač"),
        ("en", "how much time is left on my timer"),
        ("de", "stell einen Timer auf 10 Minuten"),
        ("cs", "nastav časovač na 10 minut"),
    ],
)
async def test_phrases_without_the_mat_are_not_ours(
    hass: HomeAssistant, anna: MockConfigEntry, language: str, text: str
) -> None:
    response = await ask(hass, text, language)
    assert response.intent is None or not response.intent.intent_type.startswith("AcupressureMat")
    assert state(hass, "sensor.session_state") == "idle"
