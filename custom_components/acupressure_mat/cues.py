"""Short spoken cues during a session: at the start, at half time, and a pain check at the end."""

from datetime import datetime, timedelta
import logging
from typing import TYPE_CHECKING

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import dt as dt_util

from .const import DOMAIN

if TYPE_CHECKING:
    from .runtime import MatRuntime

_LOGGER = logging.getLogger(__name__)


class SpokenCues:
    """Speaks cues through the profile's TTS entity as announcements on its players."""

    def __init__(self, hass: HomeAssistant, runtime: MatRuntime) -> None:
        """Bind to a profile."""
        self.hass = hass
        self.runtime = runtime
        self.tts_entity: str | None = None
        self.players: list[str] = []
        self._half_time: CALLBACK_TYPE | None = None

    @callback
    def async_session_started(self, tts_entity: str | None, players: list[str]) -> None:
        """Greet on the players, and plan the half-time cue."""
        self.async_cancel()
        if tts_entity and players:
            self.tts_entity, self.players = tts_entity, players
            self.hass.async_create_task(self._async_speak("start", tts_entity, players))
            self.async_resume()

    @callback
    def async_pause(self) -> None:
        """Hold the half-time cue while paused."""
        self.async_cancel(keep_entity=True)

    @callback
    def async_resume(self) -> None:
        """Plan the half-time cue if half time is still ahead."""
        running = self.runtime.profile.running
        if not self.tts_entity or running is None or running.ends_at is None:
            return
        now = dt_util.utcnow()
        half = running.planned_minutes * 30 - running.active_seconds(now)
        if half > 0:
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
    def async_cancel(self, *, keep_entity: bool = False) -> None:
        """Drop a planned cue."""
        if self._half_time:
            self._half_time()
            self._half_time = None
        if not keep_entity:
            self.tts_entity, self.players = None, []

    async def _async_speak(self, cue: str, tts_entity: str, players: list[str]) -> None:
        """Speak a cue in Home Assistant's language on the session's players."""
        language = self.hass.config.language
        texts = await async_get_translations(self.hass, language, "cues", [DOMAIN])
        message = texts[f"component.{DOMAIN}.cues.{cue}"]
        try:
            await self.hass.services.async_call(
                "tts",
                "speak",
                {"entity_id": tts_entity, "media_player_entity_id": players, "message": message},
                blocking=True,
            )
        except HomeAssistantError:
            _LOGGER.warning("Could not speak the %s cue", cue, exc_info=True)
