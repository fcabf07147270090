"""play_guidance and stop_guidance, and players that are missing, off or failing."""

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.acupressure_mat.audio_server import DATA_AUDIO
from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.engine.audio.encode import mp3_duration

from .fake_speaker import BEDROOM, KITCHEN, Speakers
from .helpers import BEDROOM_BEFORE, GUIDED, advance, call, fetch, player_state, state, token_of

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def options() -> dict[str, Any]:
    """Guide sessions with breathing on the bedroom speaker at 0.4, unless a test says else."""
    return dict(GUIDED)


pytestmark = pytest.mark.usefixtures("frozen")


async def test_play_and_stop_guidance_without_a_session(
    hass: HomeAssistant,
    setup: Speakers,
    frozen: FrozenDateTimeFactory,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    await call(hass, "play_guidance", minutes=1, media_player_entity_id=[BEDROOM, KITCHEN])
    assert state(hass, "sensor.session_state") == "idle"
    for speaker in setup.all:
        assert speaker.call_names == ["volume_set", "play_media"]
        assert speaker.played[0].announce is None
    assert player_state(hass, BEDROOM)[:2] == ("playing", 0.4)
    data = await fetch(hass_client_no_auth, setup.bedroom.played[0].url)
    assert mp3_duration(data) == pytest.approx(60, abs=0.1)
    grant = hass.data[DATA_AUDIO]._grants[token_of(setup.bedroom.played[0].url)]
    assert grant.path.name.startswith("v1-breathing-")

    await call(hass, "stop_guidance", media_player_entity_id=[KITCHEN])
    assert player_state(hass, KITCHEN)[0] == "off"
    assert player_state(hass, BEDROOM)[:2] == ("playing", 0.4)
    await call(hass, "stop_guidance")
    assert player_state(hass, BEDROOM) == BEDROOM_BEFORE
    count = len(setup.bedroom.calls)
    await call(hass, "stop_guidance")
    assert len(setup.bedroom.calls) == count


@pytest.mark.parametrize("options", [{"media_players": [BEDROOM], "guidance": "meditation"}])
async def test_play_guidance_defaults_to_the_profile(
    hass: HomeAssistant, setup: Speakers, frozen: FrozenDateTimeFactory
) -> None:
    await call(hass, "play_guidance", minutes=1, volume=0.7)
    assert setup.bedroom.calls[0] == ("volume_set", 0.7)
    grant = hass.data[DATA_AUDIO]._grants[token_of(setup.bedroom.played[0].url)]
    assert grant.path.name.startswith("v1-meditation-")
    assert setup.kitchen.calls == []


@pytest.mark.parametrize("options", [{"media_players": [BEDROOM]}])
async def test_play_guidance_is_breathing_when_the_profile_has_none(
    hass: HomeAssistant, setup: Speakers, frozen: FrozenDateTimeFactory
) -> None:
    await call(hass, "play_guidance", minutes=1)
    grant = hass.data[DATA_AUDIO]._grants[token_of(setup.bedroom.played[0].url)]
    assert grant.path.name.startswith("v1-breathing-")


async def test_stop_guidance_keeps_the_session_running(
    hass: HomeAssistant, setup: Speakers, frozen: FrozenDateTimeFactory
) -> None:
    await call(hass, "start_session", minutes=1)
    await call(hass, "stop_guidance")
    assert player_state(hass, BEDROOM) == BEDROOM_BEFORE
    assert state(hass, "sensor.session_state") == "active"
    count = len(setup.bedroom.calls)
    await call(hass, "pause_session")
    await call(hass, "resume_session")
    await call(hass, "extend_session", minutes=1)
    await advance(hass, frozen, minutes=3)
    assert state(hass, "sensor.session_state") == "idle"
    assert state(hass, "sensor.sessions_completed") == "1"
    assert len(setup.bedroom.calls) == count
    assert player_state(hass, BEDROOM) == BEDROOM_BEFORE


async def test_a_named_player_that_does_not_exist_is_refused(
    hass: HomeAssistant, setup: Speakers
) -> None:
    for action, data in (
        ("start_session", {"minutes": 1}),
        ("play_guidance", {"minutes": 1}),
        ("stop_guidance", {}),
    ):
        for missing in ("media_player.attic", "light.bedroom"):
            with pytest.raises(ServiceValidationError) as err:
                await call(hass, action, media_player_entity_id=[BEDROOM, missing], **data)
            assert err.value.translation_key == "media_player_not_found"
            assert err.value.translation_placeholders == {"entity_id": missing}
    assert state(hass, "sensor.session_state") == "idle"
    assert setup.bedroom.calls == []


@pytest.mark.parametrize("options", [GUIDED | {"media_players": ["media_player.attic", BEDROOM]}])
async def test_a_configured_player_that_is_gone_is_reported(
    hass: HomeAssistant, setup: Speakers
) -> None:
    response = await call(hass, "start_session", response=True, minutes=1)
    assert response is not None
    assert response["guidance"] == "playing"
    issue = ir.async_get(hass).async_get_issue(
        DOMAIN, "missing_player_01JMATPROFILE0000000000000_media_player.attic"
    )
    assert issue is not None
    assert issue.translation_key == "missing_player"
    assert issue.translation_placeholders == {
        "entity_id": "media_player.attic",
        "profile": "Anna's mat",
    }


@pytest.mark.parametrize("options", [GUIDED | {"media_players": ["media_player.attic"]}])
async def test_guidance_fails_when_every_configured_player_is_gone(
    hass: HomeAssistant, setup: Speakers, frozen: FrozenDateTimeFactory
) -> None:
    response = await call(hass, "start_session", response=True, minutes=1)
    assert response is not None
    assert response["guidance"] == "failed"
    assert state(hass, "sensor.session_state") == "active"
    assert ir.async_get(hass).async_get_issue(
        DOMAIN, "missing_player_01JMATPROFILE0000000000000_media_player.attic"
    )
    await call(hass, "pause_session")
    await call(hass, "stop_session")
    for speaker in setup.all:
        assert speaker.calls == []
    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "play_guidance", minutes=1)
    assert err.value.translation_key == "guidance_failed"


@pytest.mark.parametrize("options", [{"guidance": "breathing"}])
async def test_guidance_fails_without_players(hass: HomeAssistant, setup: Speakers) -> None:
    response = await call(hass, "start_session", response=True, minutes=1)
    assert response is not None
    assert response["guidance"] == "failed"
    assert state(hass, "sensor.session_state") == "active"


async def test_an_unavailable_player_fails(hass: HomeAssistant, setup: Speakers) -> None:
    setup.bedroom.set_unavailable()
    response = await call(hass, "start_session", response=True, minutes=1)
    assert response is not None
    assert response["guidance"] == "failed"
    assert state(hass, "sensor.session_state") == "active"
    assert setup.bedroom.calls == []
    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "play_guidance", minutes=1, media_player_entity_id=[BEDROOM])
    assert err.value.translation_key == "guidance_failed"
    assert not ir.async_get(hass).issues


async def test_guidance_none_touches_no_player(
    hass: HomeAssistant, setup: Speakers, frozen: FrozenDateTimeFactory
) -> None:
    response = await call(hass, "start_session", response=True, minutes=1, guidance="none")
    assert response is not None
    assert response["guidance"] == "none"
    await call(hass, "pause_session")
    await call(hass, "resume_session")
    await call(hass, "extend_session", minutes=1)
    await advance(hass, frozen, minutes=3)
    await call(hass, "start_session", minutes=1, guidance="none")
    await call(hass, "stop_session")
    assert setup.bedroom.calls == []
    assert player_state(hass, BEDROOM) == BEDROOM_BEFORE


async def test_one_player_refusing_does_not_fail_the_others(
    hass: HomeAssistant, setup: Speakers, frozen: FrozenDateTimeFactory
) -> None:
    setup.kitchen.failing = {"play_media"}
    response = await call(
        hass, "start_session", response=True, minutes=1, media_player_entity_id=[KITCHEN, BEDROOM]
    )
    assert response is not None
    assert response["guidance"] == "playing"
    assert player_state(hass, BEDROOM)[0] == "playing"
    # A restore that fails on one player still restores the others.
    setup.kitchen.failing = {"turn_off", "stop"}
    await call(hass, "stop_session")
    assert player_state(hass, BEDROOM) == BEDROOM_BEFORE
    setup.bedroom.failing = {"play_media"}
    with pytest.raises(HomeAssistantError) as err:
        await call(hass, "play_guidance", minutes=1, media_player_entity_id=[BEDROOM])
    assert err.value.translation_key == "guidance_failed"
