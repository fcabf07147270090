"""Read-outs of a mat profile's records, cached until the records change."""

from bisect import bisect_left
from datetime import date, datetime, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from . import ramp, streak
from .days import mat_day
from .model import Outcome, PainRecord, SessionRecord, Settings
from .pain import latest_relief

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

ENDED = attrgetter("ended_at")
LOGGED = attrgetter("logged_at")


class ProfileRecords:
    """A profile's settings, ramp level, sessions and ratings, with read-outs."""

    def __init__(
        self,
        settings: Settings,
        *,
        ramp_level: int | None = None,
        sessions: Iterable[SessionRecord] = (),
        pain: Iterable[PainRecord] = (),
    ) -> None:
        """Keep the records in time order."""
        self.settings = settings
        level = settings.start_minutes if ramp_level is None else ramp_level
        self.ramp_level = ramp.clamp(level, settings)
        self.sessions: list[SessionRecord] = sorted(sessions, key=ENDED)
        self.pain: list[PainRecord] = sorted(pain, key=LOGGED)
        self._invalidate()

    def _invalidate(self) -> None:
        """Forget the read-outs derived from the records."""
        self._day_minutes: dict[date, float] | None = None
        self._streaks: dict[tuple[str, date], int] = {}
        self._relief: tuple[int | None] | None = None

    def update_settings(self, settings: Settings) -> None:
        """Apply new options, keeping the ramp level within the new range."""
        self.settings = settings
        self.ramp_level = ramp.clamp(self.ramp_level, settings)
        self._invalidate()

    def _day(self, instant: datetime) -> date:
        """Return the mat day of an instant."""
        return mat_day(instant, self.settings.tz, self.settings.day_starts_at)

    def _minutes_by_day(self) -> dict[date, float]:
        """Return the minutes of every mat day."""
        if self._day_minutes is None:
            self._day_minutes = streak.day_minutes(
                self.sessions, self.settings.tz, self.settings.day_starts_at
            )
        return self._day_minutes

    def _last_day(self) -> date | None:
        """Return the mat day of the latest session of any kind."""
        return self._day(self.sessions[-1].started_at) if self.sessions else None

    def next_session_minutes(self, now: datetime) -> int:
        """Return what a ramped start would plan now."""
        today = self._day(now)
        return ramp.decay(self.ramp_level, self.settings, self._last_day(), today)

    def _streak(
        self,
        kind: str,
        compute: Callable[[Mapping[date, float], date, int, int], int],
        now: datetime,
    ) -> int:
        """Return a streak as of now, cached per mat day."""
        today = self._day(now)
        key = (kind, today)
        if key not in self._streaks:
            self._streaks[key] = compute(
                self._minutes_by_day(),
                today,
                self.settings.streak_min_minutes,
                self.settings.rest_days_per_week,
            )
        return self._streaks[key]

    def streak(self, now: datetime) -> int:
        """Return the current streak."""
        return self._streak("current", streak.current_streak, now)

    def longest_streak(self, now: datetime) -> int:
        """Return the best streak ever."""
        return self._streak("longest", streak.longest_streak, now)

    def minutes_today(self, now: datetime) -> float:
        """Return the minutes of the ended sessions that started this mat day."""
        return round(self._minutes_by_day().get(self._day(now), 0.0), 1)

    @property
    def sessions_completed(self) -> int:
        """Return how many sessions ran to their planned end."""
        return sum(1 for s in self.sessions if s.outcome is Outcome.COMPLETED)

    @property
    def last_session_at(self) -> datetime | None:
        """Return the end of the latest session."""
        return self.sessions[-1].ended_at if self.sessions else None

    @property
    def last_pain(self) -> PainRecord | None:
        """Return the rating logged latest."""
        return self.pain[-1] if self.pain else None

    @property
    def pain_relief(self) -> int | None:
        """Return the relief of the latest session that has both ratings."""
        if self._relief is None:
            self._relief = (latest_relief(self.sessions, self.pain),)
        return self._relief[0]

    def history(self, now: datetime, days: int) -> dict[str, Any]:
        """Return the `get_history` response for the last `days` days."""
        since = now - timedelta(days=days)
        tz = self.settings.tz
        first_session = bisect_left(self.sessions, since, key=ENDED)
        first_pain = bisect_left(self.pain, since, key=LOGGED)
        return {
            "sessions": [
                {
                    "started_at": s.started_at.astimezone(tz).isoformat(),
                    "ended_at": s.ended_at.astimezone(tz).isoformat(),
                    "planned_minutes": s.planned_minutes,
                    "minutes": s.minutes,
                    "outcome": s.outcome.value,
                }
                for s in self.sessions[first_session:]
            ],
            "pain": [
                {
                    "logged_at": p.logged_at.astimezone(tz).isoformat(),
                    "rating": p.rating,
                    "area": p.area.value,
                    "moment": p.moment.value,
                    "note": p.note,
                }
                for p in self.pain[first_pain:]
            ],
            "streak": self.streak(now),
            "longest_streak": self.longest_streak(now),
            "ramp_minutes": self.next_session_minutes(now),
        }
