"""Run a real Home Assistant process on loopback: start, wait for, confirm, stop."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
import contextlib
from http import HTTPStatus
import itertools
import json
import os
from pathlib import Path
import signal
import subprocess
import sys
import time
from typing import Any

import aiohttp

HOST = "127.0.0.1"
# homeassistant.const.RESTART_EXIT_CODE: hass exits with it when it asks to be started again.
# Not imported, so that using this module does not load Home Assistant.
RESTART_EXIT_CODE = 100

# A first start on a slow machine (cold caches, a new database) can take minutes.
STARTUP_SECONDS = 240

type Command = Callable[[dict[str, Any]], Awaitable[Any]]


class HassError(Exception):
    """Home Assistant exited, did not answer in time or refused a command."""


class HassProcess:
    """A `hass` process in a session of its own, so it and all it starts can be ended."""

    def __init__(self, config_dir: Path, port: int, *, log: Path | None = None) -> None:
        """Prepare a run from config_dir on port, printing to log (or to this terminal)."""
        self.config_dir = config_dir
        self.port = port
        self.url = f"http://{HOST}:{port}"
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start Home Assistant from this interpreter's environment, without installing."""
        hass = Path(sys.executable).with_name("hass")
        output = self.log.open("ab") if self.log else None
        try:
            self.process = subprocess.Popen(  # noqa: S603 - the environment's own hass
                [str(hass), "-c", str(self.config_dir), "--skip-pip"],
                stdout=output,
                stderr=subprocess.STDOUT if output else None,
                start_new_session=True,  # a group of its own: Ctrl-C and stop() reach all of it
            )
        finally:
            if output:
                output.close()  # the child has its own copy

    def returncode(self) -> int | None:
        """Return the exit code, or None while it runs (or before it started)."""
        return None if self.process is None else self.process.poll()

    def stop(self, timeout: float = 60) -> int | None:
        """SIGTERM the whole process group, wait, and SIGKILL whatever is left."""
        if self.process is None:
            return None
        process, self.process = self.process, None
        group = process.pid
        if process.poll() is None:
            _signal_group(group, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                _signal_group(group, signal.SIGKILL)
                process.wait()
        # What hass started may outlive it for a moment; then no longer.
        deadline = time.monotonic() + 10
        while _group_alive(group) and time.monotonic() < deadline:
            time.sleep(0.1)
        _signal_group(group, signal.SIGKILL)
        return process.returncode

    def output(self) -> str:
        """Return what Home Assistant printed to its log, if it has one."""
        return self.log.read_text(errors="replace") if self.log and self.log.exists() else ""

    def _failure(self, what: str) -> HassError:
        """Describe a failure, with the end of the log if there is one."""
        code = self.returncode()
        state = "is running" if code is None else f"exited with code {code}"
        return HassError(f"Home Assistant {what} ({state})\n{self.output()[-4000:]}".rstrip())

    async def wait_until_serving(self, session: aiohttp.ClientSession) -> None:
        """Wait for the HTTP server to answer (it starts once the frontend, if any, is set up)."""

        async def serving() -> bool:
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(f"{self.url}/api/onboarding") as reply:
                    # The view is gone (404) once onboarding is complete.
                    return reply.status in {HTTPStatus.OK, HTTPStatus.NOT_FOUND}
            return False

        await self.until(serving, f"answer on {self.url}")

    async def wait_until_running(self, session: aiohttp.ClientSession, token: str) -> None:
        """Wait for start-up to finish: only then does hass handle SIGTERM and save its state."""
        headers = {"Authorization": f"Bearer {token}"}

        async def running() -> bool:  # there is no event for this over HTTP
            with contextlib.suppress(aiohttp.ClientError):  # it may be on its way out
                async with session.get(f"{self.url}/api/config", headers=headers) as reply:
                    return reply.ok and (await reply.json())["state"] == "RUNNING"
            return False

        await self.until(running, "finish starting")

    async def until(self, ready: Callable[[], Awaitable[bool]], what: str) -> None:
        """Poll ready() until it is true; fail if hass ends or takes too long."""
        try:
            async with asyncio.timeout(STARTUP_SECONDS):
                while self.returncode() is None:
                    if await ready():
                        return
                    await asyncio.sleep(0.25)
        except TimeoutError:
            msg = f"did not {what} in {STARTUP_SECONDS} s"
            raise self._failure(msg) from None
        msg = f"ended before it would {what}"
        raise self._failure(msg)

    @contextlib.asynccontextmanager
    async def websocket(self, session: aiohttp.ClientSession, token: str) -> AsyncIterator[Command]:
        """Open an authenticated WebSocket; yield a function that sends a command."""
        ids = itertools.count(1)
        async with session.ws_connect(f"{self.url}/api/websocket") as ws:
            await ws.receive_json()  # auth_required
            await ws.send_json({"type": "auth", "access_token": token})
            if (reply := await ws.receive_json())["type"] != "auth_ok":
                msg = f"WebSocket authentication failed: {reply}"
                raise HassError(msg)

            async def command(message: dict[str, Any]) -> Any:  # noqa: ANN401 - JSON
                """Send one command and return its result."""
                message_id = next(ids)
                await ws.send_json({"id": message_id} | message)
                while True:
                    reply = await asyncio.wait_for(ws.receive_json(), 60)
                    if reply.get("id") == message_id:
                        break
                if not reply["success"]:
                    msg = f"{message['type']}: {reply['error']}"
                    raise HassError(msg)
                return reply.get("result")

            yield command

    async def confirm_http_settings(self, session: aiohttp.ClientSession, token: str) -> bool:
        """Confirm our HTTP settings if they are on trial, as the frontend's dialog does."""
        # Home Assistant 2026.10 puts the `http:` of a fresh configuration on trial: left
        # unconfirmed, it restarts after five minutes on its defaults (all addresses, port 8123).
        # Settings someone is trying out in the UI are theirs to confirm.
        async with self.websocket(session, token) as command:
            config = await command({"type": "http/config"})
            pending = config["pending"]
            if config["active_config_type"] != "pending" or not self._ours(pending):
                return False
            await command({"type": "http/config/promote"})
            return True

    def retry_reverted_http_trial(self) -> bool:
        """Clear the mark of our HTTP settings reverted unconfirmed, so they get another trial."""
        # Home Assistant never applies settings marked `not_promoted` again: one missed
        # confirmation would leave it on all addresses for good. Only call it while it is stopped.
        path = self.config_dir / ".storage" / "http"
        try:
            stored = json.loads(path.read_text())
            pending = stored["data"]["pending"]
        except OSError, ValueError, KeyError, TypeError:
            return False  # not written yet, or a layout this code does not know: leave it
        if not self._ours(pending) or pending.get("error") != "not_promoted":
            return False
        pending["error"] = pending["error_message"] = None
        new = path.with_name(f"{path.name}.retry")
        # Home Assistant keeps this file private and writes it atomically: so do we.
        new.write_text(json.dumps(stored, indent=2))
        new.chmod(0o600)
        new.replace(path)
        return True

    def _ours(self, config: object) -> bool:
        """Tell whether stored HTTP settings are loopback only, on our port."""
        return (
            isinstance(config, dict)
            and config.get("server_host") == [HOST]
            and config.get("server_port") == self.port
        )


def _signal_group(group: int, sig: signal.Signals) -> None:
    """Send sig to the process group unless it is gone already."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, sig)


def _group_alive(group: int) -> bool:
    """Tell whether any process of the group is left."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True
