"""Translations and texts: every language matches English, and German is what German users get."""

import json
from pathlib import Path
from string import Formatter
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import intent
from homeassistant.helpers.translation import async_get_translations
from homeassistant.setup import async_setup_component
from homeassistant.util.yaml import load_yaml_dict
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.intent import INTENT_PAUSE

from .fake_speaker import BEDROOM, Speakers, async_setup_speakers
from .helpers import advance, call

pytestmark = pytest.mark.usefixtures("frozen")

PACKAGE = Path(__file__).parents[1] / "custom_components" / DOMAIN
TRANSLATIONS = PACKAGE / "translations"
OTHER_LANGUAGES = sorted(p.name for p in TRANSLATIONS.glob("*.json") if p.name != "en.json")
OTHER_TEXTS = sorted(p.name for p in (PACKAGE / "texts").glob("*.yaml") if p.name != "en.yaml")
TTS = "tts.fake"


def load(name: str) -> dict[str, Any]:
    """Return a translation file's content."""
    content: dict[str, Any] = json.loads((TRANSLATIONS / name).read_text(encoding="utf-8"))
    return content


def flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Return every string of a translation tree by its dotted key."""
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat |= flatten(value, f"{prefix}{key}.")
        else:
            assert isinstance(value, str), f"{prefix}{key}"
            flat[f"{prefix}{key}"] = value
    return flat


def placeholders(text: str) -> list[str]:
    """Return a string's placeholders, as str.format reads them."""
    return sorted(field for _, field, _, _ in Formatter().parse(text) if field is not None)


def load_texts(name: str) -> dict[str, Any]:
    """Return a texts file's content, every list item under its index."""

    def indexed(value: Any) -> Any:
        if isinstance(value, list):
            value = dict(enumerate(value))
        return {str(k): indexed(v) for k, v in value.items()} if isinstance(value, dict) else value

    content = load_yaml_dict(str(PACKAGE / "texts" / name))
    # Which hours take clock.at_cluster is each language's own list (Czech ten, English none).
    hours = content["clock"].pop("cluster_hours")
    assert all(isinstance(hour, int) and 0 <= hour <= 23 for hour in hours), name
    result: dict[str, Any] = indexed(content)
    return result


PLURAL_FORMS = {"one_other": ("one",), "one_few_other": ("one", "few")}


def _plural_form_of(key: str, english: dict[str, str], forms: tuple[str, ...]) -> bool:
    """Tell whether a reply key is a plural form, of the language's rule, of an English reply."""
    base, _, form = key.rpartition("_")
    return key.startswith("replies.") and form in forms and base in english


def test_every_language_has_ui_and_texts() -> None:
    assert [Path(name).stem for name in OTHER_LANGUAGES] == [Path(n).stem for n in OTHER_TEXTS]
    assert "de.json" in OTHER_LANGUAGES


@pytest.mark.parametrize(
    ("english_file", "name"),
    [("en.json", name) for name in OTHER_LANGUAGES] + [("en.yaml", name) for name in OTHER_TEXTS],
)
def test_same_keys_and_placeholders_as_english(english_file: str, name: str) -> None:
    read = load if english_file.endswith(".json") else load_texts
    english, other = flatten(read(english_file)), flatten(read(name))
    if english_file.endswith(".yaml"):
        # Word lists differ by language; only their sections must be there.
        english = {k: v for k, v in english.items() if not k.startswith("profile_words.")}
        assert {k.rsplit(".", 1)[0] for k in other if k.startswith("profile_words.")} == {
            "profile_words.leading",
            "profile_words.trailing",
        }
        other = {k: v for k, v in other.items() if not k.startswith("profile_words.")}
        # A language with more plural forms than English has replies for them, e.g. Czech's
        # time_left_few (2 to 4) beside time_left (5 and more); see the texts' "plural" key.
        forms = PLURAL_FORMS[other["plural"]]
        other = {
            k: v for k, v in other.items() if k in english or not _plural_form_of(k, english, forms)
        }
    assert sorted(other) == sorted(english)
    wrong = {
        key: (placeholders(text), placeholders(other[key]))
        for key, text in english.items()
        if placeholders(text) != placeholders(other[key])
    }
    assert wrong == {}
    assert all(text.strip() for text in other.values())


@pytest.fixture
def german(hass: HomeAssistant) -> None:
    """Run Home Assistant in German, set before the profile is set up."""
    hass.config.language = "de"


@pytest.fixture
def options() -> dict[str, Any]:
    """Speak cues on the bedroom speaker."""
    return {"media_players": [BEDROOM], "tts_entity": TTS, "install_sentences": False}


@pytest.fixture
async def setup(
    german: None, hass: HomeAssistant, init_integration: MockConfigEntry
) -> MockConfigEntry:
    """German first, then the profile."""
    return init_integration


@pytest.fixture
async def speakers(german: None, hass: HomeAssistant) -> Speakers:
    """German first, then the fake speakers and the profile."""
    return await async_setup_speakers(hass)


async def test_cues_are_spoken_in_german(
    hass: HomeAssistant, speakers: Speakers, setup: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    speak: list[ServiceCall] = async_mock_service(hass, "tts", "speak")
    cues = load_texts("de.yaml")["cues"]
    assert cues["start"] != load_texts("en.yaml")["cues"]["start"]
    await call(hass, "start_session", minutes=1)
    await hass.async_block_till_done()
    assert [item.data for item in speak] == [
        {"entity_id": TTS, "media_player_entity_id": [BEDROOM], "message": cues["start"]}
    ]
    # Half time, then the end: one jump over both would fire their timers in any order.
    await advance(hass, frozen, seconds=31)
    await advance(hass, frozen, seconds=30)
    # Entity IDs follow the names in Home Assistant's language at setup.
    session = hass.states.get("sensor.anna_s_mat_sitzungsstatus")
    assert session is not None
    assert session.state == "idle"
    assert [item.data["message"] for item in speak] == [
        cues["start"],
        cues["half_time"],
        cues["end"],
    ]


async def test_refusal_in_german(hass: HomeAssistant, setup: MockConfigEntry) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "pause_session")
    refusal = err.value
    assert (refusal.translation_domain, refusal.translation_key) == (DOMAIN, "no_session")
    # By design, Home Assistant renders an exception's own text in English whatever the language;
    # the frontend translates it by its key. The German message is there to be found.
    assert str(refusal) == "No session is running"
    german = load("de.json")["exceptions"]["no_session"]["message"]
    assert german != load("en.json")["exceptions"]["no_session"]["message"]
    texts = await async_get_translations(hass, "de", "exceptions", [DOMAIN])
    assert texts[f"component.{DOMAIN}.exceptions.no_session.message"] == german
    # Assist, which renders the refusal itself, says it in the user's language.
    assert await async_setup_component(hass, "intent", {})
    await hass.async_block_till_done()
    response = await intent.async_handle(hass, "test", INTENT_PAUSE, {}, language="de")
    assert response.response_type is intent.IntentResponseType.ERROR
    assert response.speech["plain"]["speech"] == german
