"""Texts outside Home Assistant's translation categories: replies, cues, media titles, words."""

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.util.hass_dict import HassKey
from homeassistant.util.yaml import load_yaml_dict

from .const import DOMAIN

SHIPPED = Path(__file__).parent / "texts"
# Read when the module is imported, so nothing touches the disk on the event loop later.
LANGUAGES = frozenset(path.stem for path in SHIPPED.glob("*.yaml"))
FALLBACK = "en"
DATA_TEXTS: HassKey[dict[str, Texts]] = HassKey(f"{DOMAIN}_texts")


def _one_other(count: int) -> str:
    """Return the plural form of English or German: one, or any other number."""
    return "one" if count == 1 else "other"


def _one_few_other(count: int) -> str:
    """Return the plural form of Czech: one, two to four (few), or any other number."""
    if count == 1:
        return "one"
    return "few" if 2 <= count <= 4 else "other"  # noqa: PLR2004


# The rule a texts file names under "plural"; "other" is the reply's key without a suffix.
PLURAL_RULES: dict[str, Callable[[int], str]] = {
    "one_other": _one_other,
    "one_few_other": _one_few_other,
}


HALF_MINUTE = timedelta(seconds=30)


@dataclass(frozen=True, slots=True)
class Texts:
    """The texts of one language."""

    language: str
    sections: dict[str, Any]

    def get(self, section: str, key: str, **placeholders: object) -> str:
        """Return a text with its placeholders filled."""
        text = str(self.sections[section][key])
        with suppress(KeyError, IndexError, ValueError):
            text = text.format(**placeholders)
        return text

    def count(self, key: str, count: int, **placeholders: object) -> str:
        """Return the reply in the plural form the language uses for the count."""
        form = PLURAL_RULES[str(self.sections["plural"])](count)
        replies = self.sections["replies"]
        found = f"{key}_{form}" if f"{key}_{form}" in replies else key
        return self.get("replies", found, count=count, **placeholders)

    def clock(self, local: datetime) -> str:
        """Say a local time to the nearest minute, with the word before it ("at 22:41")."""
        shown = local + HALF_MINUTE
        # A language lists the hours that take another word before them (Czech: "ve 2:15").
        key = "at_cluster" if shown.hour in self.sections["clock"]["cluster_hours"] else "at"
        return self.get("clock", key, hour=shown.hour, minute=shown.minute)

    def words(self, key: str) -> frozenset[str]:
        """Return a word list, such as the words around a spoken profile name."""
        return frozenset(str(word).casefold() for word in self.sections["profile_words"][key])


def shipped_language(language: str) -> str:
    """Return the shipped language for a language tag ("de-CH" → "de"), else English."""
    base = language.replace("_", "-").partition("-")[0].casefold()
    return base if base in LANGUAGES else FALLBACK


async def async_load_texts(hass: HomeAssistant) -> None:
    """Read every shipped language once, in the executor, when the integration is set up."""
    hass.data[DATA_TEXTS] = await hass.async_add_executor_job(_read_all)


def _read_all() -> dict[str, Texts]:
    """Read the texts of every shipped language."""
    return {
        language: Texts(language, dict(load_yaml_dict(str(SHIPPED / f"{language}.yaml"))))
        for language in LANGUAGES
    }


def get_texts(hass: HomeAssistant, language: str) -> Texts:
    """Return the texts of a language (its base language, else English)."""
    return hass.data[DATA_TEXTS][shipped_language(language)]
