"""The running session: active time, pauses, extensions and how it ends."""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
import math
from typing import Any, Self

from .errors import EXTEND_TOO_LONG, NOT_ACTIVE, NOT_PAUSED, ProfileError
from .model import SessionRecord, parse_int, parse_number, parse_time, require_dict
from .vocabulary import MAX_SESSION_MINUTES, Outcome, SessionState


@dataclass(frozen=True, slots=True, kw_only=True)
class RunningSession:
    """A session that is active or paused."""

    started_at: datetime
    planned_minutes: int
    active_before: float  # seconds of active time before the current active stretch
    resumed_at: datetime | None  # start of the current active stretch; None while paused
    ramped: bool

    @property
    def state(self) -> SessionState:
        """Return whether the session is active or paused."""
        return SessionState.PAUSED if self.resumed_at is None else SessionState.ACTIVE

    def active_seconds(self, now: datetime) -> float:
        """Return the active time so far."""
        if self.resumed_at is None:
            return self.active_before
        stretch = (now - self.resumed_at).total_seconds()
        return self.active_before + max(0.0, stretch)

    def remaining_seconds(self, now: datetime) -> float:
        """Return the active time left until the planned length is reached."""
        return max(0.0, self.planned_minutes * 60 - self.active_seconds(now))

    def remaining_minutes(self, now: datetime) -> int:
        """Return the whole minutes left, rounded up, as the remaining-time sensor shows them."""
        # Rounded to the millisecond first, so a timer firing a hair late shows no extra minute.
        return math.ceil(round(self.remaining_seconds(now), 3) / 60)

    def half_time_in(self, now: datetime) -> float:
        """Return the active seconds until half of the planned length; negative once past."""
        return self.planned_minutes * 30 - self.active_seconds(now)

    def is_due(self, now: datetime) -> bool:
        """Tell whether the session has reached its planned end, so it has completed."""
        ends_at = self.ends_at
        return ends_at is not None and ends_at <= now

    def next_change(self, now: datetime) -> datetime | None:
        """Return when the remaining whole minutes next change, or None while paused."""
        ends_at = self.ends_at
        if ends_at is None:
            return None
        # The remaining whole minutes (rounded up) change when a full minute has passed.
        step = self.remaining_seconds(now) % 60 or 60.0
        return min(ends_at, now + timedelta(seconds=step))

    @property
    def ends_at(self) -> datetime | None:
        """Return the planned end, or None while paused."""
        if self.resumed_at is None:
            return None
        left = self.planned_minutes * 60 - self.active_before
        return self.resumed_at + timedelta(seconds=left)

    def pause(self, now: datetime) -> RunningSession:
        """Return the session paused at `now`."""
        if self.resumed_at is None:
            raise ProfileError(NOT_ACTIVE)
        return replace(self, active_before=self.active_seconds(now), resumed_at=None)

    def resume(self, now: datetime) -> RunningSession:
        """Return the session resumed at `now`."""
        if self.resumed_at is not None:
            raise ProfileError(NOT_PAUSED)
        return replace(self, resumed_at=now)

    def extend(self, minutes: int) -> RunningSession:
        """Return the session with `minutes` more planned, up to the longest session in all."""
        if minutes < 1:
            msg = f"extend by at least one minute, not {minutes}"
            raise ValueError(msg)
        planned = self.planned_minutes + minutes
        if planned > MAX_SESSION_MINUTES:
            raise ProfileError(
                EXTEND_TOO_LONG,
                {
                    "max_minutes": str(MAX_SESSION_MINUTES),
                    "planned_minutes": str(self.planned_minutes),
                },
            )
        return replace(self, planned_minutes=planned)

    def finish(self, now: datetime, outcome: Outcome) -> SessionRecord:
        """Return the record of the session ending at `now` with `outcome`."""
        if outcome is Outcome.COMPLETED:
            # It completes at its planned end, however late that is noticed.
            ends_at = self.ends_at
            return SessionRecord(
                started_at=self.started_at,
                ended_at=now if ends_at is None else ends_at,
                planned_minutes=self.planned_minutes,
                minutes=float(self.planned_minutes),
                outcome=outcome,
            )
        if outcome is Outcome.STOPPED:
            # Noticed late, a stop never counts more than was planned.
            minutes = min(self.active_seconds(now) / 60, self.planned_minutes)
            return SessionRecord(
                started_at=self.started_at,
                ended_at=now,
                planned_minutes=self.planned_minutes,
                minutes=round(minutes, 1),
                outcome=outcome,
            )
        msg = f"a running session cannot end as {outcome}"
        raise ValueError(msg)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-safe form."""
        return {
            "started_at": self.started_at.isoformat(),
            "planned_minutes": self.planned_minutes,
            "active_before": self.active_before,
            "resumed_at": None if self.resumed_at is None else self.resumed_at.isoformat(),
            "ramped": self.ramped,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Read the JSON-safe form; raise KeyError, TypeError or ValueError if bad."""
        data = require_dict(data)
        resumed_at = data["resumed_at"]
        ramped = data["ramped"]
        if not isinstance(ramped, bool):
            msg = f"expected a boolean, got {ramped!r}"
            raise TypeError(msg)
        return cls(
            started_at=parse_time(data["started_at"]),
            planned_minutes=parse_int(data["planned_minutes"]),
            active_before=parse_number(data["active_before"]),
            resumed_at=None if resumed_at is None else parse_time(resumed_at),
            ramped=ramped,
        )
