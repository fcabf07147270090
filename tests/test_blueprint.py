"""The nightly insomnia routine blueprint, installed by the integration and run by automation."""

from datetime import datetime
from pathlib import Path
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from yarl import URL

from custom_components.acupressure_mat import blueprints, shipped_files
from custom_components.acupressure_mat.const import DOMAIN

from .fake_speaker import BEDROOM, Speakers
from .helpers import advance, call, state

BLUEPRINT = f"{DOMAIN}/insomnia_routine.yaml"
# Tuesday evening, one second before bedtime.
BEFORE_BEDTIME = datetime.fromisoformat("2026-11-24T22:29:59+01:00")


async def routine(hass: HomeAssistant, **inputs: Any) -> None:
    """Create an automation from the blueprint."""
    config = {
        "use_blueprint": {
            "path": BLUEPRINT,
            "input": {
                "profile": "01JMATPROFILE0000000000000",
                "meditation_minutes": 0,
                "check_in": False,
                "speakers": [BEDROOM],
                "lights": ["light.bedroom"],
                **inputs,
            },
        }
    }
    assert await async_setup_component(hass, "automation", {"automation": config})
    await hass.async_block_till_done()
    (automation,) = hass.states.async_all("automation")
    assert automation.state == "on"


# The time trigger has planned tomorrow's run when the test ends.
@pytest.mark.parametrize("expected_lingering_timers", [True])
async def test_bedtime_starts_a_guided_session_and_the_end_fades_the_lights(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    speakers: Speakers,
    lights: dict[str, list[ServiceCall]],
    init_integration: MockConfigEntry,
) -> None:
    freezer.move_to(BEFORE_BEDTIME)
    await routine(hass)
    await advance(hass, freezer, seconds=1)
    assert state(hass, "sensor.session_state") == "active"
    assert state(hass, "sensor.session_length") == "5"
    assert lights["on"][0].data["entity_id"] == ["light.bedroom"]
    (played,) = speakers.bedroom.played
    assert URL(played.url).path.startswith(f"/api/{DOMAIN}/audio/")
    assert speakers.bedroom.volume_level == 0.3
    request = init_integration.runtime_data.guidance.request
    assert request is not None
    assert (request.kind, request.pattern) == ("breathing", "4_7_8")
    await advance(hass, freezer, minutes=5)
    assert state(hass, "sensor.session_state") == "idle"
    assert lights["off"][0].data["transition"] == 60


@pytest.mark.parametrize("expected_lingering_timers", [True])
async def test_a_fixed_length_without_guidance_or_lights(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    speakers: Speakers,
    lights: dict[str, list[ServiceCall]],
    init_integration: MockConfigEntry,
) -> None:
    freezer.move_to(BEFORE_BEDTIME)
    await routine(hass, minutes=12, guidance="none", lights=[])
    await advance(hass, freezer, seconds=1)
    assert state(hass, "sensor.session_length") == "12"
    assert speakers.bedroom.played == []
    assert lights["on"] == []


@pytest.mark.parametrize("expected_lingering_timers", [True])
async def test_nothing_on_other_days_or_while_a_session_runs(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    speakers: Speakers,
    lights: dict[str, list[ServiceCall]],
    init_integration: MockConfigEntry,
) -> None:
    freezer.move_to(BEFORE_BEDTIME)
    await routine(hass, weekdays=["sat", "sun"])
    await advance(hass, freezer, seconds=1)
    assert state(hass, "sensor.session_state") == "idle"
    await call(hass, "start_session", minutes=30)
    await call(hass, "pause_session")
    await advance(hass, freezer, days=4)  # Saturday: the routine's day, but a session is paused
    assert state(hass, "sensor.session_state") == "paused"
    assert lights["on"] == []


async def test_a_blueprint_the_user_changed_is_kept(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    path = Path(hass.config.path("blueprints", "automation", BLUEPRINT))
    await hass.async_add_executor_job(_write, path, "# mine\n")
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    assert await hass.async_add_executor_job(path.read_text) == "# mine\n"


def _write(path: Path, text: str) -> None:
    """Write a file, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


async def test_an_installed_blueprint_follows_the_shipped_one(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    path = Path(hass.config.path("blueprints", "automation", BLUEPRINT))
    shipped = blueprints.SHIPPED / "insomnia_routine.yaml"
    older = shipped_files._stamped("blueprint: {}\n", blueprints.HEADER)
    await hass.async_add_executor_job(_write, path, older)
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    installed = await hass.async_add_executor_job(path.read_text)
    assert installed.startswith(blueprints.HEADER)
    assert installed.endswith(await hass.async_add_executor_job(shipped.read_text))


async def test_blueprints_that_cannot_be_written(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, caplog: pytest.LogCaptureFixture
) -> None:
    mock_config_entry.add_to_hass(hass)
    with patch.object(shipped_files, "write_utf8_file", side_effect=OSError("read-only")):
        assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    assert "Could not install the blueprints" in caplog.text
