"""The editor's description files of the mat triggers and conditions, as core reads them."""

import json
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import condition as condition_helper
from homeassistant.helpers.trigger import descriptions as trigger_descriptions
from homeassistant.setup import async_setup_component
from homeassistant.util.yaml import load_yaml_dict
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.acupressure_mat.condition import CONDITIONS
from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.trigger import TRIGGERS

PACKAGE = Path(__file__).parents[1] / "custom_components" / DOMAIN
# The schemas core itself checks these files with when it loads them for the editor.
SCHEMAS = {
    "triggers": trigger_descriptions._TRIGGERS_DESCRIPTION_SCHEMA,
    "conditions": condition_helper._CONDITIONS_DESCRIPTION_SCHEMA,
}
PROVIDED: dict[str, dict[str, Any]] = {"triggers": TRIGGERS, "conditions": CONDITIONS}
ICON_KEY = {"triggers": "trigger", "conditions": "condition"}


def descriptions(kind: str) -> dict[str, Any]:
    """Return a description file as core reads it: anchors resolved, dotted keys removed."""
    loaded: dict[str, Any] = SCHEMAS[kind](load_yaml_dict(str(PACKAGE / f"{kind}.yaml")))
    return loaded


def translations(language: str) -> dict[str, Any]:
    """Return a translation file."""
    text = (PACKAGE / "translations" / f"{language}.json").read_text(encoding="utf-8")
    content: dict[str, Any] = json.loads(text)
    return content


@pytest.mark.parametrize("kind", ["triggers", "conditions"])
def test_every_description_matches_the_code(kind: str) -> None:
    described = descriptions(kind)
    assert set(described) == set(PROVIDED[kind])
    for key, description in described.items():
        assert description["fields"]["config_entry_id"]["selector"] == {
            "config_entry": {"integration": DOMAIN}
        }, key


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("kind", ["triggers", "conditions"])
def test_every_description_is_translated(kind: str, language: str) -> None:
    translated = translations(language)[kind]
    described = descriptions(kind)
    assert set(translated) == set(described)
    for key, description in described.items():
        assert translated[key]["name"], key
        assert translated[key]["description"], key
        assert set(translated[key]["fields"]) == set(description["fields"]), key


@pytest.mark.parametrize("kind", ["triggers", "conditions"])
def test_every_description_has_an_icon(kind: str) -> None:
    icons = json.loads((PACKAGE / "icons.json").read_text(encoding="utf-8"))[kind]
    assert set(icons) == set(PROVIDED[kind])
    assert all(icon[ICON_KEY[kind]].startswith("mdi:") for icon in icons.values())


async def test_the_editor_receives_the_descriptions(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator, init_integration: MockConfigEntry
) -> None:
    assert await async_setup_component(hass, "websocket_api", {})
    client = await hass_ws_client(hass)
    for kind in ("trigger", "condition"):
        await client.send_json_auto_id({"type": f"{kind}_platforms/subscribe"})
        assert (await client.receive_json())["success"]
        sent = (await client.receive_json())["event"]
        mine = {key for key in sent if key.startswith(f"{DOMAIN}.")}
        assert mine == {f"{DOMAIN}.{key}" for key in PROVIDED[f"{kind}s"]}
        stopped = sent.get(f"{DOMAIN}.session_stopped") or sent[f"{DOMAIN}.streak_at_least"]
        assert "config_entry_id" in stopped["fields"]
