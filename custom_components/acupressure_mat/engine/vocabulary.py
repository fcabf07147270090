"""The words and limits of the public interface, defined once; everything else derives from them."""

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

MAX_START_MINUTES: Final = 120
MAX_EXTEND_MINUTES: Final = 60
MAX_LOG_MINUTES: Final = 180
MAX_SESSION_MINUTES: Final = 180  # a session's planned length, extensions included
MAX_RATING: Final = 10
MAX_NOTE_LENGTH: Final = 200
MAX_HISTORY_DAYS: Final = 3650
DEFAULT_HISTORY_DAYS: Final = 30
DEFAULT_GUIDANCE_MINUTES: Final = 10


class SessionState(StrEnum):
    """State of the profile's session."""

    IDLE = "idle"
    ACTIVE = "active"
    PAUSED = "paused"


class Outcome(StrEnum):
    """How a session ended."""

    COMPLETED = "completed"
    STOPPED = "stopped"
    LOGGED = "logged"


class Area(StrEnum):
    """Where the pain is."""

    BACK = "back"
    NECK = "neck"
    SHOULDERS = "shoulders"
    HEAD = "head"
    FEET = "feet"
    JOINTS = "joints"
    OTHER = "other"


class Moment(StrEnum):
    """When a pain rating was taken relative to a session."""

    BEFORE = "before"
    AFTER = "after"
    OTHER = "other"


class ProfileEventType(StrEnum):
    """Types of the profile's session events, in the order the event entity lists them."""

    STARTED = "started"
    PAUSED = "paused"
    RESUMED = "resumed"
    COMPLETED = "completed"
    STOPPED = "stopped"
    EXTENDED = "extended"
    PAIN_LOGGED = "pain_logged"
    STREAK_MILESTONE = "streak_milestone"


class GuidanceKind(StrEnum):
    """What plays during a session."""

    NONE = "none"
    BREATHING = "breathing"
    MEDITATION = "meditation"


# What play_guidance and the media browser can play: every kind that makes a sound.
AUDIBLE_KINDS: Final = (GuidanceKind.BREATHING, GuidanceKind.MEDITATION)


class GuidanceOutcome(StrEnum):
    """Whether a session's guidance plays."""

    NONE = "none"
    PLAYING = "playing"
    FAILED = "failed"


class BreathingPattern(StrEnum):
    """Breathing patterns of the pacer."""

    BOX = "box"
    FOUR_SEVEN_EIGHT = "4_7_8"
    COHERENT = "coherent"
    CALM = "calm"


@dataclass(frozen=True, slots=True)
class Breath:
    """Seconds of one breathing cycle: in, hold, out, hold."""

    inhale: float
    hold_in: float
    exhale: float
    hold_out: float


BREATHS: Final = MappingProxyType(
    {
        BreathingPattern.BOX: Breath(4.0, 4.0, 4.0, 4.0),
        BreathingPattern.FOUR_SEVEN_EIGHT: Breath(4.0, 7.0, 8.0, 0.0),
        BreathingPattern.COHERENT: Breath(5.5, 0.0, 5.5, 0.0),
        BreathingPattern.CALM: Breath(4.0, 0.0, 6.0, 0.0),
    }
)
