"""What a batch run did: counts for the table, `DIR/summary.json`, and merging shards."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Iterable

from rich.console import Console
from rich.table import Table

from engine.batch.manifest import ItemRecord
from engine.errors import UsageError
from engine.files import atomic_write_text

SUMMARY_FILE = "summary.json"
SUMMARY_VERSION = 1


@dataclass
class ItemLine:
    """One brief as the summary and the html report show it."""

    key: str
    input: str
    stem: str
    audience: str
    status: str  # generated | skipped | failed
    score: float | None = None
    passed: bool | None = None  # faithfulness gate of the eval (under --threshold)
    gate_ok: bool | None = None  # every gate: eval, fallback, --fail-under
    reasons: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    cached: bool = False
    error: str | None = None
    rendered: bool = False  # skipped, but this run wrote files it lacked from its saved JSON


@dataclass
class Summary:
    provider: str = ""
    model: str = ""
    shard: str = "all"
    inputs: int = 0  # valid findings files in this run (after sharding)
    invalid: list[str] = field(default_factory=list)  # problems, as FILE:LINE: field: message
    invalid_files: int = 0
    briefs: int = 0
    generated: int = 0
    skipped: int = 0
    rendered: int = 0  # of the skipped: briefs this run wrote missing files of, from their saved JSON
    cached: int = 0
    failed: int = 0
    faithfulness_pass: int = 0
    faithfulness_fail: int = 0
    gate_failed: int = 0
    requests: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    tokens: int = 0  # tokens_in + tokens_out
    cost_usd: float | None = 0.0
    wall_s: float = 0.0
    fail_under: float | None = None
    skip_invalid: bool = False  # run with --skip-invalid: its invalid inputs do not make it exit 2
    # What shaped every brief of the run (audiences, formats, gate settings): shards merge only when equal.
    options: dict[str, Any] = field(default_factory=dict)
    items: list[ItemLine] = field(default_factory=list)

    # -- building -------------------------------------------------------------
    def add(self, record: ItemRecord, *, skipped: bool, fail_under: float | None) -> None:
        rendered = record.rendered and not skipped  # made by an earlier run: as good as skipped
        skipped = skipped or rendered
        status = "skipped" if skipped else record.status
        reasons = list(record.gate)
        if record.status == "generated" and fail_under is not None and (record.score or 0.0) < fail_under:
            reasons.append(f"faithfulness score {record.score or 0.0:.2f} is under --fail-under {fail_under:g}")
        line = ItemLine(
            key=record.key, input=record.input, stem=record.stem, audience=record.audience, status=status,
            score=record.score, passed=record.passed,
            gate_ok=None if record.status != "generated" else not reasons,
            reasons=reasons, outputs=list(record.outputs), cached=record.cached and not skipped, error=record.error,
            rendered=rendered,
        )
        self.items.append(line)
        self.briefs += 1
        if not skipped:  # what this run spent, on briefs that failed too
            self.requests += record.requests
            self.tokens_in += record.tokens_in
            self.tokens_out += record.tokens_out
            self.tokens = self.tokens_in + self.tokens_out
            if record.cost_usd is None:  # no price known for the model
                if record.status == "generated" or record.requests:
                    self.cost_usd = None
            elif self.cost_usd is not None:
                self.cost_usd = round(self.cost_usd + record.cost_usd, 6)
        if status == "failed":
            self.failed += 1
            return
        if skipped:
            self.skipped += 1
            self.rendered += int(rendered)
        else:
            self.generated += 1
            self.cached += int(record.cached)
        if record.passed is True:
            self.faithfulness_pass += 1
        elif record.passed is False:
            self.faithfulness_fail += 1
        if reasons:
            self.gate_failed += 1

    # -- output -------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "items"}
        data["summary_version"] = SUMMARY_VERSION
        data["items"] = [{f.name: getattr(i, f.name) for f in fields(i)} for i in sorted(self.items, key=lambda i: i.key)]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Summary":
        known = set(cls.__dataclass_fields__)
        values = {k: v for k, v in data.items() if k in known}
        values["items"] = [ItemLine(**{k: v for k, v in i.items() if k in ItemLine.__dataclass_fields__})
                           for i in data.get("items") or []]
        return cls(**values)

    def write(self, out_dir: str | Path) -> Path:
        path = Path(out_dir) / SUMMARY_FILE
        atomic_write_text(path, _summary_text(self.to_json()))
        return path

    def table(self) -> Table:
        t = Table(title=f"riskbrief batch: {' '.join(x for x in (self.provider, self.model) if x)}", title_justify="left")
        t.add_column("measure")
        t.add_column("value", justify="right")
        cost = "unknown (no price for this model)" if self.cost_usd is None else f"${self.cost_usd:,.4f}"
        rate = f"{self.generated / self.wall_s:,.1f} briefs/s" if self.wall_s > 0 and self.generated else "-"
        rows = [
            ("findings files", f"{self.inputs:,}"),
            ("invalid files", f"{self.invalid_files:,}"),
            ("briefs", f"{self.briefs:,}"),
            ("generated", f"{self.generated:,}"),
            ("skipped (unchanged)", f"{self.skipped:,}"),
            ("  missing files rendered", f"{self.rendered:,}"),
            ("cached (no request)", f"{self.cached:,}"),
            ("failed", f"{self.failed:,}"),
            ("faithfulness pass", f"{self.faithfulness_pass:,}"),
            ("faithfulness fail", f"{self.faithfulness_fail:,}"),
            ("gate failed", f"{self.gate_failed:,}"),
            ("requests", f"{self.requests:,}"),
            ("tokens (in / out)", f"{self.tokens_in:,} / {self.tokens_out:,}"),
            ("cost", cost),
            ("wall time", f"{self.wall_s:,.2f} s ({rate})"),
        ]
        if self.shard != "all":
            rows.insert(0, ("shard", self.shard))
        for k, v in rows:
            t.add_row(k, v)
        return t

    def print(self, console: Console) -> None:
        console.print(self.table())


def read_summary(directory: str | Path) -> Summary:
    path = Path(directory) / SUMMARY_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no summary here; run `riskbrief batch ... --out {directory}` first") from None
    except json.JSONDecodeError as e:
        raise UsageError(f"{path}:{e.lineno}: (syntax): invalid JSON: {e.msg} (column {e.colno})") from None
    except (OSError, ValueError) as e:
        raise UsageError(f"{path}: not a readable batch summary ({e})") from None
    if not isinstance(data, dict) or "briefs" not in data:
        raise UsageError(f"{path}:1: (document): not a riskbrief batch summary (no 'briefs' count)")
    try:
        return Summary.from_json(data)
    except (TypeError, AttributeError) as e:
        raise UsageError(f"{path}:1: items: not a riskbrief batch summary ({e})") from None


def relocate_outputs(summary: Summary, source: str | Path, out_dir: str | Path) -> None:
    """Name each brief's files relative to `out_dir`, where the merged summary and report go.

    A file already copied into `out_dir` is named as it is; one still only in
    its shard's directory is named by a path that leads there, so the report's
    links work before the directories are copied together as well as after.
    """
    source, out = Path(source), Path(out_dir)
    for item in summary.items:
        item.outputs = [o if (out / o).exists() or not (source / o).exists() else os.path.relpath(source / o, out)
                        for o in item.outputs]


_SUMMED = ("inputs", "invalid_files", "briefs", "generated", "skipped", "rendered", "cached", "failed",
           "faithfulness_pass", "faithfulness_fail", "gate_failed", "requests", "tokens_in", "tokens_out")


def _check_parts(parts: list[tuple[str, Summary]]) -> None:
    """Refuse summaries that are not parts of one run: other options, provider or model, or shards of
    different splits, the same shard twice, or a shard left out."""
    for what in ("provider", "model", "options"):
        seen: dict[str, str] = {}
        for where, p in parts:
            value = getattr(p, what)
            if what == "options" and not value:
                continue  # written before summaries named their options
            seen.setdefault(json.dumps(value, sort_keys=True), where)
        if len(seen) > 1:
            shown = "; ".join(f"{where}: {value}" for value, where in seen.items())
            raise UsageError(f"the summaries were made with different {what} ({shown}); "
                             "merge the shards of one run, made with the same options")
    tags = [(where, _SHARD_TAG.fullmatch(p.shard)) for where, p in parts]
    sharded = [(where, int(m.group(1)), int(m.group(2))) for where, m in tags if m]
    if not sharded:
        return
    counts = {n for _, _, n in sharded}
    if len(counts) > 1 or len(sharded) < len(parts):
        kinds = ", ".join(f"{where}: {p.shard}" for where, p in parts)
        raise UsageError(f"the summaries come from different splits of the inputs ({kinds}); "
                         "merge the shards of one run (the same N in every --shard K/N)")
    n = counts.pop()
    have = Counter(k for _, k, _ in sharded)
    twice = sorted(k for k, c in have.items() if c > 1)
    if twice:
        raise UsageError(f"shard {', '.join(map(str, twice))} of {n} is given more than once; "
                         "merge each shard's directory once")
    missing = [k for k in range(1, n + 1) if k not in have]
    if missing:
        raise UsageError(f"shard {', '.join(map(str, missing))} of {n} is missing; merge the directories "
                         "of every shard (a shard whose share was empty writes a summary too)")


_SHARD_TAG = re.compile(r"shard-(\d+)-of-(\d+)")


def merge(summaries: Iterable[Summary], names: Iterable[str] | None = None) -> Summary:
    """One summary for shards that ran side by side (wall time is the slowest shard's).

    `names` (the shards' directories) are what refusals name; see _check_parts.
    """
    parts = list(summaries)
    labels = list(names) if names is not None else [f"summary {i}" for i in range(1, len(parts) + 1)]
    _check_parts(list(zip(labels, parts)))
    out = Summary(shard="merged", options=next((p.options for p in parts if p.options), {}))
    providers = sorted({p.provider for p in parts if p.provider})
    models = sorted({p.model for p in parts if p.model})
    out.provider, out.model = ", ".join(providers), ", ".join(models)
    earlier: set[str] = set()
    for p in parts:
        for name in _SUMMED:
            setattr(out, name, getattr(out, name) + getattr(p, name))
        for line in p.invalid:
            if line in earlier:  # every shard reports a PATH that names nothing: one bad input, not N
                out.invalid_files -= 1
            else:
                out.invalid.append(line)
        earlier.update(p.invalid)
        out.items.extend(p.items)
        out.wall_s = max(out.wall_s, p.wall_s)
        if p.cost_usd is None or out.cost_usd is None:
            out.cost_usd = None
        else:
            out.cost_usd = round(out.cost_usd + p.cost_usd, 6)
    out.tokens = out.tokens_in + out.tokens_out
    # The bad inputs are accepted when every shard that had any was told to accept them.
    out.skip_invalid = any(p.invalid_files for p in parts) and all(p.skip_invalid for p in parts if p.invalid_files)
    unders = {p.fail_under for p in parts if p.fail_under is not None}
    out.fail_under = max(unders) if unders else None
    counts = Counter(i.key for i in out.items)
    dupes = sorted(k for k, n in counts.items() if n > 1)
    if dupes:
        raise UsageError(f"the summaries overlap: {', '.join(dupes[:5])}{' ...' if len(dupes) > 5 else ''} "
                         "appear in more than one; merge the summaries of different shards only")
    return out


def _summary_text(data: dict[str, Any]) -> str:
    """Indented JSON with one line per item.

    json.dumps with `indent` encodes in pure Python: for a run of thousands of
    briefs that took a third of a second at the very end of the run. Items
    encoded without it (by the C encoder), one to a line, read as well.
    """
    items = data.get("items") or []
    head = json.dumps({k: v for k, v in data.items() if k != "items"}, indent=1)
    lines = ",\n".join("  " + json.dumps(i, separators=(", ", ": ")) for i in items)
    return head[:-2] + (f',\n "items": [\n{lines}\n ]\n}}\n' if items else ',\n "items": []\n}\n')
