"""The mat conditions, each through a real automation."""

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.acupressure_mat.const import DOMAIN

from .conftest import PROFILE_DATA
from .helpers import START, advance, call

pytestmark = pytest.mark.usefixtures("frozen")
ENTRY_ID = "01JMATPROFILE0000000000000"
CHECK = "mat_check"
PASSED = "mat_condition_passed"
# Automation name: the condition and its options.
CONDITIONS: dict[str, tuple[str, dict[str, Any]]] = {
    "is_active": ("is_active", {}),
    "is_paused": ("is_paused", {}),
    "counted_today": ("counted_today", {}),
    "streak_at_stake": ("streak_at_stake", {}),
    "streak_3": ("streak_at_least", {"streak": 3}),
    "streak_1": ("streak_at_least", {"streak": 1}),
}


async def automate(hass: HomeAssistant) -> None:
    """Set up one automation per condition, each run by the `mat_check` event."""
    automations = [
        {
            "id": name,
            "triggers": [{"trigger": "event", "event_type": CHECK}],
            "conditions": [
                {
                    "condition": f"{DOMAIN}.{condition}",
                    "options": {"config_entry_id": ENTRY_ID, **options},
                }
            ],
            "actions": [{"event": PASSED, "event_data": {"name": name}}],
        }
        for name, (condition, options) in CONDITIONS.items()
    ]
    assert await async_setup_component(hass, "automation", {"automation": automations})
    await hass.async_block_till_done()
    assert all(a.state == "on" for a in hass.states.async_all("automation"))


async def passing(hass: HomeAssistant) -> set[str]:
    """Return the conditions that pass now."""
    passed = async_capture_events(hass, PASSED)
    hass.bus.async_fire(CHECK)
    await hass.async_block_till_done()
    return {event.data["name"] for event in passed}


@pytest.mark.usefixtures("init_integration")
async def test_session_state(hass: HomeAssistant) -> None:
    await automate(hass)
    assert await passing(hass) == set()
    await call(hass, "start_session", minutes=10)
    assert await passing(hass) == {"is_active"}
    await call(hass, "pause_session")
    assert await passing(hass) == {"is_paused"}


@pytest.mark.usefixtures("init_integration")
async def test_today_and_the_streak(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    await automate(hass)
    for days_ago in (2, 1):
        ended = START - timedelta(days=days_ago, minutes=30)
        await call(hass, "log_session", minutes=10, ended_at=ended.isoformat())
    assert await passing(hass) == {"streak_at_stake", "streak_1"}
    await call(hass, "log_session", minutes=4)
    assert await passing(hass) == {"streak_at_stake", "streak_1"}
    await call(hass, "log_session", minutes=1)
    assert await passing(hass) == {"counted_today", "streak_3", "streak_1"}
    await advance(hass, freezer, days=2)  # a day missed: the streak is over
    assert await passing(hass) == set()


@pytest.mark.parametrize("options", [{"rest_days_per_week": 1}])
@pytest.mark.usefixtures("init_integration")
async def test_a_rest_day_the_streak_allows_is_not_at_stake(hass: HomeAssistant) -> None:
    await automate(hass)
    ended = START - timedelta(days=1, minutes=30)
    await call(hass, "log_session", minutes=10, ended_at=ended.isoformat())
    assert await passing(hass) == {"streak_1"}


async def test_false_while_the_profile_is_not_loaded(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await automate(hass)
    await call(hass, "start_session", minutes=10)
    assert await hass.config_entries.async_unload(ENTRY_ID)
    assert await passing(hass) == set()


async def test_each_condition_reads_its_own_profile(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    other = MockConfigEntry(domain=DOMAIN, title="Ben's mat", data={**PROFILE_DATA, "name": "Ben"})
    other.add_to_hass(hass)
    assert await hass.config_entries.async_setup(other.entry_id)
    await automate(hass)
    await call(hass, "start_session", config_entry_id=other.entry_id)
    assert await passing(hass) == set()


@pytest.mark.parametrize(
    "options",
    [
        {"config_entry_id": "not-a-profile", "streak": 3},
        {"config_entry_id": ENTRY_ID},
        {"config_entry_id": ENTRY_ID, "streak": 0},
    ],
)
async def test_bad_options_are_refused(
    hass: HomeAssistant, init_integration: MockConfigEntry, options: dict[str, Any]
) -> None:
    config = {
        "triggers": [{"trigger": "event", "event_type": CHECK}],
        "conditions": [{"condition": f"{DOMAIN}.streak_at_least", "options": options}],
        "actions": [],
    }
    assert await async_setup_component(hass, "automation", {"automation": config})
    await hass.async_block_till_done()
    (automation,) = hass.states.async_all("automation")
    assert automation.state == "unavailable"
