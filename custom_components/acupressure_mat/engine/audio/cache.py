"""A bounded on-disk cache of guidance MP3 files; the least recently used go first."""

from __future__ import annotations

from dataclasses import dataclass
import math
import os
from pathlib import Path
import threading
import time
from typing import TYPE_CHECKING

from ..vocabulary import AUDIBLE_KINDS, MAX_SESSION_MINUTES, GuidanceKind
from . import encode
from .mp3 import Layout
from .stream import TMP_PREFIX, Stream
from .synth import PATTERNS, SAMPLE_RATE, Track, breathing_track, meditation_track

if TYPE_CHECKING:
    from collections.abc import Callable

    from .encode import Piece, Writer

MAX_SECONDS = MAX_SESSION_MINUTES * 60
# Part of every file name, so files rendered by an older synthesis are never served.
AUDIO_VERSION = 1
_SUFFIX = ".mp3"
_STALE_TMP_SECONDS = 3600


@dataclass(frozen=True, slots=True)
class AudioSpec:
    """What to render: kind, pattern, length, bells and the bell grid offset."""

    kind: str
    pattern: str | None
    seconds: float
    bells: tuple[bool, bool] = (True, True)
    bell_offset: float = 0.0

    def __post_init__(self) -> None:
        """Validate; drop fields the kind ignores so equal audio has one key."""
        if self.kind not in AUDIBLE_KINDS:
            msg = f"unknown guidance kind {self.kind!r}"
            raise ValueError(msg)
        if self.kind == GuidanceKind.BREATHING and self.pattern not in PATTERNS:
            msg = f"unknown breathing pattern {self.pattern!r}"
            raise ValueError(msg)
        if not (math.isfinite(self.seconds) and 0 < self.seconds <= MAX_SECONDS):
            msg = f"seconds must be in (0, {MAX_SECONDS}], not {self.seconds!r}"
            raise ValueError(msg)
        if not (math.isfinite(self.bell_offset) and self.bell_offset >= 0):
            msg = f"bell_offset must be 0 or more, not {self.bell_offset!r}"
            raise ValueError(msg)
        if len(self.bells) != 2 or not all(isinstance(b, bool) for b in self.bells):  # noqa: PLR2004
            msg = f"bells must be two booleans, not {self.bells!r}"
            raise ValueError(msg)
        # Frozen: object.__setattr__ is the documented way to normalize here.
        object.__setattr__(self, "seconds", float(self.seconds))
        object.__setattr__(self, "bell_offset", float(self.bell_offset))
        if self.kind == GuidanceKind.MEDITATION:
            object.__setattr__(self, "pattern", None)
        else:
            object.__setattr__(self, "bell_offset", 0.0)

    @property
    def key(self) -> str:
        """Return a file-name-safe key made only of validated fields."""
        bells = "".join("1" if b else "0" for b in self.bells)
        pattern = self.pattern or "none"
        return f"{self.kind}-{pattern}-{self.seconds!r}-{bells}-{self.bell_offset!r}"


def track(spec: AudioSpec) -> Track:
    """Describe the audio of a spec without rendering it."""
    if spec.kind == GuidanceKind.BREATHING and spec.pattern is not None:
        return breathing_track(spec.pattern, spec.seconds, bells=spec.bells)
    return meditation_track(spec.seconds, bells=spec.bells, bell_offset=spec.bell_offset)


@dataclass(frozen=True, slots=True)
class Plan:
    """How a spec becomes a file: the pieces, known in advance, and what writes them."""

    pieces: list[Piece]
    encode: Callable[[Writer], None]


def plan(spec: AudioSpec) -> Plan:
    """Lay the spec's MP3 out; the synthesis is set up only once encoding starts."""
    layout = Layout(round(spec.seconds * SAMPLE_RATE), SAMPLE_RATE)
    pieces = encode.plan(layout)

    def run(write: Writer) -> None:
        encode.encode_pieces(track(spec).render, layout, pieces, write)

    return Plan(pieces, run)


class AudioCache:
    """MP3 files by spec in one folder, kept under max_bytes by evicting."""

    def __init__(self, directory: Path, max_bytes: int = 200 * 1024 * 1024) -> None:
        """Use directory, created on the first write."""
        self.directory = directory
        self.max_bytes = max_bytes
        self._lock = threading.Lock()

    def path(self, spec: AudioSpec) -> Path:
        """Return where the file of a spec lives, whether or not it exists yet."""
        return self.directory / f"v{AUDIO_VERSION}-{spec.key}{_SUFFIX}"

    def lookup(self, spec: AudioSpec) -> Path | None:
        """Return the spec's cached file, marked as just used, or None."""
        path = self.path(spec)
        return path if self._touch(path) else None

    def stream(self, spec: AudioSpec) -> Stream:
        """Return a render of the spec that readers can follow; run it to fill it."""
        job = plan(spec)
        return Stream(job.pieces, job.encode, self.path(spec))

    def run(self, stream: Stream) -> Path:
        """Render a stream into the cache and make room for it."""
        stream.run()
        self._evict(keep=stream.target)
        return stream.target

    def get(self, spec: AudioSpec) -> Path:
        """Return the path of the spec's MP3, rendering it when missing."""
        if path := self.lookup(spec):
            return path
        # One render at a time: parallel callers for the same spec wait and then hit.
        with self._lock:
            return self.lookup(spec) or self.run(self.stream(spec))

    @staticmethod
    def _touch(path: Path) -> bool:
        """Mark a cached file as just used; False when it is not there."""
        try:
            os.utime(path)
        except FileNotFoundError:
            return False
        return True

    def _evict(self, keep: Path) -> None:
        """Delete the least recently used files until the rest fit in max_bytes."""
        files = []
        stale = time.time() - _STALE_TMP_SECONDS
        for entry in os.scandir(self.directory):
            # A render killed halfway leaves its temp file behind; clear old ones.
            if entry.name.startswith(TMP_PREFIX) and entry.stat().st_mtime < stale:
                Path(entry.path).unlink(missing_ok=True)
            elif entry.name.endswith(_SUFFIX) and entry.is_file():
                stat = entry.stat()
                files.append((stat.st_mtime_ns, stat.st_size, Path(entry.path)))
        total = sum(size for _, size, _ in files)
        for _, size, path in sorted(files, key=lambda item: item[0]):
            if total <= self.max_bytes:
                break
            if path != keep:
                path.unlink(missing_ok=True)
                total -= size
