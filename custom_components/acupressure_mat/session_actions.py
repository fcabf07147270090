"""What each action and button does to a profile; shared so both raise the same errors."""

from datetime import datetime
from typing import Any

from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util

from .const import (
    CONF_BREATHING_PATTERN,
    CONF_GUIDANCE,
    CONF_MEDIA_PLAYERS,
    CONF_VOLUME,
    DOMAIN,
    GUIDANCE_BREATHING,
    GUIDANCE_NONE,
)
from .engine.model import Area, Moment, SessionState
from .engine.profile import MatProfile
from .guidance import GuidanceRequest
from .runtime import MatRuntime
from .storage import iso


def _utc(value: datetime | None) -> datetime | None:
    """Read a time without a zone in Home Assistant's time zone."""
    return None if value is None else dt_util.as_utc(value)


class SessionActions:
    """The actions of one profile."""

    def __init__(self, runtime: MatRuntime) -> None:
        """Bind to a profile."""
        self.runtime = runtime
        self.guidance = runtime.guidance

    def _check_players(self, entity_ids: list[str] | None) -> None:
        """Refuse players named in an action that do not exist."""
        for entity_id in entity_ids or ():
            if not entity_id.startswith("media_player.") or not self.runtime.hass.states.get(
                entity_id
            ):
                raise ServiceValidationError(
                    translation_domain=DOMAIN,
                    translation_key="media_player_not_found",
                    translation_placeholders={"entity_id": entity_id},
                )

    def _request(
        self,
        kind: str | None,
        players: list[str] | None,
        pattern: str | None,
        volume: float | None,
    ) -> GuidanceRequest:
        """Fill what an action left out from the profile's options."""
        options = self.runtime.options
        return GuidanceRequest(
            kind=kind or options[CONF_GUIDANCE],
            players=tuple(players if players is not None else options[CONF_MEDIA_PLAYERS]),
            players_named=players is not None,
            pattern=pattern or options[CONF_BREATHING_PATTERN],
            volume=options[CONF_VOLUME] if volume is None else volume,
        )

    def _session_times(self) -> dict[str, Any]:
        """Return the running session's plan."""
        running = self.runtime.profile.running
        assert running is not None  # noqa: S101 - only called right after a change that keeps it
        return {"planned_minutes": running.planned_minutes, "ends_at": iso(running.ends_at)}

    async def start_session(
        self,
        minutes: int | None = None,
        guidance: str | None = None,
        media_player_entity_id: list[str] | None = None,
        breathing_pattern: str | None = None,
        volume: float | None = None,
    ) -> dict[str, Any]:
        """Start a session, ramped unless minutes are given, with its guidance."""
        self._check_players(media_player_entity_id)
        request = self._request(guidance, media_player_entity_id, breathing_pattern, volume)
        await self.runtime.async_run(lambda profile, now: profile.start(now, minutes))
        running = self.runtime.profile.running
        assert running is not None  # noqa: S101 - async_run raised if the start was refused
        outcome = GUIDANCE_NONE
        if request.kind != GUIDANCE_NONE:
            outcome = await self.guidance.async_start_session(request, running.planned_minutes)
        else:
            self.guidance.async_start_silent_session(request)
        return self._session_times() | {"ramped": running.ramped, "guidance": outcome}

    async def pause_session(self) -> None:
        """Pause the active session and its guidance."""
        await self.runtime.async_run(MatProfile.pause)
        await self.guidance.async_pause_session()

    async def resume_session(self) -> None:
        """Resume the paused session and its guidance."""
        await self.runtime.async_run(MatProfile.resume)
        await self.guidance.async_resume_session()

    async def pause_resume(self) -> None:
        """Pause an active session, resume a paused one."""
        if self.runtime.profile.state is SessionState.PAUSED:
            await self.resume_session()
        else:
            await self.pause_session()

    async def extend_session(self, minutes: int) -> dict[str, Any]:
        """Lengthen the running session and its guidance."""
        await self.runtime.async_run(lambda profile, now: profile.extend(now, minutes))
        await self.guidance.async_extend_session(minutes)
        return self._session_times()

    async def stop_session(self) -> dict[str, Any]:
        """Stop the running session and its guidance."""
        events = await self.runtime.async_run(MatProfile.stop)
        await self.guidance.async_stop_session()
        return {"minutes": events[0].data["minutes"], "outcome": "stopped"}

    async def log_pain(
        self,
        rating: int,
        area: str = str(Area.BACK),
        moment: str | None = None,
        note: str | None = None,
        logged_at: datetime | None = None,
    ) -> dict[str, Any]:
        """Record a pain rating and return the relief it shows."""
        relief: list[int | None] = []

        def _log(profile: MatProfile, now: datetime) -> list[Any]:
            _record, result, events = profile.log_pain(
                now, rating, Area(area), Moment(moment) if moment else None, note, _utc(logged_at)
            )
            relief.append(result)
            return events

        await self.runtime.async_run(_log)
        return {"relief": relief[0]}

    async def log_session(self, minutes: int, ended_at: datetime | None = None) -> None:
        """Record a session done without the timer."""
        await self.runtime.async_run(
            lambda profile, now: profile.log_session(now, minutes, _utc(ended_at))
        )

    async def get_history(self, days: int) -> dict[str, Any]:
        """Return the sessions and ratings of the last days."""
        return self.runtime.profile.history(dt_util.utcnow(), days)

    async def play_guidance(
        self,
        minutes: int,
        media_player_entity_id: list[str] | None = None,
        kind: str | None = None,
        breathing_pattern: str | None = None,
        volume: float | None = None,
    ) -> None:
        """Play guidance without a session."""
        self._check_players(media_player_entity_id)
        request = self._request(kind, media_player_entity_id, breathing_pattern, volume)
        if request.kind == GUIDANCE_NONE:
            request = request.with_kind(GUIDANCE_BREATHING)
        await self.guidance.async_play(request, minutes)

    async def stop_guidance(self, media_player_entity_id: list[str] | None = None) -> None:
        """Stop guidance on the given players, or everywhere this profile plays."""
        self._check_players(media_player_entity_id)
        await self.guidance.async_stop(media_player_entity_id)
