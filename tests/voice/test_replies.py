"""Replies come in the language asked, with the plural form that language uses."""

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from tests.helpers import advance, call

from .helpers import ask, speech

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.parametrize(
    ("minutes", "reply"),
    [
        (1, "Anna's mat: zbývá jedna minuta; sezení skončí ve 20:01."),
        (3, "Anna's mat: zbývají 3 minuty; sezení skončí ve 20:03."),
        (4, "Anna's mat: zbývají 4 minuty; sezení skončí ve 20:04."),
        (5, "Anna's mat: zbývá 5 minut; sezení skončí ve 20:05."),
        (12, "Anna's mat: zbývá 12 minut; sezení skončí ve 20:12."),
    ],
)
async def test_czech_has_three_plural_forms(
    hass: HomeAssistant, anna: MockConfigEntry, minutes: int, reply: str
) -> None:
    await call(hass, "start_session", minutes=minutes)
    assert speech(await ask(hass, "kolik času zbývá na podložce", "cs")) == reply


@pytest.mark.parametrize(
    ("language", "text", "reply"),
    [
        ("en", "start the mat for 2 minutes", "Started a 2 minute mat session, ending at 20:02."),
        (
            "de",
            "starte die Matte für 2 Minuten",
            "2-Minuten-Sitzung auf der Matte gestartet; sie endet um 20:02.",
        ),
        (
            "cs",
            "spusť podložku na jednu minutu",
            "Sezení na podložce spuštěno na jednu minutu, skončí ve 20:01.",
        ),
        (
            "cs",
            "spusť podložku na dvě minuty",
            "Sezení na podložce spuštěno na 2 minuty, skončí ve 20:02.",
        ),
    ],
)
async def test_replies_in_the_language_asked(
    hass: HomeAssistant, anna: MockConfigEntry, language: str, text: str, reply: str
) -> None:
    assert speech(await ask(hass, text, language)) == reply


@pytest.mark.parametrize(
    ("language", "text", "refusal"),
    [
        ("en", "pause the mat", "No session is running."),
        ("de", "pausiere die Matte", "Es läuft keine Sitzung."),
        ("cs", "pozastav podložku", "Neběží žádné sezení."),
        ("cs", "spusť podložku na dvě stě minut", "Zvolte 1 až 120 minut, ne 200."),
        ("cs", "bolest zad jedenáct", "Hodnocení bolesti je od 0 do 10, ne 11."),
    ],
)
async def test_refusals_in_the_language_asked(
    hass: HomeAssistant, anna: MockConfigEntry, language: str, text: str, refusal: str
) -> None:
    assert speech(await ask(hass, text, language)) == refusal


async def test_czech_streak_days(
    hass: HomeAssistant, anna: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    for day in (22, 23, 24):
        await call(hass, "log_session", minutes=10, ended_at=f"2026-11-{day}T19:00:00+01:00")
    await advance(hass, frozen, seconds=1)
    assert speech(await ask(hass, "jakou mám sérii na podložce", "cs")) == (
        "Anna's mat má sérii 3 dnů v řadě."
    )


@pytest.mark.parametrize(
    ("language", "text", "refusal"),
    [
        ("de-AT", "pausiere die Matte", "Es läuft keine Sitzung."),
        ("de-CH", "pausiere die Matte", "Es läuft keine Sitzung."),
        ("cs-CZ", "pozastav podložku", "Neběží žádné sezení."),
        ("en-GB", "pause the mat", "No session is running."),
    ],
)
async def test_refusals_in_a_regional_language(
    hass: HomeAssistant, anna: MockConfigEntry, language: str, text: str, refusal: str
) -> None:
    assert speech(await ask(hass, text, language)) == refusal
