"""The mat profile's commands: each changes the state and returns its result with its events."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

from . import ramp, streak
from .errors import (
    FUTURE_TIME,
    NO_SESSION,
    RATING_NOT_WHOLE,
    RATING_RANGE,
    SESSION_RUNNING,
    ProfileError,
)
from .model import PainRecord, SessionRecord
from .pain import infer_moment, relief_after
from .session import RunningSession
from .state import ProfileState
from .vocabulary import MAX_RATING, Area, Moment, Outcome, ProfileEventType


@dataclass(frozen=True, slots=True)
class ProfileEvent:
    """An event of the profile's session event entity."""

    type: ProfileEventType
    data: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True, kw_only=True)
class Change[T]:
    """What a command produced, and the events it caused, in order."""

    value: T
    events: tuple[ProfileEvent, ...] = ()

    def after(self, earlier: tuple[ProfileEvent, ...]) -> Change[T]:
        """Return this change preceded by the events of an earlier one."""
        return Change(value=self.value, events=earlier + self.events)


@dataclass(frozen=True, slots=True, kw_only=True)
class LoggedPain:
    """A stored rating and the relief it shows for the session it follows."""

    record: PainRecord
    relief: int | None


class MatProfile(ProfileState):
    """A person's mat: settings, ramp level, history and the running session."""

    def _require_running(self) -> RunningSession:
        """Return the running session, or refuse when idle."""
        if self.running is None:
            raise ProfileError(NO_SESSION)
        return self.running

    def settle(self, now: datetime) -> Change[SessionRecord | None]:
        """Complete the running session if it has reached its planned end."""
        if self.running is None or not self.running.is_due(now):
            return Change(value=None)
        # It completes at its planned end, however late that is noticed.
        return self._end(self.running.finish(now, Outcome.COMPLETED))

    def start(self, now: datetime, *, minutes: int | None = None) -> Change[RunningSession]:
        """Start a session, ramped unless `minutes` overrides the plan."""
        if self.running is not None:
            raise ProfileError(SESSION_RUNNING)
        planned = self.next_session_minutes(now) if minutes is None else minutes
        self.running = RunningSession(
            started_at=now,
            planned_minutes=planned,
            active_before=0.0,
            resumed_at=now,
            ramped=minutes is None,
        )
        event = ProfileEvent(ProfileEventType.STARTED, {"planned_minutes": planned})
        return Change(value=self.running, events=(event,))

    def pause(self, now: datetime) -> Change[RunningSession]:
        """Pause the active session."""
        self.running = self._require_running().pause(now)
        return Change(value=self.running, events=(ProfileEvent(ProfileEventType.PAUSED),))

    def resume(self, now: datetime) -> Change[RunningSession]:
        """Resume the paused session."""
        self.running = self._require_running().resume(now)
        return Change(value=self.running, events=(ProfileEvent(ProfileEventType.RESUMED),))

    def extend(self, *, minutes: int) -> Change[RunningSession]:
        """Plan `minutes` more for the running session."""
        self.running = self._require_running().extend(minutes)
        data = {"minutes": minutes, "planned_minutes": self.running.planned_minutes}
        return Change(value=self.running, events=(ProfileEvent(ProfileEventType.EXTENDED, data),))

    def stop(self, now: datetime) -> Change[SessionRecord]:
        """End the running session early."""
        return self._end(self._require_running().finish(now, Outcome.STOPPED))

    def _end(self, record: SessionRecord) -> Change[SessionRecord]:
        """Record the running session's end and announce it."""
        self.running = None
        data = {"minutes": record.minutes, "planned_minutes": record.planned_minutes}
        ended = ProfileEvent(ProfileEventType(record.outcome.value), data)
        return Change(value=record, events=(ended, *self._add(record, record.ended_at)))

    def _add(self, record: SessionRecord, now: datetime) -> tuple[ProfileEvent, ...]:
        """Store a session, move the ramp and return the milestones it reached."""
        before = self.streak(now)
        self.ramp_level = ramp.after_session(
            self.ramp_level,
            self.settings,
            last_day=self._last_day(),
            session_day=self._day(record.started_at),
            minutes=record.minutes,
            outcome=record.outcome,
            planned_minutes=record.planned_minutes,
        )
        self.session_timeline.insert(record)
        self._sessions_changed()
        after = self.streak(now)
        return tuple(
            ProfileEvent(ProfileEventType.STREAK_MILESTONE, {"streak": milestone})
            for milestone in streak.milestones_between(before, after)
        )

    def _not_future(self, instant: datetime | None, now: datetime) -> datetime:
        """Return the instant (now when absent), refusing a time in the future."""
        if instant is None:
            return now
        if instant > now:
            shown = instant.astimezone(self.settings.tz).isoformat()
            raise ProfileError(FUTURE_TIME, {"time": shown})
        return instant

    def log_session(
        self, now: datetime, *, minutes: int, ended_at: datetime | None = None
    ) -> Change[SessionRecord]:
        """Record a session done without the timer, ending at `ended_at` or now."""
        end = self._not_future(ended_at, now)
        record = SessionRecord(
            started_at=end - timedelta(minutes=minutes),
            ended_at=end,
            planned_minutes=minutes,
            minutes=float(minutes),
            outcome=Outcome.LOGGED,
        )
        return Change(value=record, events=self._add(record, now))

    def log_pain(
        self,
        now: datetime,
        *,
        rating: float,
        area: Area = Area.BACK,
        moment: Moment | None = None,
        note: str | None = None,
        logged_at: datetime | None = None,
    ) -> Change[LoggedPain]:
        """Record a whole-number rating (4.0 is 4); return it with the relief it shows."""
        if not float(rating).is_integer():
            raise ProfileError(RATING_NOT_WHOLE, {"rating": str(rating)})
        if not 0 <= rating <= MAX_RATING:
            raise ProfileError(RATING_RANGE, {"rating": str(int(rating))})
        rating = int(rating)
        at = self._not_future(logged_at, now)
        if moment is None:
            started = None if self.running is None else self.running.started_at
            moment = infer_moment(at, self.sessions, started)
        record = PainRecord(logged_at=at, rating=rating, area=area, moment=moment, note=note)
        self.pain_timeline.insert(record)
        self._pain_changed()
        relief = relief_after(record, self.sessions, self.pain)
        data = {"rating": rating, "area": area.value, "moment": moment.value}
        event = ProfileEvent(ProfileEventType.PAIN_LOGGED, data)
        return Change(value=LoggedPain(record=record, relief=relief), events=(event,))
