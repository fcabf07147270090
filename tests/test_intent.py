"""Assist intents: what a mat profile does and says for each sentence."""

from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import intent
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.intent import INTENT_PAUSE
from custom_components.acupressure_mat.spoken import spoken_profile
from custom_components.acupressure_mat.texts import get_texts

from .helpers import add, advance, ask, call, profile, refused_aloud, say, state

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.parametrize(
    ("text", "minutes", "ends"),
    [
        ("start a ten minute mat session", 10, "20:10"),
        ("start a 10 minute mat session", 10, "20:10"),
        ("start a mat session for twenty minutes", 20, "20:20"),
        ("start a mat session", 5, "20:05"),
        ("start my mat session", 5, "20:05"),
        ("start a one hundred twenty minute mat session", 120, "22:00"),
    ],
)
async def test_start(
    hass: HomeAssistant, anna: MockConfigEntry, text: str, minutes: int, ends: str
) -> None:
    response = await ask(hass, text)
    assert response.response_type is intent.IntentResponseType.ACTION_DONE
    assert (
        response.speech["plain"]["speech"]
        == f"Started a {minutes} minute mat session, ending at {ends}."
    )
    assert state(hass, "sensor.session_state") == "active"
    assert state(hass, "sensor.session_length") == str(minutes)


async def test_pause_resume_extend_stop(
    hass: HomeAssistant, anna: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    await say(hass, "start a ten minute mat session")
    await advance(hass, freezer, minutes=2)
    assert await say(hass, "pause my mat session") == "Paused your mat session."
    assert state(hass, "sensor.session_state") == "paused"
    assert await say(hass, "resume my mat session") == "Resumed your mat session."
    assert state(hass, "sensor.session_state") == "active"
    assert await say(hass, "add five minutes to my mat session") == (
        "Your mat session now lasts 15 minutes, ending at 20:15."
    )
    assert state(hass, "sensor.session_length") == "15"
    assert await say(hass, "extend my mat session by 3 minutes") == (
        "Your mat session now lasts 18 minutes, ending at 20:18."
    )
    assert await say(hass, "stop my mat session") == "Stopped your mat session."
    assert state(hass, "sensor.session_state") == "idle"
    history = await call(hass, "get_history", response=True)
    assert history is not None
    assert history["sessions"][0]["outcome"] == "stopped"


@pytest.mark.parametrize(
    ("text", "answer", "rating", "area"),
    [
        ("log back pain four", "Logged back pain 4.", "4", "back"),
        ("log pain four", "Logged back pain 4.", "4", "back"),
        ("my neck pain is three", "Logged neck pain 3.", "3", "neck"),
        ("log shoulder pain 0", "Logged shoulder pain 0.", "0", "shoulders"),
        ("my feet pain is 7 out of 10", "Logged foot pain 7.", "7", "feet"),
        ("log my head pain as ten", "Logged head pain 10.", "10", "head"),
    ],
)
async def test_log_pain(
    hass: HomeAssistant, anna: MockConfigEntry, text: str, answer: str, rating: str, area: str
) -> None:
    assert await say(hass, text) == answer
    assert state(hass, "sensor.last_pain_rating") == rating
    found = hass.states.get("sensor.anna_s_mat_last_pain_rating")
    assert found is not None
    assert found.attributes["area"] == area


@pytest.mark.parametrize(
    "text",
    [
        "how long is left on my mat",
        "how long is left on my mat session",
        "how much time is left on the mat",
        "how much longer is my mat session",
    ],
)
async def test_time_left(
    hass: HomeAssistant, anna: MockConfigEntry, freezer: FrozenDateTimeFactory, text: str
) -> None:
    response = await ask(hass, text)
    assert response.response_type is intent.IntentResponseType.QUERY_ANSWER
    assert response.speech["plain"]["speech"] == "No session is running on Anna's mat."
    await say(hass, "start a ten minute mat session")
    await advance(hass, freezer, minutes=3)
    response = await ask(hass, text)
    assert response.response_type is intent.IntentResponseType.QUERY_ANSWER
    assert response.speech["plain"]["speech"] == "7 minutes left on Anna's mat, ending at 20:10."
    await advance(hass, freezer, minutes=6, seconds=30)
    assert await say(hass, text) == "1 minute left on Anna's mat, ending at 20:10."
    await say(hass, "pause my mat session")
    assert await say(hass, text) == "1 minute left on Anna's mat; the session is paused."


async def test_time_left_paused_minutes(
    hass: HomeAssistant, anna: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    await say(hass, "start a ten minute mat session")
    await advance(hass, freezer, minutes=4)
    await say(hass, "pause my mat session")
    await advance(hass, freezer, minutes=30)
    assert await say(hass, "how long is left on my mat") == (
        "6 minutes left on Anna's mat; the session is paused."
    )


async def test_streak(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    response = await ask(hass, "what is my mat streak")
    assert response.response_type is intent.IntentResponseType.QUERY_ANSWER
    assert response.speech["plain"]["speech"] == "Anna's mat has no streak right now."
    await call(hass, "log_session", minutes=10, ended_at="2026-11-24T19:00:00+01:00")
    assert await say(hass, "what's my mat streak") == "Anna's mat has a streak of 1 day."
    await call(hass, "log_session", minutes=10, ended_at="2026-11-23T19:00:00+01:00")
    await call(hass, "log_session", minutes=10, ended_at="2026-11-22T19:00:00+01:00")
    assert await say(hass, "what is my mat streak") == "Anna's mat has a streak of 3 days."
    assert state(hass, "sensor.streak") == "3"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("pause my mat session", "No session is running."),
        ("resume my mat session", "No session is running."),
        ("stop my mat session", "No session is running."),
        ("add five minutes to my mat session", "No session is running."),
        ("log pain eleven", "A pain rating goes from 0 to 10, not 11."),
        ("start a two hundred minute mat session", "Choose 1 to 120 minutes, not 200."),
        ("add seventy minutes to my mat session", "Choose 1 to 60 minutes, not 70."),
        ("how long is left on Carl's mat", "No loaded mat profile matches “Carl's”."),
    ],
)
async def test_refusals_are_spoken(
    hass: HomeAssistant, anna: MockConfigEntry, text: str, error: str
) -> None:
    assert await refused_aloud(hass, text) == error
    assert state(hass, "sensor.session_state") == "idle"


async def test_refusals_while_running(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    await say(hass, "start a 120 minute mat session")
    assert await refused_aloud(hass, "start a mat session") == "A session is already running."
    assert await refused_aloud(hass, "resume my mat session") == (
        "The session is not paused, so it cannot be resumed."
    )
    await say(hass, "add sixty minutes to my mat session")
    assert await refused_aloud(hass, "add one minute to my mat session") == (
        "A session can last at most 180 minutes in all."
    )
    assert state(hass, "sensor.session_length") == "180"


async def test_several_profiles(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    await add(hass, profile("Ben's mat", "01JMATPROFILE000000000000B"))
    several = "Several mat profiles are loaded (Anna's mat, Ben's mat): say which mat you mean."
    assert await refused_aloud(hass, "start a ten minute mat session") == several
    assert await refused_aloud(hass, "how long is left on my mat") == several
    assert await say(hass, "start a ten minute session on Anna's mat") == (
        "Started a 10 minute mat session, ending at 20:10."
    )
    assert state(hass, "sensor.session_state") == "active"
    assert hass.states.get("sensor.ben_s_mat_session_state").state == "idle"  # type: ignore[union-attr]
    assert await say(hass, "how long is left on Ben's mat") == "No session is running on Ben's mat."
    assert await say(hass, "how long is left on Anna's mat") == (
        "10 minutes left on Anna's mat, ending at 20:10."
    )
    assert await say(hass, "start Ben's mat session") == (
        "Started a 5 minute mat session, ending at 20:05."
    )
    assert await say(hass, "log back pain four for Ben's mat") == "Logged back pain 4."
    assert await say(hass, "pause the session on Ben's mat") == "Paused your mat session."
    assert hass.states.get("sensor.ben_s_mat_session_state").state == "paused"  # type: ignore[union-attr]
    assert await say(hass, "stop Anna's mat session") == "Stopped your mat session."
    assert state(hass, "sensor.session_state") == "idle"
    assert await say(hass, "what is Ben's mat streak") == "Ben's mat has no streak right now."
    assert await refused_aloud(hass, "stop the session on Carl's mat") == (
        "No loaded mat profile matches “Carl's”."
    )


async def test_no_profile_loaded(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    # A disabled profile keeps the sentences, so Assist can say why nothing happens.
    await hass.config_entries.async_unload(anna.entry_id)
    assert await refused_aloud(hass, "pause my mat session") == "No mat profile is loaded."
    response = await intent.async_handle(hass, "test", INTENT_PAUSE, {}, language="en")
    assert response.speech["plain"]["speech"] == "No mat profile is loaded."
    with pytest.raises(ServiceValidationError) as err:
        spoken_profile(hass, "my", get_texts(hass, "en"))
    assert err.value.translation_key == "no_profile"


async def test_other_failures_are_spoken(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    with patch(
        "custom_components.acupressure_mat.actions.ProfileActions.pause_session",
        side_effect=HomeAssistantError("The mat is on fire"),
    ):
        assert await refused_aloud(hass, "pause my mat session") == "The mat is on fire"
