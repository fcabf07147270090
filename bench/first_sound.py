"""First sound, CPU and memory of guidance audio: streamed renders against the old full render.

Run: `.venv/bin/python -m pytest bench/first_sound.py -s -p no:cacheprovider`
"""

from collections.abc import Awaitable, Callable
from functools import partial
import gc
from pathlib import Path
import shutil
import statistics
import time
import tracemalloc
from types import ModuleType
from unittest.mock import patch

from aiohttp.test_utils import TestClient
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.acupressure_mat.audio_server import DATA_AUDIO, AudioServer
from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.engine.audio import cache, synth
from custom_components.acupressure_mat.engine.audio.cache import AudioCache, AudioSpec
from tests.fake_speaker import BEDROOM, FakeSpeaker, async_setup_speakers
from tests.helpers import audio_path

from . import before

FIRST = 16 * 1024
KINDS = [("breathing", p) for p in ("box", "4_7_8", "coherent", "calm")] + [("meditation", None)]
MINUTES = (1, 20, 60, 120)
MIB = 1024 * 1024


def _forget(*modules: ModuleType) -> None:
    """Drop what synthesis keeps in memory, as in a freshly started Home Assistant."""
    for module in modules:
        for table in (module._bed, module._cycle, module._bell):  # noqa: SLF001
            table.cache_clear()
    gc.collect()


def _old(old_cache: ModuleType, spec: AudioSpec) -> object:
    return old_cache.AudioSpec(spec.kind, spec.pattern, spec.seconds, spec.bells, spec.bell_offset)


def _old_get(old_cache: ModuleType, folder: Path, spec: AudioSpec) -> Path:
    path: Path = old_cache.AudioCache(folder).get(_old(old_cache, spec))
    return path


def _new_get(folder: Path, spec: AudioSpec) -> Path:
    return AudioCache(folder).get(spec)


class Player:
    """Calls the actions and fetches the audio the speaker was given, like a speaker."""

    def __init__(self, hass: HomeAssistant, client: TestClient, speaker: FakeSpeaker) -> None:
        """Play on speaker, fetching with client."""
        self.hass, self.client, self.speaker = hass, client, speaker

    async def first_sound(self, action: str, **data: object) -> float:
        """Return seconds from the action call until the first 16 KiB have arrived."""
        played = len(self.speaker.played)
        started = time.perf_counter()
        await self.hass.services.async_call(DOMAIN, action, data, blocking=True)
        url = self.speaker.played[played].url
        response = await self.client.get(audio_path(url))
        await response.content.readexactly(FIRST)
        took = time.perf_counter() - started
        await response.read()
        await self.hass.async_block_till_done()  # the render ends before the next case
        return took

    async def session(self, *, cold: bool, warmed: bool = False, **data: object) -> float:
        """Start a session, cold (empty cache, fresh synthesis) or warm, and stop it."""
        if cold:
            _forget(synth, before.load_synth())
            shutil.rmtree(self.hass.data[DATA_AUDIO].cache.directory, ignore_errors=True)
        if warmed:  # as the set-up of a profile guided by meditation does
            await self.hass.async_add_executor_job(synth.warm, "meditation")
        took = await self.first_sound("start_session", **data)
        await self.hass.services.async_call(DOMAIN, "stop_session", {}, blocking=True)
        return took


async def _figures(player: Player) -> dict[str, float]:
    """Return first-sound seconds for every kind and length, cold and warm, and extensions."""
    out = {}
    for kind, pattern in KINDS:
        name = pattern or kind
        for minutes in MINUTES:
            data = {"minutes": minutes, "guidance": kind, "breathing_pattern": pattern or "box"}
            out[f"{name} {minutes} cold"] = await player.session(cold=True, **data)
            out[f"{name} {minutes} warm"] = await player.session(cold=False, **data)
            if kind == "meditation":
                took = await player.session(cold=True, warmed=True, **data)
                out[f"{name} {minutes} cold, bed at set-up"] = took
        # 120 minutes extended by 60: new audio for the 180 minutes left, without a start bell.
        data = {"minutes": 120, "guidance": kind, "breathing_pattern": pattern or "box"}
        await player.session(cold=True, **data)
        await player.hass.services.async_call(DOMAIN, "start_session", data, blocking=True)
        out[f"{name} 180 extension cold"] = await player.first_sound("extend_session", minutes=60)
        await player.hass.services.async_call(DOMAIN, "stop_session", {}, blocking=True)
    return out


def _old_source(old_cache: ModuleType) -> Callable[[AudioServer, AudioSpec], Awaitable[Path]]:
    """Reproduce the old path: render and encode everything in the executor, then serve."""

    async def source(server: AudioServer, spec: AudioSpec) -> Path:
        store = old_cache.AudioCache(server.cache.directory)
        path: Path = await server.hass.async_add_executor_job(store.get, _old(old_cache, spec))
        return path

    return source


async def test_first_sound(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """Print first-sound figures of both implementations, measured in the same run."""
    old_cache = before.load()
    speakers = await async_setup_speakers(hass)
    await hass.config.async_set_time_zone("Europe/Berlin")
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Anna's mat",
        data={"name": "Anna's mat"},
        options={"guidance": "breathing", "media_players": [BEDROOM], "volume": 0.4},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    player = Player(hass, await hass_client_no_auth(), speakers.bedroom)
    streamed = await _figures(player)
    with patch.object(AudioServer, "async_source", _old_source(old_cache)):
        old = await _figures(player)
    print(f"\n{'case':<34}   before      streamed   ratio")
    for case, took in streamed.items():
        print(
            f"{case:<28} {old[case] * 1000:8.1f} ms {took * 1000:8.1f} ms  {old[case] / took:6.1f}x"
        )
    cold = [took for case, took in streamed.items() if "cold" in case]
    median = statistics.median(cold)
    print(f"streamed cold: max {max(cold) * 1000:.0f} ms, median {median * 1000:.0f} ms")


def _render_cost(get: Callable[[], Path], modules: tuple[ModuleType, ...]) -> tuple[float, float]:
    """Return CPU and wall seconds of one cold render to its cached file."""
    _forget(*modules)
    cpu, wall = time.process_time(), time.perf_counter()
    get()
    return time.process_time() - cpu, time.perf_counter() - wall


def _peak(get: Callable[[], Path]) -> float:
    """Return the peak traced memory growth of one render, in MiB."""
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    get()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - base) / MIB


def test_cpu_and_memory(tmp_path: Path) -> None:
    """Print cold CPU per rendered hour and peak memory per render, before and streamed."""
    old_cache = before.load()
    old_synth = before.load_synth()
    print("\nlength  kind        CPU s/hour before / streamed   wall s before / streamed")
    for minutes in (20, 60, 180):
        for kind, pattern in (("breathing", "coherent"), ("meditation", None)):
            spec = AudioSpec(kind, pattern, minutes * 60.0)
            folder = tmp_path / f"{kind}-{minutes}"
            both = (old_synth, synth)
            old_cpu, old_wall = _render_cost(partial(_old_get, old_cache, folder / "o", spec), both)
            new_cpu, new_wall = _render_cost(partial(_new_get, folder / "n", spec), both)
            hours = minutes / 60
            print(
                f"{minutes:4} min {kind:<11} {old_cpu / hours:6.2f} / {new_cpu / hours:6.2f}"
                f"{'':18}{old_wall:6.2f} / {new_wall:6.2f}"
            )
    print("\npeak traced memory growth per render (MiB), synthesis tables already built")
    for minutes in (20, 180):
        for kind, pattern in (("breathing", "coherent"), ("meditation", None)):
            spec = AudioSpec(kind, pattern, minutes * 60.0)
            folder = tmp_path / f"mem-{kind}-{minutes}"
            cache.track(spec).render(0, 1)
            old_cache.render(_old(old_cache, AudioSpec(kind, pattern, 1.0)))
            old = _peak(partial(_old_get, old_cache, folder / "o", spec))
            new = _peak(partial(_new_get, folder / "n", spec))
            print(f"{minutes:4} min {kind:<11} before {old:6.1f}  streamed {new:6.1f}")
    _forget(synth)
    bed = _peak(lambda: (synth._bed(), Path())[1])  # noqa: SLF001
    print(f"building the meditation bed once per process: {bed:.1f} MiB")
