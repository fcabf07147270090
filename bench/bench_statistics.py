"""Long-term statistics with 10 years of history: backfill, restart and a logged rating.

Run: `.venv/bin/python -m pytest bench/bench_statistics.py -s -p no:cacheprovider`
"""

import asyncio
from collections.abc import Callable
from pathlib import Path
import time
from typing import Any
from unittest.mock import patch

from homeassistant.components.recorder import Recorder
from homeassistant.core import HomeAssistant
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


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Recorder, enable_custom_integrations: None
) -> None:
    """Start the recorder before Home Assistant, as the recorder's test fixture requires."""


async def timed(hass: HomeAssistant, step: Callable[[], Any]) -> tuple[float, float]:
    """Run a step until the recorder has written it; return its wall time and longest stall."""
    stop, stall = asyncio.Event(), list[float]()
    monitor = asyncio.create_task(longest_stall(stop, stall))
    await asyncio.sleep(0.01)
    started = time.perf_counter()
    await step()
    await hass.async_block_till_done(wait_background_tasks=True)
    await async_wait_recording_done(hass)
    elapsed = time.perf_counter() - started
    stop.set()
    await monitor
    return elapsed, stall[0]


async def test_statistics_with_ten_years(hass: HomeAssistant) -> None:
    """Time the backfill, a restart and logged ratings, with the loop's longest stalls."""
    entry = MockConfigEntry(domain=DOMAIN, title="Anna's mat", data={"name": "Anna's mat"})
    stored = {"version": 1, "minor_version": 1, "data": ten_years(dt_util.utcnow())}
    path = Path(hass.config.path(".storage", f"{DOMAIN}.{entry.entry_id}"))
    await hass.async_add_executor_job(write_json, path, stored)

    async def load_like_home_assistant(store: MatStore) -> dict[str, Any]:
        """Read and parse the file in the executor, as Home Assistant's Store does."""
        return (await hass.async_add_executor_job(load_json_object, path))["data"]  # type: ignore[return-value]

    on_loop: list[float] = []
    original = MatStatistics.async_on_change

    def measured(self: MatStatistics) -> None:
        started = time.perf_counter()
        original(self)
        on_loop.append(time.perf_counter() - started)

    async def no_backfill(self: MatStatistics) -> None:
        """Leave the series unwritten."""

    entry.add_to_hass(hass)
    # As in bench_profile: no debug mode, and the store read from a real file in the executor.
    asyncio.get_running_loop().set_debug(False)
    with (
        patch.object(MatStore, "async_load", load_like_home_assistant),
        patch.object(MatStatistics, "async_on_change", measured),
        patch.object(MatStore, "_async_write_data", REAL_WRITE),
    ):
        # The same set-up without statistics first: what the loop does anyway, side by side.
        with patch.object(MatStatistics, "async_backfill", no_backfill):
            plain, stall = await timed(
                hass, lambda: hass.config_entries.async_setup(entry.entry_id)
            )
        print(f"\nset-up of 10 years without statistics: {plain * 1000:.0f} ms")
        print(f"longest event-loop stall meanwhile: {stall * 1000:.1f} ms")
        await hass.config_entries.async_unload(entry.entry_id)
        setup, stall = await timed(hass, lambda: hass.config_entries.async_setup(entry.entry_id))
        print(f"set-up and backfill of 10 years, until written: {setup:.2f} s")
        print(f"longest event-loop stall meanwhile: {stall * 1000:.1f} ms")
        again, stall = await timed(hass, lambda: hass.config_entries.async_reload(entry.entry_id))
        print(f"restart, series already written: {again * 1000:.0f} ms")
        print(f"longest event-loop stall meanwhile: {stall * 1000:.1f} ms")

        async def log_ratings() -> None:
            for _ in range(RATINGS):
                await hass.services.async_call(DOMAIN, "log_pain", {"rating": 4}, blocking=True)

        on_loop.clear()
        _elapsed, stall = await timed(hass, log_ratings)
        on_loop.sort()
        print(f"statistics update of a logged rating on the loop, median of {RATINGS}: ", end="")
        print(f"{on_loop[RATINGS // 2] * 1000:.2f} ms, worst {on_loop[-1] * 1000:.2f} ms")
        print(f"longest event-loop stall during the ratings: {stall * 1000:.1f} ms")

        async def log_a_session() -> None:
            await hass.services.async_call(DOMAIN, "log_session", {"minutes": 10}, blocking=True)

        on_loop.clear()
        await timed(hass, log_a_session)
        print(f"statistics update of a logged session on the loop: {on_loop[0] * 1000:.2f} ms")
