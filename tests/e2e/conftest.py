"""A real Home Assistant process on a free loopback port, ended with its whole process group."""

from collections.abc import AsyncGenerator, Iterator
from pathlib import Path
import socket

import aiohttp
import pytest
import pytest_socket

from dev.hass_launcher import HassProcess

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


def write_config(config_dir: Path, port: int, extra: str = "") -> None:
    """Write a lean configuration with the integration linked in, and any extra lines."""
    (config_dir / "custom_components").mkdir(parents=True, exist_ok=True)
    link = config_dir / "custom_components" / "acupressure_mat"
    if not link.exists():
        link.symlink_to(ROOT / "custom_components" / "acupressure_mat")
    (config_dir / "configuration.yaml").write_text(CONFIGURATION.format(port=port) + extra)


@pytest.fixture
def extra_configuration() -> str:
    """Return configuration lines a test module adds; none unless it overrides this."""
    return ""


@pytest.fixture
def hass_process(tmp_path: Path, extra_configuration: str) -> Iterator[HassProcess]:
    """Yield a Home Assistant, not started yet, that is always stopped whatever the test does."""
    config_dir = tmp_path / "config"
    process = HassProcess(config_dir, free_port(), log=tmp_path / "run.log")
    write_config(config_dir, process.port, extra_configuration)
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
async def client(hass_process: HassProcess) -> AsyncGenerator[HassClient]:
    """Start Home Assistant, onboard it, confirm its HTTP settings; yield a logged-in client."""
    hass_process.start()
    async with aiohttp.ClientSession() as session:
        client = HassClient(session, hass_process.url)
        await hass_process.wait_until_serving(session)
        await client.onboard()
        # Unconfirmed, the configuration's `http:` would be reverted after five minutes.
        assert await hass_process.confirm_http_settings(session, client.token)
        await client.connect()
        await hass_process.wait_until_running(session, client.token)
        try:
            yield client
        finally:
            await client.close()
