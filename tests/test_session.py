"""Sessions through the actions, buttons, states and events of Home Assistant."""

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .helpers import advance, call, event_log, state

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


async def test_buttons_follow_the_actions(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    async def press(name: str) -> None:
        await hass.services.async_call(
            "button", "press", {ATTR_ENTITY_ID: f"button.anna_s_mat_{name}"}, blocking=True
        )

    with pytest.raises(ServiceValidationError) as err:
        await press("pause_or_resume_session")
    assert err.value.translation_key == "no_session"
    await press("start_session")
    assert state(hass, "sensor.session_length") == "5"
    with pytest.raises(ServiceValidationError) as err:
        await press("start_session")
    assert err.value.translation_key == "session_running"
    await press("pause_or_resume_session")
    assert state(hass, "sensor.session_state") == "paused"
    await press("pause_or_resume_session")
    assert state(hass, "sensor.session_state") == "active"
    await press("stop_session")
    assert state(hass, "sensor.session_state") == "idle"
    with pytest.raises(ServiceValidationError) as err:
        await press("stop_session")
    assert err.value.translation_key == "no_session"


async def test_state_writes_of_an_uninterrupted_session_stay_within_budget(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    changes: list[str] = []
    hass.bus.async_listen("state_changed", lambda e: changes.append(e.data["entity_id"]))
    await call(hass, "start_session", minutes=20)
    for _ in range(21 * 6):
        await advance(hass, frozen, seconds=10)
    assert state(hass, "sensor.sessions_completed") == "1"
    profile_changes = [c for c in changes if "anna_s_mat" in c]
    assert len(profile_changes) <= 40
    assert profile_changes.count("sensor.anna_s_mat_session_remaining") == 21


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
