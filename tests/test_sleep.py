"""Sleep on mat nights, from the recorder's statistics of a sleep sensor, through Home Assistant."""

from datetime import datetime, timedelta
from typing import Any

from homeassistant.components.recorder import Recorder
from homeassistant.components.recorder.models import StatisticMeanType
from homeassistant.components.recorder.statistics import async_import_statistics
from homeassistant.core import HomeAssistant
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from custom_components.acupressure_mat.engine.sleep import reading_start

from .helpers import START, call

SLEEP = "sensor.phone_sleep_duration"
pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(
    recorder_mock: Recorder, enable_custom_integrations: None
) -> None:
    """Start the recorder before Home Assistant, as the recorder's test fixture requires."""


@pytest.fixture
def options() -> dict[str, Any]:
    """Compare the phone's sleep duration."""
    return {"sleep_entity": SLEEP, "install_sentences": False}


def night(back: int) -> datetime:
    """Return 21:00 on the evening `back` mat days ago."""
    return START + timedelta(days=-back, hours=1)


async def record_sleep(hass: HomeAssistant, hours: dict[int, float]) -> None:
    """Store hourly statistics of the sleep sensor: each night's reading the next morning."""
    hass.states.async_set(SLEEP, "7", {"unit_of_measurement": "h", "state_class": "measurement"})
    metadata: Any = {
        "has_sum": False,
        "mean_type": StatisticMeanType.ARITHMETIC,
        "name": None,
        "source": "recorder",
        "statistic_id": SLEEP,
        "unit_class": None,
        "unit_of_measurement": "h",
    }
    tz = START.tzinfo
    assert tz is not None
    rows: Any = [
        {"start": reading_start(night(back).date(), tz), "mean": value, "min": value, "max": value}
        for back, value in hours.items()
    ]
    async_import_statistics(hass, metadata, rows)
    await async_wait_recording_done(hass)


async def test_mat_nights_against_the_other_nights(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    # Mat days 1-4 and 9 nights back had a session; nights 1-8 have a reading.
    await record_sleep(hass, {1: 7.5, 2: 7.0, 3: 8.0, 4: 7.5, 5: 6.0, 6: 6.5, 7: 5.5, 8: 6.0})
    for back in (1, 2, 3, 4, 9):
        await call(hass, "log_session", minutes=10, ended_at=night(back).isoformat())
    await hass.async_block_till_done()
    await async_wait_recording_done(hass)
    await hass.async_block_till_done()
    # The sensor follows by itself: each logged session refreshed the comparison.
    sensor = hass.states.get("sensor.anna_s_mat_sleep_on_mat_nights")
    assert sensor is not None
    assert sensor.state == "7.5"
    assert sensor.attributes["unit_of_measurement"] == "h"
    assert sensor.attributes["other_nights"] == 6.0
    assert (sensor.attributes["mat_nights"], sensor.attributes["other_nights_count"]) == (4, 4)
    response = await call(hass, "get_insights", response=True)
    assert response is not None
    assert response["sleep"] == {
        "mat_nights": 7.5,
        "other_nights": 6.0,
        "mat_nights_count": 4,
        "other_nights_count": 4,
    }


async def test_unknown_until_each_side_has_three_nights(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await record_sleep(hass, {1: 7.5, 2: 7.0, 5: 6.0, 6: 6.5, 7: 5.5})
    for back in (1, 2):
        await call(hass, "log_session", minutes=10, ended_at=night(back).isoformat())
    response = await call(hass, "get_insights", response=True)
    assert response is not None
    assert response["sleep"] == {
        "mat_nights": None,
        "other_nights": None,
        "mat_nights_count": 2,
        "other_nights_count": 3,
    }
    assert hass.states.get("sensor.anna_s_mat_sleep_on_mat_nights").state == "unknown"  # type: ignore[union-attr]
