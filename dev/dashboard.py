"""A dashboard with the mat card, for a development Home Assistant and the browser test."""

import asyncio
from typing import Any

import aiohttp

from dev.config_dir import DOMAIN
from dev.hass_launcher import HassProcess

URL_PATH = "mat-card"
TITLE = "Mat"
CARD: dict[str, Any] = {"type": "custom:acupressure-mat-card"}
# How long the recorder may take to commit the first statistics of a new profile.
STATISTICS_WAIT = 30.0


def trend_cards(statistic_ids: dict[str, str]) -> list[dict[str, Any]]:
    """Return statistics graph cards of back pain by month and mat minutes by week."""
    cards = []
    if back := statistic_ids.get("pain_back"):
        cards.append(
            {
                "type": "statistics-graph",
                "title": "Back pain by month",
                "entities": [back],
                "period": "month",
                "stat_types": ["mean", "min", "max"],
                "chart_type": "line",
                "days_to_show": 730,
            }
        )
    if minutes := statistic_ids.get("mat_minutes"):
        cards.append(
            {
                "type": "statistics-graph",
                "title": "Mat minutes by week",
                "entities": [minutes],
                "period": "week",
                "stat_types": ["change"],
                "chart_type": "bar",
                "days_to_show": 365,
            }
        )
    return cards


async def mat_statistics(
    hass: HassProcess, session: aiohttp.ClientSession, token: str, *, wait: float = 0.0
) -> dict[str, str]:
    """Return the integration's statistic ids by series (pain_back, mat_minutes, ...)."""
    deadline = asyncio.get_running_loop().time() + wait
    async with hass.websocket(session, token) as command:
        while True:
            listed = await command({"type": "recorder/list_statistic_ids"})
            # acupressure_mat:<profile>_pain_back → pain_back; the profile part has no "_".
            found = {
                item["statistic_id"].partition(":")[2].partition("_")[2]: item["statistic_id"]
                for item in listed
                if item["source"] == DOMAIN
            }
            if found or asyncio.get_running_loop().time() >= deadline:
                return found
            await asyncio.sleep(0.5)


async def ensure_card_dashboard(
    hass: HassProcess,
    session: aiohttp.ClientSession,
    token: str,
    *,
    trends: dict[str, str] | None = None,
) -> bool:
    """Add a storage dashboard showing the card (and trend cards) unless it exists."""
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
        cards = [CARD, *trend_cards(trends or {})]
        config = {"views": [{"title": TITLE, "cards": cards}]}
        await command({"type": "lovelace/config/save", "url_path": URL_PATH, "config": config})
        return True
