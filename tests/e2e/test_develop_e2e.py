"""scripts/develop as a newcomer runs it: onboarded, a profile, a speaker, Ctrl-C, run again."""

from collections.abc import Iterator
import contextlib
import json
import os
from pathlib import Path
import queue
import signal
import socket
import subprocess
import threading
import time

import aiohttp
import pytest

from custom_components.acupressure_mat.engine.audio.encode import mp3_duration

from .client import CLIENT_ID, HassClient
from .conftest import ROOT, free_port

# The timeout also ends a run that hangs without printing anything.
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(600)]


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


def listening(pids: list[int]) -> set[tuple[str, int]]:
    """Return the addresses and ports the processes listen on, read from /proc."""
    inodes = set()
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):  # closed meanwhile
                if (target := str(fd.readlink())).startswith("socket:["):
                    inodes.add(target.removeprefix("socket:[").removesuffix("]"))
    found = set()
    for table, family in (("tcp", socket.AF_INET), ("tcp6", socket.AF_INET6)):
        for row in Path(f"/proc/net/{table}").read_text().splitlines()[1:]:
            fields = row.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state != "0A" or inode not in inodes:  # 0A: LISTEN
                continue
            address, port = local.split(":")
            raw = bytes.fromhex(address)  # 32-bit words, little-endian here
            raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            found.add((socket.inet_ntop(family, raw), int(port, 16)))
    return found


def revert_http_settings(config: Path, spare_port: int) -> None:
    """Leave the HTTP store as Home Assistant does when nobody confirms its trial in time."""
    path = config / ".storage" / "http"
    stored = json.loads(path.read_text())
    ours = stored["data"]["stable"]
    # Home Assistant would fall back to its defaults on port 8123; a spare port here, so that a
    # failing test cannot take a port someone else may use.
    stable = {key: value for key, value in ours.items() if key != "server_host"}
    stored["data"] |= {
        "stable": stable | {"server_port": spare_port},
        "pending": ours | {"error": "not_promoted", "error_message": None},
    }
    path.write_text(json.dumps(stored))


async def assert_confirmed_on_loopback(client: HassClient, config: Path, port: int) -> None:
    """Check no HTTP trial is pending, the settings are ours, and hass listens on nothing else."""
    settings = await client.command({"type": "http/config"})
    assert settings["pending"] is None
    assert settings["revert_at"] is None
    assert settings["active_config_type"] == "stable"
    assert settings["stable"]["server_host"] == ["127.0.0.1"]
    assert settings["stable"]["server_port"] == port
    assert listening(hass_pids(config)) == {("127.0.0.1", port)}


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
        self.lines: queue.Queue[str | None] = queue.Queue()
        # Read in a thread, so that a run which goes quiet fails with what it printed.
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        """Hand each printed line to the queue, then None at the end."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, text: str, seconds: float = 240) -> str:
        """Return the first printed line holding text."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            self.output.append(line)
            if text in line:
                return line
            if "Could not set up the development state" in line:
                break
        raise AssertionError(f"no {text!r} in:\n" + "".join(self.output[-50:]))

    def interrupt(self) -> int:
        """Press Ctrl-C and return the exit code."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(90)
        while (line := self.lines.get(timeout=10)) is not None:
            self.output.append(line)
        return code

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


async def assert_trends_outlive_the_purge(client: HassClient) -> None:
    """Check the dashboard's trend card gets two years of back pain, purge at 10 days or not."""
    dashboard = await client.command({"type": "lovelace/config", "url_path": "mat-card"})
    graphs = [c for c in dashboard["views"][0]["cards"] if c["type"] == "statistics-graph"]
    back = graphs[0]["entities"][0]
    assert back.startswith("acupressure_mat:")
    assert back.endswith("_pain_back")
    # What the statistics graph card asks for, after a restart with purge_keep_days: 10.
    months = await client.command(
        {
            "type": "recorder/statistics_during_period",
            "start_time": "2020-01-01T00:00:00Z",
            "statistic_ids": [back],
            "period": "month",
            "types": ["mean", "min", "max"],
        }
    )
    assert len(months[back]) >= 24
    means = [row["mean"] for row in months[back]]
    assert means[0] > means[-1]  # the sample history eases


async def test_develop_serves_a_profile_and_restarts_from_its_state(
    tmp_path: Path, runs: list[Develop]
) -> None:
    config, port = tmp_path / "config", free_port()
    url = f"http://127.0.0.1:{port}"
    runs.append(first := Develop(config, port))
    ready = first.wait_for("is running (")
    assert "created profile 'Dev mat'" in ready
    assert "logged two years of sample history" in ready
    assert "with the mat card and trends" in ready
    assert "confirmed the HTTP server settings (127.0.0.1" in ready
    password = first.wait_for("Password:").split()[-1]

    async with aiohttp.ClientSession() as session:
        client = await log_in(session, url, password)
        await assert_confirmed_on_loopback(client, config, port)
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
        played = (config / "dev_speaker" / "last.mp3").read_bytes()
        assert abs(mp3_duration(played) - 60) < 0.1

        # What Home Assistant does five minutes after a start with unconfirmed HTTP settings:
        # mark them reverted and restart, to come back on its defaults.
        revert_http_settings(config, free_port())
        assert client.ws is not None  # the restart may close it before any reply
        restart = {"type": "call_service", "domain": "homeassistant", "service": "restart"}
        await client.ws.send_json({"id": 999} | restart)
        await client.close()

    first.wait_for("Home Assistant restarted itself: starting it again")
    assert "trying them again" in first.wait_for("reverted the unconfirmed HTTP settings")
    assert "confirmed the HTTP server settings" in first.wait_for("is running again on")
    async with aiohttp.ClientSession() as session:
        client = await log_in(session, url, password)
        await assert_confirmed_on_loopback(client, config, port)
        await assert_trends_outlive_the_purge(client)
        await client.close()

    assert first.interrupt() == 0
    assert hass_pids(config) == []
    assert "Home Assistant stopped" in "".join(first.output)
    stored = json.loads((config / ".storage" / "http").read_text())["data"]
    assert stored["pending"] is None
    assert stored["stable"]["server_host"] == ["127.0.0.1"]

    runs.append(second := Develop(config, port))
    assert "reused the existing state" in second.wait_for("is running (")
    assert listening(hass_pids(config)) == {("127.0.0.1", port)}
    assert second.interrupt() == 0
