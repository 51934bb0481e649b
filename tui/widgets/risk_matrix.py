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


def matrix_text(doc: FindingsDocument, selected: str | None = None) -> Text:
    cells: dict[tuple[Likelihood, Severity], list[str]] = {}
    unrated: list[str] = []
    for f in doc.findings:
        if f.severity is None or f.likelihood is None:
            unrated.append(f.id)
        else:
            cells.setdefault((f.likelihood, f.severity), []).append(f.id)
    out = Text()
    width = max(len(v) for v in ROW_LABEL.values())
    for like in reversed(list(Likelihood)):
        out.append(ROW_LABEL[like].rjust(width) + " ", style="dim")
        for sev in Severity:
            ids = cells.get((like, sev), [])
            body = ",".join(ids)
            if len(body) > CELL - 2:
                body = f"{ids[0]}+{len(ids) - 1}"
            style = f"white on {RISK_BACKGROUND[risk_level(sev, like)]}"
            if selected and selected in ids:
                style += " bold reverse"
            out.append(body.center(CELL), style=style)
        out.append("\n")
    out.append(" " * (width + 1))
    for sev in Severity:
        out.append(sev.value.center(CELL), style="dim")
    if unrated:
        out.append(f"\nnot yet assessed: {', '.join(unrated)}", style="italic")
    return out


class RiskMatrix(Static):
    """Finding ids placed by likelihood (rows) and severity (columns)."""

    def show(self, doc: FindingsDocument | None, selected: str | None = None) -> None:
        self.update(matrix_text(doc, selected) if doc is not None else "")
