"""What each action does to a profile, shared by actions, buttons and voice, with typed results."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from .data import ProfileOptions
from .engine.insights import Practice
from .engine.model import SessionRecord
from .engine.profile import Change, LoggedPain, MatProfile
from .engine.session import RunningSession
from .engine.vocabulary import (
    Area,
    BreathingPattern,
    GuidanceKind,
    GuidanceOutcome,
    Moment,
    SessionState,
)
from .guidance import Guidance, GuidanceRequest
from .helpers import as_utc, mat_error
from .pacer import Pacer
from .runtime import MatRuntime
from .sleep import SleepTracker


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionStarted:
    """The session that started, and whether its guidance plays."""

    session: RunningSession
    guidance: GuidanceOutcome


class ProfileActions:
    """The actions of one profile: check the input, apply one command, follow with guidance."""

    def __init__(
        self,
        hass: HomeAssistant,
        *,
        options: ProfileOptions,
        runtime: MatRuntime,
        guidance: Guidance,
        sleep: SleepTracker,
    ) -> None:
        """Bind the actions to a profile's parts."""
        self.hass = hass
        self.options = options
        self.runtime = runtime
        self.guidance = guidance
        self.sleep = sleep

    def _check_players(self, players: list[str] | None) -> None:
        """Refuse players named in an action that do not exist."""
        for entity_id in players or ():
            if not entity_id.startswith("media_player.") or not self.hass.states.get(entity_id):
                raise mat_error("media_player_not_found", entity_id=entity_id)

    async def start_session(
        self,
        *,
        minutes: int | None = None,
        guidance: GuidanceKind | None = None,
        players: list[str] | None = None,
        pattern: BreathingPattern | None = None,
        volume: float | None = None,
    ) -> SessionStarted:
        """Start a session, ramped unless minutes are given, with its guidance."""
        self._check_players(players)
        request = GuidanceRequest.fill(
            self.options, kind=guidance, players=players, pattern=pattern, volume=volume
        )

        def start(profile: MatProfile, now: datetime) -> Change[RunningSession]:
            change = profile.start(now, minutes=minutes)
            # Set with the start, so the session's first state already carries its pattern.
            self.guidance.pacer = Pacer(pattern=request.pattern, kind=request.kind)
            return change

        change = await self.runtime.async_apply(start)
        outcome = await self.guidance.async_start_session(request, change.value)
        return SessionStarted(session=change.value, guidance=outcome)

    async def pause_session(self) -> RunningSession:
        """Pause the active session and its guidance."""
        change = await self.runtime.async_apply(lambda p, now: p.pause(now))
        await self.guidance.async_pause_session(change.value)
        return change.value

    async def resume_session(self) -> RunningSession:
        """Resume the paused session and its guidance."""
        change = await self.runtime.async_apply(lambda p, now: p.resume(now))
        await self.guidance.async_resume_session(change.value)
        return change.value

    async def pause_or_resume(self) -> RunningSession:
        """Pause an active session, resume a paused one."""
        if self.runtime.readout.state is SessionState.PAUSED:
            return await self.resume_session()
        return await self.pause_session()

    async def extend_session(self, *, minutes: int) -> RunningSession:
        """Lengthen the running session and its guidance."""

        def extend(profile: MatProfile, now: datetime) -> Change[RunningSession]:
            change = profile.extend(minutes=minutes)
            pacer = self.guidance.pacer
            if pacer and self.guidance.plays_session():
                # The longer audio that replaces the old starts with a new breath in.
                self.guidance.pacer = pacer.restarted(change.value, now)
            return change

        change = await self.runtime.async_apply(extend)
        await self.guidance.async_extend_session(change.value)
        return change.value

    async def stop_session(self) -> SessionRecord:
        """Stop the running session and its guidance."""
        change = await self.runtime.async_apply(lambda p, now: p.stop(now))
        await self.guidance.async_stop_session()
        return change.value

    async def log_pain(
        self,
        *,
        rating: float,
        area: Area = Area.BACK,
        moment: Moment | None = None,
        note: str | None = None,
        logged_at: datetime | None = None,
    ) -> LoggedPain:
        """Record a pain rating and return it with the relief it shows."""
        at = as_utc(logged_at)
        change = await self.runtime.async_apply(
            lambda p, now: p.log_pain(
                now, rating=rating, area=area, moment=moment, note=note, logged_at=at
            )
        )
        return change.value

    async def log_session(self, *, minutes: int, ended_at: datetime | None = None) -> SessionRecord:
        """Record a session done without the timer."""
        end = as_utc(ended_at)
        change = await self.runtime.async_apply(
            lambda p, now: p.log_session(now, minutes=minutes, ended_at=end)
        )
        return change.value

    def history(
        self, *, days: int, latest: int | None = None, area: Area | None = None
    ) -> dict[str, Any]:
        """Return the sessions and ratings of the last days (the latest ones only, if asked)."""
        return self.runtime.profile.history(dt_util.utcnow(), days, latest=latest, area=area)

    def practice(self, *, days: int) -> Practice:
        """Return the sessions and minutes of the last mat days, today included."""
        return self.runtime.profile.practice(dt_util.utcnow(), days)

    async def insights(self) -> dict[str, Any]:
        """Return whether the mat helps: pain, relief, practice and sleep, as of now."""
        profile, now = self.runtime.profile, dt_util.utcnow()
        await self.sleep.async_refresh(profile.mat_day(now), profile.session_days())
        return profile.insights(now) | {"sleep": self.sleep.comparison.to_dict()}

    async def play_guidance(
        self,
        *,
        minutes: int,
        players: list[str] | None = None,
        kind: GuidanceKind | None = None,
        pattern: BreathingPattern | None = None,
        volume: float | None = None,
    ) -> None:
        """Play guidance without a session; breathing when the profile has none."""
        self._check_players(players)
        request = GuidanceRequest.fill(
            self.options, kind=kind, players=players, pattern=pattern, volume=volume
        )
        if request.kind is GuidanceKind.NONE:
            request = request.with_kind(GuidanceKind.BREATHING)
        await self.guidance.async_play(request, minutes)

    async def stop_guidance(self, *, players: list[str] | None = None) -> None:
        """Stop guidance on the given players, or everywhere this profile plays."""
        self._check_players(players)
        await self.guidance.async_stop(players)
