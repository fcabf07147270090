"""Replies say when the session ends, in Home Assistant's time zone and the language's words."""

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from tests.helpers import advance, call, move_to

from .helpers import ask, speech

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.parametrize(
    ("start", "said"),
    [
        ("2026-11-24T00:05:00+01:00", "v 0:15"),
        ("2026-11-24T01:50:00+01:00", "ve 2:00"),
        ("2026-11-24T03:05:00+01:00", "ve 3:15"),
        ("2026-11-24T04:40:00+01:00", "ve 4:50"),
        ("2026-11-24T08:55:00+01:00", "v 9:05"),
        ("2026-11-24T10:05:00+01:00", "v 10:15"),
        ("2026-11-24T12:00:00+01:00", "ve 12:10"),
        ("2026-11-24T14:49:00+01:00", "ve 14:59"),
        ("2026-11-24T15:00:00+01:00", "v 15:10"),
        ("2026-11-24T19:55:00+01:00", "ve 20:05"),
        ("2026-11-24T22:31:00+01:00", "ve 22:41"),
    ],
)
async def test_czech_says_v_or_ve_by_the_hour(
    hass: HomeAssistant, anna: MockConfigEntry, frozen: FrozenDateTimeFactory, start: str, said: str
) -> None:
    await move_to(hass, frozen, start)
    reply = speech(await ask(hass, "spusť podložku na deset minut", "cs"))
    assert reply == f"Sezení na podložce spuštěno na 10 minut, skončí {said}."


@pytest.mark.parametrize(
    ("language", "start", "extend", "left"),
    [
        (
            "en",
            "start the mat for 10 minutes",
            "Your mat session now lasts 15 minutes, ending at 20:15.",
            "12 minutes left on Anna's mat, ending at 20:15.",
        ),
        (
            "de",
            "starte die Matte für zehn Minuten",
            "Deine Sitzung auf der Matte dauert jetzt 15 Minuten und endet um 20:15.",
            "Noch 12 Minuten auf Anna's mat; die Sitzung endet um 20:15.",
        ),
        (
            "cs",
            "spusť podložku na deset minut",
            "Sezení na podložce teď trvá 15 minut a skončí ve 20:15.",
            "Anna's mat: zbývá 12 minut; sezení skončí ve 20:15.",
        ),
    ],
)
async def test_extend_and_time_left_say_the_end(
    hass: HomeAssistant,
    anna: MockConfigEntry,
    frozen: FrozenDateTimeFactory,
    language: str,
    start: str,
    extend: str,
    left: str,
) -> None:
    await ask(hass, start, language)
    await call(hass, "extend_session", minutes=5)
    await call(hass, "stop_session")
    await ask(hass, start, language)
    phrase = {
        "en": "add five minutes to the mat",
        "de": "verlängere die Matte um fünf Minuten",
        "cs": "prodluž podložku o pět minut",
    }[language]
    assert speech(await ask(hass, phrase, language)) == extend
    await advance(hass, frozen, minutes=3)
    question = {
        "en": "how long is left on the mat",
        "de": "wie lange läuft die Matte noch",
        "cs": "kolik času zbývá na podložce",
    }[language]
    assert speech(await ask(hass, question, language)) == left


@pytest.mark.parametrize(
    ("language", "phrase", "reply"),
    [
        (
            "en",
            "add five minutes to the mat",
            "Your mat session now lasts 15 minutes; it is paused.",
        ),
        (
            "de",
            "verlängere die Matte um fünf Minuten",
            "Deine Sitzung auf der Matte dauert jetzt 15 Minuten; sie ist pausiert.",
        ),
        (
            "cs",
            "prodluž podložku o pět minut",
            "Sezení na podložce teď trvá 15 minut; je pozastavené.",
        ),
        (
            "cs",
            "prodluž podložku o dvě minuty",
            "Sezení na podložce teď trvá 12 minut; je pozastavené.",
        ),
    ],
)
async def test_a_paused_session_claims_no_end(
    hass: HomeAssistant, anna: MockConfigEntry, language: str, phrase: str, reply: str
) -> None:
    await call(hass, "start_session", minutes=10)
    await call(hass, "pause_session")
    assert speech(await ask(hass, phrase, language)) == reply
    left = speech(await ask(hass, "how long is left on the mat"))
    assert left.endswith("left on Anna's mat; the session is paused.")
    assert "ending" not in left


async def test_the_end_moves_with_a_pause_and_rounds_to_the_minute(
    hass: HomeAssistant, anna: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    await move_to(hass, frozen, "2026-11-24T20:00:40+01:00")
    assert speech(await ask(hass, "start the mat for 10 minutes")) == (
        "Started a 10 minute mat session, ending at 20:11."
    )
    await advance(hass, frozen, minutes=2)
    await call(hass, "pause_session")
    await advance(hass, frozen, minutes=30)
    await call(hass, "resume_session")
    assert speech(await ask(hass, "how long is left on the mat")) == (
        "8 minutes left on Anna's mat, ending at 20:41."
    )


@pytest.mark.parametrize(
    ("start", "reply"),
    [
        # Summer time ends at 03:00 CEST: the session ends at 02:20 of the repeated hour.
        ("2026-10-25T02:50:00+02:00", "Started a 30 minute mat session, ending at 02:20."),
        # Summer time begins at 02:00 CET: thirty minutes after 01:50 it is 03:20.
        ("2026-03-29T01:50:00+01:00", "Started a 30 minute mat session, ending at 03:20."),
    ],
)
async def test_end_across_a_dst_change(
    hass: HomeAssistant,
    anna: MockConfigEntry,
    frozen: FrozenDateTimeFactory,
    start: str,
    reply: str,
) -> None:
    await move_to(hass, frozen, start)
    assert speech(await ask(hass, "start the mat for 30 minutes")) == reply


async def test_end_in_another_time_zone(
    hass: HomeAssistant, anna: MockConfigEntry, frozen: FrozenDateTimeFactory
) -> None:
    await hass.config.async_set_time_zone("America/New_York")
    await hass.async_block_till_done()
    # 20:00 in Berlin is 14:00 in New York.
    assert speech(await ask(hass, "start the mat for 10 minutes")) == (
        "Started a 10 minute mat session, ending at 14:10."
    )
    assert speech(await ask(hass, "kolik času zbývá na podložce", "cs")) == (
        "Anna's mat: zbývá 10 minut; sezení skončí ve 14:10."
    )
