"""Set-up time and event-loop stall for 10 years of history; state writes of one session.

Run: `.venv/bin/python -m pytest bench/bench_profile.py -s -p no:cacheprovider`
"""

import asyncio
from datetime import UTC, datetime, timedelta
import time
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.acupressure_mat.const import DOMAIN

NOW = datetime(2026, 11, 24, 19, 0, tzinfo=UTC)


def ten_years() -> dict[str, Any]:
    """Return 3,650 daily sessions and 7,300 pain ratings as the store holds them."""
    sessions, pain = [], []
    for day in range(3650, 0, -1):
        start = NOW - timedelta(days=day)
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


async def longest_stall(stop: asyncio.Event, result: list[float]) -> None:
    """Measure how late a 1 ms sleep wakes up while the loop is busy."""
    loop = asyncio.get_running_loop()
    worst = 0.0
    while not stop.is_set():
        before = loop.time()
        await asyncio.sleep(0.001)
        worst = max(worst, loop.time() - before - 0.001)
    result.append(worst)


async def test_setup_with_ten_years(
    hass: HomeAssistant, hass_storage: dict[str, Any], freezer: FrozenDateTimeFactory
) -> None:
    """Time setting up a profile with 10 years of daily history and the loop's longest stall."""
    freezer.move_to(NOW)
    entry = MockConfigEntry(domain=DOMAIN, title="Anna's mat", data={"name": "Anna's mat"})
    hass_storage[f"{DOMAIN}.{entry.entry_id}"] = {
        "version": 1,
        "minor_version": 1,
        "key": f"{DOMAIN}.{entry.entry_id}",
        "data": ten_years(),
    }
    entry.add_to_hass(hass)
    stop, stall = asyncio.Event(), []
    monitor = asyncio.create_task(longest_stall(stop, stall))
    await asyncio.sleep(0.01)
    started = time.perf_counter()
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    elapsed = time.perf_counter() - started
    stop.set()
    await monitor
    assert hass.states.get("sensor.anna_s_mat_streak").state == "3650"
    print(f"\nsetup with 10 years: {elapsed * 1000:.0f} ms")
    print(f"longest event-loop stall: {stall[0] * 1000:.0f} ms")


async def test_state_writes_of_a_twenty_minute_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Count the state writes of an uninterrupted 20-minute session, per entity."""
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
    print(f"\nstate writes of a 20-minute session: {len(mine)} (budget 40)")
    for entity, count in by_entity.items():
        print(f"  {entity}: {count}")
