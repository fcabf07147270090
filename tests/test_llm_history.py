"""The LLM's history tool: answers from the stored data, through the actions, changing nothing."""

from datetime import timedelta
import json
from typing import Any
from unittest.mock import patch

from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import llm
import probatio
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.engine.vocabulary import Area
from custom_components.acupressure_mat.storage import MatStore

from .helpers import START, add, call, history, profile, stored

pytestmark = pytest.mark.usefixtures("frozen")

TOOL = f"{DOMAIN}__AcupressureMatHistory"


def context(language: str = "en") -> llm.LLMContext:
    """Return the context of a conversation agent's request."""
    return llm.LLMContext(
        platform="test",
        context=Context(),
        language=language,
        assistant="conversation",
        device_id=None,
    )


async def ask_tool(hass: HomeAssistant, language: str = "en", **args: Any) -> llm.ToolResult:
    """Call the history tool as a conversation agent does."""
    api = await llm.async_get_api(hass, "assist", context(language))
    return await api.async_call_tool(llm.ToolInput(tool_name=TOOL, tool_args=args))


async def schema(hass: HomeAssistant) -> dict[str, Any]:
    """Return the tool's parameters as the agents send them to the model."""
    api = await llm.async_get_api(hass, "assist", context())
    (tool,) = [tool for tool in api.tools if tool.name == TOOL]
    assert tool.annotations.read_only
    return probatio.to_openapi(tool.parameters, custom_serializer=api.custom_serializer)


async def a_month(hass: HomeAssistant) -> None:
    """Log four weeks of evenings: sessions, and back pain falling, neck pain once."""
    for day in range(1, 25):
        await call(
            hass, "log_session", minutes=10 + day % 3, ended_at=f"2026-11-{day:02d}T19:00:00"
        )
        await call(hass, "log_pain", rating=8 - day // 4, logged_at=f"2026-11-{day:02d}T18:30:00")
    await call(hass, "log_pain", rating=3, area="neck", logged_at="2026-11-23T18:40:00")


async def test_parameters_are_typed(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    found = await schema(hass)
    properties = found["properties"]
    days = properties["days"]
    assert (days["type"], days["minimum"], days["maximum"]) == ("integer", 1, 3650)
    assert properties["area"]["enum"] == [area.value for area in Area]
    assert properties["acupressure_profile"]["enum"] == ["Anna's mat"]
    assert "acupressure_profile" not in found.get("required", [])
    await add(hass, profile("Ben's mat", "01JMATPROFILE000000000000B"))
    found = await schema(hass)
    assert found["properties"]["acupressure_profile"]["enum"] == ["Anna's mat", "Ben's mat"]
    assert found["required"] == ["acupressure_profile"]


async def test_answers_from_the_actions(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    await a_month(hass)
    insights = await call(hass, "get_insights", response=True)
    assert isinstance(insights, dict)
    week = (await ask_tool(hass, days=7, area="back")).data
    json.dumps(week)  # what the model is sent
    assert {key: week[key] for key in insights} == insights
    # Counted like the 7-day sensors: the sessions started on the last 7 mat days.
    assert (week["sessions_in_days"], week["minutes_in_days"]) == (
        insights["sessions_7d"],
        insights["minutes_7d"],
    )
    listed = await history(hass, days=7)
    assert week["sessions"] == [
        {"started_at": s["started_at"], "minutes": s["minutes"], "outcome": s["outcome"]}
        for s in listed["sessions"]
    ]
    assert [p["rating"] for p in week["pain"]] == [
        p["rating"] for p in listed["pain"] if p["area"] == "back"
    ]
    assert all(p["area"] == "back" and "note" not in p for p in week["pain"])
    assert (week["streak"], week["ramp_minutes"]) == (listed["streak"], listed["ramp_minutes"])
    month = (await ask_tool(hass)).data
    assert month["days"] == 30
    assert month["sessions_in_days"] == 24
    assert {p["area"] for p in month["pain"]} == {"back", "neck"}
    assert month["earlier_sessions_not_listed"] == 0


async def test_long_histories_list_the_latest(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    for day in range(70):
        ended = START - timedelta(days=70 - day, hours=1)
        await call(hass, "log_session", minutes=5, ended_at=ended.isoformat())
    found = (await ask_tool(hass, days=365)).data
    assert found["sessions_in_days"] == 70
    assert len(found["sessions"]) == 60
    assert found["earlier_sessions_not_listed"] == 10
    assert found["sessions"][-1]["started_at"] == "2026-11-23T18:55:00+01:00"


async def test_changes_nothing(
    hass: HomeAssistant, anna: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    await a_month(hass)
    await call(hass, "start_session", minutes=10)
    before = stored(hass_storage, anna)
    states = {state.entity_id: state.as_dict() for state in hass.states.async_all()}
    with (
        patch.object(MatStore, "async_save") as save,
        patch.object(MatStore, "async_delay_save") as later,
    ):
        assert not (await ask_tool(hass, days=3650, area="neck")).error
        await hass.async_block_till_done()
    assert save.call_count == later.call_count == 0
    assert stored(hass_storage, anna) == before
    assert {state.entity_id: state.as_dict() for state in hass.states.async_all()} == states


ANNA = {"acupressure_profile": "Anna"}


@pytest.mark.parametrize(
    ("args", "language", "error"),
    [
        (ANNA | {"days": 0}, "en", "0 is not a valid days."),
        (ANNA | {"days": 10**30}, "en", "10000000000000000000000… is not a valid days."),
        (ANNA | {"days": 3651}, "en", "3651 is not a valid days."),
        (ANNA | {"area": "knee"}, "en", "knee is not a valid area."),
        ({"acupressure_profile": "Carl"}, "en", "No loaded mat profile matches “Carl”."),
        ({"acupressure_profile": 7}, "en", "No loaded mat profile matches “7”."),
        (
            {},
            "en",
            "Several mat profiles are loaded (Anna's mat, Ben's mat): say which mat you mean.",
        ),
        (
            {},
            "de",
            (
                "Es sind mehrere Mattenprofile geladen (Anna's mat, Ben's mat): "
                "Sag, welche Matte du meinst."
            ),
        ),
    ],
)
async def test_refusals(
    hass: HomeAssistant, anna: MockConfigEntry, args: dict[str, Any], language: str, error: str
) -> None:
    await add(hass, profile("Ben's mat", "01JMATPROFILE000000000000B"))
    result = await ask_tool(hass, language, **args)
    assert result.error
    assert result.data == {"error": error}


async def test_a_name_as_spoken(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    await add(hass, profile("Ben's mat", "01JMATPROFILE000000000000B"))
    await call(
        hass,
        "log_session",
        minutes=12,
        ended_at="2026-11-24T19:00:00",
        config_entry_id=anna.entry_id,
    )
    found = (await ask_tool(hass, acupressure_profile="anna", days=1)).data
    assert (found["profile"], found["sessions_in_days"], found["minutes_in_days"]) == (
        "Anna's mat",
        1,
        12.0,
    )
