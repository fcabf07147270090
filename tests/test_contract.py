"""Rules of CONTRACT.md on the ramp, the mat day and the streak: options, timers and sensors."""

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.const import DOMAIN

from .helpers import advance, call, move_to, set_options, state

pytestmark = pytest.mark.usefixtures("frozen")


async def test_minutes_override_that_reaches_the_level_raises_it(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    await call(hass, "start_session", minutes=4)
    await advance(hass, frozen, minutes=4)
    assert state(hass, "sensor.next_session_length") == "5"
    await call(hass, "start_session", minutes=12)
    await advance(hass, frozen, minutes=12)
    assert state(hass, "sensor.next_session_length") == "7"
    await call(hass, "log_session", minutes=7)
    assert state(hass, "sensor.next_session_length") == "9"
    await call(hass, "log_session", minutes=8)
    assert state(hass, "sensor.next_session_length") == "9"


async def test_stopped_session_never_raises_the_level(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    await call(hass, "start_session", minutes=60)
    await advance(hass, frozen, minutes=30)
    await call(hass, "stop_session")
    assert state(hass, "sensor.next_session_length") == "5"


async def test_ramp_decays_per_full_7_mat_days_and_keeps_the_fallen_level(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    for minutes in (5, 7, 9):
        await call(hass, "log_session", minutes=minutes)
    assert state(hass, "sensor.next_session_length") == "11"
    await move_to(hass, frozen, "2026-12-01T03:59:00+01:00")
    assert state(hass, "sensor.next_session_length") == "11"
    await move_to(hass, frozen, "2026-12-01T04:00:01+01:00")
    assert state(hass, "sensor.next_session_length") == "9"
    await move_to(hass, frozen, "2026-12-01T20:00:00+01:00")
    await call(hass, "start_session")
    await advance(hass, frozen, minutes=1)
    await call(hass, "stop_session")
    assert state(hass, "sensor.next_session_length") == "9"
    # Seven more mat days fall from the kept 9, not from 11.
    await move_to(hass, frozen, "2026-12-08T04:00:01+01:00")
    assert state(hass, "sensor.next_session_length") == "7"


@pytest.mark.parametrize("options", [{"target_minutes": 30}])
async def test_ramp_options_override_the_user_step_and_clamp_the_level(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    for minutes in (5, 7, 9):
        await call(hass, "log_session", minutes=minutes)
    assert state(hass, "sensor.next_session_length") == "11"
    await set_options(hass, init_integration, target_minutes=8)
    assert state(hass, "sensor.next_session_length") == "8"
    # The clamped level is the level: widening the range again does not bring 11 back.
    await set_options(hass, init_integration, target_minutes=20)
    assert state(hass, "sensor.next_session_length") == "8"
    await set_options(hass, init_integration, start_minutes=12)
    assert state(hass, "sensor.next_session_length") == "12"
    key = f"{DOMAIN}.{init_integration.entry_id}"
    assert hass_storage[key]["data"]["ramp_level"] == 12


async def test_a_session_after_midnight_counts_for_the_evening_before(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    await call(hass, "log_session", minutes=10)
    await move_to(hass, frozen, "2026-11-25T01:30:00+01:00")
    await call(hass, "start_session", minutes=10)
    await advance(hass, frozen, minutes=10)
    assert state(hass, "sensor.minutes_today") == "20.0"
    assert state(hass, "sensor.streak") == "1"


@pytest.mark.parametrize("options", [{"day_starts_at": 6}])
async def test_day_based_values_refresh_at_day_starts_at(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    await call(hass, "log_session", minutes=10)
    await move_to(hass, frozen, "2026-11-25T05:59:59+01:00")
    assert state(hass, "sensor.minutes_today") == "10.0"
    await advance(hass, frozen, seconds=2)
    assert state(hass, "sensor.minutes_today") == "0.0"
    assert state(hass, "sensor.streak") == "1"
    await move_to(hass, frozen, "2026-11-26T05:59:59+01:00")
    assert state(hass, "sensor.streak") == "1"
    await advance(hass, frozen, seconds=2)
    assert state(hass, "sensor.streak") == "0"
    await move_to(hass, frozen, "2026-12-01T05:59:59+01:00")
    assert state(hass, "sensor.next_session_length") == "7"
    await advance(hass, frozen, seconds=2)
    assert state(hass, "sensor.next_session_length") == "5"


@pytest.mark.parametrize(
    ("options", "before_today", "with_today"),
    [({"rest_days_per_week": 0}, 1, 2), ({"rest_days_per_week": 1}, 3, 4)],
)
async def test_streak_rest_days(
    hass: HomeAssistant, init_integration: MockConfigEntry, before_today: int, with_today: int
) -> None:
    # Sessions on the 20th, 21st and 23rd; the 22nd is missed; today (24th) counts later.
    for day in (20, 21, 23):
        await call(hass, "log_session", minutes=6, ended_at=f"2026-11-{day}T21:00:00+01:00")
    await call(hass, "log_session", minutes=4, ended_at="2026-11-24T19:00:00+01:00")
    assert state(hass, "sensor.streak") == str(before_today)
    await call(hass, "log_session", minutes=1)
    assert state(hass, "sensor.streak") == str(with_today)
