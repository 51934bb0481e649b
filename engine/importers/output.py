"""Turn an imported document into findings YAML with a `# to review` block.

The YAML is written by engine.findings_yaml, so the comment block is part of
the document. Before anything is returned the text is validated with the
same loader `riskbrief validate` uses, so an importer can never hand out an
invalid file.
"""

from __future__ import annotations

import re
from typing import Any

from engine.errors import RiskbriefError
from engine.findings_yaml import comment_line, findings_yaml
from engine.importers.base import Imported
from schemas.findings import STRICT_FINDING_FIELDS, FindingsDocument
from schemas.loading import FindingsError, load_text

REVIEW_HEADING = "to review"


def missing_fields(data: dict[str, Any]) -> list[str]:
    """Per finding, the fields `validate --strict` wants that the source did not give."""
    notes = []
    for f in data.get("findings", []):
        missing = [name for name in STRICT_FINDING_FIELDS if f.get(name) in (None, "")]
        if not f.get("mitigations"):
            missing.append("mitigations")
        no_pop = [m["id"] for m in f.get("metrics", []) if not m.get("population")]
        parts = []
        if missing:
            parts.append("not in the source: " + ", ".join(missing))
        if no_pop:
            parts.append("no population for metrics " + ", ".join(no_pop))
        if parts:
            notes.append(f"{f['id']}: " + "; ".join(parts))
    return notes


def _finding_order(line: str) -> tuple[int, int]:
    # Document-level notes first, then each finding's notes together, in id order.
    m = re.match(r"F(\d+)\b", line)
    return (1, int(m.group(1))) if m else (0, 0)


def review_lines(imported: Imported) -> list[str]:
    lines = [comment_line(n) for n in [*missing_fields(imported.data), *imported.review]]
    # The same note for many findings is said once: "F1, F2, F3: ...".
    grouped: dict[str, list[str]] = {}
    for line in dict.fromkeys(lines):
        m = re.match(r"(F\d+): (.*)", line)
        if m:
            grouped.setdefault(m.group(2), []).append(m.group(1))
        else:
            grouped.setdefault(line, [])
    merged = [f"{_id_ranges(ids)}: {note}" if ids else note for note, ids in grouped.items()]
    return sorted(merged, key=_finding_order)


def _id_ranges(ids: list[str]) -> str:
    """['F1', 'F2', 'F3', 'F5'] -> 'F1-F3, F5' so a long scan keeps a short review block."""
    numbers = sorted(int(i[1:]) for i in ids)
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"F{r[0]}" if len(r) == 1 else f"F{r[0]}, F{r[1]}" if len(r) == 2 else f"F{r[0]}-F{r[-1]}"
                     for r in runs)


def render_yaml(imported: Imported) -> str:
    """Findings YAML for the imported document, validated, comment block on top."""
    header = [f"Imported by `riskbrief import {imported.kind}` from {comment_line(imported.source)}."]
    lines = review_lines(imported)
    if lines:
        header.append(f"{REVIEW_HEADING} (not stated by the source, or inconsistent in it;")
        header.append("fill in or correct, then run `riskbrief validate --strict`):")
        header.extend(f"- {line}" for line in lines)
    else:
        header.append(f"{REVIEW_HEADING}: nothing; the source stated every field.")
    text = findings_yaml(imported.data, header)
    check(text, imported)
    return text


def check(text: str, imported: Imported) -> FindingsDocument:
    """Validate the text as riskbrief will read it; an importer bug must not ship a bad file."""
    try:
        return load_text(text, f"<{imported.kind} import of {imported.source}>", is_json=False)
    except FindingsError as e:
        raise RiskbriefError(
            "the imported document did not validate, which is a bug in the "
            f"{imported.kind} importer; please report it with the source file:\n{e}"
        ) from None
