"""MP3 encoding of guidance audio with PyAV, split over the CPU cores, written as it goes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from io import BytesIO
import os
from typing import TYPE_CHECKING

import av

from .mp3 import FRAME_SAMPLES, Layout
from .synth import SAMPLE_RATE

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from av.audio.codeccontext import AudioCodecContext

    from .synth import Pcm

# Lazy aliases: the names they use exist only for type checkers.
type Source = Callable[[int, int], Pcm]
type Writer = Callable[[int, bytes], None]  # the piece's index, its next bytes

BITRATE = 32000
# Quality 9 is LAME's fastest; for soft tones and noise at 32 kbps it sounds the same.
# Without the bit reservoir every frame decodes on its own, so pieces can be joined.
_OPTIONS = {"compression_level": "9", "reservoir": "0"}
# Small chunks keep memory flat however long the audio is, and the first bytes come early.
_CHUNK_FRAMES = 256
_MIN_PIECE_SECONDS = 60.0
_MAX_PIECES = 4


@dataclass(frozen=True, slots=True)
class Piece:
    """Samples start to stop, encoded on their own into size bytes at offset in the file."""

    start: int
    stop: int
    offset: int
    size: int


def _encoder(sample_rate: int, bitrate: int) -> AudioCodecContext:
    ctx = av.CodecContext.create("libmp3lame", "w")
    ctx.sample_rate = sample_rate
    ctx.layout = "mono"
    ctx.format = "fltp"
    ctx.bit_rate = bitrate
    ctx.options = dict(_OPTIONS)
    ctx.open()
    return ctx


def _cuts(count: int, sample_rate: int, frame_size: int) -> list[tuple[int, int]]:
    """Split at multiples of frame_size into at most one piece per core."""
    cores = min(os.cpu_count() or 1, _MAX_PIECES)
    pieces = max(1, min(cores, int(count / sample_rate / _MIN_PIECE_SECONDS)))
    frames = -(-count // frame_size)
    bounds = [round(frames * i / pieces) * frame_size for i in range(pieces)]
    return list(zip(bounds, [*bounds[1:], count], strict=True))


def plan(layout: Layout) -> list[Piece]:
    """Return the pieces of a file; the first one holds the header."""
    # Cuts on whole padding periods: each piece's encoder pads its frames as one encoder
    # for the whole file would, so every frame's size and place are known in advance.
    step = layout.padding_period * FRAME_SAMPLES
    cuts = _cuts(layout.count, layout.sample_rate, step)
    ends = [layout.offset(stop // FRAME_SAMPLES) for _, stop in cuts[:-1]] + [layout.size]
    starts = [0, *ends[:-1]]
    return [
        Piece(start, stop, offset, end - offset)
        for (start, stop), offset, end in zip(cuts, starts, ends, strict=True)
    ]


def _encode_piece(source: Source, layout: Layout, piece: Piece) -> Iterator[bytes]:
    """Encode the samples around one piece; yield its frames a chunk at a time."""
    ctx = _encoder(layout.sample_rate, layout.bitrate)
    count = layout.count
    # Each piece is encoded from a padding period before to one after its cut, warm at
    # both ends, and its encoder starts in step with the file's padding pattern.
    margin = layout.padding_period * FRAME_SAMPLES
    chunk = _CHUNK_FRAMES * FRAME_SAMPLES
    # Packet times already include the encoder delay, so they line up across encoders.
    low = piece.start - ctx.initial_padding
    high = piece.stop - ctx.initial_padding if piece.stop < count else None
    end = min(piece.stop + margin, count)
    for first in range(max(piece.start - margin, 0), end, chunk):
        pcm = source(first, min(first + chunk, end))
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="fltp", layout="mono")
        frame.sample_rate = layout.sample_rate
        frame.pts = first
        packets = ctx.encode(frame)
        if first + chunk >= end:
            packets += ctx.encode(None)
        kept = [
            bytes(packet)
            for packet in packets
            if packet.pts is not None and packet.pts >= low and (high is None or packet.pts < high)
        ]
        if kept:
            yield b"".join(kept)


def _write_piece(source: Source, layout: Layout, index: int, piece: Piece, write: Writer) -> None:
    """Encode one piece through write, and check it filled exactly its place."""
    written = 0
    if index == 0:
        write(0, layout.header)
        written = len(layout.header)
    for data in _encode_piece(source, layout, piece):
        write(index, data)
        written += len(data)
    if written != piece.size:
        msg = f"piece {index} came out {written} bytes, not {piece.size}"
        raise RuntimeError(msg)


def encode_pieces(source: Source, layout: Layout, pieces: list[Piece], write: Writer) -> None:
    """Encode every piece in parallel; write(piece, data) gets each piece's bytes in order."""
    with ThreadPoolExecutor(len(pieces)) as pool:
        jobs = [
            pool.submit(_write_piece, source, layout, index, piece, write)
            for index, piece in enumerate(pieces)
        ]
        for job in jobs:
            job.result()


def encode_source(
    source: Source, count: int, sample_rate: int = SAMPLE_RATE, bitrate: int = BITRATE
) -> bytes:
    """Encode count samples, fetched as source(start, stop), to gapless CBR mono MP3."""
    layout = Layout(count, sample_rate, bitrate)
    pieces = plan(layout)
    out = bytearray(layout.size)
    filled = [piece.offset for piece in pieces]

    def write(index: int, data: bytes) -> None:
        out[filled[index] : filled[index] + len(data)] = data
        filled[index] += len(data)

    encode_pieces(source, layout, pieces, write)
    return bytes(out)


def encode_mp3(pcm: Pcm, sample_rate: int = SAMPLE_RATE, bitrate: int = BITRATE) -> bytes:
    """Encode mono float PCM to gapless constant bit rate MP3."""
    return encode_source(lambda start, stop: pcm[start:stop], pcm.size, sample_rate, bitrate)


def mp3_duration(data: bytes) -> float:
    """Return the playing time of MP3 bytes in seconds, encoder padding excluded."""
    with av.open(BytesIO(data), "r") as container:
        stream = container.streams.audio[0]
        if stream.duration is not None:
            return float(stream.duration * stream.time_base)
        return float(container.duration or 0) / av.time_base
