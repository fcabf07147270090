"""On-disk cache of guidance MP3 files."""

import os
from pathlib import Path

import pytest

from custom_components.acupressure_mat.engine.audio import cache
from custom_components.acupressure_mat.engine.audio.cache import AudioCache, AudioSpec
from custom_components.acupressure_mat.engine.audio.encode import Piece, Writer, mp3_duration


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[AudioSpec]:
    """Replace rendering by 1000 bytes per call and count the calls."""
    calls: list[AudioSpec] = []

    def fake(spec: AudioSpec) -> cache.Plan:
        calls.append(spec)
        return cache.Plan([Piece(0, 1, 0, 1000)], lambda write: write(0, b"\xff\xf3" + bytes(998)))

    monkeypatch.setattr(cache, "plan", fake)
    return calls


def _spec(seconds: float = 60.0) -> AudioSpec:
    return AudioSpec("breathing", "coherent", seconds)


def test_miss_renders_and_hit_reuses(tmp_path: Path, renders: list[AudioSpec]) -> None:
    store = AudioCache(tmp_path / "audio")
    path = store.get(_spec())
    assert path.read_bytes()[:2] == b"\xff\xf3"
    assert renders == [_spec()]
    os.utime(path, (1, 1))
    assert store.get(_spec()) == path
    assert len(renders) == 1
    assert path.stat().st_mtime > 1  # touched, so it counts as recently used
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_least_recently_used_files_are_evicted(tmp_path: Path, renders: list[AudioSpec]) -> None:
    store = AudioCache(tmp_path, max_bytes=2500)
    first, second = store.get(_spec(1)), store.get(_spec(2))
    os.utime(first, (100, 100))
    os.utime(second, (50, 50))
    store.get(_spec(1))  # a hit makes the first file the most recently used
    third = store.get(_spec(3))
    assert first.exists()
    assert third.exists()
    assert not second.exists()
    assert len(renders) == 3


def test_the_new_file_stays_even_when_it_alone_is_too_big(
    tmp_path: Path, renders: list[AudioSpec]
) -> None:
    store = AudioCache(tmp_path, max_bytes=10)
    old = store.get(_spec(1))
    new = store.get(_spec(2))
    assert new.exists()
    assert not old.exists()


def test_failed_render_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(write: Writer) -> None:
        write(0, b"\xff\xf3")
        raise RuntimeError

    monkeypatch.setattr(cache, "plan", lambda _spec: cache.Plan([Piece(0, 1, 0, 1000)], broken))
    with pytest.raises(RuntimeError):
        AudioCache(tmp_path).get(_spec())
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_no_temp_file(
    tmp_path: Path, renders: list[AudioSpec], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Path, target: Path) -> None:
        raise OSError

    monkeypatch.setattr(Path, "replace", broken)
    with pytest.raises(OSError):  # noqa: PT011
        AudioCache(tmp_path).get(_spec())
    assert list(tmp_path.iterdir()) == []


def test_stale_temp_files_are_cleared(tmp_path: Path, renders: list[AudioSpec]) -> None:
    stale = tmp_path / ".render-old.tmp"
    fresh = tmp_path / ".render-busy.tmp"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    os.utime(stale, (1, 1))
    AudioCache(tmp_path).get(_spec())
    assert not stale.exists()
    assert fresh.exists()


def test_real_render_is_a_playable_mp3(tmp_path: Path) -> None:
    path = AudioCache(tmp_path).get(AudioSpec("meditation", None, 3.5))
    assert mp3_duration(path.read_bytes()) == pytest.approx(3.5, abs=0.1)
    box = AudioCache(tmp_path).get(AudioSpec("breathing", "box", 2.0))
    assert mp3_duration(box.read_bytes()) == pytest.approx(2.0, abs=0.1)


def test_key_is_made_of_validated_fields() -> None:
    assert _spec(600).key == "breathing-coherent-600.0-11-0.0"
    spec = AudioSpec("meditation", "box", 90, bells=(False, True), bell_offset=30)
    assert spec.key == "meditation-none-90.0-01-30.0"
    assert spec == AudioSpec("meditation", None, 90.0, (False, True), 30.0)
    # Breathing has no bell grid, so the offset does not split the cache.
    assert AudioSpec("breathing", "calm", 60, bell_offset=12).key == ("breathing-calm-60.0-11-0.0")


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "music", "pattern": None, "seconds": 60},
        {"kind": "breathing", "pattern": None, "seconds": 60},
        {"kind": "breathing", "pattern": "../etc", "seconds": 60},
        {"kind": "meditation", "pattern": None, "seconds": 0},
        {"kind": "meditation", "pattern": None, "seconds": -1},
        {"kind": "meditation", "pattern": None, "seconds": 180 * 60 + 1},
        {"kind": "meditation", "pattern": None, "seconds": float("nan")},
        {"kind": "meditation", "pattern": None, "seconds": 60, "bell_offset": -1},
        {
            "kind": "meditation",
            "pattern": None,
            "seconds": 60,
            "bell_offset": float("inf"),
        },
        {"kind": "meditation", "pattern": None, "seconds": 60, "bells": (True,)},
        {"kind": "meditation", "pattern": None, "seconds": 60, "bells": (1, 1)},
    ],
)
def test_spec_rejects_bad_fields(fields: dict[str, object]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        AudioSpec(**fields)  # type: ignore[arg-type]


def test_longest_spec_is_accepted() -> None:
    assert AudioSpec("meditation", None, 180 * 60).seconds == 10800.0
