"""Small helpers for driving a profile through Home Assistant in tests."""

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant, ServiceResponse
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.acupressure_mat.const import DOMAIN

PREFIX = "anna_s_mat"


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
