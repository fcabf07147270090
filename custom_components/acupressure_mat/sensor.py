"""Sensors of a mat profile: the session, the ramp, the streak, the pain log and insights."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .data import MatConfigEntry, MatData
from .engine.state import Readout
from .engine.vocabulary import SessionState
from .entity import MatEntity
from .helpers import iso
from .pacer import Pacer, session_attributes

PARALLEL_UPDATES = 0

type Value = str | int | float | datetime | None


@dataclass(frozen=True, kw_only=True)
class MatSensorDescription(SensorEntityDescription):
    """A sensor reading one value of the profile's readout."""

    value_fn: Callable[[Readout], Value]
    attrs_fn: Callable[[Readout, MatData], dict[str, Any] | None] = lambda *_: None


def _minutes(
    key: str,
    value_fn: Callable[[Readout], Value],
    **kwargs: Any,  # noqa: ANN401 - passed through to the description
) -> MatSensorDescription:
    """Describe a duration in minutes."""
    return MatSensorDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        value_fn=value_fn,
        **kwargs,
    )


def _tenths(key: str, value_fn: Callable[[Readout], Value]) -> MatSensorDescription:
    """Describe a mean of ratings, shown to 0.1, unknown without enough of them."""
    return MatSensorDescription(
        key=key,
        translation_key=key,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
        value_fn=value_fn,
    )


def _session_attrs(_readout: Readout, data: MatData) -> dict[str, Any] | None:
    """Describe the running session's breathing for the dashboard card."""
    pacer = data.guidance.pacer or Pacer(
        pattern=data.options.breathing_pattern, kind=data.options.guidance
    )
    return session_attributes(data.runtime.profile.running, pacer)


def _pain_attrs(readout: Readout, _data: MatData) -> dict[str, Any] | None:
    """Describe the latest rating."""
    pain = readout.last_pain
    if pain is None:
        return None
    return {"area": str(pain.area), "moment": str(pain.moment), "logged_at": iso(pain.logged_at)}


SENSORS: tuple[MatSensorDescription, ...] = (
    MatSensorDescription(
        key="session_state",
        translation_key="session_state",
        device_class=SensorDeviceClass.ENUM,
        options=[str(state) for state in SessionState],
        value_fn=lambda s: str(s.state),
        attrs_fn=_session_attrs,
    ),
    MatSensorDescription(
        key="session_ends_at",
        translation_key="session_ends_at",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda s: s.session_ends_at,
    ),
    # Whole minutes: without a precision the frontend would show "7.00 min".
    _minutes("session_remaining", lambda s: s.session_remaining, suggested_display_precision=0),
    _minutes("session_duration", lambda s: s.session_duration, suggested_display_precision=0),
    _minutes(
        "next_session_minutes", lambda s: s.next_session_minutes, suggested_display_precision=0
    ),
    MatSensorDescription(
        key="streak",
        translation_key="streak",
        native_unit_of_measurement=UnitOfTime.DAYS,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda s: s.streak,
    ),
    MatSensorDescription(
        key="longest_streak",
        translation_key="longest_streak",
        native_unit_of_measurement=UnitOfTime.DAYS,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda s: s.longest_streak,
    ),
    MatSensorDescription(
        key="last_pain_rating",
        translation_key="last_pain_rating",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda s: s.last_pain.rating if s.last_pain else None,
        attrs_fn=_pain_attrs,
    ),
    MatSensorDescription(
        key="pain_relief",
        translation_key="pain_relief",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda s: s.pain_relief,
    ),
    _minutes(
        "minutes_today",
        lambda s: s.minutes_today,
        state_class=SensorStateClass.TOTAL_INCREASING,
        suggested_display_precision=1,
    ),
    MatSensorDescription(
        key="sessions_completed",
        translation_key="sessions_completed",
        state_class=SensorStateClass.TOTAL_INCREASING,
        value_fn=lambda s: s.sessions_completed,
    ),
    MatSensorDescription(
        key="last_session_at",
        translation_key="last_session_at",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=lambda s: s.last_session_at,
    ),
    _tenths("pain_average_30d", lambda s: s.pain_average_30d),
    _tenths("pain_change_30d", lambda s: s.pain_change_30d),
    _tenths("relief_average", lambda s: s.relief_average),
    MatSensorDescription(
        key="sessions_7d",
        translation_key="sessions_7d",
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=lambda s: s.sessions_7d,
    ),
    # A rolling window falls as days leave it: a measurement, not a total that only grows.
    _minutes(
        "minutes_7d",
        lambda s: s.minutes_7d,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=1,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MatConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the profile's sensors."""
    async_add_entities(MatSensor(entry=entry, description=desc) for desc in SENSORS)
    async_add_entities([MatSleepSensor(entry=entry, description=SLEEP)])


class MatSensor(MatEntity, SensorEntity):
    """A sensor of the profile's readout."""

    entity_description: MatSensorDescription

    @property
    def native_value(self) -> Value:
        """Return the value."""
        return self.entity_description.value_fn(self.runtime.readout)

    @property
    def extra_state_attributes(self) -> Mapping[str, Any] | None:
        """Return the attributes, if any."""
        return self.entity_description.attrs_fn(self.runtime.readout, self.data)

    def shown(self) -> tuple[Value, tuple[tuple[str, Any], ...]]:
        """Return the value and attributes."""
        return self.native_value, tuple(sorted((self.extra_state_attributes or {}).items()))


SLEEP = SensorEntityDescription(
    key="sleep_on_mat_nights",
    translation_key="sleep_on_mat_nights",
    state_class=SensorStateClass.MEASUREMENT,
    suggested_display_precision=1,
)


class MatSleepSensor(MatEntity, SensorEntity):
    """The sleep sensor's mean on mat nights, with the other nights in its attributes."""

    async def async_added_to_hass(self) -> None:
        """Follow the comparison too, which the recorder's statistics refresh."""
        await super().async_added_to_hass()
        self.async_on_remove(self.data.sleep.async_add_listener(self._async_changed))

    @property
    def native_value(self) -> float | None:
        """Return the mean on mat nights, unknown until both sides have 3 nights."""
        return self.data.sleep.comparison.mat_nights

    @property
    def native_unit_of_measurement(self) -> str | None:
        """Return the sleep sensor's unit."""
        return self.data.sleep.unit

    @property
    def extra_state_attributes(self) -> Mapping[str, Any]:
        """Return the other nights' mean and both counts."""
        comparison = self.data.sleep.comparison
        return {
            "other_nights": comparison.other_nights,
            "mat_nights": comparison.mat_nights_count,
            "other_nights_count": comparison.other_nights_count,
        }

    def shown(self) -> tuple[object, ...]:
        """Return the comparison and the unit."""
        return self.data.sleep.comparison, self.data.sleep.unit
