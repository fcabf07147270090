"""A profile stored on disk in today's format (1.1): loaded, read out off the loop, saved whole."""

from datetime import UTC, timedelta
import json
from pathlib import Path
import threading
from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.engine import streak
from custom_components.acupressure_mat.storage import MatStore

from .helpers import KEY, START, call, start_home, state

pytestmark = pytest.mark.usefixtures("frozen")

# Captured at import, before the test harness swaps them for in-memory ones.
REAL_LOAD = Store._async_load
REAL_WRITE = Store._async_write_data


def a_week() -> dict[str, Any]:
    """Return a 1.1 store file: a session on each of the last 7 evenings, rated before."""
    sessions, pain = [], []
    for day in range(7, 0, -1):
        # In UTC, as the integration writes its times.
        start = (START - timedelta(days=day)).astimezone(UTC)
        end = start + timedelta(minutes=10)
        sessions.append(
            {
                "started_at": start.isoformat(),
                "ended_at": end.isoformat(),
                "planned_minutes": 10,
                "minutes": 10.0,
                "outcome": "completed",
            }
        )
        rating = {"logged_at": start.isoformat(), "rating": 5, "area": "back", "moment": "before"}
        pain.append(rating | {"note": None})
    data = {"ramp_level": 9, "sessions": sessions, "pain": pain, "running": None}
    return {"version": 1, "minor_version": 1, "key": KEY, "data": data}


def read(path: Path) -> Any:
    """Return a JSON file's content."""
    return json.loads(path.read_text(encoding="utf-8"))


def write(path: Path, content: Any) -> None:
    """Write a JSON file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(content), encoding="utf-8")


@pytest.fixture
def on_disk(hass: HomeAssistant) -> Path:
    """Write the store file and let the store read and write real files."""
    path = Path(hass.config.path(".storage", KEY))
    write(path, a_week())
    return path


async def test_a_stored_file_loads_with_its_read_outs_made_off_the_loop(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, on_disk: Path
) -> None:
    threads: list[threading.Thread] = []
    real_streak = streak.current_streak

    def _current(*args: Any) -> int:
        threads.append(threading.current_thread())
        return real_streak(*args)

    with (
        patch.object(MatStore, "_async_load", REAL_LOAD),
        patch.object(MatStore, "_async_write_data", REAL_WRITE),
        patch.object(streak, "current_streak", _current),
    ):
        await start_home(hass, mock_config_entry)
        assert state(hass, "sensor.streak") == "7"
        assert state(hass, "sensor.sessions_7_days") == "6"
        # Computed once, in the executor, before the profile was shared with the loop.
        assert threads
        assert all(thread is not threading.main_thread() for thread in threads)
        await call(hass, "log_pain", rating=2)
        await hass.async_block_till_done()
    saved = read(on_disk)
    assert (saved["version"], saved["minor_version"]) == (1, 1)
    assert saved["data"]["sessions"] == a_week()["data"]["sessions"]
    assert [p["rating"] for p in saved["data"]["pain"]] == [5] * 7 + [2]
    # Written atomically: through a temporary file that is gone afterwards.
    assert sorted(p.name for p in on_disk.parent.iterdir()) == [on_disk.name]


async def test_a_malformed_file_on_disk_is_kept_aside(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, on_disk: Path
) -> None:
    broken = a_week()
    broken["data"]["sessions"][0]["ended_at"] = "not a time"
    write(on_disk, broken)
    with (
        patch.object(MatStore, "_async_load", REAL_LOAD),
        patch.object(MatStore, "_async_write_data", REAL_WRITE),
    ):
        await start_home(hass, mock_config_entry)
        await hass.async_block_till_done()
    assert state(hass, "sensor.sessions_completed") == "0"
    (aside,) = on_disk.parent.glob(f"{KEY}.malformed.*")
    assert read(aside) == broken["data"]
    assert read(on_disk)["data"]["sessions"] == []
