"""Noticing that the open findings file changed on disk.

A poll, not a file watcher: one stat() per tick costs next to nothing, works on
every filesystem (network mounts and editors that replace the file included)
and needs no extra dependency. The file is read only when its stamp (mtime,
size, inode) moved, and counts as changed only when its text differs from the
findings the workspace holds, so saving the same text again, or a change
undone, shows nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

POLL_S = 1.0


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None  # gone (or being replaced): compared by text below
    return st.st_mtime_ns, st.st_size, st.st_ino


@dataclass
class FindingsWatch:
    """Whether `path` on disk still holds `text` (the findings the workspace was loaded from)."""

    path: Path
    text: str | None
    changed: bool = False
    _stamp: tuple[int, int, int] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._stamp = _stamp(self.path)

    def check(self) -> bool:
        """Look at the file again; True when whether it differs has just flipped."""
        stamp = _stamp(self.path)
        if stamp == self._stamp and stamp is not None:
            return False
        self._stamp = stamp
        try:
            now = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            now = None
        changed = now != self.text
        flipped = changed != self.changed
        self.changed = changed
        return flipped
