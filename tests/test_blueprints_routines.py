"""The shipped routines, end to end: insomnia night, pain check-in, streak keeper, self-starting."""

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
import time
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    async_mock_service,
)

from custom_components.acupressure_mat.const import DOMAIN

from .fake_speaker import BEDROOM, Speakers
from .helpers import START, advance, call, state

ENTRY_ID = "01JMATPROFILE0000000000000"
BEFORE_BEDTIME = datetime.fromisoformat("2026-11-24T22:29:59+01:00")  # a Tuesday
PREFIX = f"ACUPRESSURE_MAT_PAIN:{ENTRY_ID}:"
MAT = "binary_sensor.mat_pressure"


@pytest.fixture
def phone(hass: HomeAssistant) -> str:
    """Register Anna's phone as the Home Assistant app does; return its device id."""
    app = MockConfigEntry(domain="mobile_app", title="Anna's phone")
    app.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=app.entry_id, identifiers={("mobile_app", "phone")}, name="Anna's phone"
    )
    return device.id


@pytest.fixture
def notified(hass: HomeAssistant) -> list[ServiceCall]:
    """Record the notifications the phone gets."""
    return async_mock_service(hass, "notify", "mobile_app_anna_s_phone")


async def use(hass: HomeAssistant, **blueprints: dict[str, Any]) -> None:
    """Create one automation per named blueprint with its inputs."""
    automations = [
        {
            "use_blueprint": {
                "path": f"{DOMAIN}/{name}.yaml",
                "input": {"profile": ENTRY_ID, **inputs},
            }
        }
        for name, inputs in blueprints.items()
    ]
    assert await async_setup_component(hass, "automation", {"automation": automations})
    await hass.async_block_till_done()
    assert [a.state for a in hass.states.async_all("automation")] == ["on"] * len(blueprints)


async def answer(hass: HomeAssistant, action: str) -> None:
    """Tap an answer of an actionable notification."""
    hass.bus.async_fire("mobile_app_notification_action", {"action": action})
    await hass.async_block_till_done()


async def advance_into_delay(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, until: Callable[[], bool], **delta: float
) -> None:
    """Move the clock while a routine runs into a delay, which async_block_till_done would await."""
    freezer.tick(timedelta(**delta))
    async_fire_time_changed(hass)
    for _ in range(1000):
        if until():
            break
        await pause()
    assert until()
    for _ in range(20):  # let the routine reach its delay
        await pause()


async def pause() -> None:
    """Give the loop and the executor (where the store saves) a moment of real time."""
    await asyncio.get_running_loop().run_in_executor(None, time.sleep, 0.001)


def last_pain(hass: HomeAssistant) -> tuple[str, Any]:
    """Return the latest rating and its moment."""
    found = hass.states.get("sensor.anna_s_mat_last_pain_rating")
    assert found is not None
    return found.state, found.attributes.get("moment")


# The time trigger has planned tomorrow's run when the test ends.
@pytest.mark.parametrize("expected_lingering_timers", [True])
async def test_a_whole_insomnia_night(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    speakers: Speakers,
    lights: dict[str, list[ServiceCall]],
    phone: str,
    notified: list[ServiceCall],
    init_integration: MockConfigEntry,
) -> None:
    freezer.move_to(BEFORE_BEDTIME)
    hass.states.async_set("person.anna", "home")
    routine = {"speakers": [BEDROOM], "lights": ["light.bedroom"], "people": ["person.anna"]}
    check_in = {"phone": phone, "after_every_session": False}
    await use(hass, insomnia_routine=routine, pain_check_in=check_in)
    await advance(hass, freezer, seconds=1)
    assert lights["on"][0].data == {
        "entity_id": ["light.bedroom"],
        "brightness_pct": 10,
        "color_temp_kelvin": 2200,
    }
    assert state(hass, "sensor.session_state") == "active"
    guidance = init_integration.runtime_data.guidance
    assert guidance.request is not None
    assert (guidance.request.kind, guidance.request.pattern) == ("breathing", "4_7_8")
    assert speakers.bedroom.volume_level == 0.3
    await advance_into_delay(
        hass, freezer, lambda: speakers.bedroom.volume_level == 0.15, minutes=5
    )
    assert state(hass, "sensor.session_state") == "idle"
    assert guidance.request is not None
    assert (guidance.request.kind, guidance.request.volume) == ("meditation", 0.15)
    assert speakers.bedroom.volume_level == 0.15
    assert lights["off"] == []
    assert notified == []
    await advance(hass, freezer, minutes=10)
    assert lights["off"][0].data["transition"] == 60
    (question,) = notified
    assert question.data["title"] == "Pain check-in"
    actions = question.data["data"]["actions"]
    assert [a["title"] for a in actions] == ["Little (0-3)", "Some (4-6)", "A lot (7-10)"]
    await answer(hass, actions[0]["action"])
    assert last_pain(hass) == ("2", "after")


@pytest.mark.parametrize("expected_lingering_timers", [True])
@pytest.mark.parametrize(("anna", "running"), [("not_home", False), ("home", True)])
async def test_no_routine_when_away_or_on_the_mat(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    lights: dict[str, list[ServiceCall]],
    init_integration: MockConfigEntry,
    anna: str,
    running: bool,
) -> None:
    freezer.move_to(BEFORE_BEDTIME)
    hass.states.async_set("person.anna", anna)
    await use(hass, insomnia_routine={"lights": ["light.bedroom"], "people": ["person.anna"]})
    if running:
        await call(hass, "start_session", minutes=30)
    await advance(hass, freezer, seconds=1)
    assert lights["on"] == []
    await advance(hass, freezer, minutes=30)
    assert lights["off"] == []  # a session outside the routine's night is left alone


@pytest.mark.usefixtures("frozen", "init_integration")
async def test_check_in_after_every_session_with_every_rating(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, phone: str, notified: list[ServiceCall]
) -> None:
    await use(hass, pain_check_in={"phone": phone, "answers": "all", "area": "neck"})
    await call(hass, "start_session", minutes=5)
    await advance(hass, freezer, minutes=5)
    (question,) = notified
    actions = question.data["data"]["actions"]
    assert [a["title"] for a in actions] == [str(rating) for rating in range(11)]
    assert question.data["data"]["timeout"] == 1800
    await answer(hass, "SOMETHING_ELSE")
    await answer(hass, actions[7]["action"].replace(ENTRY_ID, "another-profile"))
    assert last_pain(hass) == ("unknown", None)
    await advance(hass, freezer, minutes=10)
    await answer(hass, actions[7]["action"])
    assert last_pain(hass) == ("7", "after")
    history = await call(hass, "get_history", response=True)
    assert history is not None
    assert history["pain"][-1]["area"] == "neck"


@pytest.mark.usefixtures("frozen", "init_integration")
async def test_a_late_answer_changes_nothing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, phone: str, notified: list[ServiceCall]
) -> None:
    await use(hass, pain_check_in={"phone": phone, "answer_minutes": 15})
    await call(hass, "start_session", minutes=5)
    await advance(hass, freezer, minutes=5)
    (question,) = notified
    await advance(hass, freezer, minutes=16)
    await answer(hass, question.data["data"]["actions"][2]["action"])
    assert last_pain(hass) == ("unknown", None)


async def log_days(hass: HomeAssistant, *days_ago: int) -> None:
    """Log a counting session on each of the given earlier days."""
    for days in days_ago:
        ended = START - timedelta(days=days, minutes=30)
        await call(hass, "log_session", minutes=10, ended_at=ended.isoformat())


@pytest.mark.parametrize("expected_lingering_timers", [True])
@pytest.mark.usefixtures("frozen", "init_integration")
async def test_the_streak_keeper_reminds_while_the_streak_is_at_stake(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, phone: str, notified: list[ServiceCall]
) -> None:
    await log_days(hass, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1)
    await use(hass, streak_keeper={"phone": phone, "at": "20:30:00"})
    await advance(hass, freezer, minutes=30)
    (reminder,) = notified
    assert reminder.data["message"] == "12 days in a row: 5 minutes keep it going."
    assert reminder.data["title"] == "Keep your mat streak"
    await advance(hass, freezer, hours=23)
    await call(hass, "log_session", minutes=5)  # Wednesday counts before the reminder time
    await advance(hass, freezer, hours=1)
    assert len(notified) == 1


@pytest.mark.parametrize("expected_lingering_timers", [True])
@pytest.mark.parametrize("options", [{"rest_days_per_week": 1}])
@pytest.mark.usefixtures("frozen", "init_integration")
async def test_the_streak_keeper_is_quiet_on_an_allowed_rest_day(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, phone: str, notified: list[ServiceCall]
) -> None:
    await log_days(hass, 3, 2, 1)
    await use(hass, streak_keeper={"phone": phone, "at": "20:30:00"})
    await advance(hass, freezer, minutes=30)
    assert notified == []
    await advance(hass, freezer, days=1)  # yesterday was the rest day: now it is at stake
    assert len(notified) == 1


@pytest.mark.usefixtures("frozen", "init_integration")
async def test_a_session_that_starts_pauses_and_stops_itself(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    hass.states.async_set(MAT, "off")
    await use(hass, sessions_start_themselves={"sensor": MAT})
    hass.states.async_set(MAT, "on")
    await advance(hass, freezer, seconds=29)
    assert state(hass, "sensor.session_state") == "idle"
    await advance(hass, freezer, seconds=1)
    assert state(hass, "sensor.session_state") == "active"
    assert state(hass, "sensor.session_length") == "5"  # ramped
    hass.states.async_set(MAT, "off")
    await hass.async_block_till_done()
    assert state(hass, "sensor.session_state") == "paused"
    await advance(hass, freezer, minutes=1)
    hass.states.async_set(MAT, "on")
    await advance(hass, freezer, seconds=30)
    assert state(hass, "sensor.session_state") == "active"
    hass.states.async_set(MAT, "off")
    await advance(hass, freezer, minutes=5)
    assert state(hass, "sensor.session_state") == "idle"
    history = await call(hass, "get_history", response=True)
    assert history is not None
    assert history["sessions"][-1]["outcome"] == "stopped"


@pytest.mark.usefixtures("frozen", "init_integration")
async def test_an_unavailable_sensor_does_nothing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    hass.states.async_set(MAT, "unavailable")
    await use(hass, sessions_start_themselves={"sensor": MAT})
    hass.states.async_set(MAT, "on")
    await advance(hass, freezer, minutes=1)
    assert state(hass, "sensor.session_state") == "idle"
    await call(hass, "start_session", minutes=20)
    hass.states.async_set(MAT, "unavailable")
    await advance(hass, freezer, minutes=10)
    assert state(hass, "sensor.session_state") == "active"
