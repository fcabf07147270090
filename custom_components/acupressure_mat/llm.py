"""LLM tools: the mat intents and a read-only history tool, offered through the Assist API."""

from typing import Any, override

from homeassistant.components.llm import LLMTools
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import intent
from homeassistant.helpers.llm import (
    LLM_API_ASSIST,
    IntentTool,
    LLMContext,
    Tool,
    ToolAnnotations,
    ToolInput,
    ToolResult,
)
import probatio as vol

from .const import DOMAIN
from .data import MatConfigEntry
from .engine.vocabulary import DEFAULT_HISTORY_DAYS, MAX_HISTORY_DAYS, Area
from .helpers import mat_error
from .intent import (
    INTENT_EXTEND,
    INTENT_LOG_PAIN,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_START,
    INTENT_STOP,
    INTENT_STREAK,
    INTENT_TIME_LEFT,
    PROFILE_SLOT,
)
from .spoken import async_error_text, said_value, spoken_profile
from .texts import get_texts
from .validation import whole_range

# Every tool acts on the user's own mat profiles only; none reaches outside Home Assistant.
CHANGES = ToolAnnotations(destructive=False, open_world=False)
QUESTION = ToolAnnotations(read_only=True, destructive=False, idempotent=True, open_world=False)
TOOLS: dict[str, tuple[str, ToolAnnotations]] = {
    INTENT_START: ("Start a mat session", CHANGES),
    INTENT_PAUSE: ("Pause the mat session", CHANGES),
    INTENT_RESUME: ("Resume the mat session", CHANGES),
    # Stopping ends the session for good: it cannot be resumed.
    INTENT_STOP: ("Stop the mat session", ToolAnnotations(open_world=False)),
    INTENT_EXTEND: ("Extend the mat session", CHANGES),
    INTENT_LOG_PAIN: ("Log pain", CHANGES),
    INTENT_TIME_LEFT: ("Time left on the mat", QUESTION),
    INTENT_STREAK: ("Mat streak", QUESTION),
}
HISTORY_TOOL = f"{DOMAIN}__AcupressureMatHistory"
DAYS = "days"
AREA = "area"
# The latest records listed: enough for a month of daily practice, short enough for a prompt.
LISTED = 60
HISTORY_DESCRIPTION = (
    "Reads the acupressure mat history, changing nothing: over the last `days` days (7 for this "
    "week, 30 for this month) the number of sessions and their minutes (counted by the mat day "
    "they started), the latest sessions and pain ratings (of `area` only when given); and the "
    "30-day pain averages (per area too), the relief, the streak, and the last 12 weeks from "
    "Monday (sessions, minutes, mean before-rating of any area, oldest first)"
)


@callback
def async_get_tools(hass: HomeAssistant, llm_context: LLMContext, api_id: str) -> LLMTools | None:
    """Offer the mat intents as tools while a mat profile is loaded."""
    if api_id != LLM_API_ASSIST:
        return None
    loaded = hass.config_entries.async_loaded_entries(DOMAIN)
    if not loaded:
        return None
    tools: list[Tool] = [
        IntentTool(
            f"{DOMAIN}__{handler.intent_type}",
            handler,
            title=TOOLS[handler.intent_type][0],
            integration=DOMAIN,
            annotations=TOOLS[handler.intent_type][1],
        )
        for handler in intent.async_get(hass)
        if handler.intent_type in TOOLS
    ]
    tools.append(HistoryTool(sorted(entry.title for entry in loaded)))
    profiles = ", ".join(sorted(entry.title for entry in loaded))
    prompt = (
        f"Acupressure mat profiles: {profiles}. The acupressure_mat tools act on one profile; "
        f"when several are loaded, name it in {PROFILE_SLOT}."
    )
    return LLMTools(tools=tools, prompt=prompt)


class HistoryTool(Tool):
    """Answer questions about the history from the stored data, through the actions' code."""

    name = HISTORY_TOOL
    title = "Mat history"
    description = HISTORY_DESCRIPTION
    integration = DOMAIN
    annotations = QUESTION

    def __init__(self, profiles: list[str]) -> None:
        """Offer the loaded profiles by name; one needs no name."""
        self.options = vol.Schema(
            {
                vol.Optional(AREA, description="List the ratings of this area only"): vol.In(
                    [area.value for area in Area]
                ),
                vol.Optional(
                    DAYS, default=DEFAULT_HISTORY_DAYS, description="How many days back, 1 to 3650"
                ): whole_range(1, MAX_HISTORY_DAYS),
            }
        )
        profile = (vol.Optional if len(profiles) == 1 else vol.Required)(
            PROFILE_SLOT, description="Name of the mat profile"
        )
        self.parameters = vol.Schema({profile: vol.In(profiles)} | self.options.schema)

    @override
    async def async_call(
        self, hass: HomeAssistant, tool_input: ToolInput, llm_context: LLMContext
    ) -> ToolResult:
        """Return the history, or a refusal in the conversation's language."""
        language = llm_context.language or hass.config.language
        try:
            entry, valid = self._read(hass, tool_input.tool_args, language)
        except HomeAssistantError as err:
            message = await async_error_text(hass, language, err)
            return ToolResult(data={"error": message}, error=True)
        return ToolResult(data=await _history(entry, valid[DAYS], valid.get(AREA)))

    def _read(
        self, hass: HomeAssistant, args: dict[str, Any], language: str
    ) -> tuple[MatConfigEntry, dict[str, Any]]:
        """Return the profile and the options a call asks for; refuse bad ones."""
        try:
            valid = self.options({key: value for key, value in args.items() if key != PROFILE_SLOT})
        except vol.Invalid as err:
            slot = str(err.path[0]) if err.path else ""
            raise mat_error("invalid_slot", slot=slot, value=said_value(args.get(slot))) from err
        # Names are matched as spoken, like the intents do: "Anna" finds "Anna's mat".
        name = args.get(PROFILE_SLOT)
        if name is not None and not isinstance(name, str):
            raise mat_error("profile_name_unknown", name=said_value(name))
        return spoken_profile(hass, name, get_texts(hass, language)), valid


async def _history(entry: MatConfigEntry, days: int, area: str | None) -> dict[str, Any]:
    """Return what get_history and get_insights answer, with the latest records only."""
    actions = entry.runtime_data.actions
    history = actions.history(days=days, latest=LISTED, area=None if area is None else Area(area))
    insights = await actions.insights()
    practice = actions.practice(days=days)
    return {
        "profile": entry.title,
        "days": days,
        "sessions_in_days": practice.sessions,
        "minutes_in_days": practice.minutes,
        "sessions": [
            {key: s[key] for key in ("started_at", "minutes", "outcome")}
            for s in history["sessions"]
        ],
        "earlier_sessions_not_listed": history["earlier_sessions"],
        "pain": [
            {key: value for key, value in p.items() if value is not None} for p in history["pain"]
        ],
        "earlier_ratings_not_listed": history["earlier_ratings"],
        "streak": history["streak"],
        "longest_streak": history["longest_streak"],
        "ramp_minutes": history["ramp_minutes"],
    } | insights
