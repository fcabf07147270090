"""Mat days: local calendar days that begin at a chosen hour, correct across DST."""

from datetime import UTC, date, datetime, time, timedelta, tzinfo


def mat_day(instant: datetime, tz: tzinfo, day_starts_at: int) -> date:
    """Return the mat day that holds the instant."""
    local = instant.astimezone(tz)
    # Compare the wall clock, so a DST shift never moves a session to another day.
    if local.hour < day_starts_at:
        return local.date() - timedelta(days=1)
    return local.date()


def day_start(day: date, tz: tzinfo, day_starts_at: int) -> datetime:
    """Return the UTC instant when the mat day begins, or when a DST gap ends."""
    wall = datetime.combine(day, time(day_starts_at), tzinfo=tz)
    # fold=0 picks the first of a repeated hour, which is when the day begins.
    start = wall.astimezone(UTC)
    naive = wall.replace(tzinfo=None)
    if start.astimezone(tz).replace(tzinfo=None) == naive:
        return start
    # The hour does not exist: the gap ends between the two readings of the wall time,
    # and the first instant whose wall time passes it is the end of the gap.
    low = int(wall.replace(fold=1).astimezone(UTC).timestamp())
    high = int(start.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, tz).replace(tzinfo=None) >= naive:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def next_day_start(now: datetime, tz: tzinfo, day_starts_at: int) -> datetime:
    """Return the UTC instant when the next mat day begins."""
    today = mat_day(now, tz, day_starts_at)
    return day_start(today + timedelta(days=1), tz, day_starts_at)
