"""Sensors of a mat profile: the session, the ramp, the streak and the pain log."""

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
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: MatConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the profile's sensors."""
    async_add_entities(MatSensor(entry=entry, description=desc) for desc in SENSORS)


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
