"""Serving a render while it runs: each reader waits for the bytes it asks for."""

import asyncio
from http import HTTPStatus
import os

from aiohttp import hdrs, web
from homeassistant.core import HomeAssistant, callback

from .engine.audio.stream import Stream

# A minute of audio at 32 kbps per read, so a player gets its first bytes in one go.
_READ_BYTES = 256 * 1024
MIME = "audio/mpeg"


class LiveAudio:
    """A render in progress as the event loop sees it."""

    def __init__(self, hass: HomeAssistant, stream: Stream) -> None:
        """Follow a stream that is about to run."""
        self.hass = hass
        self.stream = stream
        self._changed = asyncio.Event()
        stream.notify = self._notify

    def _notify(self) -> None:
        """Wake the readers; called from the encoding threads."""
        try:
            self.hass.loop.call_soon_threadsafe(self._wake)
        except RuntimeError:  # the loop closed at shutdown: nobody is left to wake
            return

    @callback
    def _wake(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def async_ready(self, offset: int) -> int:
        """Wait until bytes from offset exist; return where they end, offset if never."""
        while True:
            changed = self._changed
            end = self.stream.ready(offset)
            if end > offset or self.stream.done or self.stream.failed:
                return end
            await changed.wait()


def _span(request: web.Request, size: int) -> tuple[int, int]:
    """Return the bytes a request asks for; ValueError when none of them exist."""
    asked = request.http_range
    start, stop = asked.start, asked.stop
    if start is not None and start < 0:  # the last -start bytes
        start, stop = max(size + start, 0), None
    start = start or 0
    stop = size if stop is None else min(stop, size)
    if start >= stop:
        msg = f"range {asked} is outside {size} bytes"
        raise ValueError(msg)
    return start, stop


async def async_stream_response(request: web.Request, live: LiveAudio) -> web.StreamResponse:
    """Answer GET or HEAD with a render's bytes, from wherever they are asked for."""
    size = live.stream.size
    headers = {hdrs.CONTENT_TYPE: MIME, hdrs.ACCEPT_RANGES: "bytes"}
    try:
        start, stop = _span(request, size)
    except ValueError:
        headers[hdrs.CONTENT_RANGE] = f"bytes */{size}"
        return web.Response(status=HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, headers=headers)
    status = HTTPStatus.OK
    if hdrs.RANGE in request.headers:
        status = HTTPStatus.PARTIAL_CONTENT
        headers[hdrs.CONTENT_RANGE] = f"bytes {start}-{stop - 1}/{size}"
    response = web.StreamResponse(status=status, headers=headers)
    response.content_length = stop - start
    await response.prepare(request)
    if request.method != hdrs.METH_HEAD:
        sent = await _async_send(response, live, start, stop)
        if sent < stop:
            # The render failed: close the connection, so the player sees the cut.
            response.force_close()
    await response.write_eof()
    return response


async def _async_send(response: web.StreamResponse, live: LiveAudio, start: int, stop: int) -> int:
    """Send bytes start to stop as they are rendered; return how far it got."""
    hass = live.hass
    fd: int | None = None
    offset = start
    try:
        while offset < stop:
            end = min(await live.async_ready(offset), stop)
            if end <= offset:
                break
            if fd is None:
                fd = await hass.async_add_executor_job(live.stream.open)
            size = min(end - offset, _READ_BYTES)
            # Nothing to read when the render failed since it said the bytes were there.
            data = (
                b"" if fd is None else await hass.async_add_executor_job(os.pread, fd, size, offset)
            )
            if not data:
                break
            await response.write(data)
            offset += len(data)
    finally:
        if fd is not None:
            os.close(fd)
    return offset
