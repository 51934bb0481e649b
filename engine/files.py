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
import itertools
import os
import re
import time
from pathlib import Path
from typing import Iterable

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


_made_dirs: set[Path] = set()
_serial = itertools.count()


def write_temp_beside(path: Path, data: bytes, suffix: str = ".tmp", *, sync: bool = False) -> Path:
    """Write data to a new hidden file next to `path` (``.NAME.PID.N<suffix>``) and return it.

    The name is unique to this process and created with O_EXCL, so nothing is ever written
    through an existing file; the umask applies to 0o666 as it would for open(). With
    `sync`, the data is on disk before this returns."""
    if path.parent not in _made_dirs:
        path.parent.mkdir(parents=True, exist_ok=True)
        _made_dirs.add(path.parent)
    remade = False
    while True:
        tmp = path.parent / f".{path.name}.{os.getpid()}.{next(_serial)}{suffix}"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
            break
        except FileExistsError:  # left by a killed process that had the same pid
            continue
        except FileNotFoundError:  # the directory went away meanwhile: make it once more
            if remade:
                raise
            remade = True
            path.parent.mkdir(parents=True, exist_ok=True)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if sync:
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


def remove_stale(paths: Iterable[Path], older_than: float) -> int:
    """Unlink the paths last modified before `older_than` (a time.time()); how many went."""
    removed = 0
    for old in paths:
        try:
            if old.stat().st_mtime < older_than:
                old.unlink()
                removed += 1
        except OSError:
            pass
    return removed


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    path = Path(path)
    try:
        _atomic_write(path, data)
    except OSError as e:
        raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = write_temp_beside(path, data, sync=True)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    # Temporary files of this name that a killed writer left (older than a minute, so a
    # concurrent writer's file in flight is never touched).
    remove_stale(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"), time.time() - STALE_AFTER_S)


STALE_AFTER_S = 60.0


def atomic_write_text(path: str | Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
