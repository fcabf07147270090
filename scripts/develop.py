"""Run a real Home Assistant for development: onboarded, with a mat profile and a dev speaker.

Started by scripts/develop. Home Assistant runs in its own process group, which is always
stopped (SIGTERM, then SIGKILL if it lingers) when this script ends, on Ctrl-C or SIGTERM.
When Home Assistant restarts itself (exit code 100), it is started again.
"""

import asyncio
import errno
import os
from pathlib import Path
import signal
import socket
import sys

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for dev/, run as a script

from dev.config_dir import DOMAIN, prepare_config
from dev.dashboard import URL_PATH as CARD_DASHBOARD
from dev.hass_launcher import HOST, RESTART_EXIT_CODE, HassProcess
from dev.provision import PASSWORD, USERNAME, Client, provision

ROOT = Path(__file__).resolve().parent.parent
# The defaults are what the README promises; the end-to-end test runs a copy elsewhere.
CONFIG = Path(os.environ.get("ACUPRESSURE_MAT_DEV_CONFIG", ROOT / ".ha" / "config"))
PORT = int(os.environ.get("ACUPRESSURE_MAT_DEV_PORT", "8123"))
URL = f"http://{HOST}:{PORT}"
EARLY_SIGNALS: list[int] = []


def port_in_use() -> bool:
    """Tell whether something already listens on the port."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, PORT))
        except OSError as err:
            return err.errno == errno.EADDRINUSE
    return False


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
            await serve(hass, Client(session, URL), stop, first=first)
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
    prepare_config(CONFIG, PORT)
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
