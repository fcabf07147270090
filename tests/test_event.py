"""The session event: its entity, and the order of streak milestones."""

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, snapshot_platform
from syrupy.assertion import SnapshotAssertion

from .helpers import START, advance, call, event_log, log_an_evening, state

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.usefixtures("evening")
@pytest.mark.parametrize("platforms", [[Platform.EVENT]], ids=["event"])
async def test_entities(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    await log_an_evening(hass)
    await snapshot_platform(hass, entity_registry, snapshot, init_integration.entry_id)


async def test_streak_milestone_follows_the_completed_event(
    hass: HomeAssistant, init_integration: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    freezer.move_to(START)
    # Recorded by a callback on the event loop: a plain lambda would run in worker threads,
    # which may append the two events of one instant in either order.
    events = event_log(hass)
    await call(hass, "log_session", minutes=6, ended_at="2026-11-22T21:00:00")
    await call(hass, "log_session", minutes=6, ended_at="2026-11-23T21:00:00")
    await call(hass, "start_session", minutes=5)
    await advance(hass, freezer, minutes=5)
    assert [kind for kind, _ in events] == ["started", "completed", "streak_milestone"]
    assert hass.states.get("event.anna_s_mat_session").attributes["streak"] == 3
    assert state(hass, "sensor.longest_streak") == "3"


async def test_milestones_fire_again_after_a_break(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    events = event_log(hass)
    for gap in (0, 1, 1, 3, 1, 1):
        await advance(hass, frozen, days=gap)
        await call(hass, "log_session", minutes=5)
    assert [attrs["streak"] for kind, attrs in events if kind == "streak_milestone"] == [3, 3]
    assert state(hass, "sensor.longest_streak") == "3"


async def test_milestone_fires_after_the_stopped_event(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    for day in (22, 23):
        await call(hass, "log_session", minutes=6, ended_at=f"2026-11-{day}T21:00:00+01:00")
    events = event_log(hass)
    await call(hass, "start_session", minutes=10)
    await advance(hass, frozen, minutes=6)
    await call(hass, "stop_session")
    assert [kind for kind, _ in events] == ["started", "stopped", "streak_milestone"]
    assert events[-1][1] == {"streak": 3}
