"""Every phrase the README's voice tables show is understood as a mat command."""

from pathlib import Path
import re

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from tests.helpers import call, state

from .helpers import ask

pytestmark = pytest.mark.usefixtures("frozen")

README = Path(__file__).parents[2] / "README.md"
HEADINGS = {"en": "### English", "de": "### Deutsch", "cs": "### Čeština"}


def table_phrases(language: str) -> list[str]:
    """Return the quoted phrases of a language's table in the README."""
    text = README.read_text(encoding="utf-8")
    section = text.split(HEADINGS[language], 1)[1].split("\n### ", 1)[0]
    rows = [line.split("|")[1] for line in section.splitlines() if line.startswith('| "')]
    return [phrase for row in rows for phrase in re.findall(r'"([^"]+)"', row)]


@pytest.mark.parametrize("language", sorted(HEADINGS))
async def test_readme_phrases(hass: HomeAssistant, anna: MockConfigEntry, language: str) -> None:
    phrases = table_phrases(language)
    assert len(phrases) >= 16
    misheard = {}
    for phrase in phrases:
        response = await ask(hass, phrase, language)
        found = None if response.intent is None else response.intent.intent_type
        if found is None or not found.startswith("AcupressureMat"):
            misheard[phrase] = found
        if state(hass, "sensor.session_state") != "idle":
            await call(hass, "stop_session")
    assert misheard == {}
