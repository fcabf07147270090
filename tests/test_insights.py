"""The insight sensors and the get_insights action, through Home Assistant."""

from datetime import datetime
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.sensor import (
    DEVICE_CLASS_STATE_CLASSES,
    SensorDeviceClass,
    SensorStateClass,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.sensor import SENSORS

from .helpers import call, state

pytestmark = pytest.mark.usefixtures("frozen")

NO_SLEEP = {
    "mat_nights": None,
    "other_nights": None,
    "mat_nights_count": 0,
    "other_nights_count": 0,
}


async def move_to(hass: HomeAssistant, freezer: FrozenDateTimeFactory, when: str) -> None:
    """Set the clock to a local time and let Home Assistant's timers run."""
    freezer.move_to(datetime.fromisoformat(when))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def insights(hass: HomeAssistant, **data: Any) -> dict[str, Any]:
    """Return get_insights' response, called as an automation would."""
    response = await hass.services.async_call(
        DOMAIN, "get_insights", data, blocking=True, return_response=True
    )
    assert isinstance(response, dict)
    return response


async def refused(hass: HomeAssistant, key: str, **data: Any) -> None:
    """Call get_insights, which must be refused with the translated error `key`."""
    with pytest.raises(ServiceValidationError) as err:
        await insights(hass, **data)
    assert (err.value.translation_domain, err.value.translation_key) == (DOMAIN, key)


async def fill(hass: HomeAssistant) -> None:
    """Three sessions with ratings in the last week; three high ratings in October."""
    for day, before in (("2026-11-20", 6), ("2026-11-22", 5), ("2026-11-24", 4)):
        await call(hass, "log_pain", rating=before, moment="before", logged_at=f"{day}T19:00:00")
        await call(hass, "log_session", minutes=20, ended_at=f"{day}T19:20:00")
        await call(hass, "log_pain", rating=2, moment="after", logged_at=f"{day}T19:25:00")
    for day, before in (("2026-10-10", 8), ("2026-10-12", 7), ("2026-10-14", 9)):
        await call(hass, "log_pain", rating=before, moment="before", logged_at=f"{day}T08:00:00")
    await call(
        hass, "log_pain", rating=7, area="neck", moment="other", logged_at="2026-11-23T12:00"
    )


async def test_sensors_are_unknown_without_enough_data_and_count_zero(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    for name in ("pain_average_30_days", "pain_change_30_days", "average_relief"):
        assert state(hass, f"sensor.{name}") == "unknown"
    assert state(hass, "sensor.sessions_7_days") == "0"
    assert state(hass, "sensor.minutes_7_days") == "0.0"
    await call(hass, "log_pain", rating=3, moment="before")
    await call(hass, "log_pain", rating=4, moment="before")
    assert state(hass, "sensor.pain_average_30_days") == "unknown"
    await call(hass, "log_pain", rating=8, moment="before")
    assert state(hass, "sensor.pain_average_30_days") == "5.0"
    assert state(hass, "sensor.pain_change_30_days") == "unknown"


async def test_sensors_show_the_insights(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await fill(hass)
    assert state(hass, "sensor.pain_average_30_days") == "5.0"
    assert state(hass, "sensor.pain_change_30_days") == "-3.0"
    assert state(hass, "sensor.average_relief") == "3.0"
    assert state(hass, "sensor.sessions_7_days") == "3"
    assert state(hass, "sensor.minutes_7_days") == "60.0"


async def test_sensors_move_on_when_a_mat_day_begins(
    hass: HomeAssistant, init_integration: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    await fill(hass)
    await move_to(hass, freezer, "2026-11-30T03:59:00+01:00")
    assert state(hass, "sensor.sessions_7_days") == "1"
    assert state(hass, "sensor.minutes_7_days") == "20.0"
    # The mat day of December 1st begins at 04:00: Tuesday's session leaves the 7 days.
    await move_to(hass, freezer, "2026-12-01T04:00:00+01:00")
    assert state(hass, "sensor.sessions_7_days") == "0"
    assert state(hass, "sensor.minutes_7_days") == "0.0"
    assert state(hass, "sensor.pain_average_30_days") == "5.0"
    # November 20th's rating leaves the 30 days at the first refresh after it is 30 days old.
    await move_to(hass, freezer, "2026-12-21T04:00:00+01:00")
    assert state(hass, "sensor.pain_average_30_days") == "unknown"
    assert state(hass, "sensor.average_relief") == "3.0"


def test_minutes_7d_is_a_duration_measurement() -> None:
    (description,) = (d for d in SENSORS if d.key == "minutes_7d")
    # A rolling window falls as days leave it: a growing total would read that as a reset.
    assert description.device_class is SensorDeviceClass.DURATION
    assert description.state_class is SensorStateClass.MEASUREMENT
    assert description.state_class in DEVICE_CLASS_STATE_CLASSES[SensorDeviceClass.DURATION]
    assert description.native_unit_of_measurement == "min"


async def test_get_insights_response(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await fill(hass)
    response = await insights(hass)
    weeks = response.pop("weeks")
    assert response == {
        "pain_average_30d": 5.0,
        "pain_change_30d": -3.0,
        "relief_average": 3.0,
        "sessions_7d": 3,
        "minutes_7d": 60.0,
        "sleep": NO_SLEEP,
        "areas": {"back": 3.5, "neck": 7.0},
    }
    assert len(weeks) == 12
    assert [w["week_start"] for w in weeks[::11]] == ["2026-09-07", "2026-11-23"]
    assert weeks[-1] == {
        "week_start": "2026-11-23",
        "sessions": 1,
        "minutes": 20.0,
        "pain_average": 4.0,
    }
    assert weeks[-2] == {
        "week_start": "2026-11-16",
        "sessions": 2,
        "minutes": 40.0,
        "pain_average": 5.5,
    }
    assert [w["pain_average"] for w in weeks[4:6]] == [8.0, 8.0]
    assert weeks[0] == {
        "week_start": "2026-09-07",
        "sessions": 0,
        "minutes": 0.0,
        "pain_average": None,
    }


async def test_get_insights_as_time_moves_on(
    hass: HomeAssistant, init_integration: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    await fill(hass)
    await move_to(hass, freezer, "2026-12-01T04:00:00+01:00")
    response = await insights(hass, config_entry_id=init_integration.entry_id)
    assert (response["sessions_7d"], response["minutes_7d"]) == (0, 0.0)
    assert response["pain_change_30d"] == -3.0
    assert [w["week_start"] for w in response["weeks"][-2:]] == ["2026-11-23", "2026-11-30"]
    assert response["weeks"][-1]["sessions"] == 0
    await move_to(hass, freezer, "2027-03-01T12:00:00+01:00")
    response = await insights(hass)
    assert response == {
        "pain_average_30d": None,
        "pain_change_30d": None,
        "relief_average": 3.0,
        "sessions_7d": 0,
        "minutes_7d": 0.0,
        "sleep": NO_SLEEP,
        "areas": {},
        "weeks": response["weeks"],
    }
    assert sum(w["sessions"] for w in response["weeks"]) == 0


async def test_get_insights_refuses_an_unknown_profile(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    await refused(hass, "profile_not_found", config_entry_id="nope")


async def test_get_insights_needs_a_profile_among_several(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    ben = MockConfigEntry(domain=DOMAIN, title="Ben's mat", data={"name": "Ben's mat"})
    ben.add_to_hass(hass)
    assert await hass.config_entries.async_setup(ben.entry_id)
    await hass.async_block_till_done()
    await refused(hass, "profile_required")
    assert (await insights(hass, config_entry_id=ben.entry_id))["sessions_7d"] == 0
