"""Serves the dashboard card and lists it as a dashboard resource in storage mode."""

import hashlib
import logging
from pathlib import Path

from homeassistant.components.http.server import StaticPathConfig
from homeassistant.components.lovelace.const import LOVELACE_DATA
from homeassistant.components.lovelace.resources import ResourceStorageCollection
from homeassistant.core import HomeAssistant

from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)
CARD_FILE = Path(__file__).parent / "frontend" / "acupressure-mat-card.js"
CARD_URL = f"/{DOMAIN}/acupressure-mat-card.js"


def _card_version() -> str:
    """Return a fingerprint of the bundle, so browsers fetch a changed card at once."""
    return hashlib.sha256(CARD_FILE.read_bytes()).hexdigest()[:12]


async def async_setup_card(hass: HomeAssistant) -> None:
    """Serve the card and keep our one dashboard resource pointing at its current version."""
    # Cached by browsers: the versioned resource URL changes with every new bundle.
    await hass.http.async_register_static_paths(
        [StaticPathConfig(CARD_URL, str(CARD_FILE), cache_headers=True)]
    )
    version = await hass.async_add_executor_job(_card_version)
    await async_register_resource(hass, f"{CARD_URL}?v={version}")


async def async_register_resource(hass: HomeAssistant, url: str) -> None:
    """Add the card as a module resource or update ours in place; YAML dashboards list theirs."""
    # A resource, not an extra module URL: resources load after the frontend has installed its
    # scoped element registry, so the card's elements land where the frontend looks for them.
    lovelace = hass.data.get(LOVELACE_DATA)
    if lovelace is None or not isinstance(lovelace.resources, ResourceStorageCollection):
        return
    resources = lovelace.resources
    await resources.async_get_info()  # loads the stored collection
    ours = [item for item in resources.async_items() if item["url"].split("?")[0] == CARD_URL]
    if not ours:
        await resources.async_create_item({"res_type": "module", "url": url})
        _LOGGER.debug("Added the dashboard resource %s", url)
        return
    first, *extra = ours
    if first["url"] != url or first.get("type") != "module":
        await resources.async_update_item(first["id"], {"res_type": "module", "url": url})
    # A copy added by hand would load the card twice.
    for item in extra:
        await resources.async_delete_item(item["id"])
