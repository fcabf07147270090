"""Profiles are named by the loaded profiles' names only, and the sentences follow them."""

from pathlib import Path

from homeassistant.core import HomeAssistant
from homeassistant.helpers import intent
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat import texts
from custom_components.acupressure_mat.assist_sentences import spoken_names
from custom_components.acupressure_mat.const import DOMAIN

from .helpers import add, ask, profile, speech

pytestmark = pytest.mark.usefixtures("frozen")

BEN = "01JMATPROFILE000000000000B"


def session(hass: HomeAssistant, prefix: str) -> str:
    """Return the session state of a profile, by its entity id prefix."""
    found = hass.states.get(f"sensor.{prefix}_session_state")
    assert found is not None
    return found.state


def listed(hass: HomeAssistant, language: str = "en") -> str:
    """Return the profile list as installed for a language."""
    text = Path(hass.config.path("custom_sentences", language, f"{DOMAIN}.yaml")).read_text(
        encoding="utf-8"
    )
    (line,) = [line for line in text.splitlines() if line.startswith("    values: [")]
    return line


@pytest.mark.parametrize(
    ("language", "text", "question"),
    [
        (
            "en",
            "start my acupressure mat session",
            "Several mat profiles are loaded (Anna's mat, Ben's mat): say which mat you mean.",
        ),
        (
            "de",
            "starte meine Akupressurmatte",
            (
                "Es sind mehrere Mattenprofile geladen (Anna's mat, Ben's mat): "
                "Sag, welche Matte du meinst."
            ),
        ),
        (
            "cs",
            "spusť moji podložku",
            (
                "Je načteno několik profilů podložky (Anna's mat, Ben's mat): "
                "řekněte, kterou podložku myslíte."
            ),
        ),
    ],
)
async def test_several_profiles_and_none_named(
    hass: HomeAssistant, anna: MockConfigEntry, language: str, text: str, question: str
) -> None:
    await add(hass, profile("Ben's mat", BEN))
    response = await ask(hass, text, language)
    assert response.response_type is intent.IntentResponseType.ERROR
    assert speech(response) == question
    assert session(hass, "anna_s_mat") == "idle"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "start my acupressure mat session on Ben's mat"),
        ("en", "start Ben's acupressure mat"),
        ("en", "start the spike mat for bens"),
        ("en", "start a ten minute session on Ben's mat"),
        ("de", "starte Bens Matte"),
        ("de", "starte die Akupressurmatte von Ben"),
        ("cs", "spusť podložku pro Ben"),
        ("cs", "spusť sezení na podložce pro Ben"),
    ],
)
async def test_a_named_profile(
    hass: HomeAssistant, anna: MockConfigEntry, language: str, text: str
) -> None:
    await add(hass, profile("Ben's mat", BEN))
    response = await ask(hass, text, language)
    assert response.response_type is intent.IntentResponseType.ACTION_DONE, speech(response)
    assert session(hass, "ben_s_mat") == "active"
    assert session(hass, "anna_s_mat") == "idle"


async def test_words_are_not_taken_for_a_name(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    response = await ask(hass, "start my acupressure mat session", "en")
    assert speech(response) == "Started a 5 minute mat session, ending at 20:05."
    response = await ask(hass, "how long is left on Carl's mat", "en")
    assert speech(response) == "No loaded mat profile matches “Carl's”."


async def test_the_list_follows_the_profiles(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    assert "Anna's mat" in listed(hass)
    assert "Ben" not in listed(hass, "de-CH")
    ben = await add(hass, profile("Ben's mat", BEN))
    assert '"out": "Ben\'s mat"' in listed(hass, "cs")
    hass.config_entries.async_update_entry(ben, title="Carla")
    assert await hass.config_entries.async_reload(ben.entry_id)
    await hass.async_block_till_done()
    assert "Ben" not in listed(hass)
    assert '"out": "Carla"' in listed(hass)
    response = await ask(hass, "start Carla's mat", "en")
    assert speech(response) == "Started a 5 minute mat session, ending at 20:05."
    assert session(hass, "ben_s_mat") == "active"  # entity ids keep the first name
    assert await hass.config_entries.async_remove(ben.entry_id)
    await hass.async_block_till_done()
    assert "Carla" not in listed(hass)
    response = await ask(hass, "start Carla's mat", "en")
    assert (
        response.intent is None
        or speech(response) != "Started a 5 minute mat session, ending at 20:05."
    )


async def test_a_disabled_profile_is_heard_and_refused(
    hass: HomeAssistant, anna: MockConfigEntry
) -> None:
    ben = await add(hass, profile("Ben's mat", BEN))
    await hass.config_entries.async_unload(ben.entry_id)
    response = await ask(hass, "pause Ben's mat", "en")
    assert speech(response) == "No loaded mat profile matches “Ben's”."


async def test_a_shared_word_is_ambiguous(hass: HomeAssistant, assist: None) -> None:
    await add(hass, profile("Anna", "01JMATPROFILE000000000000C"))
    await add(hass, profile("Anna's mat", "01JMATPROFILE000000000000D"))
    response = await ask(hass, "start the session on Anna's mat", "en")
    assert speech(response) == "No loaded mat profile matches “Anna's”."


@pytest.mark.parametrize(
    ("language", "text", "refusal"),
    [
        ("en", "pause the session on Carl's mat", "No loaded mat profile matches “Carl's”."),
        ("de", "pausiere Carls Matte", "Kein geladenes Mattenprofil passt zu „Carls“."),
        ("de", "wie lange läuft Carls Matte noch", "Kein geladenes Mattenprofil passt zu „Carls“."),
        ("cs", "pozastav podložku pro Karla", "Žádný načtený profil podložky neodpovídá „Karla“."),
        (
            "cs",
            "spusť podložku pro Karla na deset minut",
            ("Žádný načtený profil podložky neodpovídá „Karla“."),
        ),
    ],
)
async def test_an_unknown_name_is_refused(
    hass: HomeAssistant, anna: MockConfigEntry, language: str, text: str, refusal: str
) -> None:
    response = await ask(hass, text, language)
    assert speech(response) == refusal
    assert session(hass, "anna_s_mat") == "idle"


def test_spoken_forms_of_names() -> None:
    values = spoken_names(["Anna's mat", "Anna", "[ ]"], texts._read_all().values())
    # Forms said of both profiles stay plain, so the handler hears them as ambiguous; a name of
    # template characters only gives no form at all.
    assert [str(value).casefold() for value in values] == [
        "anna",
        "anna's",
        str({"in": "Anna's mat", "out": "Anna's mat"}).casefold(),
        "annas",
        str({"in": "Annas mat", "out": "Anna's mat"}).casefold(),
    ]
