"""The mat profile: the aggregate of settings, records and the running session."""

from bisect import insort
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Self

from . import ramp, streak
from .errors import (
    FUTURE_TIME,
    NO_SESSION,
    NOT_ACTIVE,
    RATING_RANGE,
    SESSION_RUNNING,
    ProfileError,
)
from .model import (
    Area,
    Moment,
    Outcome,
    PainRecord,
    SessionRecord,
    SessionState,
    Settings,
    parse_int,
    require_dict,
)
from .pain import infer_moment, relief_after
from .readouts import ENDED, LOGGED, ProfileRecords
from .session import RunningSession

if TYPE_CHECKING:
    from collections.abc import Iterable

MAX_RATING = 10


@dataclass(frozen=True, slots=True)
class Event:
    """An event of the profile's session event entity."""

    type: str
    data: dict[str, Any]


class MatProfile(ProfileRecords):
    """A person's mat: settings, ramp level, history and the running session."""

    def __init__(
        self,
        settings: Settings,
        *,
        ramp_level: int | None = None,
        sessions: Iterable[SessionRecord] = (),
        pain: Iterable[PainRecord] = (),
        running: RunningSession | None = None,
    ) -> None:
        """Build the profile from its stored parts."""
        super().__init__(settings, ramp_level=ramp_level, sessions=sessions, pain=pain)
        self.running = running

    @property
    def state(self) -> SessionState:
        """Return idle, active or paused."""
        return SessionState.IDLE if self.running is None else self.running.state

    def _require_running(self) -> RunningSession:
        """Return the running session, or refuse when idle."""
        if self.running is None:
            raise ProfileError(NO_SESSION)
        return self.running

    def start(self, now: datetime, minutes: int | None = None) -> list[Event]:
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
        return [Event("started", {"planned_minutes": planned})]

    def pause(self, now: datetime) -> list[Event]:
        """Pause the active session."""
        self.running = self._require_running().pause(now)
        return [Event("paused", {})]

    def resume(self, now: datetime) -> list[Event]:
        """Resume the paused session."""
        self.running = self._require_running().resume(now)
        return [Event("resumed", {})]

    def extend(self, now: datetime, minutes: int) -> list[Event]:
        """Plan `minutes` more for the running session."""
        # `now` keeps every command's signature alike; extending needs no clock.
        self.running = self._require_running().extend(minutes)
        data = {"minutes": minutes, "planned_minutes": self.running.planned_minutes}
        return [Event("extended", data)]

    def stop(self, now: datetime) -> list[Event]:
        """End the running session early."""
        record = self._require_running().finish(now, Outcome.STOPPED)
        return self._end(record, "stopped")

    def complete(self) -> list[Event]:
        """End the running session at its planned end, which has been reached."""
        running = self._require_running()
        if running.ends_at is None:
            raise ProfileError(NOT_ACTIVE)
        record = running.finish(running.ends_at, Outcome.COMPLETED)
        return self._end(record, "completed")

    def _end(self, record: SessionRecord, event_type: str) -> list[Event]:
        """Record the running session's end and announce it."""
        self.running = None
        data = {"minutes": record.minutes, "planned_minutes": record.planned_minutes}
        return [Event(event_type, data), *self._add(record, record.ended_at)]

    def _add(self, record: SessionRecord, now: datetime) -> list[Event]:
        """Store a session, move the ramp and return the milestones it reached."""
        before = self.streak(now)
        self.ramp_level = ramp.after_session(
            self.ramp_level,
            self.settings,
            self._last_day(),
            self._day(record.started_at),
            record.minutes,
            record.outcome,
        )
        insort(self.sessions, record, key=ENDED)
        self._invalidate()
        after = self.streak(now)
        return [
            Event("streak_milestone", {"streak": milestone})
            for milestone in streak.milestones_between(before, after)
        ]

    def _future(self, instant: datetime) -> ProfileError:
        """Return the refusal of a time in the future, shown in the profile's time zone."""
        return ProfileError(FUTURE_TIME, {"time": instant.astimezone(self.settings.tz).isoformat()})

    def log_session(
        self, now: datetime, minutes: int, ended_at: datetime | None = None
    ) -> list[Event]:
        """Record a session done without the timer, ending at `ended_at` or now."""
        end = now if ended_at is None else ended_at
        if end > now:
            raise self._future(end)
        record = SessionRecord(
            started_at=end - timedelta(minutes=minutes),
            ended_at=end,
            planned_minutes=minutes,
            minutes=float(minutes),
            outcome=Outcome.LOGGED,
        )
        return self._add(record, now)

    def log_pain(  # noqa: PLR0917 -- the API the integration calls positionally
        self,
        now: datetime,
        rating: int,
        area: Area,
        moment: Moment | None,
        note: str | None,
        logged_at: datetime | None,
    ) -> tuple[PainRecord, int | None, list[Event]]:
        """Record a pain rating; return it, the relief it shows and its event."""
        if not 0 <= rating <= MAX_RATING:
            raise ProfileError(RATING_RANGE, {"rating": str(rating)})
        at = now if logged_at is None else logged_at
        if at > now:
            raise self._future(at)
        if moment is None:
            started = None if self.running is None else self.running.started_at
            moment = infer_moment(at, self.sessions, started)
        record = PainRecord(logged_at=at, rating=rating, area=area, moment=moment, note=note)
        insort(self.pain, record, key=LOGGED)
        self._relief = None
        relief = relief_after(record, self.sessions, self.pain)
        data = {"rating": rating, "area": area.value, "moment": moment.value}
        return record, relief, [Event("pain_logged", data)]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe form for storage."""
        return {
            "ramp_level": self.ramp_level,
            "sessions": [s.to_dict() for s in self.sessions],
            "pain": [p.to_dict() for p in self.pain],
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
        )
