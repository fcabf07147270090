"""Restarts, reloads, storage recovery, day rollover and removal."""

from datetime import datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryDisabler, ConfigEntryState
from homeassistant.core import CoreState, HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.const import DOMAIN

from .helpers import advance, call, event_log, state

START = datetime.fromisoformat("2026-11-24T20:00:00+01:00")
KEY = f"{DOMAIN}.01JMATPROFILE0000000000000"


def stored_profile(running: dict[str, Any] | None, **extra: Any) -> dict[str, Any]:
    """Return a stored file as the integration writes it."""
    data = {"ramp_level": 9, "sessions": [], "pain": [], "running": running} | extra
    return {"version": 1, "minor_version": 1, "key": KEY, "data": data}


def running(
    started: datetime, planned: int, *, paused_after: float | None = None
) -> dict[str, Any]:
    """Describe a running session, active or paused after some seconds."""
    return {
        "started_at": started.isoformat(),
        "planned_minutes": planned,
        "active_before": paused_after or 0.0,
        "resumed_at": None if paused_after is not None else started.isoformat(),
        "ramped": True,
    }


async def start_home(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Set up the profile as Home Assistant does at start-up."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


async def test_active_session_keeps_its_planned_end(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    freezer.move_to(START + timedelta(minutes=4))
    hass_storage[KEY] = stored_profile(running(START, 10))
    await start_home(hass, mock_config_entry)
    assert state(hass, "sensor.session_state") == "active"
    assert state(hass, "sensor.session_remaining") == "6"
    assert state(hass, "sensor.session_ends") == "2026-11-24T19:10:00+00:00"
    assert state(hass, "sensor.next_session_length") == "9"
    await advance(hass, freezer, minutes=6)
    assert state(hass, "sensor.session_state") == "idle"
    assert state(hass, "sensor.sessions_completed") == "1"


async def test_paused_session_keeps_its_remaining_time(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    freezer.move_to(START + timedelta(hours=2))
    hass_storage[KEY] = stored_profile(running(START, 10, paused_after=150))
    await start_home(hass, mock_config_entry)
    assert state(hass, "sensor.session_state") == "paused"
    assert state(hass, "sensor.session_remaining") == "8"
    await call(hass, "resume_session")
    assert state(hass, "sensor.session_ends") == "2026-11-24T21:07:30+00:00"


async def test_session_that_ended_while_down_completes_for_automations(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    freezer.move_to(START + timedelta(hours=1))
    hass_storage[KEY] = stored_profile(running(START, 10))
    hass.set_state(CoreState.not_running)
    seen: list[str] = []
    hass.bus.async_listen("mat_done", lambda event: seen.append(event.data["type"]))
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "triggers": [{"trigger": "state", "entity_id": "event.anna_s_mat_session"}],
                "conditions": [
                    {
                        "condition": "template",
                        "value_template": (
                            "{{ trigger.to_state.attributes.event_type == 'completed' }}"
                        ),
                    }
                ],
                "actions": [
                    {"event": "mat_done", "event_data": {"type": "{{ trigger.to_state.state }}"}}
                ],
            }
        },
    )
    await start_home(hass, mock_config_entry)
    assert state(hass, "sensor.session_state") == "idle"
    assert state(hass, "sensor.last_session") == "2026-11-24T19:10:00+00:00"
    assert seen == []
    await hass.async_start()
    await hass.async_block_till_done()
    assert len(seen) == 1
    assert hass_storage[KEY]["data"]["running"] is None


@pytest.mark.parametrize(
    "data", [{"sessions": "garbage"}, {"ramp_level": 5, "sessions": [{"x": 1}], "pain": []}, []]
)
async def test_malformed_store_is_set_aside(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_storage: dict[str, Any],
    data: Any,
) -> None:
    hass_storage[KEY] = {"version": 1, "minor_version": 1, "key": KEY, "data": data}
    await start_home(hass, mock_config_entry)
    assert state(hass, "sensor.session_state") == "idle"
    assert state(hass, "sensor.sessions_completed") == "0"
    issue = ir.async_get(hass).async_get_issue(
        DOMAIN, f"malformed_store_{mock_config_entry.entry_id}"
    )
    assert issue is not None
    assert issue.translation_key == "malformed_store"
    assert hass_storage[KEY]["data"]["sessions"] == []


async def test_store_migrates_from_minor_version_0(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    pain = {
        "logged_at": "2026-11-24T18:00:00+00:00",
        "rating": 3,
        "area": "feet",
        "moment": "before",
    }
    hass_storage[KEY] = stored_profile(None, pain=[pain]) | {"minor_version": 0}
    await start_home(hass, mock_config_entry)
    assert state(hass, "sensor.last_pain_rating") == "3"


async def test_new_mat_day_refreshes_by_itself(
    hass: HomeAssistant, init_integration: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    freezer.move_to(START)
    await call(hass, "log_session", minutes=10)
    assert state(hass, "sensor.minutes_today") == "10.0"
    await advance(hass, freezer, hours=5)  # 01:00, still the same mat day
    assert state(hass, "sensor.minutes_today") == "10.0"
    await advance(hass, freezer, hours=3, seconds=1)  # 04:00:01, a new mat day
    assert state(hass, "sensor.minutes_today") == "0.0"
    assert state(hass, "sensor.streak") == "1"
    await advance(hass, freezer, days=1)
    assert state(hass, "sensor.streak") == "0"
    await advance(hass, freezer, days=7)
    assert state(hass, "sensor.next_session_length") == "5"


async def test_streak_milestone_follows_the_completed_event(
    hass: HomeAssistant, init_integration: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    freezer.move_to(START)
    kinds: list[str] = []
    hass.bus.async_listen(
        "state_changed",
        lambda e: (
            e.data["entity_id"] == "event.anna_s_mat_session"
            and kinds.append(e.data["new_state"].attributes.get("event_type"))
        ),
    )
    await call(hass, "log_session", minutes=6, ended_at="2026-11-22T21:00:00")
    await call(hass, "log_session", minutes=6, ended_at="2026-11-23T21:00:00")
    await call(hass, "start_session", minutes=5)
    await advance(hass, freezer, minutes=5)
    assert kinds == ["started", "completed", "streak_milestone"]
    assert hass.states.get("event.anna_s_mat_session").attributes["streak"] == 3
    assert state(hass, "sensor.longest_streak") == "3"


async def test_time_zone_change_is_followed(
    hass: HomeAssistant, init_integration: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    freezer.move_to(START)
    await hass.config.async_update(time_zone="America/New_York")
    await hass.async_block_till_done()
    assert init_integration.runtime_data.runtime.profile.settings.tz.key == "America/New_York"


async def test_removal_deletes_the_stored_history(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    await call(hass, "log_pain", rating=5)
    assert KEY in hass_storage
    await hass.config_entries.async_remove(init_integration.entry_id)
    await hass.async_block_till_done()
    assert KEY not in hass_storage


async def test_events_of_actions_during_start_up_wait_for_it(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    freezer.move_to(START)
    hass.set_state(CoreState.not_running)
    await start_home(hass, mock_config_entry)
    await call(hass, "log_pain", rating=5)
    assert state(hass, "sensor.last_pain_rating") == "5"
    assert state(hass, "event.session") == "unknown"
    await hass.async_start()
    await hass.async_block_till_done()
    event = hass.states.get("event.anna_s_mat_session")
    assert event is not None
    assert event.attributes["event_type"] == "pain_logged"
    assert event.attributes["rating"] == 5


async def test_a_store_from_a_newer_version_is_left_alone(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    # After a downgrade: refuse to load rather than overwrite what a newer version wrote.
    hass_storage[KEY] = stored_profile(None) | {"version": 2}
    await hass.config.async_set_time_zone("Europe/Berlin")
    mock_config_entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(mock_config_entry.entry_id)
    assert mock_config_entry.state is ConfigEntryState.SETUP_ERROR
    assert hass_storage[KEY]["version"] == 2


async def _disable_and_enable(hass: HomeAssistant, entry: MockConfigEntry, later: Any) -> None:
    """Disable the profile, let time pass, enable it again."""
    await hass.config_entries.async_set_disabled_by(entry.entry_id, ConfigEntryDisabler.USER)
    await later()
    await hass.config_entries.async_set_disabled_by(entry.entry_id, None)


async def _unload_and_load(hass: HomeAssistant, entry: MockConfigEntry, later: Any) -> None:
    """Unload the profile (as a reload after new options does), let time pass, load it again."""
    assert await hass.config_entries.async_unload(entry.entry_id)
    await later()
    assert await hass.config_entries.async_setup(entry.entry_id)


@pytest.mark.parametrize("away", [_disable_and_enable, _unload_and_load])
async def test_session_that_ended_while_unloaded_completes_once(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    frozen: FrozenDateTimeFactory,
    away: Any,
) -> None:
    await call(hass, "start_session", minutes=10)
    seen = event_log(hass)

    async def later() -> None:
        frozen.tick(timedelta(minutes=30))

    await away(hass, init_integration, later)
    await hass.async_block_till_done()
    assert init_integration.state is ConfigEntryState.LOADED
    # Back, the entity first shows its last event again (the start), then the completion fires.
    assert [kind for kind, _ in seen] == ["started", "completed"]
    assert seen[1][1] == {"minutes": 10.0, "planned_minutes": 10}
    assert state(hass, "sensor.session_state") == "idle"
    assert state(hass, "sensor.sessions_completed") == "1"
    await advance(hass, frozen, minutes=30)
    assert [kind for kind, _ in seen] == ["started", "completed"]
