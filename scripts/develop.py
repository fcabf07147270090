"""Run a real Home Assistant for development: onboarded, with a mat profile and a dev speaker.

Started by scripts/develop. Home Assistant runs in its own process group, which is always
stopped (SIGTERM, then SIGKILL if it lingers) when this script ends, on Ctrl-C or SIGTERM.
When Home Assistant restarts itself (exit code 100), it is started again.
"""

import asyncio
import errno
from http import HTTPStatus
import os
from pathlib import Path
import signal
import socket
import sys
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for dev/, run as a script

from dev.dashboard import URL_PATH as CARD_DASHBOARD, ensure_card_dashboard
from dev.hass_launcher import HOST, RESTART_EXIT_CODE, HassProcess

ROOT = Path(__file__).resolve().parent.parent
# The defaults are what the README promises; the end-to-end test runs a copy elsewhere.
CONFIG = Path(os.environ.get("ACUPRESSURE_MAT_DEV_CONFIG", ROOT / ".ha" / "config"))
PORT = int(os.environ.get("ACUPRESSURE_MAT_DEV_PORT", "8123"))
URL = f"http://{HOST}:{PORT}"
CLIENT_ID = f"{URL}/"
REDIRECT_URI = f"{URL}/?auth_callback=1"
USERNAME = "dev"
PASSWORD = "dev-password-123"  # noqa: S105 - a local development login, printed on purpose
PROFILE = "Dev mat"
SPEAKER = "media_player.dev_speaker"
DOMAIN = "acupressure_mat"
LINKS = {
    DOMAIN: ROOT / "custom_components" / DOMAIN,
    "mat_dev_speaker": ROOT / "dev" / "custom_components" / "mat_dev_speaker",
}
CONFIGURATION = f"""\
# Written by scripts/develop when missing: edit freely, delete it to get the default back.
homeassistant:
  name: Mat dev home
  time_zone: Europe/Berlin
  latitude: 52.52
  longitude: 13.40
  elevation: 34
  unit_system: metric
  currency: EUR
  country: DE
  language: en
  internal_url: {URL}
# Read on the first start only: Home Assistant then keeps its HTTP settings in .storage/http
# (Settings → System → Network). scripts/develop confirms them for you.
http:
  server_host: {HOST}
  server_port: {PORT}
frontend:
onboarding:
config:
api:
websocket_api:
conversation:
intent:
media_source:
media_player:
  - platform: mat_dev_speaker
    name: Dev speaker
recorder:
history:
logbook:
automation: !include automations.yaml
script:
blueprint:
tts:
person:
logger:
  default: warning
  logs:
    custom_components.{DOMAIN}: info
    custom_components.mat_dev_speaker: info
"""
ONBOARDING_STEPS = ("user", "core_config", "analytics", "integration")
FAILED = ("setup_error", "setup_retry", "migration_error")
EARLY_SIGNALS: list[int] = []


class ProvisionError(Exception):
    """Home Assistant answered something unexpected while being set up."""


def prepare_config() -> None:
    """Create the configuration folder with both integrations linked in."""
    components = CONFIG / "custom_components"
    components.mkdir(parents=True, exist_ok=True)
    for name, target in LINKS.items():
        link = components / name
        if link.is_symlink() and link.readlink() == target:
            continue
        if link.is_symlink():
            link.unlink()
        elif link.exists():
            msg = f"{link} exists and is not a link to {target}: move it away"
            raise SystemExit(msg)
        link.symlink_to(target)
    configuration = CONFIG / "configuration.yaml"
    if not configuration.exists():
        configuration.write_text(CONFIGURATION)
    automations = CONFIG / "automations.yaml"
    if not automations.exists():
        automations.write_text("[]\n")


def port_in_use() -> bool:
    """Tell whether something already listens on the port."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, PORT))
        except OSError as err:
            return err.errno == errno.EADDRINUSE
    return False


class Client:
    """Drives Home Assistant over HTTP as the frontend does."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        """Use the session."""
        self.session = session
        self.token = ""

    async def request(
        self, method: str, path: str, *, json: object = None, form: dict[str, str] | None = None
    ) -> Any:  # noqa: ANN401 - JSON
        """Send a request (with the token once there is one) and return the JSON answer."""
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        async with self.session.request(
            method, f"{URL}{path}", json=json, data=form, headers=headers
        ) as reply:
            if reply.status != HTTPStatus.OK:
                msg = f"{method} {path}: HTTP {reply.status} {await reply.text()}"
                raise ProvisionError(msg)
            return await reply.json()

    async def onboarding_done(self) -> set[str]:
        """Return the onboarding steps already done (call once the server answers)."""
        async with self.session.get(f"{URL}/api/onboarding") as reply:
            # Once onboarding is complete, Home Assistant no longer serves this view.
            if reply.status == HTTPStatus.NOT_FOUND:
                return set(ONBOARDING_STEPS)
            steps = await reply.json()
            return {step["step"] for step in steps if step["done"]}

    async def create_owner(self) -> None:
        """Create the owner through onboarding and log in."""
        user = {
            "client_id": CLIENT_ID,
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
                "client_id": CLIENT_ID,
                "handler": ["homeassistant", None],
                "redirect_uri": REDIRECT_URI,
            },
        )
        result = await self.request(
            "POST",
            f"/auth/login_flow/{flow['flow_id']}",
            json={"client_id": CLIENT_ID, "username": USERNAME, "password": PASSWORD},
        )
        if result.get("type") != "create_entry":
            msg = f"cannot log in as {USERNAME!r} with the development password: {result}"
            raise ProvisionError(msg)
        await self._token(result["result"])

    async def _token(self, code: str) -> None:
        """Trade an authorization code for an access token."""
        form = {"grant_type": "authorization_code", "code": code, "client_id": CLIENT_ID}
        self.token = (await self.request("POST", "/auth/token", form=form))["access_token"]

    async def finish_onboarding(self, done: set[str]) -> None:
        """Do the steps after the owner: location, analytics (nothing shared), integrations."""
        if "core_config" not in done:
            await self.request("POST", "/api/onboarding/core_config")
        if "analytics" not in done:
            await self.request("POST", "/api/onboarding/analytics")
        if "integration" not in done:
            body = {"client_id": CLIENT_ID, "redirect_uri": REDIRECT_URI}
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

    async def profile_exists(self) -> bool:
        """Tell whether the development profile is there."""
        entries = await self.request("GET", f"/api/config/config_entries/entry?domain={DOMAIN}")
        return any(entry["title"] == PROFILE for entry in entries)

    async def create_profile(self) -> None:
        """Create the profile through the config flow, then set guidance in its options."""
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
        entry_id = result["result"]["entry_id"]
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
        notes.append(f"confirmed the HTTP server settings ({HOST}:{PORT} only)")
    onboarding = "core_config" not in done
    if set(ONBOARDING_STEPS) - done:
        await client.finish_onboarding(done)
        notes.append("finished onboarding")
    await hass.wait_until_running(client.session, client.token)
    if not await client.profile_exists():
        await client.create_profile()
        notes.append(f"created profile {PROFILE!r} with breathing guidance on {SPEAKER}")
    if await ensure_card_dashboard(hass, client.session, client.token):
        notes.append(f"added the dashboard {URL}/{CARD_DASHBOARD}/0 with the mat card")
    if onboarding and (removed := await client.remove_failed_onboarding_entries()):
        notes.append(f"removed {', '.join(removed)} (its requirements are not installed)")
    return "; ".join(notes) or f"reused the existing state in {CONFIG}"


def banner(note: str) -> str:
    """Return the text telling a developer how to use the running Home Assistant."""
    last = CONFIG / "dev_speaker" / "last.mp3"
    return f"""
================================================================================
 Home Assistant for development is running ({note}).
   URL:       {URL}
   Username:  {USERNAME}
   Password:  {PASSWORD}
   Card:      {URL}/{CARD_DASHBOARD}/0 (the "Mat" dashboard in the sidebar)
 Try: Settings → Tools → Actions → "{DOMAIN}.start_session" with minutes: 1.
 The Dev speaker saves what it plays to {last}
 Logs: {CONFIG / "home-assistant.log"}. Stop with Ctrl-C; delete {CONFIG.parent} to start afresh.
================================================================================
"""


async def watch(hass: HassProcess) -> None:
    """Return when Home Assistant exits."""
    while True:  # polled: a thread blocked in wait() would outlive the event loop
        if hass.returncode() is not None:
            return
        await asyncio.sleep(0.5)


async def serve(hass: HassProcess, client: Client, stop: asyncio.Event, *, first: bool) -> None:
    """Provision Home Assistant, say so, and return once it exits or we are told to stop."""
    setup = asyncio.create_task(provision(hass, client))
    ended = asyncio.create_task(watch(hass))
    stopped = asyncio.create_task(stop.wait())
    waiting = {setup, ended, stopped}
    try:
        done, waiting = await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        if setup in done and hass.returncode() is None:  # an exit is reported by the caller
            if (error := setup.exception()) is not None:
                print(f"\n==> Could not set up the development state: {error}", flush=True)
                print(f"==> Home Assistant keeps running; delete {CONFIG.parent} to retry.")
            elif first:
                print(banner(setup.result()), flush=True)
            else:
                print(f"==> Home Assistant is running again on {URL} ({setup.result()})")
            await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in waiting:
            task.cancel()


async def run(hass: HassProcess) -> int:
    """Keep Home Assistant running, starting it again when it restarts itself, until told."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    if EARLY_SIGNALS:
        stop.set()
    async with aiohttp.ClientSession() as session:
        first = True
        while True:
            await serve(hass, Client(session), stop, first=first)
            if stop.is_set() or (code := hass.returncode()) is None:
                return 0
            if code != RESTART_EXIT_CODE:
                print(f"==> Home Assistant exited with code {code}", flush=True)
                return code or 1
            # Settings → Restart, a new HTTP configuration or a reverted one: hass asks to be
            # started again, as a supervisor or container would.
            print("==> Home Assistant restarted itself: starting it again", flush=True)
            hass.stop()  # reaps it and whatever it left in its process group
            start(hass)
            first = False


def start(hass: HassProcess) -> None:
    """Start Home Assistant, giving our HTTP settings another trial if it reverted them."""
    if hass.retry_reverted_http_trial():
        print(
            f"==> Home Assistant had reverted the unconfirmed HTTP settings ({HOST}:{PORT}); "
            "trying them again",
            flush=True,
        )
    hass.start()


def stop(hass: HassProcess) -> None:
    """Stop Home Assistant, whatever more signals come meanwhile."""
    for sig in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C must not leave it running
        signal.signal(sig, signal.SIG_IGN)
    if hass.process is not None and hass.returncode() is None:
        print("\n==> Stopping Home Assistant ...", flush=True)
    if hass.stop() == -signal.SIGKILL:
        print("==> Home Assistant did not stop in time and was killed", flush=True)
    print("==> Home Assistant stopped", flush=True)


def main() -> int:
    """Check the port, prepare the configuration and run Home Assistant until stopped."""
    if port_in_use():
        print(
            f"Port {PORT} on {HOST} is already in use: is another Home Assistant "
            f"(or scripts/develop) running? Stop it, or see who listens with `ss -ltnp`.",
            file=sys.stderr,
        )
        return 1
    prepare_config()
    print(f"==> Starting Home Assistant from {CONFIG} on {URL}", flush=True)
    # Remember a Ctrl-C that comes before the event loop handles signals: stop right away.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda sig, _frame: EARLY_SIGNALS.append(sig))
    hass = HassProcess(CONFIG, PORT)
    start(hass)
    try:
        return asyncio.run(run(hass))
    finally:
        stop(hass)


if __name__ == "__main__":
    sys.exit(main())
