"""Small helpers for driving a profile through Home Assistant in tests."""

from datetime import datetime, timedelta
import json
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import (
    Event,
    EventStateChangedData,
    HomeAssistant,
    ServiceResponse,
    callback,
)
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.acupressure_mat.const import DOMAIN

PREFIX = "anna_s_mat"
EVENT = f"event.{PREFIX}_session"
# A Tuesday evening, Berlin winter time: where the `frozen` fixture starts the clock.
START = datetime.fromisoformat("2026-11-24T20:00:00+01:00")


def state(hass: HomeAssistant, entity: str) -> str:
    """Return an entity's state, by its platform-qualified short name."""
    platform, _, name = entity.partition(".")
    found = hass.states.get(f"{platform}.{PREFIX}_{name}")
    assert found is not None, entity
    return found.state


async def call(
    hass: HomeAssistant, action: str, response: bool = False, **data: Any
) -> ServiceResponse:
    """Call one of the integration's actions and wait for it."""
    return await hass.services.async_call(
        DOMAIN, action, data, blocking=True, return_response=response
    )


async def advance(hass: HomeAssistant, freezer: FrozenDateTimeFactory, **delta: float) -> None:
    """Move the clock and let Home Assistant's timers run."""
    freezer.tick(timedelta(**delta))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


def stored(hass_storage: dict[str, Any], entry: MockConfigEntry) -> str:
    """Return the profile's stored data as text, to compare before and after."""
    return json.dumps(hass_storage.get(f"{DOMAIN}.{entry.entry_id}"), sort_keys=True)


async def refusal(hass: HomeAssistant, action: str, **data: Any) -> ServiceValidationError:
    """Call an action that must be refused and return its translated error."""
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, action, **data)
    assert err.value.translation_domain == DOMAIN
    return err.value


async def refused(hass: HomeAssistant, key: str, action: str, **data: Any) -> None:
    """Call an action and check it raised the translated error `key`."""
    assert (await refusal(hass, action, **data)).translation_key == key


def event_log(hass: HomeAssistant) -> list[tuple[str, dict[str, Any]]]:
    """Record the profile's session events with their attributes."""
    seen: list[tuple[str, dict[str, Any]]] = []

    @callback
    def _record(event: Event[EventStateChangedData]) -> None:
        new = event.data["new_state"]
        if event.data["entity_id"] == EVENT and new and new.state not in ("unknown", "unavailable"):
            attrs = dict(new.attributes)
            kind = attrs.pop("event_type")
            for key in ("event_types", "friendly_name", "icon"):
                attrs.pop(key, None)
            seen.append((kind, attrs))

    hass.bus.async_listen("state_changed", _record)
    return seen
