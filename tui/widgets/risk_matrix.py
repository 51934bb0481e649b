"""A compact likelihood x severity risk matrix, coloured by risk level."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from schemas.findings import FindingsDocument, Likelihood, Severity
from tui.widgets.palette import RISK_BACKGROUND, risk_level

CELL = 8
ROW_LABEL = {
    Likelihood.almost_certain: "certain",
    Likelihood.likely: "likely",
    Likelihood.possible: "possible",
    Likelihood.unlikely: "unlikely",
    Likelihood.rare: "rare",
}


SEVERITY_SHORT = {"low": "low", "medium": "med", "high": "high", "critical": "crit"}
SHORT = {"certain": "cert", "likely": "lik", "possible": "poss", "unlikely": "unl", "rare": "rare"}


def matrix_text(doc: FindingsDocument, selected: str | None = None, width: int = 46) -> Text:
    """The matrix in `width` columns: cells shrink and labels shorten to fit."""
    cells: dict[tuple[Likelihood, Severity], list[str]] = {}
    unrated: list[str] = []
    for f in doc.findings:
        if f.severity is None or f.likelihood is None:
            unrated.append(f.id)
        else:
            cells.setdefault((f.likelihood, f.severity), []).append(f.id)
    out = Text(no_wrap=True, overflow="crop")
    labels = dict(ROW_LABEL)
    label_w = max(len(v) for v in labels.values())
    cell = min(CELL, (width - label_w - 1) // 4)
    if cell < 6:
        labels = {k: SHORT[v] for k, v in labels.items()}
        label_w = max(len(v) for v in labels.values())
        cell = max(3, min(CELL, (width - label_w - 1) // 4))
    for like in reversed(list(Likelihood)):
        out.append(labels[like].rjust(label_w) + " ", style="dim")
        for sev in Severity:
            ids = cells.get((like, sev), [])
            body = ",".join(ids)
            if len(body) > cell - 1 and len(ids) > 1:
                body = f"{ids[0]}+{len(ids) - 1}"
            body = body[:cell]
            style = f"white on {RISK_BACKGROUND[risk_level(sev, like)]}"
            if selected and selected in ids:
                style += " bold reverse"
            out.append(body.center(cell), style=style)
        out.append("\n")
    out.append(" " * (label_w + 1))
    for sev in Severity:
        name = sev.value if cell >= len(sev.value) else SEVERITY_SHORT[sev.value][:cell - 1]
        out.append(name.center(cell), style="dim")
    if unrated:
        out.append(f"\nnot yet assessed: {', '.join(unrated)}", style="italic")
    return out


class RiskMatrix(Static):
    """Finding ids placed by likelihood (rows) and severity (columns)."""

    doc: FindingsDocument | None = None
    selected: str | None = None

    def show(self, doc: FindingsDocument | None, selected: str | None = None) -> None:
        self.doc, self.selected = doc, selected
        width = self.content_region.width or 46
        self.update(matrix_text(doc, selected, width) if doc is not None else "")

    def on_resize(self) -> None:
        self.show(self.doc, self.selected)
