"""Time the engine's read-outs over ten years of daily sessions and pain ratings."""

# Run from the repository root: .venv/bin/python -m bench.engine_history
from datetime import UTC, datetime, timedelta
import time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from custom_components.acupressure_mat.engine.model import PainRecord, SessionRecord, Settings
from custom_components.acupressure_mat.engine.profile import MatProfile
from custom_components.acupressure_mat.engine.vocabulary import Area, Moment, Outcome

if TYPE_CHECKING:
    from collections.abc import Callable

DAYS = 3650
SETTINGS = Settings(tz=ZoneInfo("Europe/Berlin"), rest_days_per_week=1)
NOW = datetime(2026, 6, 1, 22, 0, tzinfo=UTC)


def stored() -> dict[str, Any]:
    """Return ten years of nightly sessions, rated before and after, as stored."""
    sessions: list[SessionRecord] = []
    pain: list[PainRecord] = []
    for day in range(DAYS, 0, -1):
        start = NOW - timedelta(days=day, hours=1)
        end = start + timedelta(minutes=20)
        sessions.append(
            SessionRecord(
                started_at=start,
                ended_at=end,
                planned_minutes=20,
                minutes=20.0,
                outcome=Outcome.COMPLETED,
            )
        )
        for at, rating, moment in ((start, 6, Moment.BEFORE), (end, 3, Moment.AFTER)):
            pain.append(PainRecord(logged_at=at, rating=rating, area=Area.BACK, moment=moment))
    return MatProfile(SETTINGS, sessions=sessions, pain=pain).to_dict()


def timed(label: str, call: Callable[[], object]) -> object:
    """Run the call once, print how long it took and return its result."""
    started = time.perf_counter()
    result = call()
    print(f"{label:<28}{(time.perf_counter() - started) * 1000:8.2f} ms")
    return result


def main() -> None:
    """Print the figures."""
    data = stored()
    print(f"{len(data['sessions'])} sessions, {len(data['pain'])} pain ratings")
    profile = timed("from_dict", lambda: MatProfile.from_dict(data, SETTINGS))
    assert isinstance(profile, MatProfile)
    timed("streak (cold)", lambda: profile.streak(NOW))
    timed("streak (cached)", lambda: profile.streak(NOW))
    timed("longest_streak", lambda: profile.longest_streak(NOW))
    timed("minutes_today", lambda: profile.minutes_today(NOW))
    timed("pain_relief", lambda: profile.pain_relief)
    timed("history(now, 30)", lambda: profile.history(NOW, 30))
    timed("history(now, 3650)", lambda: profile.history(NOW, 3650))
    timed("log_session + read-outs", lambda: _log_and_read(profile))
    timed("to_dict", profile.to_dict)


def _log_and_read(profile: MatProfile) -> tuple[int, int, float]:
    """Add a session, which drops the caches, and read the day-based values again."""
    profile.log_session(NOW, minutes=10)
    return profile.streak(NOW), profile.longest_streak(NOW), profile.minutes_today(NOW)


if __name__ == "__main__":
    main()
