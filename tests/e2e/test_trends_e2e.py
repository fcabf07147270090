"""Years of back pain in the statistics graph card, in a real browser, with a 10-day purge."""

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from dev.dashboard import URL_PATH as DASHBOARD, ensure_card_dashboard, mat_statistics
from dev.hass_launcher import HassProcess
from dev.history import log_history

from .client import HassClient
from .test_card_e2e import CHROMIUM, SCREENSHOTS, log_in

playwright = pytest.importorskip("playwright.async_api")
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.timeout(300),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="scripts/setup installs Chromium"),
]


@pytest.fixture
def extra_configuration() -> str:
    """Serve the frontend; keep 10 days of states, as many homes do."""
    return "frontend:\nhistory:\nrecorder:\n  purge_keep_days: 10\n"


async def prepare(client: HassClient, hass_process: HassProcess) -> dict[str, str]:
    """Add a profile with two years of history and the dashboard with its trend cards."""
    await client.finish_onboarding()
    flow = await client.post("/api/config/config_entries/flow", {"handler": "acupressure_mat"})
    data = {"name": "Anna's mat", "start_minutes": 5, "target_minutes": 20, "step_minutes": 2}
    await client.post(f"/api/config/config_entries/flow/{flow['flow_id']}", data)

    async def call(action: str, body: dict[str, Any]) -> object:
        return await client.post(f"/api/services/acupressure_mat/{action}", body)

    await log_history(call, datetime.now(ZoneInfo("Europe/Berlin")))
    trends = await mat_statistics(hass_process, client.session, client.token, wait=30)
    assert set(trends) == {"pain_back", "mat_minutes"}
    assert await ensure_card_dashboard(hass_process, client.session, client.token, trends=trends)
    # The purge a 10-day recorder runs each night: the statistics stay.
    await client.command(
        {
            "type": "call_service",
            "domain": "recorder",
            "service": "purge",
            "service_data": {"keep_days": 10},
        }
    )
    return trends


async def test_the_statistics_graph_card_shows_two_years_of_back_pain(
    client: HassClient, hass_process: HassProcess
) -> None:
    """Open the dashboard; both trend cards draw their series; save a screenshot."""
    await prepare(client, hass_process)
    async with playwright.async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        page = await browser.new_page(viewport={"width": 900, "height": 1400}, color_scheme="light")
        await log_in(page, client.url)
        assert page.url.endswith(f"/{DASHBOARD}/0")
        graphs = page.locator("hui-statistics-graph-card")
        await graphs.nth(1).wait_for(timeout=30_000)
        # The chart has the series: the card renders a chart, not "no statistics found".
        back = graphs.nth(0)
        await back.locator("ha-chart-base").wait_for(timeout=30_000)
        points = await back.evaluate(
            "card => { const chart = card.shadowRoot.querySelector('statistics-chart');"
            " return chart?.statisticsData && Object.values(chart.statisticsData)[0]?.length; }"
        )
        assert points >= 24
        # In a dashboard column the mat card is narrow: its 0-10 scale must fit inside it.
        card = page.locator("acupressure-mat-card")
        frame = await card.bounding_box()
        ten = await card.locator(".scale button").last.bounding_box()
        assert frame is not None
        assert ten is not None
        assert ten["x"] + ten["width"] <= frame["x"] + frame["width"]
        await page.wait_for_timeout(1500)  # the chart's entry animation
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await page.locator("hui-vertical-stack-card, hui-masonry-view").first.screenshot(
            path=SCREENSHOTS / "trends.png"
        )
        await browser.close()
