"""The sentences go to every folder Assist reads for a language's variants, by the usual rules."""

from pathlib import Path

from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.const import DOMAIN

from .helpers import add, ask, speech

pytestmark = pytest.mark.usefixtures("frozen")

# Assist's own folders: de-AT is served from de-CH, cs-CZ from cs and en-GB from en.
FOLDERS = ("cs", "de", "de-CH", "en")


def installed(hass: HomeAssistant) -> list[str]:
    """Return the folders that hold our sentences."""
    root = Path(hass.config.path("custom_sentences"))
    return sorted(path.parent.name for path in root.glob(f"*/{DOMAIN}.yaml"))


def variant_file(hass: HomeAssistant) -> Path:
    """Return where Assist reads our sentences for de-CH and de-AT."""
    return Path(hass.config.path("custom_sentences", "de-CH", f"{DOMAIN}.yaml"))


@pytest.mark.parametrize(
    ("language", "text", "reply"),
    [
        (
            "de-CH",
            "starte die Matte",
            "5-Minuten-Sitzung auf der Matte gestartet; sie endet um 20:05.",
        ),
        (
            "de-AT",
            "starte die Nagelmatte",
            "5-Minuten-Sitzung auf der Matte gestartet; sie endet um 20:05.",
        ),
        (
            "de",
            "Akupressur starten",
            "5-Minuten-Sitzung auf der Matte gestartet; sie endet um 20:05.",
        ),
        ("cs-CZ", "spusť podložku", "Sezení na podložce spuštěno na 5 minut, skončí ve 20:05."),
        ("en-GB", "start the mat", "Started a 5 minute mat session, ending at 20:05."),
        ("en-US", "start the mat", "Started a 5 minute mat session, ending at 20:05."),
    ],
)
async def test_every_variant_is_understood(
    hass: HomeAssistant,
    assist: None,
    mock_config_entry: MockConfigEntry,
    language: str,
    text: str,
    reply: str,
) -> None:
    hass.config.language = language
    assert speech(await ask(hass, text, None)) != reply  # nothing installed yet
    await add(hass, mock_config_entry)
    assert installed(hass) == list(FOLDERS)
    assert speech(await ask(hass, text, None)) == reply


async def test_removed_with_the_last_profile(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    assert installed(hass) == list(FOLDERS)
    assert await hass.config_entries.async_remove(anna.entry_id)
    await hass.async_block_till_done()
    assert installed(hass) == []


@pytest.mark.parametrize("options", [{"install_sentences": False}])
async def test_none_when_turned_off(hass: HomeAssistant, anna: MockConfigEntry) -> None:
    assert installed(hass) == []
    assert speech(await ask(hass, "starte die Matte", "de-AT")) != (
        "5-Minuten-Sitzung auf der Matte gestartet; sie endet um 20:05."
    )


async def test_an_edited_variant_is_the_users(
    hass: HomeAssistant, assist: None, mock_config_entry: MockConfigEntry
) -> None:
    path = variant_file(hass)
    path.parent.mkdir(parents=True)
    path.write_text("language: de-CH\n", encoding="utf-8")
    await add(hass, mock_config_entry)
    assert path.read_text(encoding="utf-8") == "language: de-CH\n"
    assert installed(hass) == list(FOLDERS)
    assert await hass.config_entries.async_remove(mock_config_entry.entry_id)
    assert path.read_text(encoding="utf-8") == "language: de-CH\n"
