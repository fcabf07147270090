"""Guidance audio for players: rendered in the executor, cached, served by expiring tokens."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from http import HTTPStatus
from pathlib import Path
import secrets

from aiohttp import web
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.http import HomeAssistantView
from homeassistant.util import dt as dt_util
from homeassistant.util.hass_dict import HassKey

from .const import DOMAIN
from .engine.audio.cache import AudioCache, AudioSpec

AUDIO_URL = f"/api/{DOMAIN}/audio/{{token}}"
# Players fetch again when they seek or reconnect, so a token outlives its audio by an hour.
TOKEN_GRACE = timedelta(hours=1)
DATA_AUDIO: HassKey[AudioServer] = HassKey(DOMAIN)


@dataclass(frozen=True, slots=True)
class Grant:
    """A file a token gives access to, and until when."""

    path: Path
    expires: datetime


class AudioServer:
    """Renders guidance once, and hands players unguessable URLs to fetch it."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Keep the cache under Home Assistant's config folder."""
        self.hass = hass
        self.cache = AudioCache(Path(hass.config.path(".storage", f"{DOMAIN}_audio")))
        self._grants: dict[str, Grant] = {}

    async def async_render(self, spec: AudioSpec) -> Path:
        """Return the cached file, rendering it in the executor when missing."""
        return await self.hass.async_add_executor_job(self.cache.get, spec)

    async def async_url(self, spec: AudioSpec) -> str:
        """Render the audio and return a relative URL valid until an hour after it ends."""
        path = await self.async_render(spec)
        now = dt_util.utcnow()
        self._grants = {key: g for key, g in self._grants.items() if g.expires > now}
        token = f"{secrets.token_urlsafe(16)}.mp3"
        self._grants[token] = Grant(path, now + timedelta(seconds=spec.seconds) + TOKEN_GRACE)
        return AUDIO_URL.format(token=token)

    @callback
    def lookup(self, token: str) -> Path | None:
        """Return the file of a valid token."""
        grant = self._grants.get(token)
        if grant is None or grant.expires <= dt_util.utcnow():
            return None
        return grant.path


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
        path = self.server.lookup(token)
        if path is None:
            return web.Response(status=HTTPStatus.NOT_FOUND)
        return web.FileResponse(path, headers={"Content-Type": "audio/mpeg"})

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
