"""How Assist hears a profile's name."""

from homeassistant.core import HomeAssistant
import pytest

from .helpers import add, profile, refused_aloud, say

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Anna's mat", "start a ten minute session on annas mat"),
        ("Anna's mat", "start a ten minute session on Anna\u2019s mat"),
        ("Bedroom", "start a ten minute session on the bedroom mat"),
        ("James", "start a ten minute session on James's mat"),
    ],
)
async def test_spoken_names(hass: HomeAssistant, assist: None, title: str, text: str) -> None:
    entry = await add(hass, profile(title, "01JMATPROFILE000000000000C"))
    await add(hass, profile("Other", "01JMATPROFILE000000000000D"))
    assert await say(hass, text) == "Started a 10 minute mat session, ending at 20:10."
    assert entry.runtime_data.runtime.readout.session_duration == 10


async def test_ambiguous_name(hass: HomeAssistant, assist: None) -> None:
    await add(hass, profile("Anna", "01JMATPROFILE000000000000C"))
    await add(hass, profile("Anna's mat", "01JMATPROFILE000000000000D"))
    assert await refused_aloud(hass, "start a mat session on Anna's mat") == (
        "No loaded mat profile matches “Anna's”."
    )
