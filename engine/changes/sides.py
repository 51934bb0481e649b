"""Where one side of a change brief comes from.

    FILE                  a findings file (YAML or JSON)
    register:SYSTEM       the system's findings in the risk register now
    register:SYSTEM@WHEN  ... as they stood at WHEN (ISO 8601 date or date-time, inclusive)
    FILE@vN               the findings text saved with version N of FILE's brief (`riskbrief tui`)

An existing file is always read as a file, so a findings file whose name
happens to look like a reference still works. A register snapshot holds
only what the register tracks (engine/register/snapshot.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from engine.errors import UsageError
from engine.hashing import input_hash
from schemas.findings import FindingsDocument
from schemas.loading import load_findings, load_text

REGISTER_PREFIX = "register:"
_VERSION_RE = re.compile(r"^(?P<file>.+)@v(?P<number>\d+)$")


@dataclass(frozen=True)
class Side:
    """One findings document to compare, with how to name and identify it.

    `name` is what the brief's provenance calls it; `stem` names
    the files written from it.
    """

    doc: FindingsDocument
    name: str
    input_hash: str
    stem: str | None = None


def load_side(ref: str | Path, *, audiences: Iterable[str] = (), register_url: str | None = None) -> Side:
    """Load one side of a comparison: a findings file, a register snapshot or a saved version's findings.

    `audiences` are tried first for FILE@vN (version numbers are per audience);
    `register_url` is the register to read (default: RISKBRIEF_REGISTER_URL,
    else riskbrief-register.db in the working directory).
    """
    text = str(ref)
    if not _is_file(text):
        if text.startswith(REGISTER_PREFIX):
            return _register_side(text[len(REGISTER_PREFIX):], register_url)
        if m := _VERSION_RE.match(text):
            return _version_side(m["file"], int(m["number"]), list(audiences))
    doc = load_findings(ref)
    return Side(doc, Path(ref).name, input_hash(doc), Path(ref).stem)


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a name too long, a NUL byte: not a file, as the loader will say
        return False


def _slug(text: str) -> str:
    """Text as part of a file name: letters (of any script), digits and hyphens."""
    return re.sub(r"[\W_]+", "-", text).strip("-")


def _register_side(spec: str, url: str | None) -> Side:
    from engine.register.db import require_existing
    from engine.register.snapshot import take_snapshot
    from engine.register.store import RegisterStore

    require_existing(url)
    store = RegisterStore(url)
    try:
        system, at, when = spec.rpartition("@")
        if not at or spec.strip() in {r.system for r in store.risks()}:  # a system whose name holds an @
            system, when = spec, None
        if not system.strip():
            raise UsageError(f"'{REGISTER_PREFIX}{spec}' names no system; write {REGISTER_PREFIX}SYSTEM or "
                             f"{REGISTER_PREFIX}SYSTEM@WHEN, e.g. '{REGISTER_PREFIX}Credit scoring model@2026-03-02'")
        snap = take_snapshot(store, system.strip(), when)
    finally:
        store.close()  # a SQLite register folds its write-ahead log back into its file
    label = f"{REGISTER_PREFIX}{snap.system}" + (f"@{snap.as_of.text}" if snap.as_of else "")
    stem = (_slug(snap.system).lower() or "system") + (f"@{_slug(snap.as_of.text)}" if snap.as_of else "")
    doc = snap.document
    return Side(doc, label, input_hash(doc), stem)


def _version_side(file: str, number: int, audiences: list[str]) -> Side:
    from engine.versions import VersionStore

    version, text = VersionStore(file).saved_findings(number, prefer=audiences)
    path = Path(file)
    label = f"{path.name}@v{number}"
    doc = load_text(text, f"{label} ({version.audience})", is_json=path.suffix.lower() == ".json")
    return Side(doc, f"{label} ({version.audience})", input_hash(doc), f"{path.stem}@v{number}")
