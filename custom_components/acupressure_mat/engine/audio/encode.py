"""MP3 encoding of guidance audio with PyAV, split over the CPU cores."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
import os
from typing import TYPE_CHECKING

import av

from .synth import SAMPLE_RATE

if TYPE_CHECKING:
    from collections.abc import Callable

    from av.audio.codeccontext import AudioCodecContext
    from av.audio.stream import AudioStream
    from av.packet import Packet

    from .synth import Pcm

    type Source = Callable[[int, int], Pcm]

# Quality 9 is LAME's fastest; for soft tones and noise at 32 kbps it sounds the same.
# Without the bit reservoir every frame decodes on its own, so pieces can be joined.
_OPTIONS = {"compression_level": "9", "reservoir": "0"}
# Each piece is encoded from a little before to a little after its cut, warm at both.
_MARGIN_FRAMES = 8
_CHUNK_FRAMES = 256
_MIN_PIECE_SECONDS = 60.0
_MAX_PIECES = 4


def _encoder(sample_rate: int, bitrate: int) -> AudioCodecContext:
    ctx = av.CodecContext.create("libmp3lame", "w")
    ctx.sample_rate = sample_rate
    ctx.layout = "mono"
    ctx.format = "fltp"
    ctx.bit_rate = bitrate
    ctx.options = dict(_OPTIONS)
    ctx.open()
    return ctx


def _encode_piece(
    source: Source, count: int, cut: tuple[int, int], sample_rate: int, bitrate: int
) -> list[Packet[AudioStream]]:
    """Encode the samples around one piece and keep the frames that belong to it."""
    ctx = _encoder(sample_rate, bitrate)
    start, stop = cut
    margin = _MARGIN_FRAMES * ctx.frame_size
    chunk = _CHUNK_FRAMES * ctx.frame_size
    packets: list[Packet[AudioStream]] = []
    # Small chunks keep memory flat however long the audio is.
    for first in range(max(start - margin, 0), min(stop + margin, count), chunk):
        pcm = source(first, min(first + chunk, stop + margin, count))
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="fltp", layout="mono")
        frame.sample_rate = sample_rate
        frame.pts = first
        packets += ctx.encode(frame)
    packets += ctx.encode(None)
    # Packet times already include the encoder delay, so they line up across encoders.
    low = start - ctx.initial_padding if start else None
    high = stop - ctx.initial_padding if stop < count else None
    return [
        packet
        for packet in packets
        if packet.pts is not None
        and (low is None or packet.pts >= low)
        and (high is None or packet.pts < high)
    ]


def _cuts(count: int, sample_rate: int, frame_size: int) -> list[tuple[int, int]]:
    """Split at frame boundaries into at most one piece per core."""
    cores = min(os.cpu_count() or 1, _MAX_PIECES)
    pieces = max(1, min(cores, int(count / sample_rate / _MIN_PIECE_SECONDS)))
    frames = -(-count // frame_size)
    bounds = [round(frames * i / pieces) * frame_size for i in range(pieces)]
    return list(zip(bounds, [*bounds[1:], count], strict=True))


def encode_source(
    source: Source, count: int, sample_rate: int = SAMPLE_RATE, bitrate: int = 32000
) -> bytes:
    """Encode count samples, fetched as source(start, stop), to gapless CBR mono MP3."""
    buffer = BytesIO()
    with av.open(buffer, "w", format="mp3") as container:
        stream = container.add_stream("libmp3lame", rate=sample_rate)
        stream.layout = "mono"
        stream.format = "fltp"
        stream.bit_rate = bitrate
        stream.codec_context.options = dict(_OPTIONS)
        # Opening the stream's own encoder gives the LAME header its delay.
        stream.codec_context.open()
        cuts = _cuts(count, sample_rate, stream.codec_context.frame_size)
        with ThreadPoolExecutor(len(cuts)) as pool:
            pieces = pool.map(
                lambda cut: _encode_piece(source, count, cut, sample_rate, bitrate),
                cuts,
            )
            for packets in pieces:
                for packet in packets:
                    packet.stream = stream
                    container.mux(packet)
    return buffer.getvalue()


def encode_mp3(pcm: Pcm, sample_rate: int = SAMPLE_RATE, bitrate: int = 32000) -> bytes:
    """Encode mono float PCM to gapless constant bit rate MP3."""
    return encode_source(lambda start, stop: pcm[start:stop], pcm.size, sample_rate, bitrate)


def mp3_duration(data: bytes) -> float:
    """Return the playing time of MP3 bytes in seconds, encoder padding excluded."""
    with av.open(BytesIO(data), "r") as container:
        stream = container.streams.audio[0]
        if stream.duration is not None:
            return float(stream.duration * stream.time_base)
        return float(container.duration or 0) / av.time_base
