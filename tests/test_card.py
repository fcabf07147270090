"""The dashboard card: served with cache headers and listed once as a dashboard resource."""

from http import HTTPStatus
import shutil
import subprocess

from homeassistant.components.lovelace.const import LOVELACE_DATA
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.acupressure_mat.card import (
    CARD_FILE,
    CARD_URL,
    _card_version,
    async_register_resource,
)

from .helpers import PREFIX

ROOT = CARD_FILE.parents[3]


@pytest.fixture
async def lovelace(hass: HomeAssistant) -> None:
    """Set up dashboards in storage mode before the profile."""
    assert await async_setup_component(hass, "lovelace", {})


def ours(hass: HomeAssistant) -> list[dict[str, str]]:
    """Return the dashboard resources that load the card."""
    items = hass.data[LOVELACE_DATA].resources.async_items()
    return [item for item in items if item["url"].startswith(CARD_URL)]


@pytest.mark.usefixtures("lovelace", "init_integration")
async def test_the_card_is_served_with_cache_headers(
    hass: HomeAssistant, hass_client: ClientSessionGenerator
) -> None:
    """The bundle comes from the integration's folder, cacheable by browsers."""
    client = await hass_client()
    response = await client.get(CARD_URL)
    assert response.status == HTTPStatus.OK
    assert "max-age" in response.headers["Cache-Control"]
    assert response.headers["Content-Type"].startswith(
        ("text/javascript", "application/javascript")
    )
    assert await response.read() == CARD_FILE.read_bytes()


@pytest.mark.usefixtures("lovelace", "init_integration")
async def test_one_versioned_resource_updated_in_place(hass: HomeAssistant) -> None:
    """Setting up again adds nothing; a new version updates our resource; hand-made copies go."""
    url = f"{CARD_URL}?v={_card_version()}"
    (resource,) = ours(hass)
    assert (resource["type"], resource["url"]) == ("module", url)
    await async_register_resource(hass, url)
    assert ours(hass) == [resource]
    resources = hass.data[LOVELACE_DATA].resources
    await resources.async_create_item({"res_type": "module", "url": "/local/other.js"})
    await resources.async_create_item({"res_type": "js", "url": CARD_URL})
    await async_register_resource(hass, f"{CARD_URL}?v=new")
    assert ours(hass) == [{"id": resource["id"], "type": "module", "url": f"{CARD_URL}?v=new"}]
    assert len(resources.async_items()) == 2  # the other resource stays


async def test_yaml_dashboards_keep_their_resources(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """In YAML mode the README's `resources:` line loads the card; nothing is written."""
    assert await async_setup_component(hass, "lovelace", {"lovelace": {"resource_mode": "yaml"}})
    assert await async_setup_component(hass, "homeassistant", {})
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    assert ours(hass) == []
    assert hass.states.get(f"sensor.{PREFIX}_session_state") is not None


async def test_without_dashboards_the_card_is_still_served(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_client: ClientSessionGenerator
) -> None:
    """A configuration without the lovelace integration still gets the file."""
    assert LOVELACE_DATA not in hass.data
    response = await (await hass_client()).get(CARD_URL)
    assert response.status == HTTPStatus.OK


@pytest.mark.skipif(shutil.which("npm") is None, reason="the card is built with npm")
def test_the_committed_bundle_matches_its_sources() -> None:
    """A fresh build from the lock file gives the committed bytes."""
    result = subprocess.run(  # noqa: S603 - our own script, no outside input
        [ROOT / "scripts" / "build-card", "--check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
