"""Voice: Assist sentences and LLM tools run the actions and answer in plain English."""

import json
from pathlib import Path
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components import conversation
from homeassistant.const import EVENT_CALL_SERVICE
from homeassistant.core import Context, HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import intent, llm
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.acupressure_mat import (
    assist_sentences,
    llm as mat_llm,
    shipped_files,
    texts,
)
from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.intent import INTENT_PAUSE
from custom_components.acupressure_mat.spoken import spoken_profile
from custom_components.acupressure_mat.texts import get_texts

from .conftest import PROFILE_DATA
from .helpers import advance, call, state

pytestmark = pytest.mark.usefixtures("frozen")

SHIPPED = Path(assist_sentences.SHIPPED / "en.yaml").read_text(encoding="utf-8")


def anna_body(language: str) -> str:
    """Return a sentence file as installed for Anna's mat alone: her name in the profile list."""
    names = assist_sentences.spoken_names(["Anna's mat"], texts._read_all().values())
    return assist_sentences.sentence_body(language, json.dumps(names, ensure_ascii=False))


ANNA = anna_body("en")
INSTALLED = assist_sentences.HEADER + shipped_files.DIGEST  # the start of our file


def installed(body: str) -> str:
    """Return a sentence file as the integration installs it."""
    return shipped_files._stamped(body, assist_sentences.HEADER)


def sentence_file(hass: HomeAssistant) -> Path:
    """Return where Assist reads our sentences from."""
    return Path(hass.config.path("custom_sentences", "en", f"{DOMAIN}.yaml"))


def profile(title: str, entry_id: str, **options: Any) -> MockConfigEntry:
    """Return another mat profile's config entry."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=title,
        data=PROFILE_DATA | {"name": title},
        options=options,
        entry_id=entry_id,
    )


async def add(hass: HomeAssistant, entry: MockConfigEntry) -> MockConfigEntry:
    """Load a profile."""
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


@pytest.fixture
async def assist(hass: HomeAssistant) -> None:
    """Set up Home Assistant with Assist, before any profile."""
    await hass.config.async_set_time_zone("Europe/Berlin")
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    await hass.async_block_till_done()


@pytest.fixture
async def anna(
    hass: HomeAssistant, assist: None, mock_config_entry: MockConfigEntry
) -> MockConfigEntry:
    """Load Anna's mat after Assist."""
    return await add(hass, mock_config_entry)


async def ask(hass: HomeAssistant, text: str, language: str | None = "en") -> intent.IntentResponse:
    """Say a sentence to Assist and return its response."""
    result = await conversation.async_converse(hass, text, None, Context(), language=language)
    return result.response


async def say(hass: HomeAssistant, text: str) -> str:
    """Say a sentence to Assist and return what it answered."""
    response = await ask(hass, text)
    speech: str = response.speech["plain"]["speech"]
    return speech


async def refused(hass: HomeAssistant, text: str) -> str:
    """Say a sentence Assist understands but refuses, and return the spoken reason."""
    response = await ask(hass, text)
    assert response.response_type is intent.IntentResponseType.ERROR
    assert response.error_code is intent.IntentResponseErrorCode.FAILED_TO_HANDLE
    speech: str = response.speech["plain"]["speech"]
    return speech


async def not_understood(hass: HomeAssistant, text: str) -> bool:
    """Tell whether Assist matched a sentence to none of the mat intents."""
    response = await ask(hass, text)
    return response.response_type is intent.IntentResponseType.ERROR and response.intent is None


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("start a ten minute mat session", 10),
        ("start a 10 minute mat session", 10),
        ("start a mat session for twenty minutes", 20),
        ("start a mat session", 5),
        ("start my mat session", 5),
        ("start a one hundred twenty minute mat session", 120),
    ],
)
async def test_start(hass: HomeAssistant, anna: MockConfigEntry, text: str, minutes: int) -> None:
    response = await ask(hass, text)
    assert response.response_type is intent.IntentResponseType.ACTION_DONE
    assert response.speech["plain"]["speech"] == f"Started a {minutes} minute mat session."
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
        "Your mat session now lasts 15 minutes."
    )
    assert state(hass, "sensor.session_length") == "15"
    assert await say(hass, "extend my mat session by 3 minutes") == (
        "Your mat session now lasts 18 minutes."
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
    assert response.speech["plain"]["speech"] == "7 minutes left on Anna's mat."
    await advance(hass, freezer, minutes=6, seconds=30)
    assert await say(hass, text) == "1 minute left on Anna's mat."
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
    assert await refused(hass, text) == error
    assert state(hass, "sensor.session_state") == "idle"


async def test_refusals_while_running(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    await say(hass, "start a 120 minute mat session")
    assert await refused(hass, "start a mat session") == "A session is already running."
    assert await refused(hass, "resume my mat session") == (
        "The session is not paused, so it cannot be resumed."
    )
    await say(hass, "add sixty minutes to my mat session")
    assert await refused(hass, "add one minute to my mat session") == (
        "A session can last at most 180 minutes in all."
    )
    assert state(hass, "sensor.session_length") == "180"


async def test_several_profiles(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    await add(hass, profile("Ben's mat", "01JMATPROFILE000000000000B"))
    several = "Several mat profiles are loaded (Anna's mat, Ben's mat): say which mat you mean."
    assert await refused(hass, "start a ten minute mat session") == several
    assert await refused(hass, "how long is left on my mat") == several
    assert await say(hass, "start a ten minute session on Anna's mat") == (
        "Started a 10 minute mat session."
    )
    assert state(hass, "sensor.session_state") == "active"
    assert hass.states.get("sensor.ben_s_mat_session_state").state == "idle"  # type: ignore[union-attr]
    assert await say(hass, "how long is left on Ben's mat") == "No session is running on Ben's mat."
    assert await say(hass, "how long is left on Anna's mat") == "10 minutes left on Anna's mat."
    assert await say(hass, "start Ben's mat session") == "Started a 5 minute mat session."
    assert await say(hass, "log back pain four for Ben's mat") == "Logged back pain 4."
    assert await say(hass, "pause the session on Ben's mat") == "Paused your mat session."
    assert hass.states.get("sensor.ben_s_mat_session_state").state == "paused"  # type: ignore[union-attr]
    assert await say(hass, "stop Anna's mat session") == "Stopped your mat session."
    assert state(hass, "sensor.session_state") == "idle"
    assert await say(hass, "what is Ben's mat streak") == "Ben's mat has no streak right now."
    assert await refused(hass, "stop the session on Carl's mat") == (
        "No loaded mat profile matches “Carl's”."
    )


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Anna's mat", "start a ten minute session on annas mat"),
        ("Anna's mat", "start a ten minute session on Anna\u2019s mat"),
        ("Bedroom", "start a ten minute session on the bedroom mat"),
        ("James", "start a ten minute session on James's mat"),
    ],
)
async def test_spoken_names(hass: HomeAssistant, assist: None, title: str, text: str) -> None:
    entry = await add(hass, profile(title, "01JMATPROFILE000000000000C"))
    await add(hass, profile("Other", "01JMATPROFILE000000000000D"))
    assert await say(hass, text) == "Started a 10 minute mat session."
    assert entry.runtime_data.runtime.readout.session_duration == 10


async def test_ambiguous_name(hass: HomeAssistant, assist: None) -> None:
    await add(hass, profile("Anna", "01JMATPROFILE000000000000C"))
    await add(hass, profile("Anna's mat", "01JMATPROFILE000000000000D"))
    assert await refused(hass, "start a mat session on Anna's mat") == (
        "No loaded mat profile matches “Anna's”."
    )


async def test_no_profile_loaded(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    # A disabled profile keeps the sentences, so Assist can say why nothing happens.
    await hass.config_entries.async_unload(anna.entry_id)
    assert await refused(hass, "pause my mat session") == "No mat profile is loaded."
    response = await intent.async_handle(hass, "test", INTENT_PAUSE, {}, language="en")
    assert response.speech["plain"]["speech"] == "No mat profile is loaded."
    with pytest.raises(ServiceValidationError) as err:
        spoken_profile(hass, "my", get_texts(hass, "en"))
    assert err.value.translation_key == "no_profile"


async def test_sentences_installed(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    text = sentence_file(hass).read_text(encoding="utf-8")
    assert text.startswith(INSTALLED)
    assert text.endswith(ANNA)


async def test_sentences_without_assist(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    assert sentence_file(hass).read_text(encoding="utf-8").endswith(ANNA)
    assert await async_setup_component(hass, "conversation", {})
    assert await say(hass, "start my mat session") == "Started a 5 minute mat session."


@pytest.mark.parametrize("options", [{"install_sentences": False}])
async def test_install_sentences_off(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    assert not sentence_file(hass).exists()
    assert await not_understood(hass, "start a ten minute mat session")
    assert state(hass, "sensor.session_state") == "idle"
    hass.config_entries.async_update_entry(anna, options={"install_sentences": True})
    assert await hass.config_entries.async_reload(anna.entry_id)
    await hass.async_block_till_done()
    assert sentence_file(hass).exists()
    assert await say(hass, "start a ten minute mat session") == "Started a 10 minute mat session."


async def test_turning_install_sentences_off_removes_them(
    hass: HomeAssistant, anna: MockConfigEntry
) -> None:
    hass.config.language = "de"
    other = await add(hass, profile("Ben's mat", "01JMATPROFILE000000000000B"))
    hass.config_entries.async_update_entry(anna, options={"install_sentences": False})
    assert await hass.config_entries.async_reload(anna.entry_id)
    await hass.async_block_till_done()
    assert sentence_file(hass).exists()  # Ben's profile still wants them
    hass.config_entries.async_update_entry(other, options={"install_sentences": False})
    assert await hass.config_entries.async_reload(other.entry_id)
    await hass.async_block_till_done()
    assert not sentence_file(hass).exists()
    assert await not_understood(hass, "stop my mat session")


async def test_removing_the_last_profile_removes_them(
    hass: HomeAssistant, anna: MockConfigEntry
) -> None:
    other = await add(hass, profile("Ben's mat", "01JMATPROFILE000000000000B"))
    assert await hass.config_entries.async_remove(anna.entry_id)
    await hass.async_block_till_done()
    assert sentence_file(hass).exists()
    assert await say(hass, "start my mat session") == "Started a 5 minute mat session."
    assert await hass.config_entries.async_remove(other.entry_id)
    await hass.async_block_till_done()
    assert not sentence_file(hass).exists()
    assert await not_understood(hass, "start my mat session")


async def test_removing_an_unloaded_profile(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    await hass.config_entries.async_unload(anna.entry_id)
    assert sentence_file(hass).exists()
    assert await hass.config_entries.async_remove(anna.entry_id)
    assert not sentence_file(hass).exists()


async def test_edited_sentences_are_the_users(
    hass: HomeAssistant, assist: None, mock_config_entry: MockConfigEntry
) -> None:
    path = sentence_file(hass)
    path.parent.mkdir(parents=True)
    edited = SHIPPED.replace("(resume|continue|unpause)", "(resume|continue|unpause|go on with)")
    path.write_text(INSTALLED + "0" * 64 + "\n" + edited, encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    await add(hass, mock_config_entry)
    assert path.read_text(encoding="utf-8") == before
    await say(hass, "start my mat session")
    await say(hass, "pause my mat session")
    assert await say(hass, "go on with my mat session") == "Resumed your mat session."
    assert await hass.config_entries.async_remove(mock_config_entry.entry_id)
    assert path.read_text(encoding="utf-8") == before


async def test_a_file_of_the_users_own(
    hass: HomeAssistant, assist: None, mock_config_entry: MockConfigEntry
) -> None:
    path = sentence_file(hass)
    path.parent.mkdir(parents=True)
    path.write_text("language: en\n", encoding="utf-8")
    await add(hass, mock_config_entry)
    assert path.read_text(encoding="utf-8") == "language: en\n"


async def test_old_sentences_are_updated(
    hass: HomeAssistant, assist: None, mock_config_entry: MockConfigEntry
) -> None:
    path = sentence_file(hass)
    path.parent.mkdir(parents=True)
    path.write_text(installed("language: en\n"), encoding="utf-8")
    calls = async_capture_events(hass, EVENT_CALL_SERVICE)
    await add(hass, mock_config_entry)
    assert [
        (event.data["service"], event.data["service_data"])
        for event in calls
        if event.data["domain"] == "conversation"
    ] == [("reload", {"language": language}) for language in ("cs", "de", "de-CH", "en")]
    assert path.read_text(encoding="utf-8") == installed(ANNA)
    assert await say(hass, "start my mat session") == "Started a 5 minute mat session."


async def test_a_restart_leaves_them_alone(
    hass: HomeAssistant, assist: None, mock_config_entry: MockConfigEntry
) -> None:
    path = sentence_file(hass)
    path.parent.mkdir(parents=True)
    for folder in ("cs", "de", "de-CH"):
        other = sentence_file(hass).parents[1] / folder / f"{DOMAIN}.yaml"
        other.parent.mkdir(parents=True, exist_ok=True)
        other.write_text(installed(anna_body(folder.partition("-")[0])), encoding="utf-8")
    path.write_text(installed(ANNA), encoding="utf-8")
    reloads = async_capture_events(hass, EVENT_CALL_SERVICE)
    await add(hass, mock_config_entry)
    assert path.read_text(encoding="utf-8") == installed(ANNA)
    assert not [event for event in reloads if event.data["domain"] == "conversation"]


async def test_regional_english_is_reloaded(hass: HomeAssistant, assist: None) -> None:
    hass.config.language = "en-GB"
    response = await ask(hass, "what is my mat streak", language=None)
    assert response.intent is None
    await add(hass, profile("Anna's mat", "01JMATPROFILE000000000000C"))
    response = await ask(hass, "what is my mat streak", language=None)
    assert response.speech["plain"]["speech"] == "Anna's mat has no streak right now."


async def test_other_failures_are_spoken(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    with patch(
        "custom_components.acupressure_mat.actions.ProfileActions.pause_session",
        side_effect=HomeAssistantError("The mat is on fire"),
    ):
        assert await refused(hass, "pause my mat session") == "The mat is on fire"


async def test_sentences_that_cannot_be_written(
    hass: HomeAssistant,
    assist: None,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with patch.object(shipped_files, "write_utf8_file", side_effect=OSError("read-only")):
        await add(hass, mock_config_entry)
    assert "Could not update the Assist sentences" in caplog.text
    assert not sentence_file(hass).exists()
    assert state(hass, "sensor.session_state") == "idle"


async def test_assist_that_cannot_reload(
    hass: HomeAssistant,
    assist: None,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(_call: ServiceCall) -> None:
        msg = "busy"
        raise HomeAssistantError(msg)

    hass.services.async_register("conversation", "reload", broken)
    await add(hass, mock_config_entry)
    assert "Assist could not reload its sentences" in caplog.text
    assert sentence_file(hass).exists()


def llm_context() -> llm.LLMContext:
    """Return the context of a conversation agent's request."""
    return llm.LLMContext(
        platform="test", context=Context(), language="en", assistant="conversation", device_id=None
    )


async def test_llm_tools(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    api = await llm.async_get_api(hass, "assist", llm_context())
    names = {tool.name for tool in api.tools if tool.name.startswith(f"{DOMAIN}__")}
    assert names == {
        f"{DOMAIN}__AcupressureMat{name}"
        for name in (
            "StartSession",
            "PauseSession",
            "ResumeSession",
            "StopSession",
            "ExtendSession",
            "LogPain",
            "TimeLeft",
            "Streak",
        )
    }
    assert "Anna's mat" in api.api_prompt
    result = await api.async_call_tool(
        llm.ToolInput(tool_name=f"{DOMAIN}__AcupressureMatStartSession", tool_args={"minutes": 10})
    )
    assert result.data["speech"]["plain"]["speech"] == "Started a 10 minute mat session."
    assert state(hass, "sensor.session_state") == "active"
    result = await api.async_call_tool(
        llm.ToolInput(
            tool_name=f"{DOMAIN}__AcupressureMatTimeLeft",
            tool_args={"acupressure_profile": "Anna's mat"},
        )
    )
    assert result.data["response_type"] == "query_answer"
    assert result.data["speech"]["plain"]["speech"] == "10 minutes left on Anna's mat."


@pytest.mark.parametrize(
    ("tool", "args", "error"),
    [
        ("StartSession", {"minutes": 500}, "Choose 1 to 120 minutes, not 500."),
        ("LogPain", {"rating": 4, "area": "knee"}, "knee is not a valid area."),
        ("PauseSession", {"acupressure_profile": "Ben"}, "No loaded mat profile matches “Ben”."),
    ],
)
async def test_llm_refusals(
    hass: HomeAssistant, anna: MockConfigEntry, tool: str, args: dict[str, Any], error: str
) -> None:
    api = await llm.async_get_api(hass, "assist", llm_context())
    result = await api.async_call_tool(
        llm.ToolInput(tool_name=f"{DOMAIN}__AcupressureMat{tool}", tool_args=args)
    )
    assert result.data["response_type"] == "error"
    assert result.data["speech"]["plain"]["speech"] == error


async def test_llm_tools_need_a_profile(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    assert mat_llm.async_get_tools(hass, llm_context(), "other_api") is None
    await hass.config_entries.async_unload(anna.entry_id)
    assert mat_llm.async_get_tools(hass, llm_context(), llm.LLM_API_ASSIST) is None
    api = await llm.async_get_api(hass, "assist", llm_context())
    assert not [tool for tool in api.tools if tool.name.startswith(f"{DOMAIN}__")]
