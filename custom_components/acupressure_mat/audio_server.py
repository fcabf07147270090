"""Guidance audio for players: streamed while it renders, cached, served by expiring tokens."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from http import HTTPStatus
import logging
from pathlib import Path
import secrets

from aiohttp import web
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.http import HomeAssistantView
from homeassistant.util import dt as dt_util
from homeassistant.util.hass_dict import HassKey

from .audio_stream import MIME, LiveAudio, async_stream_response
from .const import DOMAIN
from .engine.audio.cache import AudioCache, AudioSpec
from .engine.audio.synth import warm
from .engine.vocabulary import GuidanceKind

_LOGGER = logging.getLogger(__name__)
AUDIO_URL = f"/api/{DOMAIN}/audio/{{token}}"
# Players fetch again when they seek or reconnect, so a token outlives its audio by an hour.
TOKEN_GRACE = timedelta(hours=1)
DATA_AUDIO: HassKey[AudioServer] = HassKey(DOMAIN)


@dataclass(frozen=True, slots=True)
class Grant:
    """The audio a token gives access to, where it is cached, and until when."""

    spec: AudioSpec
    path: Path
    expires: datetime


class AudioServer:
    """Renders guidance once, and hands players unguessable URLs to fetch it."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Keep the cache under Home Assistant's config folder."""
        self.hass = hass
        self.cache = AudioCache(Path(hass.config.path(".storage", f"{DOMAIN}_audio")))
        self._grants: dict[str, Grant] = {}
        self._live: dict[AudioSpec, LiveAudio] = {}

    async def async_source(self, spec: AudioSpec) -> Path | LiveAudio:
        """Return the cached file, or the render under way, starting it when neither."""
        if live := self._live.get(spec):
            return live
        path = await self.hass.async_add_executor_job(self.cache.lookup, spec)
        # Checked again: another caller may have started the render meanwhile.
        return path or self._live.get(spec) or self._async_start(spec)

    @callback
    def _async_start(self, spec: AudioSpec) -> LiveAudio:
        """Start rendering in the executor; players can read it from now on."""
        live = self._live[spec] = LiveAudio(self.hass, self.cache.stream(spec))
        self.hass.async_create_task(
            self._async_run(spec, live), f"{DOMAIN} audio {spec.key}", eager_start=True
        )
        return live

    async def _async_run(self, spec: AudioSpec, live: LiveAudio) -> None:
        try:
            await self.hass.async_add_executor_job(self.cache.run, live.stream)
        except Exception:
            # A failed render leaves nothing cached; the next fetch tries again.
            _LOGGER.exception("Could not render guidance audio %s", spec.key)
        finally:
            del self._live[spec]

    @callback
    def async_warm(self, kind: GuidanceKind) -> None:
        """Build what a kind's audio is made of now, so its first sound does not wait for it."""
        # The meditation bed takes a few tenths of a second, a first session's whole budget.
        if kind is not GuidanceKind.NONE:
            self.hass.async_add_executor_job(warm, kind)

    async def async_url(self, spec: AudioSpec) -> str:
        """Return a relative URL valid until an hour after the audio ends, without waiting."""
        await self.async_source(spec)
        now = dt_util.utcnow()
        self._grants = {key: g for key, g in self._grants.items() if g.expires > now}
        token = f"{secrets.token_urlsafe(16)}.mp3"
        expires = now + timedelta(seconds=spec.seconds) + TOKEN_GRACE
        self._grants[token] = Grant(spec, self.cache.path(spec), expires)
        return AUDIO_URL.format(token=token)

    @callback
    def lookup(self, token: str) -> Grant | None:
        """Return the grant of a valid token."""
        grant = self._grants.get(token)
        if grant is None or grant.expires <= dt_util.utcnow():
            return None
        return grant


class AudioView(HomeAssistantView):
    """Serves guidance audio to players, which cannot log in; the token is the key."""

    url = AUDIO_URL
    name = f"api:{DOMAIN}:audio"
    requires_auth = False

    def __init__(self, server: AudioServer) -> None:
        """Serve the given server's grants."""
        self.server = server

    async def get(self, request: web.Request, token: str) -> web.StreamResponse:
        """Return the audio, or 404 for an unknown or expired token."""
        grant = self.server.lookup(token)
        if grant is None:
            return web.Response(status=HTTPStatus.NOT_FOUND)
        source = await self.server.async_source(grant.spec)
        if isinstance(source, LiveAudio):
            return await async_stream_response(request, source)
        return web.FileResponse(source, headers={"Content-Type": MIME})

    async def head(self, request: web.Request, token: str) -> web.StreamResponse:
        """Answer HEAD like GET, without the body."""
        return await self.get(request, token)


@callback
def async_setup_audio(hass: HomeAssistant) -> AudioServer:
    """Create the shared audio server and its view once."""
    server = AudioServer(hass)
    hass.data[DATA_AUDIO] = server
    hass.http.register_view(AudioView(server))
    return server
