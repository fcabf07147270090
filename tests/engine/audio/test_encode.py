"""MP3 encoding of guidance audio."""

from io import BytesIO
import os

import av
import numpy as np
import pytest

from custom_components.acupressure_mat.engine.audio import encode
from custom_components.acupressure_mat.engine.audio.encode import encode_mp3, mp3_duration
from custom_components.acupressure_mat.engine.audio.mp3 import Layout
from custom_components.acupressure_mat.engine.audio.synth import (
    SAMPLE_RATE,
    breathing,
    meditation,
)


def _decode(data: bytes) -> np.ndarray:
    with av.open(BytesIO(data), "r") as container:
        return np.concatenate([f.to_ndarray().ravel() for f in container.decode(audio=0)])


def _is_mp3(data: bytes) -> bool:
    return data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)


@pytest.mark.parametrize("seconds", [0.3, 5.0, 12.34])
def test_mp3_plays_exactly_as_long_as_the_audio(seconds: float) -> None:
    data = encode_mp3(breathing("calm", seconds))
    assert _is_mp3(data)
    assert mp3_duration(data) == pytest.approx(seconds, abs=0.1)
    # The LAME header carries the encoder delay and padding, so decoders trim them.
    assert _decode(data).size == round(seconds * SAMPLE_RATE)


def test_mp3_is_small() -> None:
    data = encode_mp3(meditation(60))
    # 32 kbps: 20 minutes stay under 5 MB.
    assert len(data) < 5_000_000 * 60 / 1200


def test_pieces_encoded_in_parallel_join_without_a_glitch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.setattr(encode, "_MIN_PIECE_SECONDS", 3.0)
    pcm = breathing("coherent", 14, bells=(False, False))
    pieces = encode.plan(Layout(pcm.size))
    assert len(pieces) == 4
    data = encode_mp3(pcm)
    assert len(data) == Layout(pcm.size).size
    decoded = _decode(data)
    assert decoded.size == pcm.size
    error = np.abs(decoded - pcm)
    typical = error[SAMPLE_RATE : SAMPLE_RATE * 3].max()
    for piece in pieces[1:]:
        assert piece.start % (49 * 576) == 0
        assert error[piece.start - 2000 : piece.start + 2000].max() < 1.5 * typical


def test_cuts_fall_on_frames_and_cover_everything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert encode._cuts(30 * SAMPLE_RATE, SAMPLE_RATE, 576) == [(0, 30 * SAMPLE_RATE)]
    count = 1200 * SAMPLE_RATE + 7
    cuts = encode._cuts(count, SAMPLE_RATE, 576)
    assert len(cuts) == 2
    assert cuts[0][0] == 0
    assert cuts[-1][1] == count
    assert cuts[0][1] == cuts[1][0]
    assert cuts[1][0] % 576 == 0
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert len(encode._cuts(count, SAMPLE_RATE, 576)) == 1


def test_a_piece_that_comes_out_another_size_fails_the_render(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(encode, "plan", lambda layout: [encode.Piece(0, layout.count, 0, 10)])
    with pytest.raises(RuntimeError, match="not 10"):
        encode_mp3(np.zeros(SAMPLE_RATE, dtype=np.float32))
