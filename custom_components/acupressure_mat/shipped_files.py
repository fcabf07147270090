"""Files the integration ships and keeps in the user's configuration until the user edits them."""

import hashlib
from pathlib import Path

from homeassistant.util.file import write_utf8_file

DIGEST = "# sha256: "


def update_file(target: Path, source: Path, header: str, *, wanted: bool) -> bool:
    """Bring an installed copy in line with the shipped file (or remove it); tell if it changed."""
    return update_text(target, source.read_text(encoding="utf-8") if wanted else None, header)


def update_text(target: Path, body: str | None, header: str) -> bool:
    """Install a body (None removes it) unless the user edited the copy; tell if it changed."""
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if current is not None and not _is_ours(current, header):
        return False
    if body is None:
        if current is None:
            return False
        target.unlink()
        return True
    content = _stamped(body, header)
    if content == current:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    write_utf8_file(str(target), content)
    return True


def _digest(body: str) -> str:
    """Return the fingerprint of a file's body."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _stamped(body: str, header: str) -> str:
    """Return the file as installed: a header with the body's fingerprint, then the body."""
    return f"{header}{DIGEST}{_digest(body)}\n{body}"


def _is_ours(text: str, header: str) -> bool:
    """Tell whether an installed file is still exactly as we wrote it."""
    if not text.startswith(header):
        return False
    stamp, _, body = text.removeprefix(header).partition("\n")
    return stamp == f"{DIGEST}{_digest(body)}"
