"""The integration's files the conformance tests read: manifest, translations, services.yaml."""

import json
from pathlib import Path
from typing import Any

from homeassistant.util.yaml import load_yaml

from custom_components.acupressure_mat.const import DOMAIN

ROOT = Path(__file__).parents[2]
PACKAGE = ROOT / "custom_components" / DOMAIN
# tests/test_translations.py checks that every language has en.json's keys and placeholders.
LANGUAGES = sorted(path.stem for path in (PACKAGE / "translations").glob("*.json"))


def load(path: Path) -> Any:
    """Return a JSON file's content."""
    return json.loads(path.read_text(encoding="utf-8"))


def read_manifest() -> dict[str, Any]:
    """Return the integration's manifest."""
    content: dict[str, Any] = load(PACKAGE / "manifest.json")
    return content


def texts(language: str) -> dict[str, Any]:
    """Return a translation file's content."""
    content: dict[str, Any] = load(PACKAGE / "translations" / f"{language}.json")
    return content


def actions() -> dict[str, Any]:
    """Return services.yaml, read by Home Assistant's own loader."""
    content = load_yaml(PACKAGE / "services.yaml")
    assert isinstance(content, dict)
    return content
