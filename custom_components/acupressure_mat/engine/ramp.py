"""The ramp: planned session length that builds up and decays after idle weeks."""

from typing import TYPE_CHECKING

from .vocabulary import Outcome

if TYPE_CHECKING:
    from datetime import date

    from .model import Settings

DECAY_DAYS = 7


def clamp(level: int, settings: Settings) -> int:
    """Keep the level within the configured start and target."""
    return max(settings.start_minutes, min(level, settings.target_minutes))


def decay(level: int, settings: Settings, last_day: date | None, today: date) -> int:
    """Lower the level by one step for every full 7 mat days without a session."""
    if last_day is None:
        return level
    # A record older than the latest session gives a negative gap: no decay.
    weeks = max(0, (today - last_day).days // DECAY_DAYS)
    if weeks == 0:
        return level
    return max(settings.start_minutes, level - weeks * settings.step_minutes)


def after_session(
    level: int,
    settings: Settings,
    *,
    last_day: date | None,
    session_day: date,
    minutes: float,
    outcome: Outcome,
    planned_minutes: int | None = None,
) -> int:
    """Return the level after a session: decay, then a step up if it was reached."""
    level = decay(level, settings, last_day, session_day)
    if outcome is not Outcome.STOPPED and minutes >= level:
        level += settings.step_minutes
    elif settings.adaptive_ramp and _given_up_early(outcome, minutes, planned_minutes):
        # The adaptive ramp listens: a session abandoned before half time was too much.
        level -= settings.step_minutes
    return clamp(level, settings)


def _given_up_early(outcome: Outcome, minutes: float, planned_minutes: int | None) -> bool:
    """Tell whether a stopped session ended before half of its planned minutes."""
    return (
        outcome is Outcome.STOPPED and planned_minutes is not None and minutes < planned_minutes / 2
    )
