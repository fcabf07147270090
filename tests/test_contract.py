"""One test per rule of CONTRACT.md, through Home Assistant's entry points."""

from datetime import datetime
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr, entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.acupressure_mat.const import DOMAIN

from .helpers import advance, call, event_log, refusal, refused, state, stored

pytestmark = pytest.mark.usefixtures("frozen")

OPTIONS = {
    "start_minutes": 5,
    "target_minutes": 20,
    "step_minutes": 2,
    "streak_min_minutes": 5,
    "day_starts_at": 4,
    "rest_days_per_week": 0,
    "guidance": "none",
    "media_players": [],
    "breathing_pattern": "coherent",
    "volume": 0.3,
    "install_sentences": False,
}


async def move_to(hass: HomeAssistant, freezer: FrozenDateTimeFactory, when: str) -> None:
    """Set the clock to a local time and let Home Assistant's timers run."""
    freezer.move_to(datetime.fromisoformat(when))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def history(hass: HomeAssistant, **data: Any) -> dict[str, Any]:
    """Return get_history's response."""
    response = await call(hass, "get_history", response=True, **data)
    assert isinstance(response, dict)
    return response


async def moments(hass: HomeAssistant) -> dict[str, str]:
    """Return the moment of every stored rating by its local time of day."""
    return {p["logged_at"][11:16]: p["moment"] for p in (await history(hass))["pain"]}


async def set_options(hass: HomeAssistant, entry: MockConfigEntry, **changes: Any) -> None:
    """Submit the options flow with every option, changing some."""
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(result["flow_id"], OPTIONS | changes)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()


async def add_profile(hass: HomeAssistant, name: str, *, load: bool = True) -> MockConfigEntry:
    """Add a second profile, loaded or not."""
    entry = MockConfigEntry(domain=DOMAIN, title=name, data={"name": name})
    entry.add_to_hass(hass)
    if load:
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
    return entry


# Entities


async def test_each_profile_has_one_service_device_holding_its_entities(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    entry_id = init_integration.entry_id
    devices = dr.async_entries_for_config_entry(dr.async_get(hass), entry_id)
    assert len(devices) == 1
    assert devices[0].entry_type is dr.DeviceEntryType.SERVICE
    entities = er.async_entries_for_config_entry(er.async_get(hass), entry_id)
    assert {e.device_id for e in entities} == {devices[0].id}
    assert len(entities) == 17
    assert all(e.unique_id == f"{entry_id}_{e.translation_key}" for e in entities)


# Actions, their errors and config_entry_id


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


async def test_config_entry_id_of_another_integration_is_refused(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    other = MockConfigEntry(domain="not_a_mat", title="Other")
    other.add_to_hass(hass)
    before = stored(hass_storage, init_integration)
    await refused(hass, "profile_not_found", "start_session", config_entry_id=other.entry_id)
    assert stored(hass_storage, init_integration) == before
    assert state(hass, "sensor.session_state") == "idle"


async def test_config_entry_id_counts_loaded_profiles_only(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    ben = await add_profile(hass, "Ben's mat", load=False)
    await refused(hass, "profile_not_found", "start_session", config_entry_id=ben.entry_id)
    await call(hass, "start_session", minutes=6)
    assert state(hass, "sensor.session_length") == "6"


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


async def test_refusals_while_a_session_runs_change_nothing(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    await call(hass, "start_session", minutes=120)
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


async def test_button_pressed_in_the_wrong_state_raises_the_actions_error(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    async def press(name: str) -> ServiceValidationError:
        with pytest.raises(ServiceValidationError) as err:
            await hass.services.async_call(
                "button", "press", {ATTR_ENTITY_ID: f"button.anna_s_mat_{name}"}, blocking=True
            )
        return err.value

    def same(a: ServiceValidationError, b: ServiceValidationError) -> bool:
        return (a.translation_key, a.translation_placeholders, str(a)) == (
            b.translation_key,
            b.translation_placeholders,
            str(b),
        )

    before = stored(hass_storage, init_integration)
    assert same(await press("stop_session"), await refusal(hass, "stop_session"))
    assert same(await press("pause_or_resume_session"), await refusal(hass, "pause_session"))
    assert stored(hass_storage, init_integration) == before
    await call(hass, "start_session")
    before = stored(hass_storage, init_integration)
    assert same(await press("start_session"), await refusal(hass, "start_session"))
    assert stored(hass_storage, init_integration) == before


# Responses of the actions


async def test_start_session_with_minutes_is_not_ramped(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    assert await call(hass, "start_session", response=True, minutes=12) == {
        "planned_minutes": 12,
        "ends_at": "2026-11-24T20:12:00+01:00",
        "ramped": False,
        "guidance": "none",
    }


async def test_stop_session_minutes_to_a_tenth(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    events = event_log(hass)
    await call(hass, "start_session", minutes=10)
    await advance(hass, frozen, minutes=3, seconds=26)
    response = await call(hass, "stop_session", response=True)
    assert response == {"minutes": 3.4, "outcome": "stopped"}
    assert events[-1] == ("stopped", {"minutes": 3.4, "planned_minutes": 10})
    assert (await history(hass))["sessions"][0]["minutes"] == 3.4


async def test_get_history_lists_only_the_contract_keys_and_no_running_session(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await call(hass, "log_session", minutes=7)
    await call(hass, "log_pain", rating=4)
    await call(hass, "start_session", minutes=10)
    response = await history(hass)
    assert set(response) == {"sessions", "pain", "streak", "longest_streak", "ramp_minutes"}
    assert [s["outcome"] for s in response["sessions"]] == ["logged"]
    assert set(response["sessions"][0]) == {
        "started_at",
        "ended_at",
        "planned_minutes",
        "minutes",
        "outcome",
    }
    assert set(response["pain"][0]) == {"logged_at", "rating", "area", "moment", "note"}
    assert response["sessions"][0]["ended_at"] == "2026-11-24T20:00:00+01:00"
    assert response["ramp_minutes"] == int(state(hass, "sensor.next_session_length")) == 7


async def test_get_history_days_count_back_from_now_by_end_time(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    # Started before the two days, ended within them: listed.
    await call(hass, "log_session", minutes=180, ended_at="2026-11-22T20:01:00+01:00")
    await call(hass, "log_session", minutes=10, ended_at="2026-11-22T19:59:00+01:00")
    await call(hass, "log_pain", rating=1, logged_at="2026-11-22T19:59:00+01:00")
    await call(hass, "log_pain", rating=2, logged_at="2026-11-22T20:01:00+01:00")
    response = await history(hass, days=2)
    assert [s["ended_at"] for s in response["sessions"]] == ["2026-11-22T20:01:00+01:00"]
    assert [p["rating"] for p in response["pain"]] == [2]
    assert len((await history(hass, days=3))["sessions"]) == 2


async def test_get_history_defaults_to_30_days(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    import voluptuous as vol  # noqa: PLC0415 - after homeassistant, which installs probatio as it

    await call(hass, "log_session", minutes=5, ended_at="2026-10-25T19:59:00+01:00")
    await call(hass, "log_session", minutes=5, ended_at="2026-10-25T20:01:00+01:00")
    assert [s["ended_at"] for s in (await history(hass))["sessions"]] == [
        "2026-10-25T20:01:00+01:00"
    ]
    for days in (0, 3651):
        with pytest.raises(vol.Invalid):
            await call(hass, "get_history", response=True, days=days)


# Pain


async def test_log_pain_defaults_to_back(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    events = event_log(hass)
    assert await call(hass, "log_pain", response=True, rating=5) == {"relief": None}
    assert hass.states.get("sensor.anna_s_mat_last_pain_rating").attributes["area"] == "back"
    assert events == [("pain_logged", {"rating": 5, "area": "back", "moment": "before"})]


async def test_time_without_zone_is_read_in_home_assistant_time_zone(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    # Read as UTC, 19:30 would be 20:30 in Berlin: in the future.
    await call(hass, "log_pain", rating=3, logged_at="2026-11-24T19:30:00")
    assert (await history(hass))["pain"][0]["logged_at"] == "2026-11-24T19:30:00+01:00"


async def test_last_pain_rating_is_the_latest_logged_at(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await call(hass, "log_pain", rating=6, area="neck")
    await call(hass, "log_pain", rating=3, logged_at="2026-11-24T19:00:00+01:00")
    assert state(hass, "sensor.last_pain_rating") == "6"
    attrs = hass.states.get("sensor.anna_s_mat_last_pain_rating").attributes
    assert attrs["area"] == "neck"
    assert attrs["logged_at"] == "2026-11-24T20:00:00+01:00"


async def test_pain_moment_is_inferred_at_logged_at(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await call(hass, "log_session", minutes=10, ended_at="2026-11-24T19:00:00+01:00")
    for logged in ("18:49", "18:55", "19:00", "19:30", "19:31"):
        await call(hass, "log_pain", rating=4, logged_at=f"2026-11-24T{logged}:00+01:00")
    await call(hass, "start_session", minutes=10)
    # The session running now had not started at 19:10, just after the logged one ended.
    await call(hass, "log_pain", rating=4, logged_at="2026-11-24T19:10:00+01:00")
    await call(hass, "log_pain", rating=4)
    assert await moments(hass) == {
        "18:49": "before",
        "18:55": "before",
        "19:00": "after",
        "19:10": "after",
        "19:30": "after",
        "19:31": "before",
        "20:00": "before",
    }


async def test_relief_is_that_of_the_session_the_after_rating_follows(
    hass: HomeAssistant, init_integration: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    await call(hass, "log_pain", rating=9, logged_at="2026-11-24T18:59:00+01:00")
    await call(hass, "log_pain", rating=7, logged_at="2026-11-24T19:30:00+01:00")
    await call(hass, "start_session", minutes=10)
    await advance(hass, frozen, minutes=5)
    # Logged while it ran, this is the session's `before` rating: the latest one.
    assert await call(hass, "log_pain", response=True, rating=6) == {"relief": None}
    await advance(hass, frozen, minutes=10)
    after = await call(hass, "log_pain", response=True, rating=2, area="feet")
    assert after == {"relief": 4}
    # Only the first `after` rating counts for the session.
    assert await call(hass, "log_pain", response=True, rating=1) == {"relief": 4}
    assert state(hass, "sensor.pain_relief") == "4"
    await advance(hass, frozen, minutes=30)
    assert await call(hass, "log_pain", response=True, rating=0, moment="after") == {"relief": None}
    assert await call(hass, "log_pain", response=True, rating=0, moment="before") == {
        "relief": None
    }


# Sessions and their sensors


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


# Ramp


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


# Mat day and streak


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


# Config flow


async def test_reconfigure_may_change_the_case_of_its_own_name(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    result = await init_integration.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"name": "ANNA'S MAT"}
    )
    assert result["type"] is FlowResultType.ABORT
    await hass.async_block_till_done()  # the reload writes the new name into the sentences
    assert init_integration.title == "ANNA'S MAT"
