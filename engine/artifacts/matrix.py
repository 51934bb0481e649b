"""The risk matrix: likelihood (5 rows) by severity (4 columns).

One model of the grid — labels, bands and colours — shared by the terminal
view, the matplotlib picture and the inline SVG in the HTML brief, so all
three show the same thing. Labels are written for a reader who has never
seen a risk matrix.
"""

from __future__ import annotations

import textwrap

from dataclasses import dataclass, field
from typing import Iterable, Union

from schemas.brief import MatrixEntry
from schemas.findings import Finding, FindingsDocument, Likelihood, Severity

# A finding from a findings file, or its entry in a saved brief's figures.
Placeable = Union[Finding, MatrixEntry]

TITLE = "Risk matrix"
X_TITLE = "How bad would it be?"
Y_TITLE = "How likely is it?"

# Columns left to right, rows bottom to top (rare at the bottom).
SEVERITIES: tuple[Severity, ...] = tuple(Severity)
LIKELIHOODS: tuple[Likelihood, ...] = tuple(Likelihood)

SEVERITY_LABELS = {
    Severity.low: "Low",
    Severity.medium: "Medium",
    Severity.high: "High",
    Severity.critical: "Critical",
}
LIKELIHOOD_LABELS = {
    Likelihood.rare: "Rare",
    Likelihood.unlikely: "Unlikely",
    Likelihood.possible: "Possible",
    Likelihood.likely: "Likely",
    Likelihood.almost_certain: "Almost certain",
}


@dataclass(frozen=True)
class Band:
    name: str
    advice: str
    fill: str  # cell background (hex)
    min_score: int


# Score = likelihood rank (1-5) x severity rank (1-4); highest band first.
BANDS: tuple[Band, ...] = (
    Band("Very high", "act now", "#e8534f", 15),
    Band("High", "plan action", "#f7a541", 8),
    Band("Medium", "watch closely", "#f6e27a", 4),
    Band("Low", "accept and review", "#9fd39c", 1),
)
TEXT_COLOUR = "#1a1a1a"
GRID_COLOUR = "#ffffff"


def score(likelihood: Likelihood, severity: Severity) -> int:
    return likelihood.rank * severity.rank


def band(likelihood: Likelihood, severity: Severity) -> Band:
    s = score(likelihood, severity)
    return next(b for b in BANDS if s >= b.min_score)


@dataclass
class RiskMatrix:
    """Findings placed on the grid; unassessed ones kept aside, never guessed."""

    system: str
    cells: dict[tuple[Likelihood, Severity], list[Placeable]] = field(default_factory=dict)
    unassessed: list[Placeable] = field(default_factory=list)

    def ids(self, likelihood: Likelihood, severity: Severity) -> list[str]:
        return [f.id for f in self.cells.get((likelihood, severity), [])]

    @property
    def placed(self) -> list[Placeable]:
        # Worst first: the order a reader should look at them.
        out = [(score(l, s), f) for (l, s), fs in self.cells.items() for f in fs]
        return [f for _, f in sorted(out, key=lambda p: -p[0])]


IDS_PER_LINE = 4


def cell_lines(ids: list[str]) -> list[str]:
    """Finding ids laid out in at most three lines, so a full cell never overflows."""
    lines = [" ".join(ids[i:i + IDS_PER_LINE]) for i in range(0, len(ids), IDS_PER_LINE)]
    if len(lines) > 3:
        lines = lines[:2] + [f"+{len(ids) - 2 * IDS_PER_LINE} more"]
    return lines


def missing_assessment(f: Placeable) -> str:
    gaps = [name for name in ("severity", "likelihood") if getattr(f, name) is None]
    return " and ".join(gaps)


def place(system: str, findings: Iterable[Placeable]) -> RiskMatrix:
    """Findings (or a saved brief's matrix entries) on the grid."""
    m = RiskMatrix(system=system)
    for f in findings:
        if f.severity is None or f.likelihood is None:
            m.unassessed.append(f)
        else:
            m.cells.setdefault((f.likelihood, f.severity), []).append(f)
    return m


def build_matrix(doc: FindingsDocument) -> RiskMatrix:
    return place(doc.system.name, doc.findings)


def unassessed_note(m: RiskMatrix) -> str:
    parts = [f"{f.id} (no {missing_assessment(f)})" for f in m.unassessed]
    return "Not yet assessed: " + ", ".join(parts)


def title_lines(title: str, width: int) -> list[str]:
    """A picture's title in at most two lines of `width` characters; a longer one ends in an ellipsis."""
    lines = textwrap.wrap(title, width) or [title]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), width, placeholder=" …")]
    return lines


def unassessed_lines(m: RiskMatrix, width: int, max_lines: int = 4) -> list[str]:
    """The unassessed note wrapped to `width` characters, for a picture of fixed width; past
    max_lines the rest is counted rather than named (the findings list names them all)."""
    lead = "Not yet assessed:"
    parts = [f"{f.id} (no {missing_assessment(f)})," for f in m.unassessed]
    parts[-1] = parts[-1].rstrip(",")
    rows: list[list[str]] = [[lead]]
    for part in parts:
        if len(" ".join(rows[-1] + [part])) > width and rows[-1] != [lead]:
            rows.append([])
        rows[-1].append(part)
    if len(rows) <= max_lines:
        return [" ".join(r) for r in rows]
    rows = rows[:max_lines]
    last = rows[-1]
    while True:
        named = sum(len(r) for r in rows) - 1
        tail = f"and {len(parts) - named} more not yet assessed"
        if len(" ".join(last + [tail])) <= width or len(last) == 1:
            return [" ".join(r) for r in rows[:-1]] + [" ".join(last + [tail])]
        last.pop()



def render_terminal(doc: FindingsDocument, *, width: int | None = None, color: bool | None = None) -> str:
    """The grid as coloured terminal text (plain text when not a terminal)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    m = build_matrix(doc)
    table = Table(
        title=f"{TITLE}: {m.system}",
        caption=f"Rows: {Y_TITLE}  Columns: {X_TITLE}",
        box=box.SQUARE,
        show_lines=True,
    )
    table.add_column(Y_TITLE, style="bold", no_wrap=True)
    for s in SEVERITIES:
        table.add_column(SEVERITY_LABELS[s], justify="center", min_width=10)
    for lk in reversed(LIKELIHOODS):
        cells = []
        for s in SEVERITIES:
            b = band(lk, s)
            ids = m.ids(lk, s)
            cells.append(Text(" ".join(ids) if ids else "·", style=f"bold {TEXT_COLOUR} on {b.fill}"))
        table.add_row(LIKELIHOOD_LABELS[lk], *cells)

    console = Console(width=width or 100, record=True, force_terminal=color, no_color=color is False,
                      highlight=False)
    with console.capture() as cap:
        console.print(table)
        key = Text("Colour key: ")
        for i, b in enumerate(BANDS):
            key.append(f" {b.name} ", style=f"bold {TEXT_COLOUR} on {b.fill}")
            key.append(f"= {b.advice}" + ("; " if i < len(BANDS) - 1 else ""))
        console.print(key)
        for f in m.placed:
            console.print(
                f"  {f.id}  {f.title} — {SEVERITY_LABELS[f.severity].lower()} impact, "
                f"{LIKELIHOOD_LABELS[f.likelihood].lower()} ({band(f.likelihood, f.severity).name.lower()} risk)",
                markup=False,
            )
        if m.unassessed:
            console.print(unassessed_note(m) + ":", markup=False)
            for f in m.unassessed:
                console.print(f"  {f.id}  {f.title} — {missing_assessment(f)} not yet assessed", markup=False)
    return cap.get()
