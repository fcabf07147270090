"""Short spoken cues during a session: at the start, at half time, and a pain check at the end."""

from datetime import datetime, timedelta
import logging

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.util import dt as dt_util

from .engine.session import RunningSession
from .texts import get_texts

_LOGGER = logging.getLogger(__name__)


class SpokenCues:
    """Speaks cues through a TTS entity as announcements on the session's players."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Create the cues of one profile."""
        self.hass = hass
        self.tts_entity: str | None = None
        self.players: list[str] = []
        self._half_time: CALLBACK_TYPE | None = None

    @callback
    def async_session_started(
        self, tts_entity: str | None, players: list[str], session: RunningSession
    ) -> None:
        """Greet on the players, and plan the half-time cue."""
        self.async_cancel()
        if tts_entity and players:
            self.tts_entity, self.players = tts_entity, players
            self.hass.async_create_task(self._async_speak("start", tts_entity, players))
            self.async_plan(session)

    @callback
    def async_plan(self, session: RunningSession) -> None:
        """Plan the half-time cue of the session as it now is: paused, resumed or extended."""
        self.async_cancel(keep_players=True)
        now = dt_util.utcnow()
        half = session.half_time_in(now)
        if self.tts_entity and session.ends_at is not None and half > 0:
            self._half_time = async_track_point_in_utc_time(
                self.hass, self._async_half_time, now + timedelta(seconds=half)
            )

    async def _async_half_time(self, _now: datetime) -> None:
        """Say that half the session has passed."""
        self._half_time = None
        if self.tts_entity:
            await self._async_speak("half_time", self.tts_entity, self.players)

    @callback
    def async_session_completed(self) -> None:
        """Ask for a pain rating."""
        if self.tts_entity:
            self.hass.async_create_task(self._async_speak("end", self.tts_entity, self.players))
        self.async_cancel()

    @callback
    def async_cancel(self, *, keep_players: bool = False) -> None:
        """Drop a planned cue, and forget the session's players unless it goes on."""
        if self._half_time:
            self._half_time()
            self._half_time = None
        if not keep_players:
            self.tts_entity, self.players = None, []

    async def _async_speak(self, cue: str, tts_entity: str, players: list[str]) -> None:
        """Speak a cue in Home Assistant's language on the session's players."""
        texts = get_texts(self.hass, self.hass.config.language)
        try:
            await self.hass.services.async_call(
                "tts",
                "speak",
                {
                    "entity_id": tts_entity,
                    "media_player_entity_id": players,
                    "message": texts.get("cues", cue),
                },
                blocking=True,
            )
        except HomeAssistantError:
            _LOGGER.warning("Could not speak the %s cue", cue, exc_info=True)
