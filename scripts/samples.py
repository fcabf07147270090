"""Write sample MP3 files of the guidance audio into a folder, to listen to them."""

from pathlib import Path
import sys

# Load the engine without the integration's __init__, which imports Home Assistant.
sys.path.insert(
    0, str(Path(__file__).resolve().parent.parent / "custom_components/acupressure_mat")
)

from engine.audio.encode import encode_mp3
from engine.audio.synth import PATTERNS, bell, breathing, meditation


def main() -> None:
    """Render one minute of every pattern, six of meditation and the bell."""
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "samples")
    folder.mkdir(parents=True, exist_ok=True)
    samples = {f"breathing-{name}-1min.mp3": breathing(name, 60) for name in PATTERNS}
    # Six minutes, so the bell at five minutes is heard.
    samples["meditation-6min.mp3"] = meditation(6 * 60)
    samples["bell.mp3"] = bell()
    for name, pcm in samples.items():
        path = folder / name
        path.write_bytes(encode_mp3(pcm))
        print(f"wrote {path} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
