"""The phrase corpus: what people say in each language does what it must, and says so."""

from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import intent
from homeassistant.util.yaml import load_yaml_dict
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.engine.vocabulary import Area
from custom_components.acupressure_mat.texts import Texts, get_texts
from tests.helpers import START, call, state

from .helpers import ask, speech

pytestmark = pytest.mark.usefixtures("frozen")

CORPUS = Path(__file__).parent
RUNNING = 10  # minutes of the session a phrase about a running session finds
RAMPED = 5  # the profile's next ramped length, when a start names no minutes


def corpus(language: str) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Return a language's phrasings by intent, each with the slots it must fill."""
    found: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for intent_type, entries in load_yaml_dict(str(CORPUS / f"corpus_{language}.yaml")).items():
        found[intent_type] = []
        for entry in entries:
            slots = dict(entry) if isinstance(entry, dict) else {"say": entry}
            found[intent_type].append((str(slots.pop("say")), slots))
    return found


LANGUAGES = sorted(path.stem.removeprefix("corpus_") for path in CORPUS.glob("corpus_*.yaml"))
CASES = [
    pytest.param(
        language, intent_type, id=f"{language}-{intent_type.removeprefix('AcupressureMat')}"
    )
    for language in LANGUAGES
    for intent_type in corpus(language)
]


async def _running(hass: HomeAssistant) -> None:
    await call(hass, "start_session", minutes=RUNNING)


async def _paused(hass: HomeAssistant) -> None:
    await _running(hass)
    await call(hass, "pause_session")


async def _idle(hass: HomeAssistant) -> None:
    """Start from no session."""


BEFORE: dict[str, Callable[[HomeAssistant], Awaitable[None]]] = {
    "AcupressureMatStartSession": _idle,
    "AcupressureMatPauseSession": _running,
    "AcupressureMatResumeSession": _paused,
    "AcupressureMatStopSession": _running,
    "AcupressureMatExtendSession": _running,
    "AcupressureMatLogPain": _idle,
    "AcupressureMatTimeLeft": _running,
    "AcupressureMatStreak": _idle,
}


def _ends(texts: Texts, minutes: int) -> str:
    """Say when a session started at the frozen time ends after some minutes."""
    return texts.clock(START + timedelta(minutes=minutes))


def expected(intent_type: str, slots: dict[str, Any], texts: Texts, title: str) -> str:
    """Return the reply of an intent in the language of the texts."""
    match intent_type.removeprefix("AcupressureMat"):
        case "StartSession":
            minutes = slots.get("minutes", RAMPED)
            return texts.count("started", minutes, minutes=minutes, ends=_ends(texts, minutes))
        case "ExtendSession":
            minutes = RUNNING + slots["minutes"]
            return texts.count("extended", minutes, minutes=minutes, ends=_ends(texts, minutes))
        case "LogPain":
            area = texts.get("areas", Area(slots["area"]))
            return texts.get("replies", "pain_logged", area=area, rating=slots["rating"])
        case "TimeLeft":
            return texts.count("time_left", RUNNING, profile=title, ends=_ends(texts, RUNNING))
        case "Streak":
            return texts.get("replies", "streak_none", profile=title)
        case other:
            key = {"PauseSession": "paused", "ResumeSession": "resumed", "StopSession": "stopped"}
            return texts.get("replies", key[other])


EFFECT = {
    "AcupressureMatStartSession": "active",
    "AcupressureMatPauseSession": "paused",
    "AcupressureMatResumeSession": "active",
    "AcupressureMatStopSession": "idle",
    "AcupressureMatExtendSession": "active",
    "AcupressureMatLogPain": "idle",
    "AcupressureMatTimeLeft": "active",
    "AcupressureMatStreak": "idle",
}


async def _heard(
    hass: HomeAssistant, language: str, intent_type: str, text: str, slots: dict[str, Any]
) -> str | None:
    """Say one phrasing after setting the scene; return what went wrong, or None."""
    await BEFORE[intent_type](hass)
    response = await ask(hass, text, language)
    found = None if response.intent is None else response.intent.intent_type
    if found != intent_type or response.response_type is intent.IntentResponseType.ERROR:
        return f"{found}: {speech(response)}"
    reply = expected(intent_type, slots, get_texts(hass, language), "Anna's mat")
    if speech(response) != reply:
        return f"said {speech(response)!r}, not {reply!r}"
    effect = {"session_state": EFFECT[intent_type]}
    if "minutes" in slots:
        effect["session_length"] = str(slots["minutes"] + (RUNNING if "Extend" in found else 0))
    elif found.endswith("StartSession"):
        effect["session_length"] = str(RAMPED)
    if "rating" in slots:
        effect["last_pain_rating"] = str(slots["rating"])
    seen = {key: state(hass, f"sensor.{key}") for key in effect}
    rating = hass.states.get("sensor.anna_s_mat_last_pain_rating")
    if "area" in slots and rating is not None and rating.attributes.get("area") != slots["area"]:
        seen["area"] = str(rating.attributes.get("area"))
        effect["area"] = slots["area"]
    return None if seen == effect else f"left {seen}, not {effect}"


@pytest.mark.parametrize(("language", "intent_type"), CASES)
async def test_corpus(
    hass: HomeAssistant, anna: MockConfigEntry, language: str, intent_type: str
) -> None:
    phrasings = corpus(language)[intent_type]
    assert len(phrasings) >= 8
    failed = {}
    for text, slots in phrasings:
        if (wrong := await _heard(hass, language, intent_type, text, slots)) is not None:
            failed[text] = wrong
        if state(hass, "sensor.session_state") != "idle":
            await call(hass, "stop_session")
    assert failed == {}
