"""The running side of a mat profile: engine, storage, timers and the listeners it informs."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
import math
from typing import Any

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.helpers.start import async_at_started
from homeassistant.util import dt as dt_util

from .const import (
    CONF_DAY_STARTS_AT,
    CONF_REST_DAYS_PER_WEEK,
    CONF_START_MINUTES,
    CONF_STEP_MINUTES,
    CONF_STREAK_MIN_MINUTES,
    CONF_TARGET_MINUTES,
    DEFAULTS,
    DOMAIN,
)
from .engine.days import next_day_start
from .engine.errors import ProfileError
from .engine.model import PainRecord, SessionState, Settings
from .engine.profile import Event, MatProfile
from .guidance import Guidance
from .storage import MatStore

type MatConfigEntry = ConfigEntry[MatRuntime]
type Operation = Callable[[MatProfile, datetime], list[Event]]


def entry_options(entry: ConfigEntry) -> dict[str, Any]:
    """Return the effective settings: defaults, then the user step, then the options."""
    return DEFAULTS | dict(entry.data) | dict(entry.options)


def engine_settings(options: dict[str, Any]) -> Settings:
    """Build the engine's settings in Home Assistant's current time zone."""
    return Settings(
        start_minutes=options[CONF_START_MINUTES],
        target_minutes=options[CONF_TARGET_MINUTES],
        step_minutes=options[CONF_STEP_MINUTES],
        streak_min_minutes=options[CONF_STREAK_MIN_MINUTES],
        day_starts_at=options[CONF_DAY_STARTS_AT],
        rest_days_per_week=options[CONF_REST_DAYS_PER_WEEK],
        tz=dt_util.get_default_time_zone(),
    )


def profile_error(err: ProfileError) -> ServiceValidationError:
    """Translate an engine refusal into the error users see."""
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=err.key,
        translation_placeholders=err.placeholders,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Snapshot:
    """Every value the profile's entities show, computed once per change."""

    state: SessionState
    ends_at: datetime | None
    remaining_minutes: int | None
    duration_minutes: int | None
    next_session_minutes: int
    streak: int
    longest_streak: int
    last_pain: PainRecord | None
    pain_relief: int | None
    minutes_today: float
    sessions_completed: int
    last_session_at: datetime | None


class MatRuntime:
    """Owns one profile's engine and keeps its entities, store and timers in step."""

    def __init__(self, hass: HomeAssistant, entry: ConfigEntry, store: MatStore) -> None:
        """Create the runtime; call async_start once the profile is loaded."""
        self.hass = hass
        self.entry = entry
        self.store = store
        self.options = entry_options(entry)
        self.profile = MatProfile(engine_settings(self.options))
        self.lock = asyncio.Lock()
        self.snapshot = self._take_snapshot(dt_util.utcnow())
        self._listeners: list[CALLBACK_TYPE] = []
        self._event_listeners: list[Callable[[Event], None]] = []
        self._pending: list[Event] = []
        self._timers: list[CALLBACK_TYPE] = []
        self._unsubs: list[CALLBACK_TYPE] = []
        self._started = False
        self.guidance = Guidance(hass, self)
        self._event_listeners.append(self.guidance.async_on_event)

    async def async_start(self) -> None:
        """Load stored data, finish a session that ended while stopped, and start timers."""
        self.profile = await self.store.async_load_profile(self.profile.settings)
        if self._due(dt_util.utcnow()):
            self._pending.extend(self.profile.complete())
            await self.store.async_save(self.profile.to_dict())
        # Events wait for Home Assistant to have started, so automations receive them.
        self._unsubs.append(async_at_started(self.hass, self._async_started))
        self._refresh(dt_util.utcnow())

    async def _async_started(self, _hass: HomeAssistant) -> None:
        """Deliver events held back during start-up."""
        self._started = True
        pending, self._pending = self._pending, []
        self._emit(pending)

    @callback
    def async_stop(self) -> None:
        """Cancel timers and subscriptions when the entry unloads."""
        for unsub in (*self._timers, *self._unsubs):
            unsub()
        self._timers.clear()
        self._unsubs.clear()
        self.guidance.async_unload()

    @callback
    def async_add_listener(self, listener: CALLBACK_TYPE) -> CALLBACK_TYPE:
        """Call listener whenever the snapshot may have changed."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @callback
    def async_add_event_listener(self, listener: Callable[[Event], None]) -> CALLBACK_TYPE:
        """Call listener with every session event."""
        self._event_listeners.append(listener)
        return lambda: self._event_listeners.remove(listener)

    async def async_run(self, operation: Operation) -> list[Event]:
        """Apply an engine operation, save at once, then inform entities and listeners."""
        error: ProfileError | None = None
        async with self.lock:
            now = dt_util.utcnow()
            # A session past its end has completed, even if its end timer has not run yet.
            events = self.profile.complete() if self._due(now) else []
            try:
                events += operation(self.profile, now)
            except ProfileError as err:
                error = err
            if events or error is None:
                await self.store.async_save(self.profile.to_dict())
        if events or error is None:
            self._emit(events)
            self._refresh(dt_util.utcnow())
        if error is not None:
            raise profile_error(error) from error
        return events

    def _due(self, now: datetime) -> bool:
        """Tell whether the running session has reached its planned end."""
        running = self.profile.running
        return bool(running and running.ends_at and running.ends_at <= now)

    def update_time_zone(self) -> None:
        """Follow a change of Home Assistant's time zone."""
        self.profile.update_settings(engine_settings(self.options))
        self._refresh(dt_util.utcnow())

    @callback
    def _emit(self, events: list[Event]) -> None:
        """Hand events to the event entity, or hold them until start-up has finished."""
        if not self._started:
            self._pending.extend(events)
            return
        for event in events:
            for listener in list(self._event_listeners):
                listener(event)

    @callback
    def _refresh(self, now: datetime) -> None:
        """Recompute the snapshot, inform entities, and set the next timer."""
        self.snapshot = self._take_snapshot(now)
        for listener in list(self._listeners):
            listener()
        for unsub in self._timers:
            unsub()
        self._timers = [
            async_track_point_in_utc_time(self.hass, self._async_tick, self._next_wakeup(now))
        ]

    def _next_wakeup(self, now: datetime) -> datetime:
        """Return the next instant a shown value changes: a minute, the end, or a new mat day."""
        settings = self.profile.settings
        wakeup = next_day_start(now, settings.tz, settings.day_starts_at)
        running = self.profile.running
        if running and running.ends_at:
            remaining = running.remaining_seconds(now)
            # The remaining whole minutes (rounded up) change when a full minute has passed.
            step = remaining % 60 or 60.0
            wakeup = min(wakeup, running.ends_at, now + timedelta(seconds=step))
        return wakeup

    async def _async_tick(self, now: datetime) -> None:
        """Complete a session that reached its end, or refresh what time changed."""
        if self._due(dt_util.utcnow()):
            await self.async_run(lambda _profile, _now: [])
            return
        self._refresh(dt_util.utcnow())

    def _take_snapshot(self, now: datetime) -> Snapshot:
        """Read every shown value from the engine."""
        profile = self.profile
        running = profile.running
        remaining = duration = None
        if running:
            remaining = math.ceil(round(running.remaining_seconds(now), 3) / 60)
            duration = running.planned_minutes
        return Snapshot(
            state=profile.state,
            ends_at=running.ends_at if running else None,
            remaining_minutes=remaining,
            duration_minutes=duration,
            next_session_minutes=profile.next_session_minutes(now),
            streak=profile.streak(now),
            longest_streak=profile.longest_streak(now),
            last_pain=profile.last_pain,
            pain_relief=profile.pain_relief,
            minutes_today=profile.minutes_today(now),
            sessions_completed=profile.sessions_completed,
            last_session_at=profile.last_session_at,
        )
