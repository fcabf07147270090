"""Guidance audio in Home Assistant's media browser: media-source://acupressure_mat/..."""

from homeassistant.components.media_player.const import MediaClass, MediaType
from homeassistant.components.media_source import (
    BrowseMediaSource,
    MediaSource,
    MediaSourceItem,
    PlayMedia,
    Unresolvable,
)
from homeassistant.core import HomeAssistant

from .audio_server import DATA_AUDIO
from .const import DOMAIN
from .engine.audio.cache import AudioSpec
from .engine.vocabulary import AUDIBLE_KINDS, BreathingPattern, GuidanceKind
from .texts import get_texts

GUIDANCE_BREATHING = GuidanceKind.BREATHING.value
BREATHING_PATTERNS = tuple(pattern.value for pattern in BreathingPattern)

LENGTHS = (5, 10, 15, 20)


async def async_get_media_source(hass: HomeAssistant) -> MatMediaSource:
    """Return the guidance media source."""
    return MatMediaSource(hass)


def parse(identifier: str | None) -> tuple[str | None, str | None, int | None]:
    """Split `kind/pattern/minutes` (meditation has no pattern); raise for anything else."""
    parts = (identifier or "").split("/") if identifier else []
    kind = parts[0] if parts else None
    pattern = parts[1] if kind == GUIDANCE_BREATHING and len(parts) > 1 else None
    rest = parts[2:] if kind == GUIDANCE_BREATHING else parts[1:]
    valid = (
        (kind is None or kind in AUDIBLE_KINDS)
        and (pattern is None or pattern in BREATHING_PATTERNS)
        and len(rest) <= 1
        and all(part.isdigit() and int(part) in LENGTHS for part in rest)
    )
    if not valid:
        raise Unresolvable(
            translation_domain=DOMAIN,
            translation_key="unknown_media",
            translation_placeholders={"identifier": identifier or ""},
        )
    return kind, pattern, int(rest[0]) if rest else None


class MatMediaSource(MediaSource):
    """Breathing → pattern → length, and Meditation → length."""

    name = "Acupressure Mat"

    def __init__(self, hass: HomeAssistant) -> None:
        """Create the source."""
        super().__init__(DOMAIN)
        self.hass = hass

    async def async_resolve_media(self, item: MediaSourceItem) -> PlayMedia:
        """Render the audio and return its token URL."""
        kind, pattern, minutes = parse(item.identifier)
        if kind is None or minutes is None or (kind == GUIDANCE_BREATHING and pattern is None):
            raise Unresolvable(
                translation_domain=DOMAIN,
                translation_key="unknown_media",
                translation_placeholders={"identifier": item.identifier or ""},
            )
        spec = AudioSpec(kind=kind, pattern=pattern, seconds=minutes * 60.0)
        url = await self.hass.data[DATA_AUDIO].async_url(spec)
        return PlayMedia(url, "audio/mpeg")

    async def async_browse_media(self, item: MediaSourceItem) -> BrowseMediaSource:
        """Browse one level of the tree."""
        kind, pattern, minutes = parse(item.identifier)
        texts = get_texts(self.hass, self.hass.config.language)

        def name(key: str, **placeholders: object) -> str:
            return texts.get("media", key, **placeholders)

        if minutes is not None:
            raise Unresolvable(translation_domain=DOMAIN, translation_key="not_a_folder")
        if kind is None:
            children = [self._folder(k, name(k)) for k in AUDIBLE_KINDS]
            return self._folder(None, self.name, children)
        if kind == GUIDANCE_BREATHING and pattern is None:
            children = [self._folder(f"{kind}/{p}", name(p)) for p in BREATHING_PATTERNS]
            return self._folder(kind, name(kind), children)
        base = f"{kind}/{pattern}" if pattern else kind
        children = [
            self._folder(f"{base}/{m}", name("minutes", minutes=m), playable=True) for m in LENGTHS
        ]
        return self._folder(base, name(pattern or kind), children)

    def _folder(
        self,
        identifier: str | None,
        title: str,
        children: list[BrowseMediaSource] | None = None,
        *,
        playable: bool = False,
    ) -> BrowseMediaSource:
        """Describe one node of the tree."""
        return BrowseMediaSource(
            domain=DOMAIN,
            identifier=identifier,
            media_class=MediaClass.MUSIC if playable else MediaClass.DIRECTORY,
            media_content_type=MediaType.MUSIC,
            title=title,
            can_play=playable,
            can_expand=not playable,
            children=children,
            # Every child of a node has the same class: folders, or audio to play.
            children_media_class=children[0].media_class if children else None,
        )
