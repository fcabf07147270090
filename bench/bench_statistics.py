"""Long-term statistics with 10 years of history: backfill, restart and logged records.

Run: `.venv/bin/python -m pytest bench/bench_statistics.py -s -p no:cacheprovider`
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
import contextlib
from datetime import timedelta
from pathlib import Path
import time
from typing import Any
from unittest.mock import patch

from homeassistant.components.recorder import Recorder
from homeassistant.components.recorder.statistics import async_add_external_statistics
from homeassistant.core import HomeAssistant
from homeassistant.helpers.recorder import get_instance
from homeassistant.util import dt as dt_util
from homeassistant.util.json import load_json_object
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.statistics import MatStatistics
from custom_components.acupressure_mat.storage import MatStore

from .bench_profile import REAL_WRITE, longest_stall, ten_years, write_json

RATINGS = 20
HOURS = 3650  # hours with a rating, and hours with a session, in ten years of daily evenings


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Recorder, enable_custom_integrations: None
) -> None:
    """Start the recorder before Home Assistant, as the recorder's test fixture requires."""


async def timed(hass: HomeAssistant, step: Callable[[], Awaitable[object]]) -> str:
    """Run a step until the recorder has committed it; say its time and the longest stall."""
    stop, stall = asyncio.Event(), list[float]()
    monitor = asyncio.create_task(longest_stall(stop, stall))
    await asyncio.sleep(0.01)
    started = time.perf_counter()
    await step()
    # The recorder's own commit future: waiting on it does not block the loop.
    await get_instance(hass).async_block_till_done()
    elapsed = time.perf_counter() - started
    stop.set()
    await monitor
    await async_wait_recording_done(hass)
    return f"{elapsed * 1000:.0f} ms until committed, longest loop stall {stall[0] * 1000:.1f} ms"


@contextlib.asynccontextmanager
async def ten_year_profile(hass: HomeAssistant) -> AsyncIterator[MockConfigEntry]:
    """Add a profile whose store file holds 10 years, read and written as on a real disk."""
    entry = MockConfigEntry(domain=DOMAIN, title="Anna's mat", data={"name": "Anna's mat"})
    stored = {"version": 1, "minor_version": 1, "data": ten_years(dt_util.utcnow())}
    path = Path(hass.config.path(".storage", f"{DOMAIN}.{entry.entry_id}"))
    await hass.async_add_executor_job(write_json, path, stored)

    async def load_like_home_assistant(store: MatStore) -> dict[str, Any]:
        """Read and parse the file in the executor, as Home Assistant's Store does."""
        return (await hass.async_add_executor_job(load_json_object, path))["data"]  # type: ignore[return-value]

    entry.add_to_hass(hass)
    # As in bench_profile: no debug mode, which Home Assistant does not run in.
    asyncio.get_running_loop().set_debug(False)
    with (
        patch.object(MatStore, "async_load", load_like_home_assistant),
        patch.object(MatStore, "_async_write_data", REAL_WRITE),
    ):
        yield entry


async def test_backfill_and_restart(hass: HomeAssistant) -> None:
    """Time the backfill apart from the set-up, then a restart, then the recorder alone."""
    held: list[MatStatistics] = []
    backfill = MatStatistics.async_backfill

    async def hold(self: MatStatistics) -> None:
        """Keep the backfill for later, to time it apart from the set-up."""
        held.append(self)

    # What this machine's scheduling alone costs the loop, for comparison with what follows.
    print(f"\nthe loop idle for 10 s: {await timed(hass, lambda: asyncio.sleep(10))}")
    async with ten_year_profile(hass) as entry:
        with patch.object(MatStatistics, "async_backfill", hold):
            setup = await timed(hass, lambda: hass.config_entries.async_setup(entry.entry_id))
        print(f"set-up, backfill held back: {setup}")
        print(
            f"backfill of {HOURS} + {HOURS} hours: {await timed(hass, lambda: backfill(held[0]))}"
        )
        restart = await timed(hass, lambda: hass.config_entries.async_reload(entry.entry_id))
        print(f"restart, series already written: {restart}")
        await hass.async_block_till_done(wait_background_tasks=True)

    async def recorder_alone() -> None:
        """Import as many rows in one call per series: what the recorder's thread costs."""
        start = dt_util.utcnow().replace(minute=0, second=0, microsecond=0)
        for name in ("bench_a", "bench_b"):
            metadata = held[0]._metadata(None) | {"statistic_id": f"{DOMAIN}:{name}"}  # noqa: SLF001
            rows: Any = [
                {"start": start - timedelta(hours=hour), "state": 1.0, "sum": float(hour)}
                for hour in range(HOURS, 0, -1)
            ]
            async_add_external_statistics(hass, metadata, rows)

    print(f"the recorder importing as many rows by itself: {await timed(hass, recorder_alone)}")


async def test_updates_of_logged_records(hass: HomeAssistant) -> None:
    """Time the statistics update on the loop of each logged rating and session."""
    on_loop: list[float] = []
    original = MatStatistics.async_on_change

    def measured(self: MatStatistics) -> None:
        started = time.perf_counter()
        original(self)
        on_loop.append(time.perf_counter() - started)

    async def log_ratings() -> None:
        for _ in range(RATINGS):
            await hass.services.async_call(DOMAIN, "log_pain", {"rating": 4}, blocking=True)

    async with ten_year_profile(hass) as entry:
        with patch.object(MatStatistics, "async_on_change", measured):
            assert await hass.config_entries.async_setup(entry.entry_id)
            await hass.async_block_till_done(wait_background_tasks=True)
            await async_wait_recording_done(hass)
            on_loop.clear()
            ratings = await timed(hass, log_ratings)
            on_loop.sort()
            print(f"\n{RATINGS} ratings: {ratings}")
            median, worst = on_loop[RATINGS // 2] * 1000, on_loop[-1] * 1000
            print(
                f"their statistics update on the loop: median {median:.2f} ms, worst {worst:.2f} ms"
            )
            on_loop.clear()
            await hass.services.async_call(DOMAIN, "log_session", {"minutes": 10}, blocking=True)
            print(f"a logged session's statistics update on the loop: {on_loop[0] * 1000:.2f} ms")
