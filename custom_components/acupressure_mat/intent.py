"""Assist intents: the mat actions by voice, with the actions' rules and translated errors."""

from abc import ABC, abstractmethod
from contextlib import suppress
from dataclasses import dataclass
import re
from typing import Any, ClassVar, override

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import intent
from homeassistant.helpers.translation import async_get_translations
import probatio as vol

from .const import DOMAIN
from .engine.model import Area, SessionState
from .runtime import MatRuntime
from .services import resolve_runtime
from .session_actions import SessionActions

INTENT_START = "AcupressureMatStartSession"
INTENT_PAUSE = "AcupressureMatPauseSession"
INTENT_RESUME = "AcupressureMatResumeSession"
INTENT_STOP = "AcupressureMatStopSession"
INTENT_EXTEND = "AcupressureMatExtendSession"
INTENT_LOG_PAIN = "AcupressureMatLogPain"
INTENT_TIME_LEFT = "AcupressureMatTimeLeft"
INTENT_STREAK = "AcupressureMatStreak"

PROFILE_SLOT = "acupressure_profile"
MAX_START_MINUTES = 120
MAX_EXTEND_MINUTES = 60
# Words around a spoken profile name that do not name it: "my mat", "the bedroom mat session".
_LEADING_WORDS = frozenset({"a", "an", "my", "the"})
_TRAILING_WORDS = frozenset({"mat", "mats", "session"})


async def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the mat intents."""
    for handler in HANDLERS:
        intent.async_register(hass, handler())


def _error(key: str, **placeholders: str) -> ServiceValidationError:
    """Return a translated validation error."""
    return ServiceValidationError(
        translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
    )


def _name_key(text: str) -> str:
    """Reduce a profile name to the words that identify it, as speech recognition gives them."""
    words = re.findall(r"\w+", re.sub(r"['\u2019]s\b", "", text.casefold()).replace("'", ""))
    while words and words[0] in _LEADING_WORDS:
        words.pop(0)
    while words and words[-1] in _TRAILING_WORDS:
        words.pop()
    return " ".join(words)


def _find_profile(entries: list[ConfigEntry], spoken: str) -> ConfigEntry | None:
    """Return the one profile a spoken name means, exactly or but for a plural/possessive s."""
    key = _name_key(spoken)
    titles = [(_name_key(entry.title), entry) for entry in entries]
    found = [entry for title, entry in titles if title == key]
    if not found:
        found = [e for title, e in titles if title.removesuffix("s") == key.removesuffix("s")]
    return found[0] if len(found) == 1 else None


def resolve_profile(hass: HomeAssistant, spoken: str | None) -> MatRuntime:
    """Return the profile a sentence names, or the only loaded one when it names none."""
    loaded = hass.config_entries.async_loaded_entries(DOMAIN)
    if spoken is None or not _name_key(spoken):
        if len(loaded) > 1:
            names = ", ".join(sorted(e.title for e in loaded))
            raise _error("profile_not_named", profiles=names)  # noqa: EM101 - a translation key
        return resolve_runtime(hass, None)
    entry = _find_profile(loaded, spoken)
    if entry is None:
        raise _error("profile_name_unknown", name=spoken)  # noqa: EM101 - a translation key
    return resolve_runtime(hass, entry.entry_id)


async def _error_text(hass: HomeAssistant, language: str, err: HomeAssistantError) -> str:
    """Return an error's message in the user's language."""
    texts = await async_get_translations(hass, language, "exceptions", [DOMAIN])
    message = texts.get(f"component.{DOMAIN}.exceptions.{err.translation_key}.message")
    if err.translation_domain != DOMAIN or not message:
        return str(err)
    with suppress(KeyError, IndexError, ValueError):
        message = message.format(**(err.translation_placeholders or {}))
    return message


@dataclass(frozen=True, slots=True)
class Speech:
    """The spoken answers in the user's language."""

    texts: dict[str, str]

    def say(self, key: str, **placeholders: object) -> str:
        """Return an answer with its placeholders filled."""
        text = self.texts[f"component.{DOMAIN}.voice.{key}"]
        with suppress(KeyError, IndexError, ValueError):
            text = text.format(**placeholders)
        return text

    def count(self, key: str, count: int, **placeholders: object) -> str:
        """Return the singular answer for one, the plural one otherwise."""
        return self.say(f"{key}_one" if count == 1 else key, count=count, **placeholders)


def _minutes(high: int) -> vol.All[Any]:
    """Validate whole minutes from 1 to high."""
    return vol.All(vol.Coerce(int), vol.Range(min=1, max=high))


class MatIntentHandler(intent.IntentHandler, ABC):
    """Resolve the profile, run the action like the action call does, and say the outcome."""

    fields: ClassVar[dict[vol.Marker, Any]] = {}
    max_minutes = MAX_START_MINUTES
    response_type = intent.IntentResponseType.ACTION_DONE

    @property
    @override
    def slot_schema(self) -> dict[vol.Marker, Any]:
        """Return the slots: the profile's name, then the intent's own."""
        profile = vol.Optional(
            PROFILE_SLOT,
            description="Name of the mat profile, for example Anna's mat; "
            "may be left out when only one profile is loaded",
        )
        return {profile: intent.non_empty_string} | self.fields

    @override
    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Handle the intent; a refusal becomes a spoken error, as the action's message."""
        hass = intent_obj.hass
        response = intent_obj.create_response()
        texts = await async_get_translations(hass, intent_obj.language, "voice", [DOMAIN])
        try:
            values = self._values(intent_obj.slots)
            runtime = resolve_profile(hass, values.pop(PROFILE_SLOT, None))
            speech = await self.async_run(runtime, values, Speech(texts))
        except HomeAssistantError as err:
            response.async_set_error(
                intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
                await _error_text(hass, intent_obj.language, err),
            )
            return response
        response.response_type = self.response_type
        response.async_set_speech(speech)
        return response

    def _values(self, slots: dict[str, Any]) -> dict[str, Any]:
        """Validate the slots and return their values."""
        try:
            valid = self.async_validate_slots(slots)
        except vol.Invalid as err:
            slot = str(err.path[0]) if err.path else ""
            value = str(slots.get(slot, {}).get("value"))
            if slot == "minutes":
                high = str(self.max_minutes)
                raise _error("minutes_range", high=high, minutes=value) from err  # noqa: EM101
            raise _error("invalid_slot", slot=slot, value=value) from err  # noqa: EM101
        names = {str(marker.schema) for marker in self.slot_schema}
        return {key: slot["value"] for key, slot in valid.items() if key in names}

    @abstractmethod
    async def async_run(self, runtime: MatRuntime, values: dict[str, Any], speech: Speech) -> str:
        """Do what the intent asks and return the answer."""


class StartSessionHandler(MatIntentHandler):
    """Start a session."""

    intent_type = INTENT_START
    description = (
        "Starts an acupressure mat session, ramped to the profile's current level "
        "unless minutes are given"
    )
    fields: ClassVar[dict[vol.Marker, Any]] = {
        vol.Optional("minutes", description="Length in minutes, 1 to 120"): _minutes(
            MAX_START_MINUTES
        )
    }

    @override
    async def async_run(self, runtime: MatRuntime, values: dict[str, Any], speech: Speech) -> str:
        """Start the session."""
        result = await SessionActions(runtime).start_session(minutes=values.get("minutes"))
        return speech.say("started", minutes=result["planned_minutes"])


class PauseSessionHandler(MatIntentHandler):
    """Pause the session."""

    intent_type = INTENT_PAUSE
    description = "Pauses the running acupressure mat session"

    @override
    async def async_run(self, runtime: MatRuntime, values: dict[str, Any], speech: Speech) -> str:
        """Pause the session."""
        await SessionActions(runtime).pause_session()
        return speech.say("paused")


class ResumeSessionHandler(MatIntentHandler):
    """Resume the session."""

    intent_type = INTENT_RESUME
    description = "Resumes the paused acupressure mat session"

    @override
    async def async_run(self, runtime: MatRuntime, values: dict[str, Any], speech: Speech) -> str:
        """Resume the session."""
        await SessionActions(runtime).resume_session()
        return speech.say("resumed")


class StopSessionHandler(MatIntentHandler):
    """Stop the session."""

    intent_type = INTENT_STOP
    description = "Ends the running acupressure mat session early"

    @override
    async def async_run(self, runtime: MatRuntime, values: dict[str, Any], speech: Speech) -> str:
        """Stop the session."""
        await SessionActions(runtime).stop_session()
        return speech.say("stopped")


class ExtendSessionHandler(MatIntentHandler):
    """Add minutes to the session."""

    intent_type = INTENT_EXTEND
    description = "Adds minutes to the running acupressure mat session"
    max_minutes = MAX_EXTEND_MINUTES
    fields: ClassVar[dict[vol.Marker, Any]] = {
        vol.Required("minutes", description="Minutes to add, 1 to 60"): _minutes(MAX_EXTEND_MINUTES)
    }

    @override
    async def async_run(self, runtime: MatRuntime, values: dict[str, Any], speech: Speech) -> str:
        """Extend the session."""
        result = await SessionActions(runtime).extend_session(values["minutes"])
        return speech.say("extended", minutes=result["planned_minutes"])


class LogPainHandler(MatIntentHandler):
    """Record a pain rating."""

    intent_type = INTENT_LOG_PAIN
    description = "Records a pain rating for the acupressure mat's pain log"
    fields: ClassVar[dict[vol.Marker, Any]] = {
        vol.Required("rating", description="0 means no pain, 10 the worst pain"): vol.Coerce(int),
        vol.Optional("area", description="Where it hurts; back when left out"): vol.In(
            [str(area) for area in Area]
        ),
    }

    @override
    async def async_run(self, runtime: MatRuntime, values: dict[str, Any], speech: Speech) -> str:
        """Log the rating."""
        area = values.get("area", str(Area.BACK))
        await SessionActions(runtime).log_pain(rating=values["rating"], area=area)
        return speech.say("pain_logged", area=speech.say(f"area.{area}"), rating=values["rating"])


class TimeLeftHandler(MatIntentHandler):
    """Tell the minutes left."""

    intent_type = INTENT_TIME_LEFT
    description = "Tells how many minutes are left in the acupressure mat session"
    response_type = intent.IntentResponseType.QUERY_ANSWER

    @override
    async def async_run(self, runtime: MatRuntime, values: dict[str, Any], speech: Speech) -> str:
        """Answer with the remaining whole minutes, as the sensor shows them."""
        snapshot = runtime.snapshot
        profile = runtime.entry.title
        if snapshot.remaining_minutes is None:
            return speech.say("time_left_idle", profile=profile)
        key = "time_left_paused" if snapshot.state is SessionState.PAUSED else "time_left"
        return speech.count(key, snapshot.remaining_minutes, profile=profile)


class StreakHandler(MatIntentHandler):
    """Tell the streak."""

    intent_type = INTENT_STREAK
    description = "Tells the acupressure mat streak in days"
    response_type = intent.IntentResponseType.QUERY_ANSWER

    @override
    async def async_run(self, runtime: MatRuntime, values: dict[str, Any], speech: Speech) -> str:
        """Answer with the current streak."""
        streak = runtime.snapshot.streak
        profile = runtime.entry.title
        if streak == 0:
            return speech.say("streak_none", profile=profile)
        return speech.count("streak", streak, profile=profile)


HANDLERS: tuple[type[MatIntentHandler], ...] = (
    StartSessionHandler,
    PauseSessionHandler,
    ResumeSessionHandler,
    StopSessionHandler,
    ExtendSessionHandler,
    LogPainHandler,
    TimeLeftHandler,
    StreakHandler,
)
