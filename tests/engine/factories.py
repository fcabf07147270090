"""Builders of engine records for the tests."""

from datetime import UTC, datetime, timedelta

from custom_components.acupressure_mat.engine.model import PainRecord, SessionRecord
from custom_components.acupressure_mat.engine.vocabulary import Area, Moment, Outcome

T0 = datetime(2025, 6, 2, 12, 0, tzinfo=UTC)


def session(
    start: datetime,
    minutes: float = 20,
    outcome: Outcome = Outcome.COMPLETED,
    planned: int | None = None,
) -> SessionRecord:
    """Return a session of `minutes` active minutes starting at `start`."""
    return SessionRecord(
        started_at=start,
        ended_at=start + timedelta(minutes=minutes),
        planned_minutes=round(minutes) if planned is None else planned,
        minutes=float(minutes),
        outcome=outcome,
    )


def rating(at: datetime, value: int, moment: Moment, area: Area = Area.BACK) -> PainRecord:
    """Return a pain rating."""
    return PainRecord(logged_at=at, rating=value, area=area, moment=moment)
