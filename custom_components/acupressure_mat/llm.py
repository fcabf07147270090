"""LLM tools: the mat intents offered to conversation agents through the Assist API."""

from homeassistant.components.llm import LLMTools
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import intent
from homeassistant.helpers.llm import (
    LLM_API_ASSIST,
    IntentTool,
    LLMContext,
    Tool,
    ToolAnnotations,
)

from .const import DOMAIN
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
    profiles = ", ".join(sorted(entry.title for entry in loaded))
    prompt = (
        f"Acupressure mat profiles: {profiles}. The acupressure_mat tools act on one profile; "
        f"when several are loaded, name it in {PROFILE_SLOT}."
    )
    return LLMTools(tools=tools, prompt=prompt)
