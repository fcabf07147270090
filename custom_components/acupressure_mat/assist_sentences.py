"""Installs the integration's Assist sentences where the default conversation agent reads them."""

import asyncio
from dataclasses import dataclass, field
import logging
from pathlib import Path

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN
from .data import MatConfigEntry, ProfileOptions
from .shipped_files import update_file

SHIPPED = Path(__file__).parent / "sentences"
LANGUAGES = ("en",)
FILE_NAME = f"{DOMAIN}.yaml"
HEADER = (
    "# Installed by the Acupressure Mat integration, which updates it and removes it with the\n"
    "# last mat profile. Once you edit it, it is yours and the integration leaves it alone.\n"
)


@dataclass(slots=True)
class _Installed:
    """What this run of Home Assistant last made of the sentence files."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    wanted: bool | None = None


DATA_INSTALLED: HassKey[_Installed] = HassKey(f"{DOMAIN}_sentences")

_LOGGER = logging.getLogger(__name__)


def sentences_wanted(
    hass: HomeAssistant, *, adding: MatConfigEntry | None = None, leaving: str | None = None
) -> bool:
    """Tell whether a loaded profile (counting one being set up, not one leaving) wants them."""
    entries = [
        entry
        for entry in hass.config_entries.async_loaded_entries(DOMAIN)
        if entry.entry_id != leaving
    ]
    if adding is not None:
        entries.append(adding)
    return any(ProfileOptions.from_entry(entry).install_sentences for entry in entries)


async def async_update_sentences(hass: HomeAssistant, wanted: bool) -> None:  # noqa: FBT001
    """Install, update or remove our sentence files, then have Assist read them again."""
    installed = hass.data.setdefault(DATA_INSTALLED, _Installed())
    root = Path(hass.config.path("custom_sentences"))
    async with installed.lock:
        # Reloading a profile changes nothing, so it touches no file and does not wait.
        if installed.wanted is wanted:
            return
        try:
            changed = await hass.async_add_executor_job(_update_all, root, wanted)
        except OSError:
            # Voice is an extra: a profile loads even when its sentences cannot be put in place.
            _LOGGER.warning("Could not update the Assist sentences in %s", root, exc_info=True)
            return
        installed.wanted = wanted
    if not changed or not hass.services.has_service("conversation", "reload"):
        return
    # The default agent caches intents per requested language, e.g. "en" and "en-GB".
    languages = set(changed)
    if hass.config.language.partition("-")[0] in languages:
        languages.add(hass.config.language)
    try:
        for language in sorted(languages):
            await hass.services.async_call(
                "conversation", "reload", {"language": language}, blocking=True
            )
    except HomeAssistantError:
        _LOGGER.warning("Assist could not reload its sentences", exc_info=True)


def _update_all(root: Path, wanted: bool) -> list[str]:  # noqa: FBT001
    """Update the file of each shipped language and return the languages that changed."""
    return [
        language
        for language in LANGUAGES
        if update_file(
            root / language / FILE_NAME, SHIPPED / f"{language}.yaml", HEADER, wanted=wanted
        )
    ]
