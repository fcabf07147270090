"""Guidance audio streamed while it renders: first bytes early, ranges, HEAD, failures."""

import asyncio
from collections.abc import Iterator
from http import HTTPStatus
from pathlib import Path
import threading
from typing import Any
from unittest.mock import patch

from aiohttp import ClientPayloadError
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.acupressure_mat import audio_server
from custom_components.acupressure_mat.audio_server import DATA_AUDIO
from custom_components.acupressure_mat.audio_stream import LiveAudio
from custom_components.acupressure_mat.engine.audio import cache
from custom_components.acupressure_mat.engine.audio.encode import Piece, mp3_duration
from custom_components.acupressure_mat.engine.audio.mp3 import Layout
from custom_components.acupressure_mat.engine.audio.stream import Stream
from custom_components.acupressure_mat.engine.audio.synth import SAMPLE_RATE

from .fake_speaker import Speakers
from .helpers import GUIDED, audio_path, call, fetch

pytestmark = pytest.mark.usefixtures("frozen")
FIRST = 16 * 1024  # what a player buffers before it starts to play


@pytest.fixture
def options() -> dict[str, Any]:
    """Guide sessions with breathing on the bedroom speaker."""
    return dict(GUIDED)


class Gate:
    """Holds the synthesis after its first seconds until the test opens it."""

    def __init__(self, seconds: float = 10.0) -> None:
        self.at = round(seconds * SAMPLE_RATE)
        self.opened = threading.Event()
        self.fail = False

    def track(self, real: Any) -> Any:
        gate = self

        class Gated:
            count = real.count

            def render(self, start: int, stop: int) -> Any:
                if stop > gate.at:
                    assert gate.opened.wait(30)
                    if gate.fail:
                        msg = "synthesis failed"
                        raise RuntimeError(msg)
                return real.render(start, stop)

        return Gated()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    """Gate every render's synthesis; always open at the end, so no thread is left waiting."""
    held = Gate()
    real = cache.track
    monkeypatch.setattr(cache, "track", lambda spec: held.track(real(spec)))
    yield held
    held.opened.set()


def _cached(hass: HomeAssistant) -> list[Path]:
    return sorted(hass.data[DATA_AUDIO].cache.directory.glob("*"))


async def test_first_bytes_arrive_before_the_render_ends(
    hass: HomeAssistant, setup: Speakers, gate: Gate, hass_client_no_auth: ClientSessionGenerator
) -> None:
    await call(hass, "start_session", minutes=20)
    path = audio_path(setup.bedroom.played[0].url)
    size = Layout(20 * 60 * SAMPLE_RATE).size
    first, second = await hass_client_no_auth(), await hass_client_no_auth()
    streams = [await client.get(path) for client in (first, second)]
    for response in streams:
        assert response.status == HTTPStatus.OK
        assert response.headers["Content-Length"] == str(size)
        assert response.headers["Accept-Ranges"] == "bytes"
    heads = [await response.content.readexactly(FIRST) for response in streams]
    assert heads[0][:3] == b"ID3"
    assert heads[0] == heads[1]
    (live,) = hass.data[DATA_AUDIO]._live.values()
    assert not live.stream.done

    head = await first.head(path)
    assert head.status == HTTPStatus.OK
    assert head.headers["Content-Length"] == str(size)
    assert await head.read() == b""
    early = await first.get(path, headers={"Range": "bytes=100-199"})
    assert early.status == HTTPStatus.PARTIAL_CONTENT
    assert early.headers["Content-Range"] == f"bytes 100-199/{size}"
    assert await early.read() == heads[0][100:200]
    # The end does not exist yet: the request waits for it.
    tail = asyncio.ensure_future(first.get(path, headers={"Range": "bytes=-1000"}))
    for _ in range(5):
        await asyncio.sleep(0)
    assert not tail.done()
    assert not live.stream.done

    gate.opened.set()
    bodies = [head + await response.read() for head, response in zip(heads, streams, strict=True)]
    answer = await tail
    assert answer.status == HTTPStatus.PARTIAL_CONTENT
    assert answer.headers["Content-Length"] == "1000"
    await hass.async_block_till_done()
    (cached,) = _cached(hass)
    whole = cached.read_bytes()
    assert len(whole) == size
    assert bodies == [whole, whole]
    assert await answer.read() == whole[-1000:]
    assert mp3_duration(whole) == pytest.approx(20 * 60, abs=0.001)
    # Finished, it is served as a file.
    assert await fetch(hass_client_no_auth, setup.bedroom.played[0].url) == whole


async def test_a_player_that_leaves_does_not_stop_the_render(
    hass: HomeAssistant, setup: Speakers, gate: Gate, hass_client_no_auth: ClientSessionGenerator
) -> None:
    await call(hass, "play_guidance", minutes=3, kind="meditation")
    client = await hass_client_no_auth()
    response = await client.get(audio_path(setup.bedroom.played[0].url))
    await response.content.readexactly(FIRST)
    response.close()
    await client.close()
    gate.opened.set()
    await hass.async_block_till_done()
    (cached,) = _cached(hass)
    assert mp3_duration(cached.read_bytes()) == pytest.approx(180, abs=0.001)


async def test_a_failed_render_cuts_the_response_and_caches_nothing(
    hass: HomeAssistant,
    setup: Speakers,
    gate: Gate,
    hass_client_no_auth: ClientSessionGenerator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await call(hass, "start_session", minutes=2)
    url = setup.bedroom.played[0].url
    client = await hass_client_no_auth()
    response = await client.get(audio_path(url))
    await response.content.readexactly(FIRST)
    gate.fail = True
    gate.opened.set()
    with pytest.raises(ClientPayloadError):
        await response.read()
    await hass.async_block_till_done()
    assert "Could not render guidance audio" in caplog.text
    assert _cached(hass) == []
    # The next fetch renders again, and this time it works.
    gate.fail = False
    assert mp3_duration(await fetch(hass_client_no_auth, url)) == pytest.approx(120, abs=0.001)


async def test_ranges_outside_the_audio_are_refused(
    hass: HomeAssistant, setup: Speakers, gate: Gate, hass_client_no_auth: ClientSessionGenerator
) -> None:
    await call(hass, "start_session", minutes=1)
    path = audio_path(setup.bedroom.played[0].url)
    size = Layout(60 * SAMPLE_RATE).size
    client = await hass_client_no_auth()
    for asked in (f"bytes={size}-", "bytes=5-2", "pages=1-2"):
        answer = await client.get(path, headers={"Range": asked})
        assert answer.status == HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE
        assert answer.headers["Content-Range"] == f"bytes */{size}"
    head = await client.head(path, headers={"Range": "bytes=0-"})
    assert head.status == HTTPStatus.PARTIAL_CONTENT
    assert head.headers["Content-Length"] == str(size)
    gate.opened.set()
    await hass.async_block_till_done()


@pytest.mark.parametrize(("minutes", "extra"), [(1, 1), (7, 3)])
async def test_streamed_audio_and_extensions_are_exactly_as_long(
    hass: HomeAssistant,
    setup: Speakers,
    hass_client_no_auth: ClientSessionGenerator,
    minutes: int,
    extra: int,
) -> None:
    await call(hass, "start_session", minutes=minutes, guidance="meditation")
    await call(hass, "extend_session", minutes=extra)
    # The clock stands still: the extension covers the whole new length, without a start bell.
    lengths = [minutes * 60, (minutes + extra) * 60]
    for played, seconds in zip(setup.bedroom.played, lengths, strict=True):
        data = await fetch(hass_client_no_auth, played.url)
        assert len(data) == Layout(seconds * SAMPLE_RATE).size
        assert mp3_duration(data) == pytest.approx(seconds, abs=0.001)


async def test_a_render_gone_between_two_reads_cuts_the_response(
    hass: HomeAssistant,
    setup: Speakers,
    gate: Gate,
    hass_client_no_auth: ClientSessionGenerator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await call(hass, "start_session", minutes=1)
    monkeypatch.setattr(Stream, "open", lambda _self: None)
    client = await hass_client_no_auth()
    response = await client.get(audio_path(setup.bedroom.played[0].url))
    with pytest.raises(ClientPayloadError):
        await response.read()
    gate.opened.set()
    await hass.async_block_till_done()


async def test_a_render_ending_at_shutdown_wakes_no_one(hass: HomeAssistant) -> None:
    live = LiveAudio(hass, Stream([Piece(0, 1, 0, 1)], lambda _write: None, Path("unused")))
    with patch.object(hass.loop, "call_soon_threadsafe", side_effect=RuntimeError):
        live.stream.notify()


@pytest.fixture
def warmed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record which kinds the set-up builds synthesis tables for."""
    kinds: list[str] = []
    monkeypatch.setattr(audio_server, "warm", kinds.append)
    return kinds


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"guidance": "meditation"}, ["meditation"]),
        ({"guidance": "breathing"}, ["breathing"]),
        ({"guidance": "none"}, []),
    ],
)
async def test_a_profile_builds_its_guidance_tables_when_it_is_set_up(
    hass: HomeAssistant, warmed: list[str], init_integration: Any, expected: list[str]
) -> None:
    await hass.async_block_till_done()
    assert warmed == expected
