"""The README's examples work as written."""

from pathlib import Path
import re
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util.yaml import parse_yaml
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_mock_service

from .fake_speaker import Speakers
from .helpers import advance, state

README = Path(__file__).parent.parent / "README.md"


def yaml_blocks() -> list[Any]:
    """Return every YAML example of the README, parsed."""
    text = README.read_text(encoding="utf-8")
    return [parse_yaml(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)]


def examples(key: str) -> list[dict[str, Any]]:
    """Return the examples that are mappings with the key."""
    return [block for block in yaml_blocks() if isinstance(block, dict) and key in block]


async def test_action_examples_run(
    hass: HomeAssistant, speakers: Speakers, init_integration: MockConfigEntry
) -> None:
    actions = examples("action")
    assert len(actions) >= 2
    for example in actions:
        domain, _, name = example["action"].partition(".")
        await hass.services.async_call(
            domain,
            name,
            example.get("data", {}),
            blocking=True,
            return_response="response_variable" in example,
        )
    assert state(hass, "sensor.session_state") == "active"
    assert state(hass, "sensor.last_pain_rating") == "4"


# The time trigger has planned tomorrow's run when the test ends.
@pytest.mark.parametrize("expected_lingering_timers", [True])
async def test_the_insomnia_routine_runs(
    hass: HomeAssistant,
    speakers: Speakers,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    lights_on = async_mock_service(hass, "light", "turn_on")
    lights_off = async_mock_service(hass, "light", "turn_off")
    notes = async_mock_service(hass, "notify", "mobile_app_annas_phone")
    (config,) = examples("automation")
    freezer.move_to("2026-11-24T22:29:59+01:00")
    assert await async_setup_component(hass, "automation", config)
    await hass.async_block_till_done()
    automations = hass.states.async_all("automation")
    assert len(automations) == 3
    assert {found.state for found in automations} == {"on"}
    await advance(hass, freezer, seconds=1)
    assert len(lights_on) == 1
    assert state(hass, "sensor.session_state") == "active"
    assert notes[0].data["message"] == "Mat session of 5 minutes started."
    await advance(hass, freezer, minutes=5)
    assert state(hass, "sensor.session_state") == "idle"
    assert len(lights_off) == 1


async def test_insights_response_example_has_the_response_shape(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    (example,) = examples("pain_average_30d")
    response = await hass.services.async_call(
        "acupressure_mat", "get_insights", {}, blocking=True, return_response=True
    )
    assert isinstance(response, dict)
    assert set(example) == set(response)
    assert example["sleep"] == response["sleep"]
    assert len(example["weeks"]) + 9 == len(response["weeks"])
    assert {frozenset(week) for week in example["weeks"]} == {frozenset(response["weeks"][0])}
    assert all(isinstance(week["week_start"], str) for week in example["weeks"])
