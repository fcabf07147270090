"""Long-term statistics in a real recorder: backfilled, kept in step, kept for years, removed."""

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest.mock import patch

from homeassistant.components.recorder import Recorder
from homeassistant.components.recorder.models import StatisticMeanType
from homeassistant.components.recorder.statistics import get_metadata, statistics_during_period
from homeassistant.core import HomeAssistant
from homeassistant.helpers.recorder import get_instance
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from custom_components.acupressure_mat import statistics
from custom_components.acupressure_mat.engine.vocabulary import Area
from custom_components.acupressure_mat.statistics import statistic_id

from .helpers import KEY, START, advance, call, stored_profile

pytestmark = pytest.mark.usefixtures("frozen")
ENTRY = "01JMATPROFILE0000000000000"
BACK = "acupressure_mat:01jmatprofile0000000000000_pain_back"
NECK = "acupressure_mat:01jmatprofile0000000000000_pain_neck"
MINUTES = "acupressure_mat:01jmatprofile0000000000000_mat_minutes"
DAYS = 3 * 365
FAR = datetime(2000, 1, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Recorder, enable_custom_integrations: None
) -> None:
    """Start the recorder before Home Assistant, as the recorder's test fixture requires."""


@pytest.fixture
def options() -> dict[str, Any]:
    """Keep Assist out of these tests."""
    return {"install_sentences": False}


@pytest.fixture(autouse=True)
def quick_backfill() -> Iterator[None]:
    """Backfill in big batches without pauses: the pace matters to the loop, not to the rows."""
    with patch.multiple(statistics, BATCH=500, PAUSE=0):
        yield


def years_of_history() -> dict[str, Any]:
    """Return three years of evenings: a 20-minute session, back pain 6 before and 3 after."""
    sessions, pain = [], []
    for back in range(DAYS, 0, -1):
        start = START - timedelta(days=back, hours=1)
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
        for at, rating, moment in ((start - 5 * MIN, 6, "before"), (end + 5 * MIN, 3, "after")):
            pain.append(
                {
                    "logged_at": at.isoformat(),
                    "rating": rating,
                    "area": "back",
                    "moment": moment,
                    "note": None,
                }
            )
    return stored_profile(None, sessions=sessions, pain=pain)


MIN = timedelta(minutes=1)


@pytest.fixture
def history(hass_storage: dict[str, Any]) -> None:
    """Store three years of history before the profile loads."""
    hass_storage[KEY] = years_of_history()


async def settled(hass: HomeAssistant) -> None:
    """Let the backfill and the recorder's queue finish."""
    await hass.async_block_till_done(wait_background_tasks=True)
    await async_wait_recording_done(hass)


async def read(hass: HomeAssistant, sid: str, period: str = "hour") -> list[dict[str, Any]]:
    """Return a series' rows as the statistics graph card asks for them."""
    types = {"mean", "min", "max", "sum", "state", "change"}
    found = await get_instance(hass).async_add_executor_job(
        statistics_during_period, hass, FAR, None, {sid}, period, None, types
    )
    return [dict(row) for row in found.get(sid, [])]


async def metadata(hass: HomeAssistant) -> dict[str, Any]:
    """Return the metadata of the profile's series, by id."""
    found = await get_instance(hass).async_add_executor_job(
        lambda: get_metadata(hass, statistic_ids=set(statistics.statistic_ids(ENTRY)))
    )
    return {sid: meta for sid, (_id, meta) in found.items()}


@pytest.mark.usefixtures("history")
async def test_years_of_history_are_backfilled_when_the_profile_is_set_up(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await settled(hass)
    back = await read(hass, BACK)
    assert len(back) == 2 * DAYS
    assert [(row["mean"], row["min"], row["max"]) for row in back[:2]] == [(6, 6, 6), (3, 3, 3)]
    # By month, as the statistics graph card shows years: the mean of before and after.
    months = await read(hass, BACK, "month")
    assert len(months) >= 36
    assert {row["mean"] for row in months} == {4.5}
    # Minutes per day are the daily change of the total.
    days = await read(hass, MINUTES, "day")
    assert len(days) == DAYS
    assert {row["change"] for row in days[1:]} == {20.0}
    assert days[-1]["sum"] == 20.0 * DAYS
    meta = await metadata(hass)
    assert set(meta) == {BACK, MINUTES}
    # The recorder's reader adds the deprecated has_mean of its own.
    assert {key: value for key, value in meta[BACK].items() if key != "has_mean"} == {
        "has_sum": False,
        "mean_type": StatisticMeanType.ARITHMETIC,
        "name": "Anna's mat: back pain",
        "source": "acupressure_mat",
        "statistic_id": BACK,
        "unit_class": None,
        "unit_of_measurement": None,
    }
    assert (meta[MINUTES]["has_sum"], meta[MINUTES]["mean_type"]) == (True, StatisticMeanType.NONE)
    assert (meta[MINUTES]["unit_class"], meta[MINUTES]["unit_of_measurement"]) == (
        "duration",
        "min",
    )
    assert meta[MINUTES]["name"] == "Anna's mat: mat minutes"


@pytest.mark.usefixtures("history")
async def test_a_rating_updates_its_hour_also_when_backdated(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await settled(hass)
    # A year ago, in the hour of that evening's rating before the session.
    year_ago = START - timedelta(days=365, hours=1) - 2 * MIN
    await call(hass, "log_pain", rating=10, area="back", logged_at=year_ago.isoformat())
    await call(hass, "log_pain", rating=4, area="neck")
    await settled(hass)
    hour = {row["start"]: row for row in await read(hass, BACK)}
    changed = hour[year_ago.replace(minute=0).timestamp()]
    assert (changed["mean"], changed["min"], changed["max"]) == (8, 6, 10)
    assert len(hour) == 2 * DAYS
    neck = await read(hass, NECK)
    assert [(row["start"], row["mean"]) for row in neck] == [(START.timestamp(), 4)]
    assert (await metadata(hass))[NECK]["name"] == "Anna's mat: neck pain"


@pytest.mark.usefixtures("history")
async def test_sessions_keep_the_minutes_total_in_step(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: Any
) -> None:
    await settled(hass)
    # Done without the timer a week ago, in an hour of its own: every later total moves on.
    week_ago = START - timedelta(days=7, hours=3)
    await call(hass, "log_session", minutes=15, ended_at=week_ago.isoformat())
    await call(hass, "start_session", minutes=10)
    await advance(hass, frozen, minutes=10)
    await settled(hass)
    days = await read(hass, MINUTES, "day")
    assert days[-8]["change"] == 35.0
    assert days[-1]["change"] == 10.0
    assert days[-1]["sum"] == 20.0 * DAYS + 25


@pytest.mark.usefixtures("history")
async def test_years_stay_after_a_purge_and_a_restart_which_rewrites_nothing(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await settled(hass)
    await hass.services.async_call(
        "recorder", "purge", {"keep_days": 10, "repack": False}, blocking=True
    )
    await settled(hass)
    with patch.object(
        statistics,
        "async_add_external_statistics",
        wraps=statistics.async_add_external_statistics,
    ) as added:
        assert await hass.config_entries.async_reload(init_integration.entry_id)
        await settled(hass)
    # Only each series' last row, which keeps its name in step with the profile.
    assert [len(rows) for _hass, _meta, rows in (c.args for c in added.call_args_list)] == [1, 1]
    assert len(await read(hass, BACK)) == 2 * DAYS
    assert (await read(hass, BACK, "year"))[0]["mean"] == 4.5


@pytest.mark.usefixtures("history")
async def test_a_lost_series_is_written_again_at_the_next_start(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await settled(hass)
    get_instance(hass).async_clear_statistics([BACK])
    await async_wait_recording_done(hass)
    assert await read(hass, BACK) == []
    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await settled(hass)
    assert len(await read(hass, BACK)) == 2 * DAYS


@pytest.mark.usefixtures("history")
async def test_the_series_go_with_the_profile(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await settled(hass)
    assert await metadata(hass)
    assert await hass.config_entries.async_remove(init_integration.entry_id)
    await settled(hass)
    assert await metadata(hass) == {}


async def test_a_new_profile_writes_what_it_logs(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await settled(hass)
    assert await metadata(hass) == {}
    await call(hass, "log_pain", rating=5, area="head")
    await settled(hass)
    rows = await read(hass, statistic_id(ENTRY, Area.HEAD))
    assert [(row["mean"], row["min"], row["max"]) for row in rows] == [(5, 5, 5)]


async def test_nothing_is_written_when_the_database_never_gets_ready(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    failed: asyncio.Future[bool] = hass.loop.create_future()
    failed.set_result(False)
    with (
        patch.object(get_instance(hass), "async_db_ready", failed),
        patch.object(statistics, "async_add_external_statistics") as added,
    ):
        await hass.config.async_set_time_zone("Europe/Berlin")
        mock_config_entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
        await settled(hass)
        await call(hass, "log_pain", rating=5)
        await settled(hass)
    added.assert_not_called()


def test_the_readme_names_the_series_as_they_are_written() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    for area in (Area.BACK, None):
        assert statistic_id(ENTRY, area) in readme


@pytest.mark.usefixtures("history")
async def test_a_renamed_profile_renames_its_series(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await settled(hass)
    hass.config_entries.async_update_entry(init_integration, title="Anna's spike mat")
    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await settled(hass)
    names = {sid: meta["name"] for sid, meta in (await metadata(hass)).items()}
    assert names == {
        BACK: "Anna's spike mat: back pain",
        MINUTES: "Anna's spike mat: mat minutes",
    }


async def test_series_are_named_in_home_assistants_language(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    hass.config.language = "cs"
    await hass.config.async_set_time_zone("Europe/Prague")
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await call(hass, "log_pain", rating=5, area="feet")
    await call(hass, "log_session", minutes=12)
    await settled(hass)
    names = {meta["name"] for meta in (await metadata(hass)).values()}
    assert names == {"Anna's mat: bolest chodidel", "Anna's mat: minuty na podložce"}
