"""The audio server: what a player may fetch, with GET or HEAD, and for how long."""

from http import HTTPStatus
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from .fake_speaker import Speakers
from .helpers import AUDIO_PREFIX, GUIDED, advance, audio_path, call, fetch, token_of

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def options() -> dict[str, Any]:
    """Guide sessions with breathing on the bedroom speaker."""
    return dict(GUIDED)


async def test_only_granted_audio_is_served(
    hass: HomeAssistant, setup: Speakers, hass_client_no_auth: ClientSessionGenerator
) -> None:
    await call(hass, "start_session", minutes=1)
    played = setup.bedroom.played[0]
    await fetch(hass_client_no_auth, played.url)
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


async def test_a_token_lives_until_an_hour_after_the_audios_end(
    hass: HomeAssistant,
    setup: Speakers,
    frozen: FrozenDateTimeFactory,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    await call(hass, "start_session", minutes=1)
    played = setup.bedroom.played[0]
    # Through the end bell and the players' restore, as a session goes.
    for seconds in (60, 9, 1.5, 5 * 60, 53 * 60):
        await advance(hass, frozen, seconds=seconds)
    await fetch(hass_client_no_auth, played.url)
    await advance(hass, frozen, seconds=110)  # 3660.5 s after the start
    client = await hass_client_no_auth()
    gone = await client.get(audio_path(played.url))
    assert gone.status == HTTPStatus.NOT_FOUND
    assert (await client.head(audio_path(played.url))).status == HTTPStatus.NOT_FOUND
