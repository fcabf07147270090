"""A media player that downloads what it plays to <config>/dev_speaker/last.mp3."""

from http import HTTPStatus
import logging
from pathlib import Path

from homeassistant.components import media_source
from homeassistant.components.media_player import (
    PLATFORM_SCHEMA as MEDIA_PLAYER_PLATFORM_SCHEMA,
    MediaPlayerEntity,
)
from homeassistant.components.media_player.browse_media import async_process_play_media_url
from homeassistant.components.media_player.const import (
    MediaPlayerEntityFeature,
    MediaPlayerState,
    MediaType,
)
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.aiohttp_client import async_get_clientsession
from homeassistant.helpers.entity_platform import AddEntitiesCallback
from homeassistant.helpers.typing import ConfigType, DiscoveryInfoType
from homeassistant.util import slugify
import probatio as vol

_LOGGER = logging.getLogger(__name__)

PLATFORM_SCHEMA = MEDIA_PLAYER_PLATFORM_SCHEMA.extend(
    {vol.Optional(CONF_NAME, default="Dev speaker"): cv.string}
)


async def async_setup_platform(
    hass: HomeAssistant,
    config: ConfigType,
    async_add_entities: AddEntitiesCallback,
    discovery_info: DiscoveryInfoType | None = None,
) -> None:
    """Add one speaker from YAML: `media_player: - platform: mat_dev_speaker`."""
    async_add_entities([DevSpeaker(config[CONF_NAME])])


class DevSpeaker(MediaPlayerEntity):
    """Keeps state, volume and content like a real speaker; 'plays' by saving the audio."""

    _attr_should_poll = False
    _attr_supported_features = (
        MediaPlayerEntityFeature.PLAY_MEDIA
        | MediaPlayerEntityFeature.MEDIA_ANNOUNCE
        | MediaPlayerEntityFeature.VOLUME_SET
        | MediaPlayerEntityFeature.PLAY
        | MediaPlayerEntityFeature.PAUSE
        | MediaPlayerEntityFeature.STOP
        | MediaPlayerEntityFeature.TURN_ON
        | MediaPlayerEntityFeature.TURN_OFF
    )

    def __init__(self, name: str) -> None:
        """Start idle at half volume."""
        self._attr_name = name
        self._attr_unique_id = f"mat_dev_speaker_{slugify(name)}"
        self._attr_state = MediaPlayerState.IDLE
        self._attr_volume_level = 0.5

    async def async_play_media(
        self, media_type: MediaType | str, media_id: str, **kwargs: object
    ) -> None:
        """Resolve the media, download it and remember it as playing."""
        url = media_id
        if media_source.is_media_source_id(media_id):
            played = await media_source.async_resolve_media(self.hass, media_id, self.entity_id)
            url = played.url
            media_type = played.mime_type
        url = async_process_play_media_url(self.hass, url)
        target = Path(self.hass.config.path("dev_speaker", "last.mp3"))
        session = async_get_clientsession(self.hass)
        async with session.get(url) as response:
            if response.status != HTTPStatus.OK:
                msg = f"Could not fetch {media_id}: HTTP {response.status}"
                raise HomeAssistantError(msg)
            audio = await response.read()
        await self.hass.async_add_executor_job(_write, target, audio)
        announce = " (announcement)" if kwargs.get("announce") else ""
        _LOGGER.info(
            "%s plays%s %s at volume %s: saved %d KiB to %s",
            self.name,
            announce,
            media_id,
            self.volume_level,
            len(audio) // 1024,
            target,
        )
        self._attr_media_content_id = media_id
        self._attr_media_content_type = media_type
        self._attr_state = MediaPlayerState.PLAYING
        self.async_write_ha_state()

    async def async_set_volume_level(self, volume: float) -> None:
        """Remember the volume."""
        self._attr_volume_level = volume
        self.async_write_ha_state()

    async def async_media_play(self) -> None:
        """Resume what was playing."""
        self._set(MediaPlayerState.PLAYING if self.media_content_id else MediaPlayerState.IDLE)

    async def async_media_pause(self) -> None:
        """Pause."""
        if self.state == MediaPlayerState.PLAYING:
            self._set(MediaPlayerState.PAUSED)

    async def async_media_stop(self) -> None:
        """Stop and forget the content."""
        self._attr_media_content_id = None
        self._attr_media_content_type = None
        self._set(MediaPlayerState.IDLE)

    async def async_turn_on(self) -> None:
        """Turn on."""
        if self.state == MediaPlayerState.OFF:
            self._set(MediaPlayerState.IDLE)

    async def async_turn_off(self) -> None:
        """Turn off."""
        self._attr_media_content_id = None
        self._set(MediaPlayerState.OFF)

    def _set(self, state: MediaPlayerState) -> None:
        """Change the state and tell Home Assistant."""
        _LOGGER.info("%s is now %s", self.name, state)
        self._attr_state = state
        self.async_write_ha_state()


def _write(target: Path, audio: bytes) -> None:
    """Save the audio (in the executor)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(audio)
