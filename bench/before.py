"""Today's audio engine as it was before streaming, imported from git for side-by-side figures."""

import importlib
from pathlib import Path
import subprocess
import sys
import tempfile
from types import ModuleType

# The last commit that rendered everything before serving it.
BEFORE = "b0ee210"
_FILES = ("__init__.py", "vocabulary.py", "audio/__init__.py", "audio/cache.py")
_FILES += ("audio/encode.py", "audio/synth.py")
_ROOT = Path(__file__).parent.parent
_ENGINE = "custom_components/acupressure_mat/engine"


def load() -> ModuleType:
    """Return the old engine's audio cache module, under the package name `before_engine`."""
    if "before_engine.audio.cache" in sys.modules:
        return sys.modules["before_engine.audio.cache"]
    folder = Path(tempfile.mkdtemp(prefix="audio-before-"))
    for name in _FILES:
        shown = subprocess.run(  # noqa: S603 - a fixed git command on this repository
            ["git", "show", f"{BEFORE}:{_ENGINE}/{name}"],  # noqa: S607
            cwd=_ROOT,
            capture_output=True,
            check=True,
        )
        target = folder / "before_engine" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shown.stdout)
    sys.path.insert(0, str(folder))
    return importlib.import_module("before_engine.audio.cache")


def load_synth() -> ModuleType:
    """Return the old engine's synthesis module, whose tables are kept apart from today's."""
    load()
    return sys.modules["before_engine.audio.synth"]
