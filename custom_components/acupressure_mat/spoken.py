"""Voice around the intents: which profile a spoken name means, and errors read out loud."""

from contextlib import suppress
import re

from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.translation import async_get_translations

from .const import DOMAIN
from .data import MatConfigEntry, loaded_profile
from .helpers import mat_error
from .texts import Texts, shipped_language

# How long a repeated value may be: a refusal reads it out.
MAX_SAID = 24


def name_key(text: str, texts: Texts) -> str:
    """Reduce a profile name to the words that identify it, as speech recognition gives them."""
    words = re.findall(r"\w+", re.sub(r"['\u2019]s\b", "", text.casefold()).replace("'", ""))
    leading, trailing = texts.words("leading"), texts.words("trailing")
    while words and words[0] in leading:
        words.pop(0)
    while words and words[-1] in trailing:
        words.pop()
    return " ".join(words)


def _match(entries: list[MatConfigEntry], spoken: str, texts: Texts) -> MatConfigEntry | None:
    """Return the one profile a spoken name means, exactly or but for a plural/possessive s."""
    key = name_key(spoken, texts)
    titles = [(name_key(entry.title, texts), entry) for entry in entries]
    found = [entry for title, entry in titles if title == key]
    if not found:
        found = [e for title, e in titles if title.removesuffix("s") == key.removesuffix("s")]
    return found[0] if len(found) == 1 else None


def spoken_profile(
    hass: HomeAssistant, spoken: str | None, texts: Texts, said: str | None = None
) -> MatConfigEntry:
    """Return the profile a sentence names (said as given), or the only loaded one if none."""
    loaded: list[MatConfigEntry] = hass.config_entries.async_loaded_entries(DOMAIN)
    if spoken is None or not name_key(spoken, texts):
        if len(loaded) > 1:
            names = ", ".join(sorted(e.title for e in loaded))
            raise mat_error("profile_not_named", profiles=names)
        return loaded_profile(hass, None)
    entry = _match(loaded, spoken, texts)
    if entry is None:
        raise mat_error("profile_name_unknown", name=said or spoken)
    return entry


def said_value(value: object) -> str:
    """Return a value as a refusal repeats it, shortened so it can be read out."""
    try:
        said = str(value)
    except ValueError:
        # An integer of thousands of digits has no text form.
        return "…"
    return said if len(said) <= MAX_SAID else f"{said[: MAX_SAID - 1]}…"


async def async_error_text(hass: HomeAssistant, language: str, err: HomeAssistantError) -> str:
    """Return an error's message in the user's language."""
    # Translations exist per base language: "de-AT" and "cs-CZ" read de.json and cs.json.
    texts = await async_get_translations(hass, shipped_language(language), "exceptions", [DOMAIN])
    message = texts.get(f"component.{DOMAIN}.exceptions.{err.translation_key}.message")
    if err.translation_domain != DOMAIN or not message:
        return str(err)
    with suppress(KeyError, IndexError, ValueError):
        message = message.format(**(err.translation_placeholders or {}))
    return message
