"""Which findings files a batch reads: files, directories (recursively) and globs.

Every input gets a *stem*: the name its briefs are written under
(`<stem>.<audience>.<ext>`). A file named directly keeps its own name; a file
found under a directory or by a glob keeps its path below that directory (or
below the glob's fixed prefix), so `team-a/model.yaml` and `team-b/model.yaml`
do not overwrite each other's briefs.
"""

from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from engine.errors import UsageError
from schemas.loading import Problem

EXTENSIONS = (".yaml", ".yml", ".json")
_BOOKKEEPING = {"manifest.json", "summary.json"}  # what a batch writes besides briefs
_SHARD_MANIFEST = re.compile(r"manifest\.shard-\d+-of-\d+\.json")
_MAGIC = set("*?[")


@dataclass(frozen=True)
class InputFile:
    path: Path
    stem: str  # output name without audience and extension; may contain '/'

    @property
    def display(self) -> str:
        return str(self.path)


def _stem_of(relative: Path) -> str:
    name = relative.as_posix()
    for ext in EXTENSIONS:
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return name.rsplit(".", 1)[0] if "." in relative.name else name


def _fixed_prefix(pattern: str) -> Path:
    """The directory part of a glob before its first wildcard."""
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts:
        if _MAGIC & set(part):
            break
        fixed.append(part)
    if len(fixed) == len(parts):  # no wildcard at all
        fixed = fixed[:-1]
    return Path(*fixed) if fixed else Path(".")


def _walk(root: Path, skip: set[Path] = frozenset()) -> list[Path]:
    """Findings files below root. Linked directories are followed (as a glob's `**` does), each real
    directory once, so a link back up the tree does not loop."""
    found = []
    visited = {root.resolve()}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        keep = []
        # Real directories before links to them, so files keep their real path as their name.
        for d in sorted(dirnames, key=lambda d: (os.path.islink(os.path.join(dirpath, d)), d)):
            real = (Path(dirpath) / d).resolve()
            if d.startswith(".") or real in skip or real in visited:
                continue
            visited.add(real)
            keep.append(d)
        dirnames[:] = sorted(keep)
        for name in filenames:
            if name.lower().endswith(EXTENSIONS) and not name.startswith(".") and _readable_kind(dirpath, name):
                found.append(Path(dirpath) / name)
    return sorted(found)


def _readable_kind(dirpath: str, name: str) -> bool:
    """A regular file, or a broken link (reported as missing); not a pipe or device, which reading would hang on."""
    path = os.path.join(dirpath, name)
    return os.path.isfile(path) or not os.path.exists(path)


def _own_files(out_dirs: set[Path]) -> Callable[[Path], bool]:
    """Whether a file found by a search is one a run writes into an output directory.

    With `--out` the input directory itself (briefs next to their findings), a
    search would otherwise read the run's own brief JSON, manifest and summary
    back as findings. Files named on the command line are always read.
    """
    from schemas.audience import audience_names

    audiences = set(audience_names())

    def own(path: Path) -> bool:
        resolved = path.resolve()
        for out in out_dirs:
            if not resolved.is_relative_to(out):
                continue
            name = path.name.lower()
            if resolved.parent == out and (name in _BOOKKEEPING or _SHARD_MANIFEST.fullmatch(name)):
                return True
            parts = name.split(".")
            if len(parts) >= 3 and parts[-1] == "json" and parts[-2] in audiences:
                return True
        return False

    return own


def discover(paths: list[str] | tuple[str, ...], *, exclude: list[str | Path] = ()) -> tuple[list[InputFile], list[Problem]]:
    """Inputs in a stable order, and a problem for each PATH that names nothing.

    Directories in `exclude` (the output directory) are not searched, so
    `riskbrief batch . --out briefs` does not read its own briefs as findings;
    when a search starts in one (`--out` the input directory), the briefs,
    manifests and summary a run writes there are left out.
    """
    skip = {Path(e).resolve() for e in exclude}
    inputs: list[InputFile] = []
    problems: list[Problem] = []
    seen: dict[Path, int] = {}  # resolved path -> index in inputs

    own = _own_files(skip) if skip else (lambda path: False)

    def add(path: Path, stem: str, *, found: bool = True) -> None:
        key = path.resolve()
        if found and own(path):
            return
        if key not in seen:
            seen[key] = len(inputs)
            inputs.append(InputFile(path, stem))
        elif inputs[seen[key]].path.is_symlink() and not path.is_symlink():
            # Reached through a link first and then as itself: the briefs take the file's own name.
            inputs[seen[key]] = InputFile(path, stem)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files = _walk(p, skip)
            if not files:
                problems.append(Problem(raw, 1, "(path)", f"directory has no {', '.join(EXTENSIONS)} files"))
            for f in files:
                add(f, _stem_of(f.relative_to(p)))
        elif p.is_file():
            add(p, _stem_of(Path(p.name)), found=False)
        elif p.exists() and not _MAGIC & set(raw):
            problems.append(Problem(raw, 1, "(file)", "not a regular file (a pipe, socket or device); "
                                                      "give a findings file"))
        elif _MAGIC & set(raw):
            base = _fixed_prefix(raw)
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            files = [m for m in matches if m.is_file() and m.name.lower().endswith(EXTENSIONS)]
            for d in (m for m in matches if m.is_dir() and m.resolve() not in skip):
                files.extend(_walk(d, skip))
            # An output directory below the pattern's fixed part is not searched; one the pattern
            # starts in (or below) is, leaving out only what a run writes there.
            root = base.resolve()
            nested = {s for s in skip if not root.is_relative_to(s)}
            files = [f for f in files if not any(f.resolve().is_relative_to(s) for s in nested)]
            if not files:
                problems.append(Problem(raw, 1, "(path)", "pattern matches no findings files"))
            for f in sorted(set(files)):
                try:
                    rel = f.relative_to(base)
                except ValueError:
                    rel = Path(f.name)
                add(f, _stem_of(rel))
        else:
            problems.append(Problem(raw, 1, "(file)", "no such file or directory"))
    _check_collisions(inputs)
    return inputs, problems


def _check_collisions(inputs: list[InputFile]) -> None:
    by_stem: dict[str, list[InputFile]] = {}
    for item in inputs:
        by_stem.setdefault(item.stem, []).append(item)
    clashes = {s: items for s, items in by_stem.items() if len(items) > 1}
    if clashes:
        lines = [f"{s}: {', '.join(i.display for i in items)}" for s, items in sorted(clashes.items())]
        if len(lines) > _CLASHES_SHOWN:  # sibling directories of like-named files: a few make the point
            lines[_CLASHES_SHOWN:] = [f"... and {len(lines) - _CLASHES_SHOWN} more names"]
        raise UsageError(
            "these inputs would write briefs under the same name; rename one of each or pass their "
            "parent directory instead:\n  " + "\n  ".join(lines)
        )


_CLASHES_SHOWN = 10
