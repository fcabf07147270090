"""Long-term statistics in the recorder: hourly pain per area and mat minutes, for years."""

import asyncio
from collections.abc import Sequence
from enum import Enum, auto
from typing import Any

from homeassistant.components.recorder.models import (
    StatisticData,
    StatisticMeanType,
    StatisticMetaData,
)
from homeassistant.components.recorder.statistics import (
    async_add_external_statistics,
    get_last_statistics,
)
from homeassistant.const import UnitOfTime
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.recorder import get_instance
from homeassistant.util import slugify

from .const import DOMAIN
from .engine.model import PainRecord, SessionRecord
from .engine.state import ProfileState
from .engine.statistics import (
    MinutesHour,
    PainHour,
    hour_of,
    minute_hours,
    pain_hour,
    pain_hours,
)
from .engine.vocabulary import Area
from .helpers import recording
from .texts import get_texts

# A backfill hands the recorder a few rows at a time and waits for each to be committed, then
# a moment more: inserting rows is Python in the recorder's thread, and a long run of it keeps
# the interpreter lock from the event loop (stalls of 40 ms over 10 years in one go, 10 ms so).
BATCH = 10
PAUSE = 0.02
MINUTES = "mat_minutes"


def statistic_id(entry_id: str, area: Area | None) -> str:
    """Return the id of a profile's pain series for an area, or of its minutes (None)."""
    series = MINUTES if area is None else f"pain_{area.value}"
    return f"{DOMAIN}:{slugify(entry_id)}_{series}"


def statistic_ids(entry_id: str) -> list[str]:
    """Return the ids of every series a profile may have."""
    return [statistic_id(entry_id, area) for area in (*Area, None)]


def _pain_row(hour: PainHour) -> StatisticData:
    """Return the recorder's form of an hour of ratings."""
    return {"start": hour.start, "mean": hour.mean, "min": hour.min, "max": hour.max}


def _minutes_row(hour: MinutesHour) -> StatisticData:
    """Return the recorder's form of an hour of mat minutes."""
    return {"start": hour.start, "state": hour.minutes, "sum": hour.total}


def _all_rows(
    sessions: Sequence[SessionRecord], pain: Sequence[PainRecord]
) -> dict[Area | None, list[StatisticData]]:
    """Return every row of every series, minutes under None; run in the executor."""
    series: dict[Area | None, list[StatisticData]] = {
        area: list(map(_pain_row, hours)) for area, hours in pain_hours(pain).items()
    }
    series[None] = list(map(_minutes_row, minute_hours(sessions)))
    return series


class _Mode(Enum):
    """Whether changes are written yet."""

    WAITING = auto()  # until the backfill has been handed to the recorder
    WRITING = auto()
    OFF = auto()  # no recorder


class MatStatistics:
    """Keeps a profile's series in the recorder in step with its records."""

    def __init__(
        self, hass: HomeAssistant, *, entry_id: str, name: str, profile: ProfileState
    ) -> None:
        """Follow the profile's records; nothing is written before `async_backfill`."""
        self.hass = hass
        self.entry_id = entry_id
        self.name = name
        self.profile = profile
        self._mode = _Mode.WAITING if recording(hass) else _Mode.OFF

    def _metadata(self, area: Area | None) -> StatisticMetaData:
        """Return a series' metadata, named in Home Assistant's language."""
        texts = get_texts(self.hass, self.hass.config.language)
        total = area is None  # a total whose change per day is the day's minutes
        return StatisticMetaData(
            has_sum=total,
            mean_type=StatisticMeanType.NONE if total else StatisticMeanType.ARITHMETIC,
            name=texts.get("statistics", "minutes" if total else f"pain_{area}", profile=self.name),
            source=DOMAIN,
            statistic_id=statistic_id(self.entry_id, area),
            unit_class="duration" if total else None,
            unit_of_measurement=UnitOfTime.MINUTES if total else None,
        )

    async def async_backfill(self) -> None:
        """Write the series from the stored history, unless the recorder already holds them."""
        if self._mode is _Mode.OFF:
            return
        instance = get_instance(self.hass)
        if not await instance.async_db_ready:
            self._mode = _Mode.OFF
            return
        # The copy and the journal are taken together: what is added later is written later.
        sessions, pain = list(self.profile.sessions), list(self.profile.pain)
        self._take_added()
        series = await self.hass.async_add_executor_job(_all_rows, sessions, pain)
        ids = {statistic_id(self.entry_id, area): area for area, rows in series.items() if rows}
        stored = await instance.async_add_executor_job(self._last_rows, list(ids))
        for sid, area in ids.items():
            rows = series[area]
            # The recorder keeps what was written before: only a series it lacks is rewritten,
            # and the last row always, which renames the series after the profile.
            if not _same(stored.get(sid), rows[-1]):
                for first in range(0, len(rows) - 1, BATCH):
                    self._add(area, rows[first : min(first + BATCH, len(rows) - 1)])
                    await instance.async_block_till_done()  # until the recorder committed it
                    await asyncio.sleep(PAUSE)
            self._add(area, rows[-1:])
        self._mode = _Mode.WRITING
        self.async_on_change()

    def _last_rows(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """Return the last stored row of each series; run in the recorder's executor."""
        found = {}
        for sid in ids:
            rows = get_last_statistics(
                self.hass, 1, sid, convert_units=False, types={"mean", "min", "max", "state", "sum"}
            )
            if rows.get(sid):
                found[sid] = dict(rows[sid][0])
        return found

    @callback
    def async_on_change(self) -> None:
        """Write the hours that records added since the last change touched."""
        if self._mode is _Mode.WAITING:
            return
        sessions, pain = self._take_added()
        if self._mode is _Mode.OFF:
            return
        for area, start in sorted({(r.area, hour_of(r.logged_at)) for r in pain}):
            if hour := pain_hour(self.profile.pain, area, start):
                self._add(area, [_pain_row(hour)])
        if sessions:
            since = min(hour_of(session.started_at) for session in sessions)
            self._add(None, list(map(_minutes_row, minute_hours(self.profile.sessions, since))))

    def _take_added(self) -> tuple[list[SessionRecord], list[PainRecord]]:
        """Return the records added since the last call."""
        return self.profile.session_timeline.take_added(), self.profile.pain_timeline.take_added()

    def _add(self, area: Area | None, rows: list[StatisticData]) -> None:
        """Hand rows of a series to the recorder's queue."""
        async_add_external_statistics(self.hass, self._metadata(area), rows)


def _same(stored: dict[str, Any] | None, row: StatisticData) -> bool:
    """Tell whether the recorder's last row is the row computed from the records."""
    if stored is None:
        return False
    start = row["start"].timestamp()
    return stored["start"] == start and all(
        stored.get(key) == value for key, value in row.items() if key != "start"
    )


@callback
def async_clear_statistics(hass: HomeAssistant, entry_id: str) -> None:
    """Remove a profile's series from the recorder."""
    if recording(hass):
        get_instance(hass).async_clear_statistics(statistic_ids(entry_id))
