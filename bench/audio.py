"""Time 20 minutes of guidance audio: render + encode, memory, size, cache hit."""

# Run from the repository root: .venv/bin/python -m bench.audio

from __future__ import annotations

import os
from pathlib import Path
import resource
import sys
import tempfile
import time

# Load the engine without the integration's __init__, which imports Home Assistant.
sys.path.insert(0, str(Path(__file__).parent.parent / "custom_components/acupressure_mat"))

from engine.audio.cache import AudioCache, AudioSpec, track
from engine.audio.encode import encode_source

SECONDS = 20 * 60
MB = 1_000_000
MIB = 1024 * 1024


def render(spec: AudioSpec) -> bytes:
    """Render the whole MP3 of a spec in memory."""
    audio = track(spec)
    return encode_source(audio.render, audio.count)


def _maxrss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main() -> None:
    """Print the figures."""
    print(f"cores: {os.cpu_count()}, audio: {SECONDS // 60} min")
    specs = (
        AudioSpec("breathing", "coherent", SECONDS),
        AudioSpec("meditation", None, SECONDS),
    )
    for spec in specs:
        before = _maxrss()
        started = time.perf_counter()
        data = render(spec)
        took = time.perf_counter() - started
        grown = (_maxrss() - before) / MIB
        print(
            f"{spec.kind:<10} first render {took:.2f} s (aim < 1.5 s), "
            f"{len(data) / MB:.2f} MB (aim < 5 MB), peak memory +{grown:.0f} MiB"
        )
        started = time.perf_counter()
        render(spec)
        print(f"{'':<10} again      {time.perf_counter() - started:.2f} s")
    with tempfile.TemporaryDirectory() as folder:
        store = AudioCache(Path(folder))
        store.get(specs[0])
        runs = 1000
        started = time.perf_counter()
        for _ in range(runs):
            store.get(specs[0])
        hit = (time.perf_counter() - started) / runs * 1000
        print(f"cache hit  {hit:.3f} ms (aim < 10 ms)")


if __name__ == "__main__":
    main()
