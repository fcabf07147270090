"""What the dashboard card needs to breathe in step with the guidance, as session attributes."""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Self

from .engine.session import RunningSession
from .engine.vocabulary import BreathingPattern, GuidanceKind
from .helpers import iso

ATTR_BREATHING_PATTERN = "breathing_pattern"
ATTR_GUIDANCE = "guidance"
ATTR_GUIDANCE_STARTED_AT = "guidance_started_at"
ATTR_REMAINING_SECONDS = "remaining_seconds"


@dataclass(frozen=True, slots=True, kw_only=True)
class Pacer:
    """The session's pattern and guidance, and the active second its audio's first breath began."""

    pattern: BreathingPattern
    kind: GuidanceKind
    offset: float = 0.0

    def restarted(self, session: RunningSession, now: datetime) -> Self:
        """Return the pacer of audio replaced now, whose breathing starts again with a breath in."""
        return replace(self, offset=round(session.active_seconds(now), 3))


def session_attributes(session: RunningSession | None, pacer: Pacer) -> dict[str, Any] | None:
    """Return the card's attributes of a running session; they change only on its transitions."""
    if session is None:
        return None
    ends_at = session.ends_at
    started_at = None
    remaining = None
    if ends_at is None:
        # Paused: the card shows this frozen time; while active it counts down from the end.
        remaining = round(max(0.0, session.planned_minutes * 60 - session.active_before), 1)
    else:
        # The instant the audio would have started had there been no pauses: its position now
        # is the time since then, as the players paused and resumed along with the session.
        started_at = ends_at - timedelta(seconds=session.planned_minutes * 60 - pacer.offset)
    return {
        ATTR_BREATHING_PATTERN: str(pacer.pattern),
        ATTR_GUIDANCE: str(pacer.kind),
        ATTR_GUIDANCE_STARTED_AT: iso(started_at),
        ATTR_REMAINING_SECONDS: remaining,
    }
