"""Set-up time and event-loop stall for 10 years of history; state writes of one session.

Run: `.venv/bin/python -m pytest bench/bench_profile.py -s -p no:cacheprovider`
"""

import asyncio
from datetime import UTC, datetime, timedelta
import gc
import json
from pathlib import Path
import statistics
import time
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util
from homeassistant.util.json import load_json_object
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.acupressure_mat import storage
from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.engine.model import PainRecord, SessionRecord, Settings
from custom_components.acupressure_mat.engine.profile import MatProfile
from custom_components.acupressure_mat.engine.session import RunningSession
from custom_components.acupressure_mat.storage import MatStore

# Captured at import, before the test harness swaps it for an in-memory one.
REAL_WRITE = Store._async_write_data  # noqa: SLF001 - measured as Home Assistant runs it
ACTIONS = 20
ROUNDS = 5
STREAK = 3650
# One write per entity per transition plus one session_remaining write a minute.
WRITE_BUDGET = 40
NOW = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


def ten_years(now: datetime) -> dict[str, Any]:
    """Return 3,650 daily sessions and 7,300 pain ratings as the store holds them."""
    sessions, pain = [], []
    for day in range(3650, 0, -1):
        start = now - timedelta(days=day)
        end = start + timedelta(minutes=20)
        sessions.append(
            {
                "started_at": start.isoformat(),
                "ended_at": end.isoformat(),
                "planned_minutes": 20,
                "minutes": 20.0,
                "outcome": "completed",
            }
        )
        for moment, at, rating in (("before", start, 6), ("after", end, 3)):
            pain.append(
                {
                    "logged_at": at.isoformat(),
                    "rating": rating,
                    "area": "back",
                    "moment": moment,
                    "note": "stiff",
                }
            )
    return {"ramp_level": 20, "sessions": sessions, "pain": pain, "running": None}


def write_json(path: Path, data: dict[str, Any]) -> None:
    """Write a store file as Home Assistant would find it on disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))


async def longest_stall(stop: asyncio.Event, result: list[float]) -> None:
    """Measure how late a 1 ms sleep wakes up while the loop is busy."""
    loop = asyncio.get_running_loop()
    worst = 0.0
    while not stop.is_set():
        before = loop.time()
        await asyncio.sleep(0.001)
        worst = max(worst, loop.time() - before - 0.001)
    result.append(worst)


def parse_only(data: dict[str, Any], settings: Settings, _now: datetime) -> MatProfile:
    """Load as before: parse in the executor, making every stored form again; read out later."""
    running = data["running"]
    return MatProfile(
        settings,
        ramp_level=data["ramp_level"],
        sessions=[SessionRecord.from_dict(s) for s in data["sessions"]],
        pain=[PainRecord.from_dict(p) for p in data["pain"]],
        running=None if running is None else RunningSession.from_dict(running),
    )


async def load_like_home_assistant(store: MatStore) -> dict[str, Any]:
    """Read and parse the file in the executor, as Home Assistant's Store does."""
    loaded = await store.hass.async_add_executor_job(load_json_object, store.path)
    data: dict[str, Any] = loaded["data"]  # type: ignore[assignment]
    return data


async def set_up(hass: HomeAssistant, entry: MockConfigEntry) -> tuple[float, float]:
    """Set up a profile from its file; return the time it took and the longest stall."""
    gc.collect()  # no garbage from the round before
    stop, stall = asyncio.Event(), list[float]()
    monitor = asyncio.create_task(longest_stall(stop, stall))
    await asyncio.sleep(0.01)
    started = time.perf_counter()
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    elapsed = time.perf_counter() - started
    stop.set()
    await monitor
    assert entry.runtime_data.runtime.readout.streak == STREAK
    return elapsed, stall[0]


@patch.object(MatStore, "async_load", load_like_home_assistant)
async def test_setup_with_ten_years(hass: HomeAssistant) -> None:
    """Time set-up of 10 years of history now and as it was, side by side; then actions."""
    # Real time, not freezer: a frozen clock would stop the loop's timers and the stall probe.
    entry = MockConfigEntry(domain=DOMAIN, title="Anna's mat", data={"name": "Anna's mat"})
    stored = {"version": 1, "minor_version": 1, "data": ten_years(dt_util.utcnow())}
    path = Path(hass.config.path(".storage", f"{DOMAIN}.{entry.entry_id}"))
    await hass.async_add_executor_job(write_json, path, stored)
    entry.add_to_hass(hass)
    # The test harness runs the loop in debug mode, which Home Assistant does not.
    asyncio.get_running_loop().set_debug(False)
    # The first set-up also loads the integration, its dependencies and platforms, and
    # registers the entities; later ones are what a restart or a reload of the profile costs.
    first = await set_up(hass, entry)
    print(f"\nfirst set-up, integration included: {first[0] * 1000:.0f} ms", end="")
    print(f", stall {first[1] * 1000:.1f} ms")
    figures: dict[str, list[tuple[float, float]]] = {"before": [], "now": []}
    for _ in range(ROUNDS):
        # Alternated, so both meet the same machine load.
        for name, runs in figures.items():
            assert await hass.config_entries.async_unload(entry.entry_id)
            await hass.async_block_till_done()
            if name == "before":
                with patch.object(storage, "parse_profile", parse_only):
                    runs.append(await set_up(hass, entry))
            else:
                runs.append(await set_up(hass, entry))
    median = {
        name: (
            statistics.median(t for t, _ in runs) * 1000,
            statistics.median(s for _, s in runs) * 1000,
            max(s for _, s in runs) * 1000,
        )
        for name, runs in figures.items()
    }
    for name, (elapsed, stall, worst) in median.items():
        print(
            f"set-up with 10 years, {name}: median {elapsed:.0f} ms of {ROUNDS}; "
            f"longest stall median {stall:.1f} ms, worst {worst:.1f} ms"
        )
    print(
        f"ratio now/before: set-up {median['now'][0] / median['before'][0]:.2f}, "
        f"stall {median['now'][1] / median['before'][1]:.2f}"
    )
    # Actions with the real store: written to disk, serialized in the executor.
    entry_id = entry.entry_id
    with patch.object(MatStore, "_async_write_data", REAL_WRITE):
        stop, stall = asyncio.Event(), list[float]()
        monitor = asyncio.create_task(longest_stall(stop, stall))
        times, on_loop = [], []
        for _ in range(ACTIONS):
            started, cpu = time.perf_counter(), time.thread_time()
            await hass.services.async_call(
                DOMAIN, "log_pain", {"rating": 4, "config_entry_id": entry_id}, blocking=True
            )
            times.append(time.perf_counter() - started)
            # CPU of the loop's thread alone (the stall probe's wake-ups included), not the
            # executor's serializing and writing of the file.
            on_loop.append(time.thread_time() - cpu)
        stop.set()
        await monitor
    times.sort()
    on_loop.sort()
    print(f"log_pain with 10 years, median of {ACTIONS}: {times[ACTIONS // 2] * 1000:.1f} ms")
    print(f"of which on the loop's thread: {on_loop[ACTIONS // 2] * 1000:.1f} ms (worst ", end="")
    print(f"{on_loop[-1] * 1000:.1f} ms)")
    print(f"longest event-loop stall during them: {stall[0] * 1000:.1f} ms")


async def test_state_writes_of_a_twenty_minute_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Count the state writes of an uninterrupted 20-minute session, per entity."""
    # Moving the frozen clock looks like a slow callback to asyncio's debug mode; it is not one.
    asyncio.get_running_loop().slow_callback_duration = float("inf")
    freezer.move_to(NOW)
    entry = MockConfigEntry(domain=DOMAIN, title="Anna's mat", data={"name": "Anna's mat"})
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    changes: list[str] = []
    hass.bus.async_listen("state_changed", lambda event: changes.append(event.data["entity_id"]))
    await hass.services.async_call(DOMAIN, "start_session", {"minutes": 20}, blocking=True)
    for _ in range(21 * 60):
        freezer.tick(timedelta(seconds=1))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
    mine = [c for c in changes if c.startswith(("sensor.anna", "binary_sensor.anna", "event.anna"))]
    by_entity = {entity: mine.count(entity) for entity in sorted(set(mine))}
    assert len(mine) <= WRITE_BUDGET
    print(f"\nstate writes of a 20-minute session: {len(mine)} (budget {WRITE_BUDGET})")
    for entity, count in by_entity.items():
        print(f"  {entity}: {count}")
