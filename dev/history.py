"""Sample history for a development profile: two years of evenings whose back pain eases."""

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

DAYS = 2 * 365
# Calls in flight at once: enough to finish in seconds, few enough to keep the log readable.
PARALLEL = 8

type Call = Callable[[str, dict[str, Any]], Awaitable[object]]


def sample_history(now: datetime) -> list[tuple[str, dict[str, Any]]]:
    """Return the actions that log two years: sessions on five evenings a week, pain around them."""
    calls = []
    for back in range(DAYS, 0, -1):
        evening = (now - timedelta(days=back)).replace(hour=21, minute=20, second=0, microsecond=0)
        if back % 7 in (2, 5):  # two evenings a week off the mat
            continue
        minutes = 10 + min(10, (DAYS - back) // 30)  # ramped from 10 towards 20 minutes
        calls.append(("log_session", {"minutes": minutes, "ended_at": evening.isoformat()}))
        # Back pain easing from about 7 to 3 over the two years, a little different each day.
        before = round(7 - 4 * (DAYS - back) / DAYS + (back * 37 % 5 - 2) / 2)
        start = evening - timedelta(minutes=minutes + 5)
        for at, rating, moment in (
            (start, before, "before"),
            (evening + timedelta(minutes=5), max(0, before - 2), "after"),
        ):
            calls.append(
                ("log_pain", {"rating": rating, "moment": moment, "logged_at": at.isoformat()})
            )
    return calls


async def log_history(call: Call, now: datetime) -> int:
    """Log the sample history through the actions; return how many calls it took."""
    calls = sample_history(now)
    gate = asyncio.Semaphore(PARALLEL)

    async def one(action: str, data: dict[str, Any]) -> None:
        async with gate:
            await call(action, data)

    await asyncio.gather(*(one(action, data) for action, data in calls))
    return len(calls)
