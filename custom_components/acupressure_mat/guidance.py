"""Plays a profile's guidance on media players and keeps it in step with the session."""

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, replace
import logging
from typing import Self

from homeassistant.components.media_player.const import (
    ATTR_MEDIA_CONTENT_ID,
    ATTR_MEDIA_CONTENT_TYPE,
    ATTR_MEDIA_VOLUME_LEVEL,
    DOMAIN as MP_DOMAIN,
    SERVICE_PLAY_MEDIA,
    MediaType,
)
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_MEDIA_PAUSE,
    SERVICE_MEDIA_PLAY,
    SERVICE_MEDIA_STOP,
    SERVICE_VOLUME_SET,
    STATE_UNAVAILABLE,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, State, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_call_later
from homeassistant.helpers.state import async_reproduce_state
from homeassistant.util import dt as dt_util

from .audio_server import DATA_AUDIO
from .const import DOMAIN
from .cues import SpokenCues
from .data import ProfileOptions
from .engine.audio.cache import AudioSpec
from .engine.profile import ProfileEvent
from .engine.session import RunningSession
from .engine.vocabulary import BreathingPattern, GuidanceKind, GuidanceOutcome, ProfileEventType
from .pacer import Pacer

_LOGGER = logging.getLogger(__name__)
RESTORE_DELAY = 10  # seconds after the end bell, so it is heard to its end


@dataclass(frozen=True, slots=True, kw_only=True)
class GuidanceRequest:
    """What to play, where and how loud."""

    kind: GuidanceKind
    players: tuple[str, ...]
    players_named: bool  # named in the action, so a missing one is the caller's mistake
    pattern: BreathingPattern
    volume: float

    @classmethod
    def fill(
        cls,
        options: ProfileOptions,
        *,
        kind: GuidanceKind | None,
        players: list[str] | None,
        pattern: BreathingPattern | None,
        volume: float | None,
    ) -> Self:
        """Fill what an action left out from the profile's options."""
        return cls(
            kind=kind or options.guidance,
            players=options.media_players if players is None else tuple(players),
            players_named=players is not None,
            pattern=pattern or options.breathing_pattern,
            volume=options.volume if volume is None else volume,
        )

    def with_kind(self, kind: GuidanceKind) -> Self:
        """Return the request for another kind."""
        return replace(self, kind=kind)

    def spec(self, seconds: float, *, start_bell: bool = True, offset: float = 0.0) -> AudioSpec:
        """Describe the audio of this request; the spec drops what its kind ignores."""
        return AudioSpec(
            kind=self.kind,
            pattern=self.pattern,
            seconds=seconds,
            bells=(start_bell, True),
            bell_offset=offset,
        )


class Guidance:
    """One profile's guidance: which players it plays on and what they did before."""

    def __init__(
        self,
        hass: HomeAssistant,
        *,
        profile_id: str,
        profile_name: str,
        tts_entity: str | None,
        cues: SpokenCues,
    ) -> None:
        """Create the guidance of one profile."""
        self.hass = hass
        self.profile_id = profile_id
        self.profile_name = profile_name
        self.tts_entity = tts_entity
        self.cues = cues
        self.saved_states: dict[str, State] = {}
        self.request: GuidanceRequest | None = None
        self.with_session = False
        self.pacer: Pacer | None = None  # None after a restart: the options' pattern applies
        self._restore_later: CALLBACK_TYPE | None = None

    def plays_session(self) -> bool:
        """Tell whether the session's audio plays, so extending it starts new audio."""
        return bool(self._session_players()) and self.request is not None

    @callback
    def async_on_event(self, event: ProfileEvent) -> None:
        """Restore players after the session's audio ended with its end bell."""
        if event.type is not ProfileEventType.COMPLETED:
            return
        self.cues.async_session_completed()
        if self.with_session:
            self._cancel_restore()
            self._restore_later = async_call_later(
                self.hass, RESTORE_DELAY, self._async_restore_all
            )

    async def async_start_session(
        self, request: GuidanceRequest, session: RunningSession
    ) -> GuidanceOutcome:
        """Play a session's guidance and cues; say whether it plays (the session runs anyway)."""
        if request.kind is GuidanceKind.NONE:
            # No guidance, but the cues still ask for a pain rating on the available players.
            self.cues.async_session_started(self.tts_entity, self._usable_players(request), session)
            return GuidanceOutcome.NONE
        self.with_session = True
        outcome = await self._async_play(request, session.planned_minutes * 60.0)
        # After playing, so the greeting is announced over the guidance, not cut off by it.
        self.cues.async_session_started(self.tts_entity, list(self.saved_states), session)
        return outcome

    async def async_play(self, request: GuidanceRequest, minutes: int) -> None:
        """Play guidance outside a session."""
        self.with_session = False
        if await self._async_play(request, minutes * 60.0) is not GuidanceOutcome.PLAYING:
            raise HomeAssistantError(translation_domain=DOMAIN, translation_key="guidance_failed")

    async def async_pause_session(self, session: RunningSession) -> None:
        """Pause the session's guidance."""
        self.cues.async_plan(session)
        await self._async_call(SERVICE_MEDIA_PAUSE, self._session_players())

    async def async_resume_session(self, session: RunningSession) -> None:
        """Resume the session's guidance."""
        self.cues.async_plan(session)
        await self._async_call(SERVICE_MEDIA_PLAY, self._session_players())

    async def async_extend_session(self, session: RunningSession) -> None:
        """Replace the session's audio with audio for all the time now left."""
        # Half time moved with the new length.
        self.cues.async_plan(session)
        players = self._session_players()
        if not players or self.request is None:
            return
        now = dt_util.utcnow()
        spec = self.request.spec(
            session.remaining_seconds(now), start_bell=False, offset=session.active_seconds(now)
        )
        url = await self.hass.data[DATA_AUDIO].async_url(spec)
        await self._async_call(SERVICE_PLAY_MEDIA, players, self._media(url))
        if session.ends_at is None:
            await self._async_call(SERVICE_MEDIA_PAUSE, players)

    async def async_stop_session(self) -> None:
        """Stop the session's guidance and restore the players at once."""
        self.cues.async_cancel()
        if self.with_session:
            await self._async_restore_all()

    async def async_stop(self, players: list[str] | None) -> None:
        """Stop guidance on some players or all; a running session keeps running."""
        targets = (
            list(self.saved_states)
            if players is None
            else [p for p in players if p in self.saved_states]
        )
        await self._async_call(SERVICE_MEDIA_STOP, targets)
        await self._async_restore(targets)

    def _session_players(self) -> list[str]:
        """Return the players the session's guidance plays on."""
        return list(self.saved_states) if self.with_session else []

    async def _async_play(self, request: GuidanceRequest, seconds: float) -> GuidanceOutcome:
        """Save each player, set its volume and play; say whether any plays."""
        self._cancel_restore()
        players = self._usable_players(request)
        if not players:
            return GuidanceOutcome.FAILED
        self.request = request
        url = await self.hass.data[DATA_AUDIO].async_url(request.spec(seconds))
        accepted = []
        for player in players:
            if state := self.hass.states.get(player):
                self.saved_states.setdefault(player, state)
            volume = {ATTR_MEDIA_VOLUME_LEVEL: request.volume}
            try:
                await self._async_call(SERVICE_VOLUME_SET, [player], volume)
                await self._async_call(SERVICE_PLAY_MEDIA, [player], self._media(url))
            except HomeAssistantError:
                _LOGGER.warning("Could not play guidance on %s", player, exc_info=True)
                continue
            accepted.append(player)
        return GuidanceOutcome.PLAYING if accepted else GuidanceOutcome.FAILED

    def _usable_players(self, request: GuidanceRequest) -> list[str]:
        """Return the available players; report configured ones that have gone."""
        usable = []
        for player in request.players:
            state = self.hass.states.get(player)
            if state is None and not request.players_named:
                ir.async_create_issue(
                    self.hass,
                    DOMAIN,
                    f"missing_player_{self.profile_id}_{player}",
                    is_fixable=False,
                    severity=ir.IssueSeverity.WARNING,
                    translation_key="missing_player",
                    translation_placeholders={
                        "entity_id": player,
                        "profile": self.profile_name,
                    },
                )
            elif state is not None and state.state != STATE_UNAVAILABLE:
                usable.append(player)
        return usable

    @staticmethod
    def _media(url: str) -> dict[str, str]:
        """Return play_media's fields for normal (not announced) playback."""
        return {ATTR_MEDIA_CONTENT_ID: url, ATTR_MEDIA_CONTENT_TYPE: MediaType.MUSIC}

    async def _async_call(
        self, service: str, players: list[str], data: Mapping[str, object] | None = None
    ) -> None:
        """Call a media player action on the players and wait for it."""
        if players:
            await self.hass.services.async_call(
                MP_DOMAIN, service, {ATTR_ENTITY_ID: players, **(data or {})}, blocking=True
            )

    async def _async_restore(self, players: list[str]) -> None:
        """Put the players back as they were before guidance."""
        states = [
            self.saved_states.pop(player) for player in players if player in self.saved_states
        ]
        for state in states:
            try:
                await async_reproduce_state(self.hass, state)
            except HomeAssistantError:
                _LOGGER.warning("Could not restore %s", state.entity_id, exc_info=True)
        if not self.saved_states:
            self.with_session = False

    async def _async_restore_all(self, *_: object) -> None:
        """Stop and restore every player this profile plays on."""
        self._restore_later = None
        players = list(self.saved_states)
        await asyncio.gather(self._async_call(SERVICE_MEDIA_STOP, players), return_exceptions=True)
        await self._async_restore(players)

    @callback
    def _cancel_restore(self) -> None:
        """Cancel a pending restore when new guidance starts."""
        if self._restore_later:
            self._restore_later()
            self._restore_later = None

    @callback
    def async_unload(self) -> None:
        """Cancel timers when the profile unloads."""
        self._cancel_restore()
        self.cues.async_cancel()
