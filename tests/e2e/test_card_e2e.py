"""The mat card in a real browser: idle, start, count down, pause, rate pain, screenshots."""

from pathlib import Path
import re
from typing import Any

import pytest

from dev.dashboard import URL_PATH as DASHBOARD, ensure_card_dashboard
from dev.hass_launcher import HassProcess

from .client import HassClient
from .conftest import ROOT

playwright = pytest.importorskip("playwright.async_api")
CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.timeout(240),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="scripts/setup installs Chromium"),
]
SCREENSHOTS = ROOT / "docs" / "screenshots"
CARD_URL = "/acupressure_mat/acupressure-mat-card.js"
CLOCK = re.compile(r"^\d+:\d\d / \d+:\d\d$")


@pytest.fixture
def extra_configuration() -> str:
    """Serve the frontend, with dashboards in storage mode."""
    return "frontend:\n"


async def prepare(client: HassClient, hass_process: HassProcess) -> str:
    """Finish onboarding, add a profile and a dashboard with the card; return the card's URL."""
    await client.finish_onboarding()
    flow = await client.post("/api/config/config_entries/flow", {"handler": "acupressure_mat"})
    data = {"name": "Anna's mat", "start_minutes": 5, "target_minutes": 20, "step_minutes": 2}
    await client.post(f"/api/config/config_entries/flow/{flow['flow_id']}", data)
    assert await ensure_card_dashboard(hass_process, client.session, client.token)
    (resource,) = await client.command({"type": "lovelace/resources"})
    assert resource["url"].startswith("/acupressure_mat/acupressure-mat-card.js?v=")
    url: str = resource["url"]
    return url


async def state(client: HassClient, entity_id: str) -> dict[str, Any]:
    """Return one entity's state."""
    states = await client.command({"type": "get_states"})
    return next(s for s in states if s["entity_id"] == entity_id)


async def log_in(page: Any, url: str) -> None:
    """Log in as a person does, and wait for the frontend's connection."""
    await page.goto(f"{url}/{DASHBOARD}/0")
    await page.wait_for_url(re.compile("/auth/authorize"))
    await page.fill('input[name="username"]', "anna")
    await page.fill('input[name="password"]', "mat-test-password")
    await page.keyboard.press("Enter")
    await page.wait_for_url(lambda u: "/auth/" not in u)
    await page.wait_for_function(
        "() => { const h = document.querySelector('home-assistant')?.hass;"
        " return h && h.connected && h.states && Object.keys(h.states).length > 0; }"
    )


async def check_idle(page: Any, card: Any, card_url: str) -> None:
    """The idle card plans the ramp's length; a second copy of the module changes nothing."""
    await card.locator("button.start").wait_for(timeout=30_000)
    assert "5 min" in await card.locator(".planned").inner_text()
    assert "Streak" in await card.locator(".stats").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await card.screenshot(path=SCREENSHOTS / "card-idle.png")
    # Loaded a second time (a copy under another URL), the card neither throws nor doubles.
    again = await page.evaluate(
        "async url => { await import(url + '&again'); return [window.customCards"
        ".filter(c => c.type === 'acupressure-mat-card').length,"
        " !!customElements.get('acupressure-mat-card')]; }",
        card_url,
    )
    assert again == [1, True]
    editor = await page.evaluate(
        "() => { const card = customElements.get('acupressure-mat-card');"
        " return [card.getConfigElement().tagName, card.getStubConfig().type]; }"
    )
    assert editor == ["ACUPRESSURE-MAT-CARD-EDITOR", "custom:acupressure-mat-card"]


async def check_running(page: Any, card: Any, client: HassClient) -> None:
    """Start counts down in the browser; pause freezes the time."""
    await card.locator("button.start").click()
    clock = card.locator(".clock")
    await clock.wait_for()
    first = await clock.inner_text()
    await page.wait_for_timeout(1100)
    second = await clock.inner_text()
    assert CLOCK.match(first), first
    assert first != second, (first, second)
    assert second.endswith("/ 5:00")
    assert (await state(client, "sensor.anna_s_mat_session_state"))["state"] == "active"
    await card.screenshot(path=SCREENSHOTS / "card-light.png")

    await card.locator("button.pause").click()
    await card.get_by_text("Paused", exact=True).wait_for()
    paused = await clock.inner_text()
    await page.wait_for_timeout(1100)
    assert await clock.inner_text() == paused
    assert (await state(client, "sensor.anna_s_mat_session_state"))["state"] == "paused"


async def check_pain(page: Any, card: Any, client: HassClient) -> None:
    """A rating with an area chip logs pain."""
    await card.locator("button.chip", has_text="Neck").click()
    await card.get_by_role("button", name="Pain 3 of 10").click()
    await page.wait_for_function(
        "() => document.querySelector('home-assistant').hass.states"
        "['sensor.anna_s_mat_last_pain_rating'].state === '3'"
    )
    pain = await state(client, "sensor.anna_s_mat_last_pain_rating")
    assert (pain["state"], pain["attributes"]["area"]) == ("3", "neck")


async def check_refusal_dark_and_still(page: Any, card: Any) -> None:
    """A refusal shows as a toast; the dark theme applies; reduced motion stills the circle."""
    await card.locator("button.pause").click()  # resume, for a running dark screenshot
    await card.get_by_role("button", name="Pause", exact=True).wait_for()
    # A refused action shows its translated message in the frontend's toast.
    await card.evaluate("card => card._call('resume_session')")
    message = "The session is not paused, so it cannot be resumed."
    await page.locator("ha-toast").get_by_text(message).first.wait_for()
    await page.emulate_media(color_scheme="dark")
    await page.evaluate(
        "() => { const ha = document.querySelector('home-assistant');"
        " ha.dispatchEvent(new CustomEvent('settheme', {detail: {dark: true}})); }"
    )
    await page.wait_for_timeout(500)
    await card.screenshot(path=SCREENSHOTS / "card-dark.png")
    # Asked for less motion, the circle rests and the phase is named with its seconds left.
    await page.emulate_media(reduced_motion="reduce")
    await card.locator(".phase").filter(has_text=re.compile(r"· \d+$")).wait_for()
    size = await card.locator(".breath").evaluate("e => e.style.getPropertyValue('--size')")
    assert size == "0.75"


async def test_the_card_runs_a_session_and_logs_pain(
    client: HassClient, hass_process: HassProcess
) -> None:
    """Start, watch the countdown, pause, rate pain; save light and dark screenshots."""
    card_url = await prepare(client, hass_process)
    async with playwright.async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        page = await browser.new_page(viewport={"width": 900, "height": 900}, color_scheme="light")
        page_errors: list[str] = []
        # The card's own errors carry its module in their stack. The frontend now and then
        # leaves a websocket rejection of its own unhandled (a bare "Object", no stack), which
        # is not the card's: every call the card makes catches its rejection.
        page.on(
            "pageerror",
            lambda err: "acupressure" in f"{err}{err.stack or ''}" and page_errors.append(str(err)),
        )
        await log_in(page, client.url)
        card = page.locator("acupressure-mat-card")
        await check_idle(page, card, card_url)
        await check_running(page, card, client)
        await check_pain(page, card, client)
        await check_refusal_dark_and_still(page, card)
        assert not page_errors, page_errors
        await browser.close()
