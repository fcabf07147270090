"""The property: calls an action with drawn data and checks that only refusals escape."""

import asyncio
from collections import Counter
import json
from pathlib import Path
from typing import Any

from homeassistant.core import HomeAssistant, SupportsResponse
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from hypothesis import HealthCheck, given, settings, strategies as st
from pytest_homeassistant_custom_component.common import MockConfigEntry
import voluptuous as vol

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.runtime import MatRuntime
from custom_components.acupressure_mat.services import SERVICES
from tests.helpers import call, state, stored

from .escapes import known_escape
from .fields import service_data

TRANSLATIONS = Path(__file__).parents[2] / "custom_components" / DOMAIN / "translations"
EXCEPTION_KEYS = frozenset(
    json.loads((TRANSLATIONS / "en.json").read_text(encoding="utf-8"))["exceptions"]
)
# Failures that are not the caller's fault may be plain HomeAssistantErrors.
GENUINE_FAILURES = frozenset({"guidance_failed"})


def is_refusal(err: BaseException) -> bool:
    """Tell whether an error is one the contract allows an action to raise."""
    if isinstance(err, vol.Invalid):
        return True
    if not isinstance(err, HomeAssistantError):
        return False
    if err.translation_domain != DOMAIN or err.translation_key not in EXCEPTION_KEYS:
        return False
    return isinstance(err, ServiceValidationError) or err.translation_key in GENUINE_FAILURES


def wants_response(action: str, asked: bool) -> bool:
    """Ask for a response when the action must give one, and maybe when it may."""
    support = SERVICES[action][2]
    return support is SupportsResponse.ONLY or (support is SupportsResponse.OPTIONAL and asked)


def number(value: Any) -> float:
    """Return the number a caller meant by a value the action accepted."""
    return float(value.strip() if isinstance(value, str) else value)


def added(before: list[dict[str, Any]], after: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the one record an accepted call added to a stored list."""
    grown = Counter(json.dumps(r, sort_keys=True) for r in after)
    grown.subtract(json.dumps(r, sort_keys=True) for r in before)
    (new,) = grown.elements()
    record: dict[str, Any] = json.loads(new)
    return record


async def bring_to(hass: HomeAssistant, wanted: str) -> None:
    """Put the session into a state, with valid calls."""
    current = state(hass, "sensor.session_state")
    if wanted == "idle":
        if current != "idle":
            await call(hass, "stop_session")
        return
    if current == "idle":
        await call(hass, "start_session", minutes=20)
    current = state(hass, "sensor.session_state")
    if wanted == "active" and current == "paused":
        await call(hass, "resume_session")
    if wanted == "paused" and current == "active":
        await call(hass, "pause_session")


class Fuzzer:
    """Calls one action with drawn data on a set-up profile and checks what it did."""

    def __init__(
        self, hass: HomeAssistant, entry: MockConfigEntry, hass_storage: dict[str, Any]
    ) -> None:
        """Bind to the profile under test."""
        self.hass = hass
        self.entry = entry
        self.hass_storage = hass_storage
        self.calls = 0
        self.refusals = 0

    @property
    def runtime(self) -> MatRuntime:
        """Return the profile's runtime."""
        runtime: MatRuntime = self.entry.runtime_data.runtime
        return runtime

    def saved(self) -> dict[str, Any]:
        """Return the profile's data as stored."""
        data: dict[str, Any] = json.loads(stored(self.hass_storage, self.entry))["data"]
        return data

    def in_memory(self) -> dict[str, Any]:
        """Return the profile's data as the runtime holds it, in stored form."""
        data: dict[str, Any] = json.loads(json.dumps(self.runtime.profile.to_dict()))
        return data

    async def check(self, action: str, data: dict[str, Any], session: str, asked: bool) -> None:
        """Call the action once: a refusal changes nothing, an acceptance keeps the values."""
        if known_escape(action, data):
            return
        hass = self.hass
        await bring_to(hass, session)
        before = stored(self.hass_storage, self.entry)
        saved_before = self.saved()
        session_before = state(hass, "sensor.session_state")
        self.calls += 1
        try:
            await hass.services.async_call(
                DOMAIN, action, data, blocking=True, return_response=wants_response(action, asked)
            )
        except Exception as err:
            if not is_refusal(err):
                raise
            self.refusals += 1
            assert stored(self.hass_storage, self.entry) == before
            assert state(hass, "sensor.session_state") == session_before
        else:
            self.check_accepted(action, data, saved_before)
        assert self.in_memory() == self.saved(), "the profile differs from what is stored"

    def check_accepted(self, action: str, data: dict[str, Any], before: dict[str, Any]) -> None:
        """An accepted number is the number used, and so a whole one where whole ones belong."""
        after = self.saved()
        if action == "log_pain":
            assert added(before["pain"], after["pain"])["rating"] == number(data["rating"])
        elif action == "log_session":
            assert added(before["sessions"], after["sessions"])["minutes"] == number(
                data["minutes"]
            )
        elif action == "start_session" and "minutes" in data:
            assert after["running"]["planned_minutes"] == number(data["minutes"])
        elif action == "extend_session":
            longer = after["running"]["planned_minutes"] - before["running"]["planned_minutes"]
            assert longer == number(data["minutes"])

    def run(self, action: str, examples: int) -> None:
        """Run the property in this worker thread; each call runs on Home Assistant's loop."""
        loop = self.hass.loop

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(
            data=service_data(action),
            session=st.sampled_from(["idle", "active", "paused"]),
            asked=st.booleans(),
        )
        def calls_are_refused_or_kept(data: dict[str, Any], session: str, asked: bool) -> None:
            check = self.check(action, data, session, asked)
            asyncio.run_coroutine_threadsafe(check, loop).result()

        calls_are_refused_or_kept()
