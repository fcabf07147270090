"""Sleep on mat nights: a sleep sensor's readings after days with a session, against the rest."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from statistics import fmean

NIGHTS = 30
MIN_NIGHTS = 3
# A night's reading is the sensor's mean from 11:00 to noon the next morning: phones and
# watches report the night's sleep when their owner wakes, and rarely change it before noon.
READING_HOUR = 11


@dataclass(frozen=True, slots=True, kw_only=True)
class SleepComparison:
    """The mean reading of mat nights and of the other nights, with their counts."""

    mat_nights: float | None = None
    other_nights: float | None = None
    mat_nights_count: int = 0
    other_nights_count: int = 0

    def to_dict(self) -> dict[str, float | int | None]:
        """Return the `sleep` part of the `get_insights` response."""
        return {
            "mat_nights": self.mat_nights,
            "other_nights": self.other_nights,
            "mat_nights_count": self.mat_nights_count,
            "other_nights_count": self.other_nights_count,
        }


def nights(today: date) -> list[date]:
    """Return the mat days of the last 30 nights, oldest first; tonight has no reading yet."""
    return [today - timedelta(days=back) for back in range(NIGHTS, 0, -1)]


def reading_start(night: date, tz: tzinfo) -> datetime:
    """Return when the hour of a night's reading starts, in UTC."""
    morning = datetime.combine(night + timedelta(days=1), time(READING_HOUR), tzinfo=tz)
    return morning.astimezone(UTC)


def _mean(values: list[float], *, enough: bool) -> float | None:
    """Return the mean to 0.1, or None while the comparison has too few nights."""
    return round(fmean(values), 1) if enough else None


def compare(
    readings: Mapping[date, float], session_days: Iterable[date], today: date
) -> SleepComparison:
    """Compare the last 30 nights after a mat day with a session against the other nights."""
    mat_days = set(session_days)
    on_mat: list[float] = []
    other: list[float] = []
    for night in nights(today):
        if (value := readings.get(night)) is not None:
            (on_mat if night in mat_days else other).append(value)
    # A mean means little without the other side to compare it with: both need 3 nights.
    enough = len(on_mat) >= MIN_NIGHTS and len(other) >= MIN_NIGHTS
    return SleepComparison(
        mat_nights=_mean(on_mat, enough=enough),
        other_nights=_mean(other, enough=enough),
        mat_nights_count=len(on_mat),
        other_nights_count=len(other),
    )
