"""The running side of a mat profile: the engine under a lock, its store, timers and listeners."""

import asyncio
from collections.abc import Callable
from datetime import date, datetime, timedelta

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.helpers.start import async_at_started
from homeassistant.util import dt as dt_util

from .engine.errors import ProfileError
from .engine.model import Settings
from .engine.profile import Change, MatProfile, ProfileEvent
from .helpers import refusal
from .storage import MatStore

type Command[T] = Callable[[MatProfile, datetime], Change[T]]
type EventListener = Callable[[ProfileEvent], None]
type DayListener = Callable[[date], None]


class MatRuntime:
    """Owns one profile's engine: applies commands, saves at once, informs, and keeps time."""

    def __init__(self, hass: HomeAssistant, store: MatStore, profile: MatProfile) -> None:
        """Wrap a loaded profile; call async_start once its entities listen."""
        self.hass = hass
        self.store = store
        self.profile = profile
        self.lock = asyncio.Lock()
        self.readout = profile.readout(dt_util.utcnow())
        self._listeners: list[CALLBACK_TYPE] = []
        self._event_listeners: list[EventListener] = []
        self._day_listeners: list[DayListener] = []
        self._day: date | None = None
        self._pending: list[ProfileEvent] = []
        self._timer: CALLBACK_TYPE | None = None
        self._unsub_started: CALLBACK_TYPE | None = None
        self._delivering = False

    @classmethod
    async def async_load(
        cls, hass: HomeAssistant, store: MatStore, settings: Settings
    ) -> MatRuntime:
        """Load the stored profile and complete a session that ended while it was not loaded."""
        profile = await store.async_load_profile(settings)
        runtime = cls(hass, store, profile)
        settled = profile.settle(dt_util.utcnow())
        if settled.events:
            await store.async_save(profile.to_dict())
            runtime._pending.extend(settled.events)
        return runtime

    @callback
    def async_start(self) -> None:
        """Start the timers, and deliver held-back events once Home Assistant has started."""
        # Held back until the entities listen and automations run, so both receive them.
        self._unsub_started = async_at_started(self.hass, self._async_started)
        self._refresh(dt_util.utcnow())

    async def _async_started(self, _hass: HomeAssistant) -> None:
        """Deliver the events held back during start-up."""
        self._unsub_started = None
        self._delivering = True
        pending, self._pending = self._pending, []
        self._emit(tuple(pending))

    @callback
    def async_stop(self) -> None:
        """Cancel timers and subscriptions when the entry unloads."""
        for unsub in (self._timer, self._unsub_started):
            if unsub:
                unsub()
        self._timer = self._unsub_started = None

    @callback
    def async_add_listener(self, listener: CALLBACK_TYPE) -> CALLBACK_TYPE:
        """Call listener whenever the readout may have changed."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @callback
    def async_add_event_listener(self, listener: EventListener) -> CALLBACK_TYPE:
        """Call listener with every profile event."""
        self._event_listeners.append(listener)
        return lambda: self._event_listeners.remove(listener)

    @callback
    def async_add_day_missed_listener(self, listener: DayListener) -> CALLBACK_TYPE:
        """Call listener with each mat day that ends without counting for the streak."""
        self._day_listeners.append(listener)
        return lambda: self._day_listeners.remove(listener)

    async def async_apply[T](self, command: Command[T]) -> Change[T]:
        """Apply a command, save at once, then inform entities and listeners; refuse bad input."""
        async with self.lock:
            now = dt_util.utcnow()
            # A session past its end has completed, even if its end timer has not run yet.
            settled = self.profile.settle(now)
            try:
                change = command(self.profile, now).after(settled.events)
            except ProfileError as err:
                # A refused command changed nothing, but the completion before it did.
                if settled.events:
                    await self._async_commit(settled.events)
                raise refusal(err) from err
            await self._async_commit(change.events)
        return change

    async def _async_commit(self, events: tuple[ProfileEvent, ...]) -> None:
        """Save at once, then announce the events and show the new values."""
        await self.store.async_save(self.profile.to_dict())
        self._emit(events)
        self._refresh(dt_util.utcnow())

    @callback
    def update_settings(self, settings: Settings) -> None:
        """Follow a change of Home Assistant's time zone."""
        self.profile.update_settings(settings)
        self._refresh(dt_util.utcnow())

    @callback
    def _emit(self, events: tuple[ProfileEvent, ...]) -> None:
        """Hand events to the listeners, or hold them until start-up has finished."""
        if not self._delivering:
            self._pending.extend(events)
            return
        for event in events:
            for listener in list(self._event_listeners):
                listener(event)

    @callback
    def _refresh(self, now: datetime) -> None:
        """Recompute the readout, inform entities, and set the timer for the next change."""
        self.readout = self.profile.readout(now)
        for listener in list(self._listeners):
            listener()
        self._check_day(now)
        if self._timer:
            self._timer()
        self._timer = async_track_point_in_utc_time(
            self.hass, self._async_tick, self.profile.next_change(now)
        )

    @callback
    def _check_day(self, now: datetime) -> None:
        """Report the mat day that just ended if it did not count."""
        day, ended = self.profile.mat_day(now), self._day
        self._day = day
        # Only the day just left (not a clock jump), and not while a session started in it runs.
        if ended is None or day - ended != timedelta(days=1) or self.profile.running is not None:
            return
        if not self.profile.day_counted(ended):
            for listener in list(self._day_listeners):
                listener(ended)

    async def _async_tick(self, _now: datetime) -> None:
        """Complete a session that reached its end, or refresh what time changed."""
        self._timer = None
        async with self.lock:
            settled = self.profile.settle(dt_util.utcnow())
            if settled.events:
                await self._async_commit(settled.events)
            else:
                self._refresh(dt_util.utcnow())
