"""Actions: the profile they act on, and refusals that change nothing, with a translated error."""

import asyncio
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.const import DOMAIN

from .helpers import add_profile, call, refusal, refused, state, stored

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


@pytest.mark.parametrize(
    ("action", "data", "message"),
    [
        ("stop_session", {}, "No session is running"),
        ("log_pain", {"rating": 11}, "A pain rating goes from 0 to 10, not 11"),
        (
            "log_pain",
            {"rating": 3, "logged_at": "2026-11-24T21:00:00+01:00"},
            "The time 2026-11-24T21:00:00+01:00 is in the future",
        ),
        (
            "log_session",
            {"minutes": 5, "ended_at": "2026-11-24T20:30:00"},
            "The time 2026-11-24T20:30:00+01:00 is in the future",
        ),
        ("start_session", {"config_entry_id": "nope"}, "No loaded mat profile has the id nope"),
        (
            "stop_guidance",
            {"media_player_entity_id": "media_player.gone"},
            "The media player media_player.gone does not exist",
        ),
    ],
)
async def test_errors_are_translated(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    action: str,
    data: dict[str, Any],
    message: str,
) -> None:
    assert str(await refusal(hass, action, **data)) == message


async def test_schema_refuses_out_of_range_minutes(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    import voluptuous as vol  # noqa: PLC0415 - after homeassistant, which installs probatio as it

    with pytest.raises(vol.Invalid):
        await call(hass, "start_session", minutes=121)
    with pytest.raises(vol.Invalid):
        await call(hass, "log_pain", rating=3, note="x" * 201)


async def test_refusals_while_a_session_runs_change_nothing(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    await call(hass, "start_session", minutes=120)
    started = stored(hass_storage, init_integration)
    await refused(hass, "session_running", "start_session")
    await refused(hass, "not_paused", "resume_session")
    assert stored(hass_storage, init_integration) == started
    await call(hass, "extend_session", minutes=60)
    before = stored(hass_storage, init_integration)
    await refused(hass, "session_running", "start_session", minutes=5)
    await refused(hass, "not_paused", "resume_session")
    await refused(hass, "extend_too_long", "extend_session", minutes=1)
    await refused(
        hass, "media_player_not_found", "start_session", media_player_entity_id="media_player.x"
    )
    await refused(hass, "future_time", "log_session", minutes=5, ended_at="2026-11-25T00:00:00")
    assert stored(hass_storage, init_integration) == before
    await call(hass, "pause_session")
    before = stored(hass_storage, init_integration)
    await refused(hass, "not_active", "pause_session")
    await refused(hass, "extend_too_long", "extend_session", minutes=1)
    await refused(hass, "session_running", "start_session")
    assert stored(hass_storage, init_integration) == before
    assert state(hass, "sensor.session_state") == "paused"
    assert state(hass, "sensor.session_length") == "180"
    # Extending and pausing, unlike the refusals, are stored.
    assert stored(hass_storage, init_integration) != started


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


async def test_several_profiles_and_none_named_changes_nothing(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    ben = await add_profile(hass, "Ben's mat")
    await call(hass, "log_pain", config_entry_id=ben.entry_id, rating=2)
    await call(hass, "log_pain", config_entry_id=init_integration.entry_id, rating=3)
    before = [stored(hass_storage, e) for e in (init_integration, ben)]
    for action, data in [("start_session", {}), ("log_pain", {"rating": 4}), ("stop_session", {})]:
        await refused(hass, "profile_required", action, **data)
    assert [stored(hass_storage, e) for e in (init_integration, ben)] == before
    assert hass.states.get("sensor.ben_s_mat_last_pain_rating").state == "2"
    assert state(hass, "sensor.last_pain_rating") == "3"


async def test_config_entry_id_counts_loaded_profiles_only(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    ben = await add_profile(hass, "Ben's mat", load=False)
    await refused(hass, "profile_not_found", "start_session", config_entry_id=ben.entry_id)
    await call(hass, "start_session", minutes=6)
    assert state(hass, "sensor.session_length") == "6"


async def test_config_entry_id_of_another_integration_is_refused(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    other = MockConfigEntry(domain="not_a_mat", title="Other")
    other.add_to_hass(hass)
    before = stored(hass_storage, init_integration)
    await refused(hass, "profile_not_found", "start_session", config_entry_id=other.entry_id)
    assert stored(hass_storage, init_integration) == before
    assert state(hass, "sensor.session_state") == "idle"
