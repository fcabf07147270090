"""The sensors: their entities and states, and how often they are written."""

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, snapshot_platform
from syrupy.assertion import SnapshotAssertion

from .helpers import advance, call, log_an_evening, refusal, state

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.usefixtures("evening")
@pytest.mark.parametrize("platforms", [[Platform.SENSOR]], ids=["sensor"])
async def test_entities(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    await log_an_evening(hass)
    await snapshot_platform(hass, entity_registry, snapshot, init_integration.entry_id)


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


async def test_extending_while_paused_keeps_the_end_unknown(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    assert state(hass, "sensor.session_remaining") == "unknown"
    assert state(hass, "sensor.session_length") == "unknown"
    await call(hass, "start_session", minutes=100)
    await advance(hass, frozen, minutes=10)
    await call(hass, "pause_session")
    response = await call(hass, "extend_session", response=True, minutes=60)
    assert response == {"planned_minutes": 160, "ends_at": None}
    assert state(hass, "sensor.session_ends") == "unknown"
    assert state(hass, "sensor.session_remaining") == "150"
    await advance(hass, frozen, minutes=45)
    assert state(hass, "sensor.session_remaining") == "150"
    too_long = await refusal(hass, "extend_session", minutes=21)
    assert str(too_long) == "A session can last at most 180 minutes in all"
    await call(hass, "extend_session", minutes=20)
    await call(hass, "resume_session")
    assert state(hass, "sensor.session_ends") == "2026-11-24T22:45:00+00:00"
    assert state(hass, "sensor.session_remaining") == "170"


async def test_minutes_today_to_a_tenth_without_the_running_session(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    await call(hass, "log_session", minutes=10)
    await call(hass, "start_session", minutes=10)
    await advance(hass, frozen, minutes=2, seconds=10)
    assert state(hass, "sensor.minutes_today") == "10.0"
    await call(hass, "stop_session")
    assert state(hass, "sensor.minutes_today") == "12.2"


async def test_sessions_completed_counts_neither_logged_nor_stopped(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    await call(hass, "log_session", minutes=30)
    await call(hass, "start_session", minutes=5)
    await advance(hass, frozen, minutes=1)
    await call(hass, "stop_session")
    assert state(hass, "sensor.sessions_completed") == "0"
    await call(hass, "start_session", minutes=5)
    await advance(hass, frozen, minutes=5)
    assert state(hass, "sensor.sessions_completed") == "1"


async def test_last_pain_rating_is_the_latest_logged_at(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await call(hass, "log_pain", rating=6, area="neck")
    await call(hass, "log_pain", rating=3, logged_at="2026-11-24T19:00:00+01:00")
    assert state(hass, "sensor.last_pain_rating") == "6"
    attrs = hass.states.get("sensor.anna_s_mat_last_pain_rating").attributes
    assert attrs["area"] == "neck"
    assert attrs["logged_at"] == "2026-11-24T20:00:00+01:00"
