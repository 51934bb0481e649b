"""One batch run at a time per output directory.

Two runs writing the same directory would each fold the journals into the
manifest and delete them, including the journal the other run is still
appending to; a kill of that run would then lose its finished briefs. The
second run is refused instead. The lock is an advisory lock on the directory
itself (nothing is written for it) and goes with the process, so a killed run
never leaves a stale lock behind.
"""

from __future__ import annotations

import os
from pathlib import Path

from engine.errors import UsageError

try:
    import fcntl
except ImportError:  # Windows: no advisory locks on directories; runs are not guarded there
    fcntl = None  # type: ignore[assignment]


_held: set[int] = set()  # descriptors holding a lock in this process


def _drop_inherited() -> None:
    """In a forked worker: close the copies of the lock's descriptors, so the lock is the parent's
    alone and goes when the parent does (a worker outliving a killed parent must not keep it)."""
    for fd in list(_held):
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_inherited)


class OutDirLock:
    def __init__(self, out_dir: str | Path):
        self.out_dir = Path(out_dir)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise UsageError when another run holds it. Idempotent."""
        if self._fd is not None or fcntl is None or not self.out_dir.is_dir():
            return
        fd = os.open(self.out_dir, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise UsageError(f"{self.out_dir}: another `riskbrief batch` is writing to this directory; "
                             "wait for it to finish or choose another --out") from None
        self._fd = fd
        _held.add(fd)

    def release(self) -> None:
        if self._fd is not None:
            _held.discard(self._fd)
            os.close(self._fd)
            self._fd = None
