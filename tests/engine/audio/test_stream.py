"""A render that readers follow while its pieces are written."""

import os
from pathlib import Path

import pytest

from custom_components.acupressure_mat.engine.audio.encode import Piece, Writer
from custom_components.acupressure_mat.engine.audio.stream import Stream

PIECES = [Piece(0, 10, 0, 4), Piece(10, 20, 4, 3), Piece(20, 30, 7, 2)]


def _read(stream: Stream) -> bytes:
    fd = stream.open()
    assert fd is not None
    try:
        return os.pread(fd, 100, 0)
    finally:
        os.close(fd)


def test_readers_see_only_bytes_without_a_gap(tmp_path: Path) -> None:
    seen: list[tuple[int, int, int]] = []

    def encode(write: Writer) -> None:
        write(1, b"de")  # a later piece runs ahead
        seen.append((stream.ready(0), stream.ready(4), stream.ready(8)))
        write(0, b"ab")
        write(0, b"cd")
        seen.append((stream.ready(0), stream.ready(2), stream.ready(8)))
        assert _read(stream)[:6] == b"abcdde"
        write(1, b"f")
        write(2, b"gh")

    target = tmp_path / "audio" / "a.mp3"
    stream = Stream(PIECES, encode, target)
    notified: list[bool] = []
    stream.notify = lambda: notified.append(stream.done)
    assert stream.size == 9
    assert stream.open() is None  # not started
    stream.run()
    assert seen == [(0, 6, 8), (6, 6, 8)]
    assert stream.ready(0) == 9
    assert stream.done
    assert not stream.failed
    assert target.read_bytes() == b"abcddefgh"
    assert _read(stream) == b"abcddefgh"
    assert notified == [False] * 5 + [True]
    assert list(target.parent.iterdir()) == [target]


def test_a_failed_render_leaves_nothing(tmp_path: Path) -> None:
    def encode(write: Writer) -> None:
        write(0, b"ab")
        raise OSError

    stream = Stream(PIECES, encode, tmp_path / "a.mp3")
    with pytest.raises(OSError):  # noqa: PT011
        stream.run()
    assert stream.failed
    assert not stream.done
    assert stream.ready(0) == 0
    assert stream.open() is None
    assert list(tmp_path.iterdir()) == []


def test_a_render_that_cannot_start_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"")
    stream = Stream(PIECES, lambda _write: None, tmp_path / "file" / "a.mp3")
    with pytest.raises(OSError):  # noqa: PT011
        stream.run()
    assert stream.failed
