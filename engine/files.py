"""Safe output files: atomic writes, names that stay inside the output directory.

A reader never sees half a file: every file is written under a temporary name
beside its final one and renamed into place. The rename replaces a symlink at
the final name rather than writing through it. Names built from findings
(stems, audience names, ids) lose path separators and control characters, and
a path whose existing directories resolve outside the output directory is
refused, so no input can make riskbrief write elsewhere.
"""

from __future__ import annotations

import glob
import os
import re
import tempfile
import time
from pathlib import Path

from engine.errors import RiskbriefError

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")


class OutputError(RiskbriefError):
    """An output file or directory cannot be written."""


def name_part(text: str) -> str:
    """One component of an output file name: no separators or control characters, never '.' or '..'."""
    cleaned = _UNSAFE.sub("_", text)
    return "_" if cleaned in ("", ".", "..") else cleaned


def inside(out_dir: str | Path, relative: str) -> Path:
    """``out_dir/relative`` with each '/'-separated part made safe; OutputError when the
    directories on the way already exist and lead outside out_dir (a symlinked subdirectory)."""
    base = Path(out_dir)
    parts = relative.split("/")
    path = base.joinpath(*(name_part(p) for p in parts))
    if len(parts) == 1:  # a file directly in out_dir: nothing on the way to resolve (saves two resolve() calls)
        return path
    root = base.resolve()
    if not path.parent.resolve().is_relative_to(root):
        raise OutputError(f"{path}: leads outside the output directory {base} through a symlink; "
                          "remove the link or choose another --out")
    return path


def check_out_dir(out_dir: str | Path, option: str = "--out") -> Path:
    """The output directory, checked before any work: OutputError when it is a file or cannot be written."""
    p = Path(out_dir)
    probe = p
    while not probe.exists() and probe != probe.parent:
        if probe.is_symlink():
            raise OutputError(f"{option} {p}: {probe} is a broken symlink; remove it or choose another directory")
        probe = probe.parent
    if not probe.is_dir():
        what = "is a file" if probe == p else f"cannot be created: {probe} is a file"
        raise OutputError(f"{option} {p}: {what}, not a directory; give a directory")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise OutputError(f"{option} {p}: {probe} is not writable; choose another directory or fix its permissions")
    return p


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    path = Path(path)
    try:
        _atomic_write(path, data)
    except OSError as e:
        raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp creates 0600; give the file the mode a plain open() would.
        os.fchmod(fd, _MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _sweep_stale(path)


STALE_AFTER_S = 60.0


def _sweep_stale(path: Path) -> None:
    """Remove temporary files of this name that a killed writer left behind (older than a minute,
    so a concurrent writer's file in flight is never touched)."""
    cutoff = time.time() - STALE_AFTER_S
    for old in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass


def atomic_write_text(path: str | Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
