"""Sleep on mat nights, from the recorder's long-term statistics of the profile's sleep sensor."""

from collections.abc import Callable
from datetime import date, timedelta
import logging

from homeassistant.components.recorder.statistics import statistics_during_period
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.recorder import get_instance
from homeassistant.util import dt as dt_util

from .engine.sleep import SleepComparison, compare, nights, reading_start
from .engine.state import ProfileState
from .helpers import recording

_LOGGER = logging.getLogger(__name__)


class SleepTracker:
    """Keeps the comparison of mat nights with other nights, refreshed when a night is added."""

    def __init__(self, hass: HomeAssistant, entity_id: str | None) -> None:
        """Track the given sleep sensor, or nothing."""
        self.hass = hass
        self.entity_id = entity_id
        self.comparison = SleepComparison()
        self.unit: str | None = None
        self._listeners: list[CALLBACK_TYPE] = []
        # What the last comparison was made for: the mat day and its days with a session.
        self._made_for: tuple[date, frozenset[date]] | None = None

    @callback
    def async_add_listener(self, listener: CALLBACK_TYPE) -> CALLBACK_TYPE:
        """Call listener when the comparison changed."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def follow(self, profile: ProfileState) -> Callable[[], None]:
        """Return a runtime listener that refreshes when the day or its sessions changed."""

        @callback
        def _changed() -> None:
            key = (profile.mat_day(dt_util.utcnow()), profile.session_days())
            if self.entity_id and key != self._made_for:
                self._made_for = key
                self.hass.async_create_task(self.async_refresh(*key))

        return _changed

    async def async_refresh(self, today: date, session_days: frozenset[date]) -> None:
        """Read the last 30 nights' readings and compare them."""
        if not self.entity_id or not recording(self.hass):
            return
        tz = dt_util.get_default_time_zone()
        starts = {reading_start(night, tz): night for night in nights(today)}
        first = min(starts)
        rows = await get_instance(self.hass).async_add_executor_job(
            statistics_during_period,
            self.hass,
            first,
            max(starts) + timedelta(hours=1),
            {self.entity_id},
            "hour",
            None,
            {"mean"},
        )
        readings = {
            starts[start]: mean
            for row in rows.get(self.entity_id, [])
            if (start := dt_util.utc_from_timestamp(row["start"])) in starts
            and (mean := row.get("mean")) is not None
        }
        if state := self.hass.states.get(self.entity_id):
            self.unit = state.attributes.get("unit_of_measurement")
        comparison = compare(readings, session_days, today)
        if comparison != self.comparison:
            self.comparison = comparison
            for listener in list(self._listeners):
                listener()
