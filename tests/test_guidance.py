"""Guidance audio on media players, through the actions, buttons and HTTP of Home Assistant."""

from http import HTTPStatus
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import issue_registry as ir
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from yarl import URL

from custom_components.acupressure_mat.audio_server import DATA_AUDIO
from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.engine.audio.encode import mp3_duration

from .fake_speaker import BEDROOM, INTERNAL_URL, KITCHEN, RADIO, Speakers, async_setup_speakers
from .helpers import advance, call, state

pytestmark = pytest.mark.usefixtures("frozen")

AUDIO_PREFIX = f"/api/{DOMAIN}/audio/"
GUIDED = {"guidance": "breathing", "media_players": [BEDROOM], "volume": 0.4}
CUES = {
    "start": "Your mat session begins. Breathe slowly and let your body settle onto the mat.",
    "half_time": "Half of your session has passed. Keep breathing calmly.",
    "end": (
        "Your mat session is over. How is your pain now? "
        "You can say, for example: log back pain three."
    ),
}


@pytest.fixture
def options() -> dict[str, Any]:
    """Guide sessions with breathing on the bedroom speaker at 0.4, unless a test says else."""
    return dict(GUIDED)


@pytest.fixture
async def speakers(hass: HomeAssistant) -> Speakers:
    """Set up the two fake speakers before the profile."""
    return await async_setup_speakers(hass)


@pytest.fixture
async def setup(speakers: Speakers, init_integration: MockConfigEntry) -> Speakers:
    """Speakers first, then the profile."""
    return speakers


def audio_path(url: str) -> str:
    """Return what a player fetches, relative to Home Assistant."""
    parsed = URL(url)
    assert str(parsed.origin()) == INTERNAL_URL
    assert parsed.path.startswith(AUDIO_PREFIX)
    return parsed.path_qs


def token_of(url: str) -> str:
    """Return the token of an audio URL."""
    return URL(url).name


def player_state(hass: HomeAssistant, entity_id: str) -> tuple[str, Any, Any]:
    """Return a player's state, volume and content."""
    found = hass.states.get(entity_id)
    assert found is not None
    return (
        found.state,
        found.attributes.get("volume_level"),
        found.attributes.get("media_content_id"),
    )


BEDROOM_BEFORE = ("playing", 0.6, RADIO)


async def fetch(hass_client_no_auth: ClientSessionGenerator, url: str) -> bytes:
    """Fetch guidance audio like a player and check it is MP3."""
    client = await hass_client_no_auth()
    response = await client.get(audio_path(url))
    assert response.status == HTTPStatus.OK
    assert response.headers["Content-Type"] == "audio/mpeg"
    data = await response.read()
    assert data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)
    return data


async def press(hass: HomeAssistant, name: str) -> None:
    """Press one of the profile's buttons."""
    await hass.services.async_call(
        "button", "press", {ATTR_ENTITY_ID: f"button.anna_s_mat_{name}"}, blocking=True
    )


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
    client = await hass_client_no_auth()
    head = await client.head(audio_path(played.url))
    assert head.status == HTTPStatus.OK
    assert await head.read() == b""
    unknown = await client.get(f"{AUDIO_PREFIX}AAAAAAAAAAAAAAAAAAAAAA.mp3")
    assert unknown.status == HTTPStatus.NOT_FOUND
    assert (await client.head(f"{AUDIO_PREFIX}nope.mp3")).status == HTTPStatus.NOT_FOUND
    for sneaky in ("..%2F..%2F.storage%2Fcore.config_entries", "..%2F" + token_of(played.url)):
        answer = await client.get(AUDIO_PREFIX + sneaky)
        assert answer.status in {HTTPStatus.BAD_REQUEST, HTTPStatus.NOT_FOUND}
        assert b"acupressure_mat" not in await answer.read()

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

    # The token lives until an hour after the audio's end, then 404.
    await advance(hass, frozen, minutes=53)
    await fetch(hass_client_no_auth, played.url)
    await advance(hass, frozen, seconds=110)  # 3660.5 s after the start
    gone = await client.get(audio_path(played.url))
    assert gone.status == HTTPStatus.NOT_FOUND
    assert (await client.head(audio_path(played.url))).status == HTTPStatus.NOT_FOUND


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


TTS = "tts.fake"


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
