"""Installs the integration's Assist sentences where the default conversation agent reads them."""

import asyncio
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
import json
import logging
from pathlib import Path
import re

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN
from .data import MatConfigEntry, ProfileOptions
from .name_forms import czech_forms
from .shipped_files import update_text
from .spoken import name_key
from .texts import DATA_TEXTS, Texts, async_load_texts

SHIPPED = Path(__file__).parent / "sentences"
LANGUAGES = ("cs", "de", "en")
# The declined forms a language says a name in, added to its profile list.
NAME_FORMS: dict[str, Callable[[str], frozenset[str]]] = {"cs": czech_forms}
FILE_NAME = f"{DOMAIN}.yaml"
HEADER = (
    "# Installed by the Acupressure Mat integration, which updates it and removes it with the\n"
    "# last mat profile. Once you edit it, it is yours and the integration leaves it alone.\n"
)
# Every shipped file ends its profile list so; the loaded profiles' names are written in.
PROFILE_LIST = "  acupressure_profile:\n    values: []\n"
# Characters that mean something in a sentence template, so a spoken name must not hold them.
_TEMPLATE_CHARACTERS = re.compile(r"[\[\]{}()<>|;:]")


@dataclass(slots=True)
class _Installed:
    """What this run of Home Assistant last made of the sentence files."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    done: tuple[bool, tuple[str, ...]] | None = None


DATA_INSTALLED: HassKey[_Installed] = HassKey(f"{DOMAIN}_sentences")

_LOGGER = logging.getLogger(__name__)


def _profiles(
    hass: HomeAssistant, adding: MatConfigEntry | None, leaving: str | None
) -> list[MatConfigEntry]:
    """Return the loaded profiles, counting one being set up and not one leaving."""
    entries = [
        entry
        for entry in hass.config_entries.async_loaded_entries(DOMAIN)
        if entry.entry_id not in {leaving, adding and adding.entry_id}
    ]
    return entries if adding is None else [*entries, adding]


def sentences_wanted(
    hass: HomeAssistant, *, adding: MatConfigEntry | None = None, leaving: str | None = None
) -> bool:
    """Tell whether a loaded profile (counting one being set up, not one leaving) wants them."""
    entries = _profiles(hass, adding, leaving)
    return any(ProfileOptions.from_entry(entry).install_sentences for entry in entries)


def spoken_names(
    titles: Iterable[str],
    languages: Iterable[Texts],
    declined: Callable[[str], frozenset[str]] | None = None,
) -> list[str | dict[str, str]]:
    """Return the profile list's values: each way a name may be said, mapped to its profile."""
    owners: defaultdict[str, set[str]] = defaultdict(set)
    shown: dict[str, str] = {}
    others: defaultdict[str, set[str]] = defaultdict(set)
    for title in titles:
        plain = _TEMPLATE_CHARACTERS.sub(" ", title.replace("\u2019", "'")).strip()
        # The name without "my", "mat", "Matte" or "podložka", in whichever language it is written.
        cores = [core for texts in languages if (core := name_key(plain, texts))]
        said = {plain, plain.replace("'", "")}
        if cores:
            core = min(cores, key=len)
            said |= {core, f"{core}s", f"{core}'s"}
            for form in declined(core) if declined else ():
                others[form].add(title)
        # A name of template characters only is not spoken, and an empty form would match nothing.
        for form in filter(None, said):
            owners[form.casefold()].add(title)
            shown.setdefault(form.casefold(), form)
    # A declined form ("Petra" of Petr) is taken only when it is no profile's own way of being
    # said (a profile named Petra) and is the form of one profile alone.
    for form, found in others.items():
        if form not in owners and len(found) == 1:
            owners[form], shown[form] = found, form
    # A way of saying shared by two profiles stays a plain text, which the handler finds ambiguous.
    return [
        {"in": shown[form], "out": next(iter(found))} if len(found) == 1 else shown[form]
        for form, found in sorted(owners.items())
    ]


async def async_update_sentences(
    hass: HomeAssistant, *, adding: MatConfigEntry | None = None, leaving: str | None = None
) -> None:
    """Install, update or remove our sentence files, then have Assist read them again."""
    wanted = sentences_wanted(hass, adding=adding, leaving=leaving)
    # Every configured profile's name, so a disabled one is heard and refused as not loaded;
    # a rename reloads the profile, and so arrives here with the new title.
    titles = tuple(
        sorted(
            entry.title
            for entry in hass.config_entries.async_entries(DOMAIN)
            if entry.entry_id != leaving
        )
    )
    if DATA_TEXTS not in hass.data:
        await async_load_texts(hass)
    languages = hass.data[DATA_TEXTS].values()
    values = {
        language: json.dumps(
            spoken_names(titles, languages, NAME_FORMS.get(language)), ensure_ascii=False
        )
        for language in LANGUAGES
    }
    installed = hass.data.setdefault(DATA_INSTALLED, _Installed())
    root = Path(hass.config.path("custom_sentences"))
    async with installed.lock:
        # Reloading a profile changes nothing, so it touches no file and does not wait.
        if installed.done == (wanted, titles):
            return
        try:
            changed = await hass.async_add_executor_job(
                _update_all, root, values if wanted else None
            )
        except OSError:
            # Voice is an extra: a profile loads even when its sentences cannot be put in place.
            _LOGGER.warning("Could not update the Assist sentences in %s", root, exc_info=True)
            return
        installed.done = (wanted, titles)
    await _async_reload(hass, changed)


async def _async_reload(hass: HomeAssistant, changed: list[str]) -> None:
    """Have Assist read the sentences of the changed languages again."""
    if not changed or not hass.services.has_service("conversation", "reload"):
        return
    # The default agent caches intents per requested language, e.g. "en" and "en-GB".
    languages = set(changed)
    if hass.config.language.partition("-")[0] in {tag.partition("-")[0] for tag in changed}:
        languages.add(hass.config.language)
    try:
        for language in sorted(languages):
            await hass.services.async_call(
                "conversation", "reload", {"language": language}, blocking=True
            )
    except HomeAssistantError:
        _LOGGER.warning("Assist could not reload its sentences", exc_info=True)


def sentence_body(language: str, values: str) -> str:
    """Return a language's sentence file with the profile names written into its list."""
    shipped = (SHIPPED / f"{language}.yaml").read_text(encoding="utf-8")
    return shipped.replace(PROFILE_LIST, PROFILE_LIST.replace("[]", values))


def folders(language: str) -> list[str]:
    """Return the folders Assist reads a language's custom sentences from, regional ones too."""
    # Assist reads the folder of the variant it picks for the language asked (de-AT picks de-CH).
    # Its sentence package comes with the conversation integration, which may not be installed.
    try:
        from home_assistant_intents import get_languages  # noqa: PLC0415
    except ImportError:  # pragma: no cover - Home Assistant ships it
        return [language]
    return sorted({language} | {tag for tag in get_languages() if tag.split("-")[0] == language})


def _update_all(root: Path, values: dict[str, str] | None) -> list[str]:
    """Update the file of each language variant and return the variants that changed."""
    changed: list[str] = []
    for language in LANGUAGES:
        body = None if values is None else sentence_body(language, values[language])
        changed.extend(
            folder
            for folder in folders(language)
            if update_text(root / folder / FILE_NAME, body, HEADER)
        )
    return changed
