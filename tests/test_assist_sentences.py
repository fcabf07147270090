"""The sentence file installed for Assist: written, updated, left to the user and removed."""

import json
from pathlib import Path
from unittest.mock import patch

from homeassistant.const import EVENT_CALL_SERVICE
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_capture_events

from custom_components.acupressure_mat import assist_sentences, shipped_files, texts
from custom_components.acupressure_mat.const import DOMAIN

from .helpers import add, ask, not_understood, profile, say, state

pytestmark = pytest.mark.usefixtures("frozen")

SHIPPED = Path(assist_sentences.SHIPPED / "en.yaml").read_text(encoding="utf-8")


def anna_body(language: str) -> str:
    """Return a sentence file as installed for Anna's mat alone: her name in the profile list."""
    declined = assist_sentences.NAME_FORMS.get(language)
    names = assist_sentences.spoken_names(["Anna's mat"], texts._read_all().values(), declined)
    return assist_sentences.sentence_body(language, json.dumps(names, ensure_ascii=False))


ANNA = anna_body("en")
INSTALLED = assist_sentences.HEADER + shipped_files.DIGEST  # the start of our file


def installed(body: str) -> str:
    """Return a sentence file as the integration installs it."""
    return shipped_files._stamped(body, assist_sentences.HEADER)


def sentence_file(hass: HomeAssistant) -> Path:
    """Return where Assist reads our sentences from."""
    return Path(hass.config.path("custom_sentences", "en", f"{DOMAIN}.yaml"))


pytestmark = pytest.mark.usefixtures("frozen")


async def test_sentences_installed(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    text = sentence_file(hass).read_text(encoding="utf-8")
    assert text.startswith(INSTALLED)
    assert text.endswith(ANNA)


async def test_sentences_without_assist(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    assert sentence_file(hass).read_text(encoding="utf-8").endswith(ANNA)
    assert await async_setup_component(hass, "conversation", {})
    assert (
        await say(hass, "start my mat session")
        == "Started a 5 minute mat session, ending at 20:05."
    )


@pytest.mark.parametrize("options", [{"install_sentences": False}])
async def test_install_sentences_off(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    assert not sentence_file(hass).exists()
    assert await not_understood(hass, "start a ten minute mat session")
    assert state(hass, "sensor.session_state") == "idle"
    hass.config_entries.async_update_entry(anna, options={"install_sentences": True})
    assert await hass.config_entries.async_reload(anna.entry_id)
    await hass.async_block_till_done()
    assert sentence_file(hass).exists()
    assert (
        await say(hass, "start a ten minute mat session")
        == "Started a 10 minute mat session, ending at 20:10."
    )


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
    assert (
        await say(hass, "start my mat session")
        == "Started a 5 minute mat session, ending at 20:05."
    )
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
    assert (
        await say(hass, "start my mat session")
        == "Started a 5 minute mat session, ending at 20:05."
    )


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
