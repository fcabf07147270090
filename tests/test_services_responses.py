"""What the actions answer and record: their responses, the history, pain moments and relief."""

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from .helpers import advance, call, event_log, history, moments, state

pytestmark = pytest.mark.usefixtures("frozen")


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
