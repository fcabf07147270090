"""Onboard a development Home Assistant over HTTP and create its mat profile, as a user would."""

import asyncio
from datetime import datetime
from http import HTTPStatus
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp

from dev.config_dir import DOMAIN, TIME_ZONE
from dev.dashboard import (
    STATISTICS_WAIT,
    URL_PATH as CARD_DASHBOARD,
    ensure_card_dashboard,
    mat_statistics,
)
from dev.hass_launcher import HOST, HassProcess
from dev.history import log_history

USERNAME = "dev"
PASSWORD = "dev-password-123"  # noqa: S105 - a local development login, printed on purpose
PROFILE = "Dev mat"
SPEAKER = "media_player.dev_speaker"
ONBOARDING_STEPS = ("user", "core_config", "analytics", "integration")
FAILED = ("setup_error", "setup_retry", "migration_error")


class ProvisionError(Exception):
    """Home Assistant answered something unexpected while being set up."""


class Client:
    """Drives Home Assistant over HTTP as the frontend does."""

    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        """Use the session to reach Home Assistant at url."""
        self.session = session
        self.url = url
        self.client_id = f"{url}/"
        self.redirect_uri = f"{url}/?auth_callback=1"
        self.token = ""

    async def request(
        self, method: str, path: str, *, json: object = None, form: dict[str, str] | None = None
    ) -> Any:  # noqa: ANN401 - JSON
        """Send a request (with the token once there is one) and return the JSON answer."""
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        async with self.session.request(
            method, f"{self.url}{path}", json=json, data=form, headers=headers
        ) as reply:
            if reply.status != HTTPStatus.OK:
                msg = f"{method} {path}: HTTP {reply.status} {await reply.text()}"
                raise ProvisionError(msg)
            return await reply.json()

    async def onboarding_done(self) -> set[str]:
        """Return the onboarding steps already done (call once the server answers)."""
        async with self.session.get(f"{self.url}/api/onboarding") as reply:
            # Once onboarding is complete, Home Assistant no longer serves this view.
            if reply.status == HTTPStatus.NOT_FOUND:
                return set(ONBOARDING_STEPS)
            steps = await reply.json()
            return {step["step"] for step in steps if step["done"]}

    async def create_owner(self) -> None:
        """Create the owner through onboarding and log in."""
        user = {
            "client_id": self.client_id,
            "name": "Dev",
            "username": USERNAME,
            "password": PASSWORD,
            "language": "en",
        }
        reply = await self.request("POST", "/api/onboarding/users", json=user)
        await self._token(reply["auth_code"])

    async def log_in(self) -> None:
        """Log in with the development password, as the login page does."""
        flow = await self.request(
            "POST",
            "/auth/login_flow",
            json={
                "client_id": self.client_id,
                "handler": ["homeassistant", None],
                "redirect_uri": self.redirect_uri,
            },
        )
        result = await self.request(
            "POST",
            f"/auth/login_flow/{flow['flow_id']}",
            json={"client_id": self.client_id, "username": USERNAME, "password": PASSWORD},
        )
        if result.get("type") != "create_entry":
            msg = f"cannot log in as {USERNAME!r} with the development password: {result}"
            raise ProvisionError(msg)
        await self._token(result["result"])

    async def _token(self, code: str) -> None:
        """Trade an authorization code for an access token."""
        form = {"grant_type": "authorization_code", "code": code, "client_id": self.client_id}
        self.token = (await self.request("POST", "/auth/token", form=form))["access_token"]

    async def finish_onboarding(self, done: set[str]) -> None:
        """Do the steps after the owner: location, analytics (nothing shared), integrations."""
        if "core_config" not in done:
            await self.request("POST", "/api/onboarding/core_config")
        if "analytics" not in done:
            await self.request("POST", "/api/onboarding/analytics")
        if "integration" not in done:
            body = {"client_id": self.client_id, "redirect_uri": self.redirect_uri}
            await self.request("POST", "/api/onboarding/integration", json=body)

    async def remove_failed_onboarding_entries(self) -> list[str]:
        """Remove entries onboarding added that cannot work here (gTTS is not installed).

        Onboarding starts their flows in the background, so look a few times.
        """
        removed = []
        for _ in range(6):
            for entry in await self.request("GET", "/api/config/config_entries/entry"):
                if entry["source"] == "onboarding" and entry["state"] in FAILED:
                    path = f"/api/config/config_entries/entry/{entry['entry_id']}"
                    await self.request("DELETE", path)
                    removed.append(entry["title"])
            await asyncio.sleep(0.5)
        return removed

    async def profiles(self) -> list[dict[str, Any]]:
        """Return the mat profiles' config entries."""
        entries: list[dict[str, Any]] = await self.request(
            "GET", f"/api/config/config_entries/entry?domain={DOMAIN}"
        )
        return entries

    async def profile_exists(self) -> bool:
        """Tell whether the development profile is there."""
        return any(entry["title"] == PROFILE for entry in await self.profiles())

    async def profile_loaded(self, entry_id: str) -> bool:
        """Tell whether the profile is set up and takes actions."""
        entries = await self.profiles()
        return any(e["entry_id"] == entry_id and e["state"] == "loaded" for e in entries)

    async def create_profile(self) -> str:
        """Create the profile through the config flow; return its entry id (set up by then)."""
        flow = await self.request(
            "POST", "/api/config/config_entries/flow", json={"handler": DOMAIN}
        )
        result = await self.request(
            "POST",
            f"/api/config/config_entries/flow/{flow['flow_id']}",
            json={"name": PROFILE, "start_minutes": 5, "target_minutes": 20, "step_minutes": 2},
        )
        if result.get("type") != "create_entry":
            msg = f"config flow did not create the profile: {result}"
            raise ProvisionError(msg)
        return str(result["result"]["entry_id"])

    async def set_guidance(self, entry_id: str) -> None:
        """Set guidance in the profile's options (which reloads it)."""
        flow = await self.request(
            "POST", "/api/config/config_entries/options/flow", json={"handler": entry_id}
        )
        options = {"guidance": "breathing", "media_players": [SPEAKER], "volume": 0.3}
        result = await self.request(
            "POST", f"/api/config/config_entries/options/flow/{flow['flow_id']}", json=options
        )
        if result.get("type") != "create_entry":
            msg = f"options flow did not save the guidance options: {result}"
            raise ProvisionError(msg)

    async def log_sample_history(self) -> int:
        """Log two years of sample history through the actions; return the number of calls."""

        async def call(action: str, data: dict[str, Any]) -> object:
            return await self.request("POST", f"/api/services/{DOMAIN}/{action}", json=data)

        return await log_history(call, datetime.now(ZoneInfo(TIME_ZONE)))


async def provision(hass: HassProcess, client: Client) -> str:
    """Onboard, confirm the HTTP settings and create the profile unless done; say what happened."""
    await hass.wait_until_serving(client.session)
    done = await client.onboarding_done()
    notes = []
    if "user" in done:
        await client.log_in()
    else:
        await client.create_owner()
        notes.append(f"created owner {USERNAME!r}")
    if await hass.confirm_http_settings(client.session, client.token):
        notes.append(f"confirmed the HTTP server settings ({HOST}:{hass.port} only)")
    onboarding = "core_config" not in done
    if set(ONBOARDING_STEPS) - done:
        await client.finish_onboarding(done)
        notes.append("finished onboarding")
    await hass.wait_until_running(client.session, client.token)
    if not await client.profile_exists():
        entry_id = await client.create_profile()
        # The history goes in before the options, whose reload would refuse actions meanwhile.
        calls = await client.log_sample_history()
        await client.set_guidance(entry_id)
        # The reload starts as the options flow ends; until it is over, actions are refused.
        await hass.until(lambda: client.profile_loaded(entry_id), "load the profile again")
        notes.append(f"created profile {PROFILE!r} with breathing guidance on {SPEAKER}")
        notes.append(f"logged two years of sample history ({calls} actions)")
    trends = await mat_statistics(hass, client.session, client.token, wait=STATISTICS_WAIT)
    if await ensure_card_dashboard(hass, client.session, client.token, trends=trends):
        notes.append(
            f"added the dashboard {client.url}/{CARD_DASHBOARD}/0 with the mat card and trends"
        )
    if onboarding and (removed := await client.remove_failed_onboarding_entries()):
        notes.append(f"removed {', '.join(removed)} (its requirements are not installed)")
    return "; ".join(notes) or f"reused the existing state in {hass.config_dir}"
