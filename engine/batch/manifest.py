"""The batch manifest: what was produced for each item, so a re-run skips it.

An *item* is one findings file for one audience. Its record holds the input
hash, the prompt hash, the provider and model, the options that change the
output, and the result (written files, faithfulness score, usage, error).

Durability: every process of a run appends a record to its own journal
(`DIR/.riskbrief/journal-*.jsonl`, one JSON line written straight to the
file) between staging an item's files and renaming them into place
(engine/batch/outputs.py), so a kill at any moment loses at most the items in
flight and never a brief whose files were all in place; a torn last line is
ignored. At the end of a run the journals
are folded into `DIR/manifest.json` (or `manifest.shard-K-of-N.json`), written
atomically.
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Iterable

from engine.files import OutputError, atomic_write_text

STATE_DIR = ".riskbrief"
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class Recipe:
    """Everything besides the findings that decides an item's output."""

    provider: str
    model: str
    prompt_hash: str
    options: dict[str, Any]


@dataclass
class ItemRecord:
    key: str  # "<stem>.<audience>"
    input: str
    stem: str
    audience: str
    input_hash: str
    prompt_hash: str
    provider: str
    model: str
    options: dict[str, Any]
    status: str  # generated | failed
    outputs: list[str] = field(default_factory=list)  # relative to the output directory
    score: float | None = None
    passed: bool | None = None
    gate: list[str] = field(default_factory=list)  # why the brief may not pass (empty when it may)
    cached: bool = False
    requests: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float | None = None
    duration_s: float = 0.0
    error: str | None = None
    finished_at: float = 0.0
    content_hash: str = ""  # sha256 of the file's bytes: an unchanged file need not be read again
    rendered: bool = False  # this run only wrote files it lacked, from its saved JSON (engine/batch/saved.py)

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ItemRecord":
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known})

    @classmethod
    def parse(cls, data: Any) -> "ItemRecord | None":
        """A record read back from a manifest or journal, or None when it is not one.

        Those files may have been edited, truncated or written by another version: a
        field of the wrong type (`"outputs": 5`, a string time) makes the item count
        as not done, so it is produced again, rather than stopping the run.
        """
        if not isinstance(data, dict):
            return None
        try:
            rec = cls.from_json(data)
        except TypeError:
            return None
        for name, kinds in _FIELD_TYPES.items():
            value = getattr(rec, name)
            if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
                return None
        if not all(isinstance(o, str) for o in rec.outputs) or not all(isinstance(g, str) for g in rec.gate):
            return None
        return rec

    def matches(self, recipe: Recipe, *, input_hash: str | None = None, content_hash: str | None = None) -> bool:
        """Same recipe and the same input (by validated-document hash, or by the file's bytes)."""
        if input_hash is not None:
            same_input = self.input_hash == input_hash
        else:
            same_input = bool(content_hash) and self.content_hash == content_hash
        return (
            same_input
            and self.prompt_hash == recipe.prompt_hash
            and self.provider == recipe.provider
            and self.model == recipe.model
            and self.options == recipe.options
        )


_TEXT, _NUMBER, _MAYBE_NUMBER = (str,), (int, float), (int, float, type(None))
_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "key": _TEXT, "input": _TEXT, "stem": _TEXT, "audience": _TEXT, "input_hash": _TEXT, "prompt_hash": _TEXT,
    "provider": _TEXT, "model": _TEXT, "options": (dict,), "status": _TEXT, "outputs": (list,),
    "score": _MAYBE_NUMBER, "passed": (bool, type(None)), "gate": (list,), "cached": (bool,),
    "requests": (int,), "tokens_in": (int,), "tokens_out": (int,), "cost_usd": _MAYBE_NUMBER,
    "duration_s": _NUMBER, "error": (str, type(None)), "finished_at": _NUMBER, "content_hash": _TEXT,
    "rendered": (bool,),
}


def manifest_name(tag: str) -> str:
    return "manifest.json" if tag == "all" else f"manifest.{tag}.json"


def read_manifest(path: Path) -> list[ItemRecord]:
    """The well-formed records of one manifest file; none when it is missing, torn or not a manifest."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []  # unreadable: the items it held are simply redone
    items = data.get("items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [rec for rec in map(ItemRecord.parse, items) if rec is not None]


def _read_journal(path: Path) -> list[dict[str, Any]]:
    out = []
    try:
        lines = path.read_bytes().splitlines()
    except OSError:
        return out
    for line in lines:
        try:
            rec = json.loads(line)
        except ValueError:
            continue  # a line torn by a kill
        if isinstance(rec, dict):
            out.append(rec)
    return out


def journal_paths(out_dir: Path, tag: str | None = None) -> list[Path]:
    state = out_dir / STATE_DIR
    pattern = f"journal-{tag}-*.jsonl" if tag else "journal-*.jsonl"
    return sorted(state.glob(pattern)) if state.is_dir() else []


def load_records(out_dir: str | Path) -> dict[str, ItemRecord]:
    """The latest record per item from every manifest and journal in out_dir."""
    out = Path(out_dir)
    found: list[ItemRecord] = []
    for path in sorted(out.glob("manifest*.json")):
        found.extend(read_manifest(path))
    found.extend(read_journals(out))
    return latest(found)


def read_journals(out_dir: str | Path, tag: str | None = None) -> list[ItemRecord]:
    """The well-formed records of every journal in out_dir (of one shard's, with `tag`)."""
    return [rec for path in journal_paths(Path(out_dir), tag)
            for rec in map(ItemRecord.parse, _read_journal(path)) if rec is not None]


def latest(records: Iterable[ItemRecord]) -> dict[str, ItemRecord]:
    """The most recently finished record of each item."""
    out: dict[str, ItemRecord] = {}
    for rec in records:
        old = out.get(rec.key)
        if old is None or rec.finished_at >= old.finished_at:
            out[rec.key] = rec
    return out


def prepare_out_dir(out_dir: str | Path) -> None:
    """Make the output directory and its journal directory, before any brief: OutputError when they
    cannot be made or written (a read-only path), so a run that could record nothing writes nothing."""
    state = Path(out_dir) / STATE_DIR
    try:
        state.mkdir(parents=True, exist_ok=True)
        probe = state / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise OutputError(f"{e.filename or state}: cannot write: {e.strerror or e}; "
                          "choose another --out or fix its permissions") from None


class Journal:
    """Append-only record log of one process; each line is durable once written."""

    def __init__(self, out_dir: str | Path, tag: str):
        state = Path(out_dir) / STATE_DIR
        host = "".join(c if c.isalnum() or c in "-_" else "_" for c in socket.gethostname())[:40]
        self.path = state / f"journal-{tag}-{host}-{os.getpid()}.jsonl"
        try:
            state.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "ab")
        except OSError as e:
            raise OutputError(f"{self.path}: cannot write: {e.strerror or e}") from None

    def append(self, record: ItemRecord) -> None:
        if not record.finished_at:
            record.finished_at = time.time()
        line = json.dumps(record.to_json(), sort_keys=True, separators=(",", ":")) + "\n"
        self._fh.write(line.encode("utf-8"))
        self._fh.flush()  # in the kernel now: a killed process loses nothing it recorded

    def close(self) -> None:
        self._fh.close()


def write_manifest(out_dir: str | Path, tag: str, records: Iterable[ItemRecord], meta: dict[str, Any]) -> Path:
    """Fold records into the manifest atomically, then drop this shard's journals."""
    out = Path(out_dir)
    path = out / manifest_name(tag)
    head = json.dumps({"manifest_version": MANIFEST_VERSION, **meta})[:-1]
    items = ",\n".join(json.dumps(r.to_json(), separators=(",", ":")) for r in sorted(records, key=lambda r: r.key))
    atomic_write_text(path, f'{head}, "items": [\n{items}\n]}}\n')  # one item a line: diffable, quick
    for j in journal_paths(out, tag):
        try:
            j.unlink()
        except OSError:
            pass
    return path
