"""A fake speaker that behaves like a real media player, and fixtures that set two up."""

from dataclasses import dataclass, field
from typing import Any

from homeassistant.components import media_source
from homeassistant.components.media_player import (
    MediaPlayerEntity,
    MediaPlayerEntityFeature,
    MediaPlayerState,
    MediaType,
    async_process_play_media_url,
)
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.setup import async_setup_component
from pytest_homeassistant_custom_component.common import setup_test_component_platform

INTERNAL_URL = "http://example.local:8123"
RADIO = "http://radio.example/stream.mp3"
BEDROOM = "media_player.bedroom"
KITCHEN = "media_player.kitchen"


@dataclass
class Played:
    """One play_media call as the player received it."""

    media_type: str
    media_id: str
    announce: bool | None
    url: str


@dataclass
class Speakers:
    """The two fake speakers of a test."""

    bedroom: FakeSpeaker
    kitchen: FakeSpeaker
    all: list[FakeSpeaker] = field(default_factory=list)


class FakeSpeaker(MediaPlayerEntity):
    """Resolves media sources and signs URLs like a real player, and records every call."""

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

    def __init__(
        self,
        name: str,
        state: MediaPlayerState,
        volume: float = 0.5,
        media: str | None = None,
    ) -> None:
        """Start in a known state."""
        self._attr_name = name
        self._attr_unique_id = f"fake_{name.lower()}"
        self._attr_state = state
        self._attr_volume_level = volume
        self._attr_media_content_id = media
        self._attr_media_content_type = MediaType.MUSIC if media else None
        self.calls: list[tuple[str, Any]] = []
        self.played: list[Played] = []
        self.failing: set[str] = set()

    def _record(self, name: str, arg: Any = None) -> None:
        """Remember a call, and fail it when the test asked for that."""
        self.calls.append((name, arg))
        if name in self.failing:
            msg = f"{self.entity_id} refused {name}"
            raise HomeAssistantError(msg)

    @property
    def call_names(self) -> list[str]:
        """Return the names of the calls received so far."""
        return [name for name, _ in self.calls]

    def set_unavailable(self) -> None:
        """Drop off the network."""
        self._attr_available = False
        self.async_write_ha_state()

    async def async_play_media(self, media_type: str, media_id: str, **kwargs: Any) -> None:
        """Play like a real player: resolve media sources, sign and absolutize the URL."""
        self._record("play_media", media_id)
        url = media_id
        if media_source.is_media_source_id(url):
            resolved = await media_source.async_resolve_media(self.hass, url, self.entity_id)
            url = resolved.url
        url = async_process_play_media_url(self.hass, url)
        self.played.append(Played(media_type, media_id, kwargs.get("announce"), url))
        self._attr_state = MediaPlayerState.PLAYING
        self._attr_media_content_id = media_id
        self._attr_media_content_type = media_type
        self.async_write_ha_state()

    async def async_media_play(self) -> None:
        """Resume."""
        self._record("play")
        self._attr_state = MediaPlayerState.PLAYING
        self.async_write_ha_state()

    async def async_media_pause(self) -> None:
        """Pause."""
        self._record("pause")
        self._attr_state = MediaPlayerState.PAUSED
        self.async_write_ha_state()

    async def async_media_stop(self) -> None:
        """Stop: the player stays on, idle."""
        self._record("stop")
        self._attr_state = MediaPlayerState.IDLE
        self._attr_media_content_id = None
        self._attr_media_content_type = None
        self.async_write_ha_state()

    async def async_set_volume_level(self, volume: float) -> None:
        """Set the volume."""
        self._record("volume_set", volume)
        self._attr_volume_level = volume
        self.async_write_ha_state()

    async def async_turn_on(self) -> None:
        """Power on, idle."""
        self._record("turn_on")
        if self._attr_state == MediaPlayerState.OFF:
            self._attr_state = MediaPlayerState.IDLE
        self.async_write_ha_state()

    async def async_turn_off(self) -> None:
        """Power off."""
        self._record("turn_off")
        self._attr_state = MediaPlayerState.OFF
        self._attr_media_content_id = None
        self._attr_media_content_type = None
        self.async_write_ha_state()


async def async_setup_speakers(hass: HomeAssistant) -> Speakers:
    """Set up a bedroom playing the radio at 0.6 and a kitchen that is off."""
    hass.config.internal_url = INTERNAL_URL
    bedroom = FakeSpeaker("Bedroom", MediaPlayerState.PLAYING, 0.6, RADIO)
    kitchen = FakeSpeaker("Kitchen", MediaPlayerState.OFF, 0.2)
    setup_test_component_platform(hass, "media_player", [bedroom, kitchen])
    assert await async_setup_component(hass, "media_player", {"media_player": {"platform": "test"}})
    await hass.async_block_till_done()
    assert bedroom.entity_id == BEDROOM
    assert kitchen.entity_id == KITCHEN
    return Speakers(bedroom, kitchen, [bedroom, kitchen])
