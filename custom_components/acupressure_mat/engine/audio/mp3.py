"""The bytes of a CBR MP3 as LAME writes it, known from the sample count before encoding."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
import math

FRAME_SAMPLES = 576  # MPEG-2 layer III
# LAME's delay beyond the 529 samples every decoder skips by itself.
START_PAD = 576
_DECODER_DELAY = 529
_INFO_OFFSET = 4 + 9  # frame header, then the side information of MPEG-2 mono
_INFO_SIZE = 156  # "Info" tag with frame count, size, seek table and the LAME tag
_BITRATES = (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
_SAMPLE_RATES = (22050, 24000, 16000)
_ENCODER = b"\x03libmp3lame\x00"  # UTF-8, terminated
_ID3_FRAME = b"TSSE" + len(_ENCODER).to_bytes(4) + bytes(2) + _ENCODER
# A tag in front, so players that read metadata find it there and do not probe the file's end.
_ID3 = b"ID3\x04\x00\x00" + (len(_ID3_FRAME) + 10).to_bytes(4) + _ID3_FRAME + bytes(10)


def _crc16(data: bytes) -> int:
    """CRC-16/ARC, the checksum of the LAME tag."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


@dataclass(frozen=True)
class Layout:
    """Where every frame of count samples of mono MP3 lands, and the header in front."""

    count: int
    sample_rate: int = 22050
    bitrate: int = 32000

    def __post_init__(self) -> None:
        """Accept what the layout is worked out for: mono MPEG-2, a listed bit rate."""
        if self.sample_rate not in _SAMPLE_RATES or self.bitrate // 1000 not in _BITRATES[1:]:
            msg = f"no MPEG-2 layout for {self.sample_rate} Hz at {self.bitrate} bit/s"
            raise ValueError(msg)
        if self.count <= 0:
            msg = f"count must be positive, not {self.count}"
            raise ValueError(msg)

    @property
    def padding_period(self) -> int:
        """Return after how many frames the padding pattern repeats."""
        return self.sample_rate // math.gcd(72 * self.bitrate, self.sample_rate)

    @property
    def frames(self) -> int:
        """Return how many audio frames LAME makes: the delay and its flush add two."""
        return -(-self.count // FRAME_SAMPLES) + 2

    def audio_bytes(self, frames: int) -> int:
        """Return the size of the first frames, padded the way LAME pads them."""
        # LAME adds a padding byte whenever its running remainder goes below zero, never
        # to the first frame.
        slot, frac = divmod(72 * self.bitrate, self.sample_rate)
        padded = -(-frac * (frames - 1) // self.sample_rate) if frames else 0
        return slot * frames + padded

    def offset(self, frame: int) -> int:
        """Return where an audio frame starts in the file."""
        return len(self.header) + self.audio_bytes(frame)

    @property
    def size(self) -> int:
        """Return the size of the whole file."""
        return self.offset(self.frames)

    @cached_property
    def header(self) -> bytes:
        """Return the ID3 tag and the Info frame, as ffmpeg's MP3 muxer writes them."""
        return _ID3 + self._info_frame()

    def _info_frame(self) -> bytes:
        rate = _SAMPLE_RATES.index(self.sample_rate)
        # The smallest bit rate from the audio's up whose frame holds the whole tag.
        index = _BITRATES.index(self.bitrate // 1000)
        while 72000 * _BITRATES[index] // self.sample_rate < _INFO_OFFSET + _INFO_SIZE:
            index += 1
        frame_size = 72000 * _BITRATES[index] // self.sample_rate
        audio = frame_size + self.audio_bytes(self.frames)
        tag = bytearray(frame_size)
        tag[0:4] = bytes((0xFF, 0xF3, index << 4 | rate << 2, 0xC0))
        lame_delay = (START_PAD << 12) | (self.frames * FRAME_SAMPLES - START_PAD - self.count)
        fields = (
            b"Info",
            (0x0F).to_bytes(4),  # frame count, size, seek table, quality
            self.frames.to_bytes(4),
            audio.to_bytes(4),
            self._toc(frame_size, audio),
            bytes(4),
            b"Lavf" + bytes(5),  # decoders read the delay only after a known encoder name
            bytes(12),
            lame_delay.to_bytes(3),
            bytes(4),
            audio.to_bytes(4),
            # The music checksum would need the audio before it exists; decoders ignore it.
            bytes(2),
        )
        body = b"".join(fields)
        tag[_INFO_OFFSET : _INFO_OFFSET + len(body)] = body
        crc_at = _INFO_OFFSET + len(body)
        tag[crc_at : crc_at + 2] = _crc16(bytes(tag[:crc_at])).to_bytes(2)
        return bytes(tag)

    def _toc(self, frame_size: int, audio: int) -> bytes:
        """Return the seek table: a byte position per percent of the time, out of 256."""
        # ffmpeg keeps a position every `step` frames, doubling step to stay under 400.
        step = 1
        while self.frames // step >= 400:  # noqa: PLR2004
            step *= 2
        kept = self.frames // step
        toc = bytearray(100)
        for i in range(1, 100):
            at = frame_size + self.audio_bytes((i * kept // 100 + 1) * step)
            toc[i] = min(256 * at // audio, 255)
        return bytes(toc)
