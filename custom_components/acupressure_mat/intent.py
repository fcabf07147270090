"""Assist intents: the mat actions by voice, declared as a table like the entities are."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, override

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import intent
from homeassistant.util import dt as dt_util
import probatio as vol

from .data import MatConfigEntry
from .engine.vocabulary import MAX_EXTEND_MINUTES, MAX_START_MINUTES, Area
from .helpers import mat_error
from .spoken import async_error_text, said_value, spoken_profile
from .texts import Texts, get_texts
from .validation import any_number, whole_range

INTENT_START = "AcupressureMatStartSession"
INTENT_PAUSE = "AcupressureMatPauseSession"
INTENT_RESUME = "AcupressureMatResumeSession"
INTENT_STOP = "AcupressureMatStopSession"
INTENT_EXTEND = "AcupressureMatExtendSession"
INTENT_LOG_PAIN = "AcupressureMatLogPain"
INTENT_TIME_LEFT = "AcupressureMatTimeLeft"
INTENT_STREAK = "AcupressureMatStreak"

PROFILE_SLOT = "acupressure_profile"
MINUTES_SLOT = "minutes"
RATING_SLOT = "rating"

type RunFn = Callable[[MatConfigEntry, dict[str, Any], Texts], Awaitable[str]]


@dataclass(frozen=True, kw_only=True)
class MatIntentDescription:
    """One mat intent: what it does, its slots, and how to run it and answer."""

    intent_type: str
    description: str
    run_fn: RunFn
    slots: dict[vol.Marker, Any] = field(default_factory=dict)
    max_minutes: int = MAX_START_MINUTES
    response_type: intent.IntentResponseType = intent.IntentResponseType.ACTION_DONE


def _ends(texts: Texts, ends_at: datetime) -> str:
    """Say when a session ends, in Home Assistant's time zone."""
    return texts.clock(dt_util.as_local(ends_at))


async def _start(entry: MatConfigEntry, values: dict[str, Any], texts: Texts) -> str:
    started = await entry.runtime_data.actions.start_session(minutes=values.get(MINUTES_SLOT))
    session = started.session
    # A session starts active, so it has an end.
    ends = _ends(texts, session.ends_at) if session.ends_at else ""
    return texts.count(
        "started", session.planned_minutes, minutes=session.planned_minutes, ends=ends
    )


async def _pause(entry: MatConfigEntry, values: dict[str, Any], texts: Texts) -> str:
    await entry.runtime_data.actions.pause_session()
    return texts.get("replies", "paused")


async def _resume(entry: MatConfigEntry, values: dict[str, Any], texts: Texts) -> str:
    await entry.runtime_data.actions.resume_session()
    return texts.get("replies", "resumed")


async def _stop(entry: MatConfigEntry, values: dict[str, Any], texts: Texts) -> str:
    await entry.runtime_data.actions.stop_session()
    return texts.get("replies", "stopped")


async def _extend(entry: MatConfigEntry, values: dict[str, Any], texts: Texts) -> str:
    session = await entry.runtime_data.actions.extend_session(minutes=values[MINUTES_SLOT])
    minutes = session.planned_minutes
    if session.ends_at is None:
        # A paused session has no end yet: its time stands still until it resumes.
        return texts.count("extended_paused", minutes, minutes=minutes)
    return texts.count("extended", minutes, minutes=minutes, ends=_ends(texts, session.ends_at))


async def _log_pain(entry: MatConfigEntry, values: dict[str, Any], texts: Texts) -> str:
    area = Area(values.get("area", Area.BACK))
    logged = await entry.runtime_data.actions.log_pain(rating=values[RATING_SLOT], area=area)
    spoken_area = texts.get("areas", area)
    return texts.get("replies", "pain_logged", area=spoken_area, rating=logged.record.rating)


async def _time_left(entry: MatConfigEntry, values: dict[str, Any], texts: Texts) -> str:
    """Answer with the remaining whole minutes, as the sensor shows them."""
    readout = entry.runtime_data.runtime.readout
    if readout.session_remaining is None:
        return texts.get("replies", "time_left_idle", profile=entry.title)
    remaining = readout.session_remaining
    # A paused session has no planned end (its sensor shows none either).
    if readout.session_ends_at is None:
        return texts.count("time_left_paused", remaining, profile=entry.title)
    ends = _ends(texts, readout.session_ends_at)
    return texts.count("time_left", remaining, profile=entry.title, ends=ends)


async def _streak(entry: MatConfigEntry, values: dict[str, Any], texts: Texts) -> str:
    streak = entry.runtime_data.runtime.readout.streak
    if streak == 0:
        return texts.get("replies", "streak_none", profile=entry.title)
    return texts.count("streak", streak, profile=entry.title)


QUESTION = intent.IntentResponseType.QUERY_ANSWER
INTENTS: tuple[MatIntentDescription, ...] = (
    MatIntentDescription(
        intent_type=INTENT_START,
        description="Starts an acupressure mat session, ramped to the profile's current level "
        "unless minutes are given",
        slots={
            vol.Optional(MINUTES_SLOT, description="Length in minutes, 1 to 120"): whole_range(
                1, MAX_START_MINUTES
            )
        },
        run_fn=_start,
    ),
    MatIntentDescription(
        intent_type=INTENT_PAUSE,
        description="Pauses the running acupressure mat session",
        run_fn=_pause,
    ),
    MatIntentDescription(
        intent_type=INTENT_RESUME,
        description="Resumes the paused acupressure mat session",
        run_fn=_resume,
    ),
    MatIntentDescription(
        intent_type=INTENT_STOP,
        description="Ends the running acupressure mat session early",
        run_fn=_stop,
    ),
    MatIntentDescription(
        intent_type=INTENT_EXTEND,
        description="Adds minutes to the running acupressure mat session",
        slots={
            vol.Required(MINUTES_SLOT, description="Minutes to add, 1 to 60"): whole_range(
                1, MAX_EXTEND_MINUTES
            )
        },
        max_minutes=MAX_EXTEND_MINUTES,
        run_fn=_extend,
    ),
    MatIntentDescription(
        intent_type=INTENT_LOG_PAIN,
        description="Records a pain rating for the acupressure mat's pain log",
        slots={
            # Any number, as the action takes: the profile refuses one not whole or not 0 to 10.
            vol.Required(RATING_SLOT, description="0 means no pain, 10 the worst pain"): (
                any_number()
            ),
            vol.Optional("area", description="Where it hurts; back when left out"): vol.In(
                [area.value for area in Area]
            ),
        },
        run_fn=_log_pain,
    ),
    MatIntentDescription(
        intent_type=INTENT_TIME_LEFT,
        description="Tells how many minutes are left in the acupressure mat session",
        response_type=QUESTION,
        run_fn=_time_left,
    ),
    MatIntentDescription(
        intent_type=INTENT_STREAK,
        description="Tells the acupressure mat streak in days",
        response_type=QUESTION,
        run_fn=_streak,
    ),
)


async def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the mat intents."""
    for description in INTENTS:
        intent.async_register(hass, MatIntentHandler(description))


class MatIntentHandler(intent.IntentHandler):
    """Resolve the profile, run the intent like the action does, and say the outcome."""

    def __init__(self, description: MatIntentDescription) -> None:
        """Handle one described intent."""
        self.mat_intent = description
        self.intent_type = description.intent_type
        self.description = description.description

    @property
    @override
    def slot_schema(self) -> dict[vol.Marker, Any]:
        """Return the slots: the profile's name, then the intent's own."""
        profile = vol.Optional(
            PROFILE_SLOT,
            description="Name of the mat profile, for example Anna's mat; "
            "may be left out when only one profile is loaded",
        )
        return {profile: intent.non_empty_string} | self.mat_intent.slots

    @override
    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Handle the intent; a refusal becomes a spoken error, as the action's message."""
        hass = intent_obj.hass
        response = intent_obj.create_response()
        texts = get_texts(hass, intent_obj.language)
        try:
            values = self._values(intent_obj.slots)
            # The refusal repeats the name as it was said, not as the sentence list spells it.
            said = intent_obj.slots.get(PROFILE_SLOT, {}).get("text")
            entry = spoken_profile(hass, values.pop(PROFILE_SLOT, None), texts, str(said or ""))
            speech = await self.mat_intent.run_fn(entry, values, texts)
        except HomeAssistantError as err:
            response.async_set_error(
                intent.IntentResponseErrorCode.FAILED_TO_HANDLE,
                await async_error_text(hass, intent_obj.language, err),
            )
            return response
        response.response_type = self.mat_intent.response_type
        response.async_set_speech(speech)
        return response

    def _values(self, slots: dict[str, Any]) -> dict[str, Any]:
        """Validate the slots and return their values."""
        try:
            valid = self.async_validate_slots(slots)
        except vol.Invalid as err:
            slot = str(err.path[0]) if err.path else ""
            value = said_value(slots.get(slot, {}).get("value"))
            # The refusals the actions give for the same numbers, translated.
            if slot == MINUTES_SLOT:
                high = str(self.mat_intent.max_minutes)
                raise mat_error("minutes_range", high=high, minutes=value) from err
            if slot == RATING_SLOT:
                raise mat_error("rating_range", rating=value) from err
            raise mat_error("invalid_slot", slot=slot, value=value) from err
        names = {str(marker.schema) for marker in self.slot_schema}
        return {key: slot["value"] for key, slot in valid.items() if key in names}
