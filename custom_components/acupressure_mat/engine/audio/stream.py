"""A render in progress: pieces written into a file that readers follow while it grows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
import os
from pathlib import Path
import tempfile
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .encode import Piece, Writer

TMP_PREFIX = ".render-"


def _nothing() -> None:
    """Notify no one."""


class Stream:
    """One file being rendered: its size is known, its pieces fill in as they are encoded."""

    def __init__(
        self,
        pieces: Sequence[Piece],
        encode: Callable[[Writer], None],
        target: Path,
    ) -> None:
        """Prepare to render into target; nothing happens before run."""
        self.pieces = tuple(pieces)
        self.size = self.pieces[-1].offset + self.pieces[-1].size
        self.target = target
        # Called from the encoding threads after each write and at the end.
        self.notify: Callable[[], None] = _nothing
        self.done = False
        self.failed = False
        self._encode = encode
        self._written = [0] * len(self.pieces)
        self._lock = threading.Lock()
        self._path: Path | None = None
        self._fd: int | None = None

    def run(self) -> None:
        """Render into a temporary file, then move it to the target; clean up on failure."""
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.target.parent, prefix=TMP_PREFIX, suffix=".tmp")
            with self._lock:
                self._fd, self._path = fd, Path(tmp)
            self._encode(self._write)
            with self._lock:
                os.close(fd)
                self._fd = None
                # Under the lock, so a reader opens either the temporary file or the target.
                self._path.replace(self.target)
                self._path = self.target
                self.done = True
        except BaseException:
            with self._lock:
                if self._fd is not None:
                    os.close(self._fd)
                    self._fd = None
                if self._path is not None:
                    self._path.unlink(missing_ok=True)
                self._path = None
                self.failed = True
            raise
        finally:
            self.notify()

    def _write(self, index: int, data: bytes) -> None:
        """Put the next bytes of a piece in their place."""
        piece = self.pieces[index]
        fd = self._fd
        if fd is None:  # pragma: no cover - the encoder writes only while running
            msg = "stream is not running"
            raise RuntimeError(msg)
        os.pwrite(fd, data, piece.offset + self._written[index])
        with self._lock:
            self._written[index] += len(data)
        self.notify()

    def ready(self, offset: int) -> int:
        """Return where the bytes written without a gap from offset end."""
        end = offset
        with self._lock:
            if self.failed:  # what was written is gone
                return offset
            # Pieces follow each other without a gap, so the first unfinished one ends it.
            for piece, written in zip(self.pieces, self._written, strict=True):
                if piece.offset + piece.size > offset:
                    end = max(end, piece.offset + written)
                    if written < piece.size:
                        break
        return end

    def open(self) -> int | None:
        """Open the file for reading, wherever it is now; None once the render failed."""
        with self._lock:
            if self._path is None:
                return None
            return os.open(self._path, os.O_RDONLY)
