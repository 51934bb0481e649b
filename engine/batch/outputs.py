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

import os
import stat
from pathlib import Path

from engine.files import OutputError, remove_stale, write_temp_beside

TMP_SUFFIX = ".batch.tmp"


def stage(path: Path, data: bytes) -> Path:
    """Write data (a rendered file) to a hidden temporary file next to `path`; return the temporary file."""
    try:
        return write_temp_beside(path, data, TMP_SUFFIX)
    except OSError as e:
        raise OutputError(f"{path}: cannot write: {e.strerror or e}") from None


def discard(staged: list[tuple[Path, Path]]) -> None:
    for _, tmp in staged:
        tmp.unlink(missing_ok=True)


def publish(staged: list[tuple[Path, Path]]) -> None:
    """Rename each file into place; a file already there with the same bytes is left as it is.

    A brief made again for a format it lacked (or a file deleted since) writes the
    same bytes for its other formats: those files keep their times, and anything
    that watches them sees only what really changed.
    """
    for final, tmp in staged:
        if _same_file(final, tmp):
            tmp.unlink(missing_ok=True)
        else:
            os.replace(tmp, final)


def _same_file(final: Path, tmp: Path) -> bool:
    try:
        old = final.lstat()
        if not stat.S_ISREG(old.st_mode) or old.st_size != tmp.stat().st_size:
            return False  # a symlink is replaced, never written through
        return final.read_bytes() == tmp.read_bytes()
    except OSError:
        return False


def sweep(out_dir: str | Path, older_than: float) -> int:
    """Remove temporary files a killed run left behind (those older than `older_than`, a time.time())."""
    return remove_stale(Path(out_dir).rglob(f".*{TMP_SUFFIX}"), older_than)
