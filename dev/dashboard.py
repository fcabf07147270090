"""A dashboard with the mat card, for a development Home Assistant and the browser test."""

from typing import Any

import aiohttp

from dev.hass_launcher import HassProcess

URL_PATH = "mat-card"
TITLE = "Mat"
CARD: dict[str, Any] = {"type": "custom:acupressure-mat-card"}


async def ensure_card_dashboard(
    hass: HassProcess, session: aiohttp.ClientSession, token: str
) -> bool:
    """Add a storage dashboard showing the card unless it exists; tell whether it was added."""
    async with hass.websocket(session, token) as command:
        dashboards = await command({"type": "lovelace/dashboards/list"})
        if any(d["url_path"] == URL_PATH for d in dashboards):
            return False
        await command(
            {
                "type": "lovelace/dashboards/create",
                "url_path": URL_PATH,  # needs a hyphen
                "title": TITLE,
                "icon": "mdi:meditation",
                "mode": "storage",
                "show_in_sidebar": True,
            }
        )
        config = {"views": [{"title": TITLE, "cards": [CARD]}]}
        await command({"type": "lovelace/config/save", "url_path": URL_PATH, "config": config})
        return True
