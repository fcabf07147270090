"""The README's automation cookbook: its mat triggers, conditions and automations, as written."""

from pathlib import Path
import re
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.condition import async_validate_condition_config
from homeassistant.helpers.trigger import async_validate_trigger_config
from homeassistant.setup import async_setup_component
from homeassistant.util.yaml import parse_yaml
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.const import DOMAIN

README = Path(__file__).parent.parent / "README.md"


def blocks() -> list[Any]:
    """Return every YAML example of the cookbook section, parsed."""
    text = README.read_text(encoding="utf-8")
    cookbook = text[
        text.index("## Automation cookbook") : text.index("### Templates and dashboards")
    ]
    return [parse_yaml(block) for block in re.findall(r"```yaml\n(.*?)```", cookbook, re.DOTALL)]


def items(key: str) -> list[dict[str, Any]]:
    """Return the list items of the cookbook that are triggers or conditions."""
    return [item for block in blocks() if isinstance(block, list) for item in block if key in item]


@pytest.mark.usefixtures("init_integration")
async def test_cookbook_triggers_and_conditions_are_valid(hass: HomeAssistant) -> None:
    triggers = items("trigger")
    conditions = items("condition")
    assert len(triggers) == 4
    assert len(conditions) == 2
    assert await async_validate_trigger_config(hass, cv.TRIGGER_SCHEMA(triggers))
    for condition in conditions:
        assert await async_validate_condition_config(hass, condition)


async def test_cookbook_automations_set_up(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    automations = [block for block in blocks() if isinstance(block, dict)]
    assert len(automations) == 2
    assert await async_setup_component(hass, "conversation", {})
    assert await async_setup_component(hass, "automation", {"automation": automations})
    await hass.async_block_till_done()
    assert [a.state for a in hass.states.async_all("automation")] == ["on", "on"]
    await hass.services.async_call(DOMAIN, "start_session", {"minutes": 5}, blocking=True)
    await hass.services.async_call(DOMAIN, "stop_session", {}, blocking=True)
