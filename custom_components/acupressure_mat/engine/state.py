"""A mat profile's state: settings, ramp level, records and running session, with read-outs."""

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any, Self

from . import insights, ramp, streak
from .days import mat_day, next_day_start
from .model import PainRecord, SessionRecord, Settings, parse_int, require_dict
from .pain import latest_relief
from .session import RunningSession
from .timeline import ENDED, LOGGED, Timeline
from .vocabulary import Area, Outcome, SessionState

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping


@dataclass(frozen=True, slots=True, kw_only=True)
class Readout:
    """Every value the profile's entities show, computed once per change."""

    state: SessionState
    session_ends_at: datetime | None
    session_remaining: int | None
    session_duration: int | None
    next_session_minutes: int
    streak: int
    longest_streak: int
    last_pain: PainRecord | None
    pain_relief: int | None
    minutes_today: float
    sessions_completed: int
    last_session_at: datetime | None
    pain_average_30d: float | None
    pain_change_30d: float | None
    relief_average: float | None
    sessions_7d: int
    minutes_7d: float


class ProfileState:
    """A person's mat as it stands: what the commands of `MatProfile` change and read."""

    def __init__(
        self,
        settings: Settings,
        *,
        ramp_level: int | None = None,
        sessions: Iterable[SessionRecord] = (),
        pain: Iterable[PainRecord] = (),
        running: RunningSession | None = None,
        read_from: tuple[list[dict[str, Any]], list[dict[str, Any]]] | None = None,
    ) -> None:
        """Keep the records in time order and the ramp level within its range."""
        self.settings = settings
        level = settings.start_minutes if ramp_level is None else ramp_level
        self.ramp_level = ramp.clamp(level, settings)
        stored_sessions, stored_pain = read_from or (None, None)
        self.session_timeline = Timeline(sessions, ENDED, stored_sessions)
        self.pain_timeline = Timeline(pain, LOGGED, stored_pain)
        # The sorted lists themselves: read-outs read them, commands insert through the timelines.
        self.sessions: list[SessionRecord] = self.session_timeline.records
        self.pain: list[PainRecord] = self.pain_timeline.records
        self.running = running
        self._sessions_changed()

    def _sessions_changed(self) -> None:
        """Forget the read-outs derived from the sessions (relief depends on them too)."""
        self._day_minutes: dict[date, float] | None = None
        self._streaks: dict[tuple[str, date], int] = {}
        self._practice: dict[date, insights.Practice] = {}
        self._pain_changed()

    def _pain_changed(self) -> None:
        """Forget the read-outs derived from the ratings."""
        # Deleting a cached_property's value makes the next read compute it again.
        self.__dict__.pop("pain_relief", None)
        self.__dict__.pop("relief_average", None)

    @property
    def state(self) -> SessionState:
        """Return idle, active or paused."""
        return SessionState.IDLE if self.running is None else self.running.state

    def update_settings(self, settings: Settings) -> None:
        """Apply new options, keeping the ramp level within the new range."""
        self.settings = settings
        self.ramp_level = ramp.clamp(self.ramp_level, settings)
        self._sessions_changed()

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

    def mat_day(self, now: datetime) -> date:
        """Return the mat day that holds an instant."""
        return self._day(now)

    def day_counted(self, day: date) -> bool:
        """Return whether a mat day's ended sessions reach the streak minimum."""
        return self._minutes_by_day().get(day, 0.0) >= self.settings.streak_min_minutes

    def streak_at_stake(self, now: datetime) -> bool:
        """Return whether the streak ends unless today counts."""
        settings = self.settings
        return streak.at_stake(
            self._minutes_by_day(),
            self._day(now),
            settings.streak_min_minutes,
            settings.rest_days_per_week,
        )

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

    @cached_property
    def pain_relief(self) -> int | None:
        """Return the relief of the latest session that has both ratings."""
        return latest_relief(self.sessions, self.pain)

    @cached_property
    def relief_average(self) -> float | None:
        """Return the mean relief of the latest sessions that have both ratings."""
        return insights.relief_average(self.sessions, self.pain)

    def practice_7d(self, now: datetime) -> insights.Practice:
        """Return the sessions and minutes of the last 7 mat days, cached per mat day."""
        today = self._day(now)
        if today not in self._practice:
            self._practice[today] = insights.last_7_days(self.sessions, now, self.settings)
        return self._practice[today]

    def practice(self, now: datetime, days: int) -> insights.Practice:
        """Return the sessions and minutes of the last mat days, today included."""
        return insights.last_days(self.sessions, now, self.settings, days)

    def session_days(self) -> frozenset[date]:
        """Return the mat days that hold a session of any kind."""
        return frozenset(self._minutes_by_day())

    def next_change(self, now: datetime) -> datetime:
        """Return the next instant a shown value changes: a minute, the end, or a new mat day."""
        settings = self.settings
        change = next_day_start(now, settings.tz, settings.day_starts_at)
        session_change = self.running.next_change(now) if self.running else None
        return change if session_change is None else min(change, session_change)

    def readout(self, now: datetime) -> Readout:
        """Read every shown value."""
        running = self.running
        practice = self.practice_7d(now)
        return Readout(
            state=self.state,
            session_ends_at=running.ends_at if running else None,
            session_remaining=running.remaining_minutes(now) if running else None,
            session_duration=running.planned_minutes if running else None,
            next_session_minutes=self.next_session_minutes(now),
            streak=self.streak(now),
            longest_streak=self.longest_streak(now),
            last_pain=self.last_pain,
            pain_relief=self.pain_relief,
            minutes_today=self.minutes_today(now),
            sessions_completed=self.sessions_completed,
            last_session_at=self.last_session_at,
            # The 30-day windows move on with time: recomputed at every refresh, by bisection.
            pain_average_30d=insights.pain_average_30d(self.pain, now),
            pain_change_30d=insights.pain_change_30d(self.pain, now),
            relief_average=self.relief_average,
            sessions_7d=practice.sessions,
            minutes_7d=practice.minutes,
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe form for storage."""
        return {
            "ramp_level": self.ramp_level,
            "sessions": self.session_timeline.forms(),
            "pain": self.pain_timeline.forms(),
            "running": None if self.running is None else self.running.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], settings: Settings) -> Self:
        """Read the stored form; raise KeyError, TypeError or ValueError if bad."""
        data = require_dict(data)
        sessions, pain, running = data["sessions"], data["pain"], data["running"]
        if not isinstance(sessions, list) or not isinstance(pain, list):
            msg = "sessions and pain must be lists"
            raise TypeError(msg)
        return cls(
            settings,
            ramp_level=parse_int(data["ramp_level"]),
            sessions=[SessionRecord.from_dict(s) for s in sessions],
            pain=[PainRecord.from_dict(p) for p in pain],
            running=None if running is None else RunningSession.from_dict(running),
            read_from=(sessions, pain),
        )

    def insights(self, now: datetime) -> dict[str, Any]:
        """Return the `get_insights` response, without sleep, which needs Home Assistant."""
        shown = self.readout(now)
        return {
            "pain_average_30d": shown.pain_average_30d,
            "pain_change_30d": shown.pain_change_30d,
            "relief_average": shown.relief_average,
            "sessions_7d": shown.sessions_7d,
            "minutes_7d": shown.minutes_7d,
            "areas": {area.value: mean for area, mean in insights.areas(self.pain, now).items()},
            "weeks": [
                week.to_dict()
                for week in insights.weeks(self.sessions, self.pain, now, self.settings)
            ],
        }

    def history(
        self, now: datetime, days: int, *, latest: int | None = None, area: Area | None = None
    ) -> dict[str, Any]:
        """Return the `get_history` response for the last `days` days.

        With `latest`, only the latest records are written out (and how many earlier ones
        there are), so a long window costs a count, not thousands of answers; `area` keeps
        only that area's ratings.
        """
        since = now - timedelta(days=days)
        tz = self.settings.tz
        sessions = self.sessions[bisect_left(self.sessions, since, key=ENDED) :]
        pain = self.pain[bisect_left(self.pain, since, key=LOGGED) :]
        if area is not None:
            pain = [p for p in pain if p.area is area]
        shown_sessions, shown_pain = (
            (sessions, pain)
            if latest is None
            else (
                sessions[len(sessions) - min(latest, len(sessions)) :],
                pain[len(pain) - min(latest, len(pain)) :],
            )
        )
        found: dict[str, Any] = {
            "sessions": [
                {
                    "started_at": s.started_at.astimezone(tz).isoformat(),
                    "ended_at": s.ended_at.astimezone(tz).isoformat(),
                    "planned_minutes": s.planned_minutes,
                    "minutes": s.minutes,
                    "outcome": s.outcome.value,
                }
                for s in shown_sessions
            ],
            "pain": [
                {
                    "logged_at": p.logged_at.astimezone(tz).isoformat(),
                    "rating": p.rating,
                    "area": p.area.value,
                    "moment": p.moment.value,
                    "note": p.note,
                }
                for p in shown_pain
            ],
            "streak": self.streak(now),
            "longest_streak": self.longest_streak(now),
            "ramp_minutes": self.next_session_minutes(now),
        }
        if latest is not None:
            found["earlier_sessions"] = len(sessions) - len(shown_sessions)
            found["earlier_ratings"] = len(pain) - len(shown_pain)
        return found
