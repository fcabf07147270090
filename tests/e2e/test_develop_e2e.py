"""scripts/develop as a newcomer runs it: onboarded, a profile, a speaker, Ctrl-C, run again."""

from collections.abc import Iterator
import os
from pathlib import Path
import signal
import subprocess
import time

import aiohttp
import pytest

from custom_components.acupressure_mat.engine.audio.encode import mp3_duration

from .client import CLIENT_ID, HassClient
from .conftest import ROOT, free_port

# The timeout also ends a run that hangs without printing anything.
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]


def hass_pids(config: Path) -> list[int]:
    """Return the processes running Home Assistant from the config folder."""
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if str(config).encode() in args:
            pids.append(int(cmdline.parent.name))
    return pids


class Develop:
    """One run of scripts/develop in its own process group, reading what it prints."""

    def __init__(self, config: Path, port: int) -> None:
        """Start it."""
        env = os.environ | {
            "ACUPRESSURE_MAT_DEV_CONFIG": str(config),
            "ACUPRESSURE_MAT_DEV_PORT": str(port),
        }
        self.config = config
        self.output: list[str] = []
        self.process = subprocess.Popen(  # noqa: S603 - the project's own script
            [str(ROOT / "scripts" / "develop")],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )

    def wait_for(self, text: str, seconds: float = 240) -> str:
        """Return the first printed line holding text."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + seconds
        for line in self.process.stdout:
            self.output.append(line)
            if text in line:
                return line
            assert time.monotonic() < deadline, "".join(self.output[-50:])
        raise AssertionError("".join(self.output[-50:]))

    def interrupt(self) -> int:
        """Press Ctrl-C and return the exit code."""
        self.process.send_signal(signal.SIGINT)
        assert self.process.stdout is not None
        self.output.extend(self.process.stdout)
        return self.process.wait(90)

    def kill(self) -> None:
        """Make sure nothing is left, whatever the test did."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        for pid in hass_pids(self.config):  # Home Assistant runs in a session of its own
            os.kill(pid, signal.SIGKILL)


@pytest.fixture
def runs() -> Iterator[list[Develop]]:
    """Collect the runs and kill what is left of them."""
    started: list[Develop] = []
    yield started
    for run in started:
        run.kill()


async def log_in(session: aiohttp.ClientSession, url: str, password: str) -> HassClient:
    """Log in with the printed development login, as the login page does."""
    client = HassClient(session, url)
    redirect = f"{CLIENT_ID}?auth_callback=1"
    body = {"client_id": CLIENT_ID, "handler": ["homeassistant", None], "redirect_uri": redirect}
    flow = await client.post("/auth/login_flow", body)
    done = await client.post(
        f"/auth/login_flow/{flow['flow_id']}",
        {"client_id": CLIENT_ID, "username": "dev", "password": password},
    )
    assert done["type"] == "create_entry", done
    form = {"grant_type": "authorization_code", "code": done["result"], "client_id": CLIENT_ID}
    async with session.post(f"{url}/auth/token", data=form) as response:
        client.token = (await response.json())["access_token"]
    await client.connect()
    return client


async def test_develop_serves_a_profile_and_restarts_from_its_state(
    tmp_path: Path, runs: list[Develop]
) -> None:
    config, port = tmp_path / "config", free_port()
    url = f"http://127.0.0.1:{port}"
    runs.append(first := Develop(config, port))
    assert "created profile 'Dev mat'" in first.wait_for("is running (")
    password = first.wait_for("Password:").split()[-1]

    async with aiohttp.ClientSession() as session:
        client = await log_in(session, url, password)
        devices = await client.command({"type": "config/device_registry/list"})
        assert "Dev mat" in {device["name"] for device in devices}
        response = await client.command(
            {
                "type": "call_service",
                "domain": "acupressure_mat",
                "service": "start_session",
                "service_data": {"minutes": 1},
                "return_response": True,
            }
        )
        assert response["response"]["guidance"] == "playing"
        await client.close()
    played = (config / "dev_speaker" / "last.mp3").read_bytes()
    assert abs(mp3_duration(played) - 60) < 0.1

    assert first.interrupt() == 0
    assert hass_pids(config) == []
    assert "Home Assistant stopped" in "".join(first.output)

    runs.append(second := Develop(config, port))
    assert "reused the existing state" in second.wait_for("is running (")
    assert second.interrupt() == 0
