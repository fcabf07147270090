"""Numbers an LLM sends to the mat tools: typed in the schema, refused like the actions do."""

from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import llm
import probatio
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat import intent as mat_intent
from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.engine.vocabulary import Area

from .helpers import call, state, stored
from .test_llm import llm_context

pytestmark = pytest.mark.usefixtures("frozen")

HUGE = [1e400, float("nan"), 10**30, "999999999999999999999", "1e400", 10**5000, True, "ten"]


def short(value: object) -> str:
    """Name a test value; an integer of thousands of digits has no text form."""
    try:
        return repr(value)[:24]
    except ValueError:
        return "10**5000"


async def tool_refusal(hass: HomeAssistant, tool: str, args: dict[str, Any]) -> str | None:
    """Call a mat tool that must refuse; return the translation key of what it said."""
    api = await llm.async_get_api(hass, "assist", llm_context())
    seen: list[HomeAssistantError] = []
    real = mat_intent.async_error_text

    async def _record(hass: HomeAssistant, language: str, err: HomeAssistantError) -> str:
        seen.append(err)
        return await real(hass, language, err)

    with patch.object(mat_intent, "async_error_text", _record):
        result = await api.async_call_tool(
            llm.ToolInput(tool_name=f"{DOMAIN}__AcupressureMat{tool}", tool_args=args)
        )
    assert result.data["response_type"] == "error"
    (err,) = seen
    assert err.translation_domain == DOMAIN
    return err.translation_key


async def action_refusal(hass: HomeAssistant, action: str, **data: Any) -> str | None:
    """Call an action that must refuse; return its translation key, None for a schema error."""
    try:
        await call(hass, action, **data)
    except ServiceValidationError as err:
        return err.translation_key
    except probatio.Invalid:
        return None
    pytest.fail(f"{action} accepted {data}")


@pytest.mark.parametrize("minutes", [*HUGE, 0, 121, 3.5], ids=short)
async def test_start_minutes(
    hass: HomeAssistant, anna: MockConfigEntry, hass_storage: dict[str, Any], minutes: Any
) -> None:
    before = stored(hass_storage, anna)
    assert await tool_refusal(hass, "StartSession", {"minutes": minutes}) == "minutes_range"
    assert await action_refusal(hass, "start_session", minutes=minutes) is None
    assert state(hass, "sensor.session_state") == "idle"
    assert stored(hass_storage, anna) == before


@pytest.mark.parametrize("minutes", [*HUGE, 0, 61], ids=short)
async def test_extend_minutes(
    hass: HomeAssistant, anna: MockConfigEntry, hass_storage: dict[str, Any], minutes: Any
) -> None:
    await call(hass, "start_session", minutes=10)
    before = stored(hass_storage, anna)
    assert await tool_refusal(hass, "ExtendSession", {"minutes": minutes}) == "minutes_range"
    assert await action_refusal(hass, "extend_session", minutes=minutes) is None
    assert state(hass, "sensor.session_length") == "10"
    assert stored(hass_storage, anna) == before


@pytest.mark.parametrize(
    ("rating", "key"),
    [
        *((rating, "rating_range") for rating in HUGE),
        (-1, "rating_range"),
        (11, "rating_range"),
        ("10.5", "rating_not_whole"),
        (3.7, "rating_not_whole"),
    ],
    ids=short,
)
async def test_ratings(
    hass: HomeAssistant,
    anna: MockConfigEntry,
    hass_storage: dict[str, Any],
    rating: Any,
    key: str,
) -> None:
    before = stored(hass_storage, anna)
    assert await tool_refusal(hass, "LogPain", {"rating": rating}) == key
    # Where the action refuses a number in words, it is with the same refusal.
    assert await action_refusal(hass, "log_pain", rating=rating) in {key, None}
    assert stored(hass_storage, anna) == before


async def test_the_action_and_the_tool_refuse_alike(
    hass: HomeAssistant, anna: MockConfigEntry
) -> None:
    for rating in (10**30, "999999999999999999999", 11, -1, 3.7, "10.5"):
        action = await action_refusal(hass, "log_pain", rating=rating)
        assert action is not None
        assert await tool_refusal(hass, "LogPain", {"rating": rating}) == action


async def test_a_number_given_as_text_or_float_is_taken(
    hass: HomeAssistant, anna: MockConfigEntry
) -> None:
    api = await llm.async_get_api(hass, "assist", llm_context())
    await api.async_call_tool(
        llm.ToolInput(
            tool_name=f"{DOMAIN}__AcupressureMatStartSession", tool_args={"minutes": "12"}
        )
    )
    assert state(hass, "sensor.session_length") == "12"
    await api.async_call_tool(
        llm.ToolInput(tool_name=f"{DOMAIN}__AcupressureMatLogPain", tool_args={"rating": 4.0})
    )
    assert state(hass, "sensor.last_pain_rating") == "4"


async def test_tool_parameters_are_typed_with_bounds(
    hass: HomeAssistant, anna: MockConfigEntry
) -> None:
    api = await llm.async_get_api(hass, "assist", llm_context())
    schemas = {
        tool.name.removeprefix(f"{DOMAIN}__"): probatio.to_openapi(
            tool.parameters, custom_serializer=api.custom_serializer
        )["properties"]
        for tool in api.tools
        if tool.name.startswith(f"{DOMAIN}__")
    }

    def bounds(schema: dict[str, Any]) -> tuple[str, int, int]:
        return schema["type"], schema["minimum"], schema["maximum"]

    assert bounds(schemas["AcupressureMatStartSession"]["minutes"]) == ("integer", 1, 120)
    assert bounds(schemas["AcupressureMatExtendSession"]["minutes"]) == ("integer", 1, 60)
    # Any number, as the action takes; the profile refuses one outside 0 to 10 in words.
    assert schemas["AcupressureMatLogPain"]["rating"]["type"] == "number"
    assert schemas["AcupressureMatLogPain"]["area"]["enum"] == [area.value for area in Area]
    for properties in schemas.values():
        assert properties["acupressure_profile"]["type"] == "string"
