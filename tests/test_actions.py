"""Actions: bad input is refused with a translated error and changes nothing stored."""

import asyncio
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.const import DOMAIN

from .helpers import advance, call, refused, state, stored

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.parametrize(
    ("action", "data", "key"),
    [
        ("pause_session", {}, "no_session"),
        ("resume_session", {}, "no_session"),
        ("stop_session", {}, "no_session"),
        ("extend_session", {"minutes": 5}, "no_session"),
        ("log_pain", {"rating": 11}, "rating_range"),
        ("log_pain", {"rating": -1}, "rating_range"),
        ("log_pain", {"rating": 3, "logged_at": "2026-11-24T21:00:00+01:00"}, "future_time"),
        ("log_session", {"minutes": 10, "ended_at": "2026-11-24T20:30:00"}, "future_time"),
        (
            "start_session",
            {"media_player_entity_id": "media_player.nowhere"},
            "media_player_not_found",
        ),
        (
            "play_guidance",
            {"media_player_entity_id": ["media_player.nowhere"]},
            "media_player_not_found",
        ),
        ("start_session", {"config_entry_id": "not-a-profile"}, "profile_not_found"),
    ],
)
async def test_bad_input_changes_nothing(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    action: str,
    data: dict[str, Any],
    key: str,
) -> None:
    await call(hass, "log_pain", rating=4)
    before = stored(hass_storage, init_integration)
    await refused(hass, key, action, **data)
    assert stored(hass_storage, init_integration) == before
    assert state(hass, "sensor.session_state") == "idle"


async def test_running_session_refusals(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    await call(hass, "start_session", minutes=120)
    before = stored(hass_storage, init_integration)
    await refused(hass, "session_running", "start_session")
    await refused(hass, "not_paused", "resume_session")
    await call(hass, "extend_session", minutes=60)
    await refused(hass, "extend_too_long", "extend_session", minutes=1)
    await call(hass, "pause_session")
    await refused(hass, "not_active", "pause_session")
    assert state(hass, "sensor.session_length") == "180"
    assert stored(hass_storage, init_integration) != before


async def test_schema_refuses_out_of_range_minutes(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    import voluptuous as vol  # noqa: PLC0415 - after homeassistant, which installs probatio as it

    with pytest.raises(vol.Invalid):
        await call(hass, "start_session", minutes=121)
    with pytest.raises(vol.Invalid):
        await call(hass, "log_pain", rating=3, note="x" * 201)


async def test_simultaneous_starts_give_one_session(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    results = await asyncio.gather(
        call(hass, "start_session", minutes=10),
        call(hass, "start_session", minutes=15),
        return_exceptions=True,
    )
    errors = [r for r in results if isinstance(r, ServiceValidationError)]
    assert len(errors) == 1
    assert errors[0].translation_key == "session_running"
    assert state(hass, "sensor.session_length") in ("10", "15")


async def test_profile_must_be_named_when_several_are_loaded(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    other = MockConfigEntry(domain=DOMAIN, title="Ben's mat", data={"name": "Ben's mat"})
    other.add_to_hass(hass)
    assert await hass.config_entries.async_setup(other.entry_id)
    await refused(hass, "profile_required", "start_session")
    await call(hass, "start_session", config_entry_id=other.entry_id, minutes=7)
    assert hass.states.get("sensor.ben_s_mat_session_length").state == "7"
    assert state(hass, "sensor.session_state") == "idle"
    # Only loaded profiles count: with Ben's unloaded, Anna's is the one.
    await hass.config_entries.async_unload(other.entry_id)
    await refused(hass, "profile_not_found", "stop_session", config_entry_id=other.entry_id)
    await call(hass, "start_session", minutes=5)
    await hass.config_entries.async_unload(init_integration.entry_id)
    await refused(hass, "no_profile", "stop_session")


async def test_pain_log_relief_and_history(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    assert await call(hass, "log_pain", response=True, rating=6, note="stiff") == {"relief": None}
    assert state(hass, "sensor.last_pain_rating") == "6"
    await call(hass, "start_session", minutes=10)
    await advance(hass, frozen, minutes=10)
    await advance(hass, frozen, minutes=5)
    response = await call(hass, "log_pain", response=True, rating=2, area="neck")
    assert response == {"relief": 4}
    assert state(hass, "sensor.pain_relief") == "4"
    attrs = hass.states.get("sensor.anna_s_mat_last_pain_rating").attributes
    assert attrs["area"] == "neck"
    assert attrs["moment"] == "after"
    assert attrs["logged_at"] == "2026-11-24T20:15:00+01:00"
    await call(hass, "log_session", minutes=12, ended_at="2026-11-23T21:00:00")
    history = await call(hass, "get_history", response=True, days=7)
    assert history == {
        "sessions": [
            {
                "started_at": "2026-11-23T20:48:00+01:00",
                "ended_at": "2026-11-23T21:00:00+01:00",
                "planned_minutes": 12,
                "minutes": 12.0,
                "outcome": "logged",
            },
            {
                "started_at": "2026-11-24T20:00:00+01:00",
                "ended_at": "2026-11-24T20:10:00+01:00",
                "planned_minutes": 10,
                "minutes": 10.0,
                "outcome": "completed",
            },
        ],
        "pain": [
            {
                "logged_at": "2026-11-24T20:00:00+01:00",
                "rating": 6,
                "area": "back",
                "moment": "before",
                "note": "stiff",
            },
            {
                "logged_at": "2026-11-24T20:15:00+01:00",
                "rating": 2,
                "area": "neck",
                "moment": "after",
                "note": None,
            },
        ],
        "streak": 2,
        "longest_streak": 2,
        "ramp_minutes": 9,
    }
    assert state(hass, "sensor.streak") == "2"
    assert state(hass, "sensor.minutes_today") == "10.0"
