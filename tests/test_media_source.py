"""Guidance audio in Home Assistant's media browser."""

from http import HTTPStatus

from homeassistant.components import media_source
from homeassistant.components.media_player import BrowseError
from homeassistant.components.media_source import Unresolvable
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.engine.audio.encode import mp3_duration

ROOT = f"media-source://{DOMAIN}"


async def browse(hass: HomeAssistant, path: str = "") -> dict[str, object]:
    """Browse like the frontend does, and return what it receives."""
    item = await media_source.async_browse_media(hass, f"{ROOT}/{path}" if path else ROOT)
    return item.as_dict()


def children(node: dict[str, object]) -> list[tuple[str, str, bool, bool]]:
    """Return each child's id, title, and whether it plays and expands."""
    kids = node["children"]
    assert isinstance(kids, list)
    return [(k["media_content_id"], k["title"], k["can_play"], k["can_expand"]) for k in kids]


async def test_the_source_is_listed(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    root = (await media_source.async_browse_media(hass, None)).as_dict()
    assert ("media-source://acupressure_mat", "Acupressure Mat", False, True) in children(root)


async def test_browse_the_tree(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    root = await browse(hass)
    assert root["title"] == "Acupressure Mat"
    assert root["media_content_id"] == ROOT
    assert root["can_expand"] is True
    assert root["can_play"] is False
    assert children(root) == [
        (f"{ROOT}/breathing", "Breathing", False, True),
        (f"{ROOT}/meditation", "Meditation", False, True),
    ]
    assert root["children_media_class"] == "directory"

    breathing = await browse(hass, "breathing")
    assert breathing["title"] == "Breathing"
    assert children(breathing) == [
        (f"{ROOT}/breathing/box", "Box breathing", False, True),
        (f"{ROOT}/breathing/4_7_8", "4-7-8 breathing", False, True),
        (f"{ROOT}/breathing/coherent", "Coherent breathing", False, True),
        (f"{ROOT}/breathing/calm", "Calm breathing", False, True),
    ]
    assert breathing["children_media_class"] == "directory"

    coherent = await browse(hass, "breathing/coherent")
    assert coherent["title"] == "Coherent breathing"
    assert coherent["media_content_id"] == f"{ROOT}/breathing/coherent"
    assert children(coherent) == [
        (f"{ROOT}/breathing/coherent/{m}", f"{m} minutes", True, False) for m in (5, 10, 15, 20)
    ]
    assert coherent["children_media_class"] == "music"

    meditation = await browse(hass, "meditation")
    assert meditation["title"] == "Meditation"
    assert children(meditation) == [
        (f"{ROOT}/meditation/{m}", f"{m} minutes", True, False) for m in (5, 10, 15, 20)
    ]


@pytest.mark.parametrize(
    "path",
    [
        "sleep",
        "breathing/square",
        "breathing/box/5",
        "breathing/box/7",
        "breathing/5",
        "meditation/5",
        "meditation/box",
        "breathing/box/5/more",
        "breathing/box/",
        "../breathing",
    ],
)
async def test_browse_refuses_what_is_not_a_folder(
    hass: HomeAssistant, init_integration: MockConfigEntry, path: str
) -> None:
    with pytest.raises((Unresolvable, BrowseError)):
        await browse(hass, path)


async def test_resolve_and_fetch(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    played = await media_source.async_resolve_media(hass, f"{ROOT}/breathing/box/5", None)
    assert played.mime_type == "audio/mpeg"
    assert played.url.startswith(f"/api/{DOMAIN}/audio/")
    assert played.url.endswith(".mp3")
    assert "?" not in played.url
    client = await hass_client_no_auth()
    response = await client.get(played.url)
    assert response.status == HTTPStatus.OK
    assert response.headers["Content-Type"] == "audio/mpeg"
    data = await response.read()
    assert mp3_duration(data) == pytest.approx(300, abs=0.1)
    # Each resolve hands out its own token; the rendered file is reused.
    again = await media_source.async_resolve_media(hass, f"{ROOT}/breathing/box/5", None)
    assert again.url != played.url
    assert (await client.get(again.url)).status == HTTPStatus.OK


@pytest.mark.parametrize(
    "path",
    [
        "",
        "breathing",
        "breathing/box",
        "meditation",
        "breathing/box/7",
        "breathing/square/5",
        "breathing/5",
        "meditation/box",
        "meditation/5/5",
        "sleep/5",
        "breathing/box/five",
    ],
)
async def test_resolve_refuses_what_is_not_audio(
    hass: HomeAssistant, init_integration: MockConfigEntry, path: str
) -> None:
    with pytest.raises(Unresolvable) as err:
        await media_source.async_resolve_media(hass, f"{ROOT}/{path}" if path else ROOT, None)
    assert err.value.translation_domain == DOMAIN
    assert err.value.translation_key == "unknown_media"
