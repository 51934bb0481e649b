"""Everything about the selected finding: metrics, mitigations, caveats."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from schemas.findings import Finding
from tui.widgets.palette import SEVERITY_STYLE, label


def _value(m) -> str:
    unit = {"percent": "%", "pp": " pp", "x": "×"}.get(m.unit.value, f" {m.unit.value}")
    return f"{m.value:g}{unit}"


def detail_renderable(f: Finding, highlight: set[str] | None = None) -> Group:
    highlight = highlight or set()
    head = Text()
    head.append(f"{f.id} ", style="bold")
    head.append(f.title, style="bold")
    head.append(f"\n{label(f.category)} · ")
    head.append(f"severity {label(f.severity) if f.severity else 'not yet assessed'}", style=SEVERITY_STYLE.get(f.severity, "dim"))
    head.append(f" · likelihood {label(f.likelihood) if f.likelihood else 'not yet assessed'}")
    head.append(f"\nowner: {f.owner or 'no owner named'} · status: {label(f.status) if f.status else 'not stated'}")
    parts: list = [head, Text(f.summary, style="italic")]
    if f.impact:
        parts.append(Text(f"Impact: {f.impact}"))
    if f.metrics:
        met = Text()
        met.append("Metrics", style="bold")
        for m in f.metrics:
            style = "bold black on yellow" if f"{f.id}.{m.id}" in highlight else ""
            line = f"\n• {m.id}: {m.name} {_value(m)}"
            if m.population:
                line += f" on {m.population}"
            if m.n:
                line += f" (n={m.n:,})"
            if m.baseline:
                line += f", vs {m.baseline}"
            met.append(line, style=style)
        parts.append(met)
    if f.mitigations:
        mit = Text()
        mit.append("Mitigations", style="bold")
        for m in f.mitigations:
            mit.append(f"\n• {m.action}")
            bits = [b for b in (m.owner, f"due {m.due.isoformat()}" if m.due else None, label(m.status) if m.status else None) if b]
            if bits:
                mit.append(f" ({', '.join(bits)})", style="dim")
        parts.append(mit)
    if f.caveats:
        cav = Text()
        cav.append("Caveats", style="bold")
        for c in f.caveats:
            cav.append(f"\n• {c}")
        parts.append(cav)
    if f.id in highlight:
        parts.insert(0, Text("▶ evidence for the selected claim", style="bold black on yellow"))
    spaced: list = []
    for part in parts:
        spaced += [part, Text("")]
    return Group(*spaced[:-1])


class FindingDetail(Static):
    """Detail of one finding; metrics behind the selected claim are highlighted."""

    finding: Finding | None = None
    highlight: frozenset[str] = frozenset()

    def show(self, finding: Finding | None, highlight: set[str] | None = None) -> None:
        self.finding, self.highlight = finding, frozenset(highlight or ())
        self.update(detail_renderable(finding, highlight) if finding else Text("Select a finding to see its metrics, mitigations and caveats.", style="dim"))
