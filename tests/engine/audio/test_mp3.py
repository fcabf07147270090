"""The MP3 layout, predicted from the sample count before encoding."""

from io import BytesIO
import os

import av
import numpy as np
import pytest

from custom_components.acupressure_mat.engine.audio import encode
from custom_components.acupressure_mat.engine.audio.encode import encode_mp3, mp3_duration
from custom_components.acupressure_mat.engine.audio.mp3 import Layout, _crc16
from custom_components.acupressure_mat.engine.audio.synth import SAMPLE_RATE

# Around frame edges, a padding period (49 frames), and lengths sessions use.
COUNTS = [1, 575, 576, 577, 1151, 1152, 28223, 28224, 28225, 22050, 13 * 22050 + 17, 60 * 22050]


def _decoded(data: bytes) -> int:
    with av.open(BytesIO(data), "r") as container:
        return sum(frame.samples for frame in container.decode(audio=0))


def _noise(count: int) -> np.ndarray:
    return (np.random.default_rng(count).standard_normal(count) * 0.1).astype(np.float32)


@pytest.mark.parametrize("count", COUNTS)
def test_predicted_size_is_the_encoders_size(count: int) -> None:
    layout = Layout(count)
    data = encode_mp3(_noise(count))
    assert len(data) == layout.size
    assert data[: len(layout.header)] == layout.header
    assert _decoded(data) == count
    assert mp3_duration(data) == pytest.approx(count / SAMPLE_RATE, abs=1e-4)


@pytest.mark.parametrize("seconds", [14.0, 65.5, 200.25])
def test_pieces_encoded_apart_keep_the_predicted_size(
    monkeypatch: pytest.MonkeyPatch, seconds: float
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.setattr(encode, "_MIN_PIECE_SECONDS", 3.0)
    count = round(seconds * SAMPLE_RATE)
    layout = Layout(count)
    pieces = encode.plan(layout)
    assert len(pieces) == 4
    assert [p.offset for p in pieces[1:]] == [p.offset + p.size for p in pieces[:-1]]
    data = encode_mp3(_noise(count))
    assert len(data) == layout.size == pieces[-1].offset + pieces[-1].size
    assert _decoded(data) == count


def test_header_says_what_decoders_need() -> None:
    layout = Layout(60 * SAMPLE_RATE)
    header = layout.header
    assert header[:3] == b"ID3"
    info = header[header.index(b"\xff\xf3") :]
    assert info[13:17] == b"Info"
    assert int.from_bytes(info[21:25]) == layout.frames == 2299
    assert int.from_bytes(info[25:29]) == layout.size - header.index(b"\xff\xf3")
    delay = int.from_bytes(info[13 + 141 : 13 + 144])
    assert delay >> 12 == 576
    assert layout.frames * 576 - (delay >> 12) - (delay & 0xFFF) == layout.count
    toc = info[29:129]
    assert toc[0] == 0
    assert list(toc) == sorted(toc)
    assert toc[50] == pytest.approx(128, abs=1)
    assert _crc16(info[:167]) == int.from_bytes(info[167:169])


def test_long_audio_keeps_a_table_of_under_400_positions() -> None:
    layout = Layout(180 * 60 * SAMPLE_RATE)
    toc = layout.header[-182 + 29 : -182 + 129]
    assert toc[99] == pytest.approx(253, abs=2)
    # The frames of three hours, Info frame included, as ffmpeg's own muxer wrote them.
    assert layout.size - len(layout.header) + 182 == 43_200_443


@pytest.mark.parametrize(
    "fields", [{"count": 0}, {"count": 10, "sample_rate": 44100}, {"count": 10, "bitrate": 33000}]
)
def test_layout_refuses_what_it_is_not_worked_out_for(fields: dict[str, int]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        Layout(**fields)
