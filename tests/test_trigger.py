"""The mat triggers, each through a real automation."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import CoreState, HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.acupressure_mat.const import DOMAIN

from .conftest import PROFILE_DATA
from .helpers import START, advance, call

pytestmark = pytest.mark.usefixtures("frozen")
ENTRY_ID = "01JMATPROFILE0000000000000"
FIRED = "mat_trigger_fired"


type Runs = Callable[[str], list[dict[str, Any]]]


async def automate(hass: HomeAssistant, **triggers: dict[str, Any]) -> Runs:
    """Set up one automation per named mat trigger; return what each one's runs saw."""
    fired = async_capture_events(hass, FIRED)
    automations = [
        {
            "id": name,
            "triggers": [
                {
                    "trigger": f"{DOMAIN}.{spec.pop('trigger', name)}",
                    "options": {"config_entry_id": ENTRY_ID, **spec},
                }
            ],
            "actions": [{"event": FIRED, "event_data": {"name": name, "trigger": "{{ trigger }}"}}],
        }
        for name, spec in triggers.items()
    ]
    assert await async_setup_component(hass, "automation", {"automation": automations})
    await hass.async_block_till_done()
    assert all(a.state == "on" for a in hass.states.async_all("automation"))

    def runs(name: str) -> list[dict[str, Any]]:
        # The automation's own keys say nothing about the mat.
        return [
            {k: v for k, v in e.data["trigger"].items() if k not in ("id", "idx", "alias")}
            for e in fired
            if e.data["name"] == name
        ]

    return runs


@pytest.mark.usefixtures("init_integration")
async def test_session_transitions(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    runs = await automate(
        hass, session_started={}, session_paused={}, session_resumed={}, session_completed={}
    )
    await call(hass, "start_session", minutes=5)
    await call(hass, "pause_session")
    await call(hass, "resume_session")
    await advance(hass, freezer, minutes=5)
    (started,) = runs("session_started")
    assert started == {
        "platform": f"{DOMAIN}.session_started",
        "description": "Anna's mat: started",
        "config_entry_id": ENTRY_ID,
        "event_type": "started",
        "planned_minutes": 5,
    }
    assert len(runs("session_paused")) == len(runs("session_resumed")) == 1
    (completed,) = runs("session_completed")
    assert (completed["minutes"], completed["planned_minutes"]) == (5.0, 5)


@pytest.mark.usefixtures("init_integration")
async def test_stopped_only_after_enough_minutes(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    runs = await automate(
        hass,
        every={"trigger": "session_stopped"},
        long={"trigger": "session_stopped", "min_minutes": 3},
    )
    for minutes in (2, 4):
        await call(hass, "start_session", minutes=20)
        await advance(hass, freezer, minutes=minutes)
        await call(hass, "stop_session")
    assert [p["minutes"] for p in runs("every")] == [2.0, 4.0]
    assert [p["minutes"] for p in runs("long")] == [4.0]


@pytest.mark.usefixtures("init_integration")
async def test_pain_logged_filters_rating_and_area(hass: HomeAssistant) -> None:
    runs = await automate(
        hass,
        every={"trigger": "pain_logged"},
        high_back={"trigger": "pain_logged", "min_rating": 6, "area": "back"},
        cleared={"trigger": "pain_logged", "area": None},
    )
    await call(hass, "log_pain", rating=7, area="neck")
    await call(hass, "log_pain", rating=5, area="back")
    await call(hass, "log_pain", rating=6, area="back", moment="before")
    assert [p["rating"] for p in runs("every")] == [7, 5, 6]
    assert [p["rating"] for p in runs("cleared")] == [7, 5, 6]
    (only,) = runs("high_back")
    assert (only["rating"], only["area"], only["moment"]) == (6, "back", "before")


@pytest.mark.usefixtures("init_integration")
async def test_streak_milestone(hass: HomeAssistant) -> None:
    runs = await automate(hass, streak_milestone={})
    for days_ago in (2, 1, 0):
        ended = START - timedelta(days=days_ago, minutes=30)
        await call(hass, "log_session", minutes=10, ended_at=ended.isoformat())
    assert [p["streak"] for p in runs("streak_milestone")] == [3]


@pytest.mark.usefixtures("init_integration")
async def test_a_day_without_a_counting_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    runs = await automate(hass, day_missed={})
    await call(hass, "log_session", minutes=3)  # under the 5 minutes the streak needs
    await advance(hass, freezer, hours=8)  # 04:00, the next mat day begins
    (missed,) = runs("day_missed")
    assert (missed["config_entry_id"], missed["day"]) == (ENTRY_ID, "2026-11-24")
    await advance(hass, freezer, hours=1)
    await call(hass, "log_session", minutes=5)  # started 04:55: the new day counts
    await advance(hass, freezer, days=1)
    assert len(runs("day_missed")) == 1


@pytest.mark.usefixtures("init_integration")
async def test_a_day_is_not_missed_while_its_session_runs(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    runs = await automate(hass, day_missed={})
    await advance(hass, freezer, hours=7, minutes=55)
    await call(hass, "start_session", minutes=10)
    await advance(hass, freezer, minutes=10)
    assert runs("day_missed") == []


async def test_each_trigger_follows_its_own_profile(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    other = MockConfigEntry(domain=DOMAIN, title="Ben's mat", data={**PROFILE_DATA, "name": "Ben"})
    other.add_to_hass(hass)
    assert await hass.config_entries.async_setup(other.entry_id)
    runs = await automate(hass, session_started={})
    await call(hass, "start_session", config_entry_id=other.entry_id)
    assert runs("session_started") == []
    await call(hass, "start_session", config_entry_id=ENTRY_ID)
    assert len(runs("session_started")) == 1


async def test_a_trigger_outlives_a_reload(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    runs = await automate(hass, session_started={})
    assert await hass.config_entries.async_reload(ENTRY_ID)
    await hass.async_block_till_done()
    await call(hass, "start_session")
    assert len(runs("session_started")) == 1


async def test_a_completion_held_back_at_start_up_triggers_once(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    running = {
        "started_at": (START - timedelta(hours=1)).isoformat(),
        "planned_minutes": 10,
        "active_before": 0.0,
        "resumed_at": (START - timedelta(hours=1)).isoformat(),
        "ramped": True,
    }
    data = {"ramp_level": 9, "sessions": [], "pain": [], "running": running}
    key = f"{DOMAIN}.{ENTRY_ID}"
    hass_storage[key] = {"version": 1, "minor_version": 1, "key": key, "data": data}
    hass.set_state(CoreState.not_running)
    await hass.config.async_set_time_zone("Europe/Berlin")
    mock_config_entry.add_to_hass(hass)
    runs = await automate(hass, session_completed={})
    assert await hass.config_entries.async_setup(ENTRY_ID)
    await hass.async_block_till_done()
    assert runs("session_completed") == []
    await hass.async_start()
    await hass.async_block_till_done()
    assert len(runs("session_completed")) == 1


@pytest.mark.parametrize(
    "options",
    [
        {"config_entry_id": "not-a-profile"},
        {"config_entry_id": ENTRY_ID, "min_minutes": -1},
        {"config_entry_id": ENTRY_ID, "surprise": 1},
        {},
    ],
)
async def test_bad_options_are_refused(
    hass: HomeAssistant, init_integration: MockConfigEntry, options: dict[str, Any]
) -> None:
    config = {
        "triggers": [{"trigger": f"{DOMAIN}.session_stopped", "options": options}],
        "actions": [],
    }
    assert await async_setup_component(hass, "automation", {"automation": config})
    await hass.async_block_till_done()
    (automation,) = hass.states.async_all("automation")
    assert automation.state == "unavailable"
