"""Writing an item's files so that "recorded as done" and "all files in place" cannot disagree.

Every format is rendered (engine.pipeline.render), written to a hidden
temporary file beside its final name, then the item is recorded in the
journal, and only then are the files renamed into place. A kill before the
record leaves only hidden temporary files (swept by a later run) and the item
is produced again; a kill after it leaves a record whose files are missing,
which a re-run also produces again. A brief whose files were all in place is
therefore always recorded, and never produced twice.
"""

from __future__ import annotations

import itertools
import os
import time
from pathlib import Path

from engine.files import OutputError

TMP_SUFFIX = ".batch.tmp"


def stage(path: Path, data: bytes) -> Path:
    """Write data (a rendered file) to a hidden temporary file next to `path`; return the temporary file."""
    try:
        return _stage(path, data)
    except OSError as e:
        raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None


_made_dirs: set[Path] = set()
_serial = itertools.count()


def _stage(path: Path, data: bytes) -> Path:
    if path.parent not in _made_dirs:
        path.parent.mkdir(parents=True, exist_ok=True)
        _made_dirs.add(path.parent)
    # A name unique to this process (pid and a counter), created with O_EXCL so nothing is
    # ever written through an existing file; the umask applies to 0o666 as it would for open().
    remade = False
    while True:
        tmp = path.parent / f".{path.name}.{os.getpid()}.{next(_serial)}{TMP_SUFFIX}"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
            break
        except FileExistsError:  # left by a killed process that had the same pid
            continue
        except FileNotFoundError:  # the directory went away during the run: make it once more
            if remade:
                raise
            remade = True
            path.parent.mkdir(parents=True, exist_ok=True)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


def discard(staged: list[tuple[Path, Path]]) -> None:
    for _, tmp in staged:
        tmp.unlink(missing_ok=True)


def publish(staged: list[tuple[Path, Path]]) -> None:
    for final, tmp in staged:
        os.replace(tmp, final)


def sweep(out_dir: str | Path, older_than: float) -> int:
    """Remove temporary files a killed run left behind (those older than `older_than`, a time.time())."""
    removed = 0
    for tmp in Path(out_dir).rglob(f".*{TMP_SUFFIX}"):
        try:
            if tmp.stat().st_mtime < older_than:
                tmp.unlink()
                removed += 1
        except OSError:
            pass
    return removed


def now() -> float:
    return time.time()
