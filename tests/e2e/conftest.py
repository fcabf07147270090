"""A real Home Assistant process on a free loopback port, ended with its whole process group."""

from collections.abc import AsyncGenerator, Iterator
import os
from pathlib import Path
import signal
import socket
import subprocess
import sys
import time

import aiohttp
import pytest
import pytest_socket

from .client import HassClient

ROOT = Path(__file__).resolve().parents[2]
CONFIGURATION = """
homeassistant:
  name: Mat test home
  time_zone: Europe/Berlin
  latitude: 52.52
  longitude: 13.40
  unit_system: metric
  country: DE
  language: en
http:
  server_host: 127.0.0.1
  server_port: {port}
onboarding:
config:
api:
websocket_api:
media_source:
media_player:
automation: []
script: {{}}
"""


@pytest.fixture
def auto_enable_custom_integrations() -> None:
    """End-to-end tests run Home Assistant themselves, not the test harness."""


@pytest.fixture(autouse=True)
def allow_loopback_sockets() -> None:
    """Talk to the real Home Assistant over loopback, which the test harness blocks."""
    pytest_socket.enable_socket()


def free_port() -> int:
    """Return a loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def write_config(config_dir: Path, port: int) -> None:
    """Write a lean configuration with the integration linked in."""
    (config_dir / "custom_components").mkdir(parents=True, exist_ok=True)
    link = config_dir / "custom_components" / "acupressure_mat"
    if not link.exists():
        link.symlink_to(ROOT / "custom_components" / "acupressure_mat")
    (config_dir / "configuration.yaml").write_text(CONFIGURATION.format(port=port))


class HassProcess:
    """A hass process in its own process group."""

    def __init__(self, config_dir: Path) -> None:
        """Prepare, but do not start."""
        self.config_dir = config_dir
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        write_config(config_dir, self.port)

    @property
    def url(self) -> str:
        """Return the base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start Home Assistant."""
        hass = Path(sys.executable).with_name("hass")
        log = (self.config_dir / "run.log").open("ab")
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter's hass
            [str(hass), "-c", str(self.config_dir), "--skip-pip"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self, timeout: float = 60) -> int | None:
        """Stop it with SIGTERM, then SIGKILL the group if it lingers."""
        if self.process is None:
            return None
        process, self.process = self.process, None
        group = process.pid
        if process.poll() is None:
            os.killpg(group, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(group, signal.SIGKILL)
                process.wait()
        deadline = time.monotonic() + 10
        while group_alive(group) and time.monotonic() < deadline:
            time.sleep(0.1)
        if group_alive(group):
            os.killpg(group, signal.SIGKILL)
        return process.returncode

    def log(self) -> str:
        """Return what Home Assistant printed."""
        return (self.config_dir / "run.log").read_text(errors="replace")


def group_alive(group: int) -> bool:
    """Tell whether any process of the group is left."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def hass_process(tmp_path: Path) -> Iterator[HassProcess]:
    """Yield a Home Assistant that is always stopped, whatever the test does."""
    process = HassProcess(tmp_path / "config")
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
async def client(hass_process: HassProcess) -> AsyncGenerator[HassClient]:
    """Start Home Assistant, onboard it, and yield a logged-in client."""
    hass_process.start()
    async with aiohttp.ClientSession() as session:
        client = HassClient(session, hass_process.url)
        await client.wait_until_up(hass_process)
        await client.onboard()
        await client.connect()
        await client.wait_until_running()
        try:
            yield client
        finally:
            await client.close()
