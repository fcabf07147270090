"""The tools a conversation agent is given."""

from typing import Any

from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import llm
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat import llm as mat_llm
from custom_components.acupressure_mat.const import DOMAIN

from .helpers import state

pytestmark = pytest.mark.usefixtures("frozen")


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
            "History",
        )
    }
    assert "Anna's mat" in api.api_prompt
    result = await api.async_call_tool(
        llm.ToolInput(tool_name=f"{DOMAIN}__AcupressureMatStartSession", tool_args={"minutes": 10})
    )
    assert result.data["speech"]["plain"]["speech"] == (
        "Started a 10 minute mat session, ending at 20:10."
    )
    assert state(hass, "sensor.session_state") == "active"
    result = await api.async_call_tool(
        llm.ToolInput(
            tool_name=f"{DOMAIN}__AcupressureMatTimeLeft",
            tool_args={"acupressure_profile": "Anna's mat"},
        )
    )
    assert result.data["response_type"] == "query_answer"
    assert result.data["speech"]["plain"]["speech"] == (
        "10 minutes left on Anna's mat, ending at 20:10."
    )


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
