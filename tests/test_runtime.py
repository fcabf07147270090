"""The running session: its timers and completion, across restarts and reloads."""

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.config_entries import ConfigEntryDisabler, ConfigEntryState
from homeassistant.core import CoreState, HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .helpers import (
    KEY,
    START,
    advance,
    call,
    event_log,
    running,
    start_home,
    state,
    stored_profile,
)

pytestmark = pytest.mark.usefixtures("frozen")


async def test_ramped_session_runs_to_completion(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    events = event_log(hass)
    assert state(hass, "sensor.session_state") == "idle"
    assert state(hass, "sensor.next_session_length") == "5"
    response = await call(hass, "start_session", response=True)
    assert response == {
        "planned_minutes": 5,
        "ends_at": "2026-11-24T20:05:00+01:00",
        "ramped": True,
        "guidance": "none",
    }
    assert state(hass, "sensor.session_state") == "active"
    assert state(hass, "binary_sensor.session_running") == "on"
    assert state(hass, "sensor.session_remaining") == "5"
    assert state(hass, "sensor.session_length") == "5"
    assert state(hass, "sensor.session_ends") == "2026-11-24T19:05:00+00:00"
    await advance(hass, frozen, seconds=61)
    assert state(hass, "sensor.session_remaining") == "4"
    await advance(hass, frozen, minutes=4)
    assert state(hass, "sensor.session_state") == "idle"
    assert state(hass, "sensor.session_remaining") == "unknown"
    assert state(hass, "sensor.session_ends") == "unknown"
    assert state(hass, "sensor.sessions_completed") == "1"
    assert state(hass, "sensor.minutes_today") == "5.0"
    assert state(hass, "sensor.next_session_length") == "7"
    assert state(hass, "sensor.streak") == "1"
    assert state(hass, "sensor.last_session") == "2026-11-24T19:05:00+00:00"
    assert [kind for kind, _ in events] == ["started", "completed"]
    assert events[0][1] == {"planned_minutes": 5}
    assert events[1][1] == {"minutes": 5.0, "planned_minutes": 5}


async def test_pause_resume_extend_stop(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    events = event_log(hass)
    await call(hass, "start_session", minutes=10)
    await advance(hass, frozen, minutes=3)
    await call(hass, "pause_session")
    assert state(hass, "sensor.session_state") == "paused"
    assert state(hass, "sensor.session_ends") == "unknown"
    assert state(hass, "sensor.session_remaining") == "7"
    await advance(hass, frozen, minutes=30)
    assert state(hass, "sensor.session_state") == "paused"
    assert state(hass, "sensor.session_remaining") == "7"
    response = await call(hass, "extend_session", response=True, minutes=5)
    assert response == {"planned_minutes": 15, "ends_at": None}
    await call(hass, "resume_session")
    assert state(hass, "sensor.session_remaining") == "12"
    await advance(hass, frozen, minutes=2, seconds=30)
    response = await call(hass, "stop_session", response=True)
    assert response == {"minutes": 5.5, "outcome": "stopped"}
    assert state(hass, "sensor.session_state") == "idle"
    assert state(hass, "sensor.minutes_today") == "5.5"
    assert state(hass, "sensor.sessions_completed") == "0"
    assert state(hass, "sensor.next_session_length") == "5"
    kinds = [kind for kind, _ in events]
    assert kinds == ["started", "paused", "extended", "resumed", "stopped"]
    assert events[2][1] == {"minutes": 5, "planned_minutes": 15}
    assert events[4][1] == {"minutes": 5.5, "planned_minutes": 15}


async def test_an_action_after_the_end_finds_the_session_completed(
    hass: HomeAssistant, init_integration: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    await call(hass, "start_session", minutes=5)
    # Past the end, before the end timer has run: the session has completed all the same.
    freezer.tick(timedelta(minutes=5, seconds=1))
    with pytest.raises(ServiceValidationError) as refused:
        await call(hass, "extend_session", minutes=5)
    assert refused.value.translation_key == "no_session"
    assert state(hass, "sensor.session_state") == "idle"
    assert state(hass, "sensor.sessions_completed") == "1"
    assert state(hass, "sensor.next_session_length") == "7"
    event = hass.states.get("event.anna_s_mat_session")
    assert event is not None
    assert event.attributes["event_type"] == "completed"


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
