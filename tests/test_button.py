"""The buttons: their entities, and presses that follow the actions and their errors."""

from typing import Any

from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import entity_registry as er
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, snapshot_platform
from syrupy.assertion import SnapshotAssertion

from .helpers import call, log_an_evening, press, refusal, state, stored

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.usefixtures("evening")
@pytest.mark.parametrize("platforms", [[Platform.BUTTON]], ids=["button"])
async def test_entities(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
) -> None:
    await log_an_evening(hass)
    await snapshot_platform(hass, entity_registry, snapshot, init_integration.entry_id)


async def test_buttons_follow_the_actions(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    with pytest.raises(ServiceValidationError) as err:
        await press(hass, "pause_or_resume_session")
    assert err.value.translation_key == "no_session"
    await press(hass, "start_session")
    assert state(hass, "sensor.session_length") == "5"
    with pytest.raises(ServiceValidationError) as err:
        await press(hass, "start_session")
    assert err.value.translation_key == "session_running"
    await press(hass, "pause_or_resume_session")
    assert state(hass, "sensor.session_state") == "paused"
    await press(hass, "pause_or_resume_session")
    assert state(hass, "sensor.session_state") == "active"
    await press(hass, "stop_session")
    assert state(hass, "sensor.session_state") == "idle"
    with pytest.raises(ServiceValidationError) as err:
        await press(hass, "stop_session")
    assert err.value.translation_key == "no_session"


async def test_button_pressed_in_the_wrong_state_raises_the_actions_error(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    async def press(name: str) -> ServiceValidationError:
        with pytest.raises(ServiceValidationError) as err:
            await hass.services.async_call(
                "button", "press", {ATTR_ENTITY_ID: f"button.anna_s_mat_{name}"}, blocking=True
            )
        return err.value

    def same(a: ServiceValidationError, b: ServiceValidationError) -> bool:
        return (a.translation_key, a.translation_placeholders, str(a)) == (
            b.translation_key,
            b.translation_placeholders,
            str(b),
        )

    before = stored(hass_storage, init_integration)
    assert same(await press("stop_session"), await refusal(hass, "stop_session"))
    assert same(await press("pause_or_resume_session"), await refusal(hass, "pause_session"))
    assert stored(hass_storage, init_integration) == before
    await call(hass, "start_session")
    before = stored(hass_storage, init_integration)
    assert same(await press("start_session"), await refusal(hass, "start_session"))
    assert stored(hass_storage, init_integration) == before
