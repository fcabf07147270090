"""Drives a real Home Assistant as a client does: HTTP for onboarding, WebSocket for the rest."""

import asyncio
import itertools
from typing import Any

import aiohttp

CLIENT_ID = "http://127.0.0.1/"


class HassClient:
    """A logged-in client of one Home Assistant."""

    def __init__(self, session: aiohttp.ClientSession, url: str) -> None:
        """Use the session against the base URL."""
        self.session = session
        self.url = url
        self.token = ""
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self._ids = itertools.count(1)

    async def onboard(self) -> None:
        """Create the owner through onboarding and log in."""
        user = {
            "client_id": CLIENT_ID,
            "name": "Anna",
            "username": "anna",
            "password": "mat-test-password",
            "language": "en",
        }
        async with self.session.post(f"{self.url}/api/onboarding/users", json=user) as response:
            assert response.status == 200, await response.text()
            code = (await response.json())["auth_code"]
        form = {"grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID}
        async with self.session.post(f"{self.url}/auth/token", data=form) as response:
            assert response.status == 200, await response.text()
            self.token = (await response.json())["access_token"]

    async def connect(self) -> None:
        """Open and authenticate the WebSocket."""
        self.ws = await self.session.ws_connect(f"{self.url}/api/websocket")
        assert (await self.ws.receive_json())["type"] == "auth_required"
        await self.ws.send_json({"type": "auth", "access_token": self.token})
        assert (await self.ws.receive_json())["type"] == "auth_ok"

    async def command(self, message: dict[str, Any]) -> Any:
        """Send a WebSocket command and return its result."""
        assert self.ws is not None
        message_id = next(self._ids)
        await self.ws.send_json({"id": message_id} | message)
        while True:
            reply = await asyncio.wait_for(self.ws.receive_json(), 60)
            if reply.get("id") == message_id:
                assert reply["success"], reply
                return reply["result"]

    async def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST JSON with the access token."""
        headers = {"Authorization": f"Bearer {self.token}"}
        async with self.session.post(f"{self.url}{path}", json=body, headers=headers) as reply:
            assert reply.status == 200, await reply.text()
            result: dict[str, Any] = await reply.json()
            return result

    async def finish_onboarding(self) -> None:
        """Do the onboarding steps after the owner, as the frontend's wizard does."""
        for step, body in (
            ("core_config", {}),
            ("analytics", {}),
            (
                "integration",
                {"client_id": CLIENT_ID, "redirect_uri": f"{CLIENT_ID}?auth_callback=1"},
            ),
        ):
            await self.post(f"/api/onboarding/{step}", body)

    async def close(self) -> None:
        """Close the WebSocket."""
        if self.ws is not None:
            await self.ws.close()
