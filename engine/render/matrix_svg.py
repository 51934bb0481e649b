"""The risk matrix as a small inline SVG, for the HTML brief.

Plain string building, no matplotlib: it is embedded in every HTML brief and a
batch renders thousands. Grid, labels and colours come from
engine.artifacts.matrix, the same model the matplotlib picture draws.
"""

from __future__ import annotations

from html import escape

from engine.artifacts.matrix import (
    BANDS,
    GRID_COLOUR,
    LIKELIHOOD_LABELS,
    LIKELIHOODS,
    RiskMatrix,
    SEVERITIES,
    SEVERITY_LABELS,
    TEXT_COLOUR,
    TITLE,
    X_TITLE,
    Y_TITLE,
    band,
    build_matrix,
    cell_lines,
    title_lines,
    unassessed_lines,
)
from schemas.findings import FindingsDocument

CELL_W, CELL_H = 104, 52
LEFT, TOP = 128, 40
FONT = "font-family='Helvetica, Arial, sans-serif'"
# Characters of 12-pixel text that fit across the picture (about 6.5 pixels each).
NOTE_CHARS = 82
# Characters of the 15-pixel bold title that fit across the picture (about 8.5 pixels each).
TITLE_CHARS = 62


def risk_matrix_svg(source: FindingsDocument | RiskMatrix) -> str:
    """A self-contained <svg> element showing the findings on the risk grid."""
    m = source if isinstance(source, RiskMatrix) else build_matrix(source)
    grid_w, grid_h = CELL_W * len(SEVERITIES), CELL_H * len(LIKELIHOODS)
    title = f"{TITLE}: {m.system}"
    heading = title_lines(title, TITLE_CHARS)
    top = TOP + 18 * (len(heading) - 1)  # the grid moves down under a title that wraps
    legend_y = top + grid_h + 56
    note_y = legend_y + 26
    notes = unassessed_lines(m, NOTE_CHARS) if m.unassessed else []
    height = note_y + (8 if not notes else 6 + 16 * len(notes))
    width = LEFT + grid_w + 16
    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' class='risk-matrix' role='img' viewBox='0 0 {width} {height}' "
        f"width='{width}' height='{height}' aria-label='{escape(title, quote=True)}'>",
        f"<title>{escape(title)}</title>",
    ]
    for i, line in enumerate(heading):
        out.append(f"<text x='{LEFT + grid_w / 2:g}' y='{22 + 18 * i}' text-anchor='middle' font-size='15' "
                   f"font-weight='bold' {FONT} fill='{TEXT_COLOUR}'>{escape(line)}</text>")
    for row, lk in enumerate(reversed(LIKELIHOODS)):
        y = top + row * CELL_H
        out.append(
            f"<text x='{LEFT - 8}' y='{y + CELL_H / 2 + 4:g}' text-anchor='end' font-size='12' {FONT} "
            f"fill='{TEXT_COLOUR}'>{escape(LIKELIHOOD_LABELS[lk])}</text>"
        )
        for col, s in enumerate(SEVERITIES):
            x = LEFT + col * CELL_W
            b = band(lk, s)
            ids = m.ids(lk, s)
            label = f"{LIKELIHOOD_LABELS[lk]} and {SEVERITY_LABELS[s].lower()} impact: {b.name.lower()} risk"
            if ids:
                label += " (" + ", ".join(ids) + ")"
            out.append(
                f"<rect x='{x}' y='{y}' width='{CELL_W}' height='{CELL_H}' fill='{b.fill}' "
                f"stroke='{GRID_COLOUR}' stroke-width='2'><title>{escape(label)}</title></rect>"
            )
            lines = cell_lines(ids)
            first = y + CELL_H / 2 + 5 - 8 * (len(lines) - 1)
            for i, line in enumerate(lines):
                out.append(
                    f"<text x='{x + CELL_W / 2:g}' y='{first + 16 * i:g}' text-anchor='middle' font-size='13' "
                    f"font-weight='bold' {FONT} fill='{TEXT_COLOUR}'>{escape(line)}</text>"
                )
    for col, s in enumerate(SEVERITIES):
        out.append(
            f"<text x='{LEFT + col * CELL_W + CELL_W / 2:g}' y='{top + grid_h + 18}' text-anchor='middle' "
            f"font-size='12' {FONT} fill='{TEXT_COLOUR}'>{escape(SEVERITY_LABELS[s])}</text>"
        )
    out.append(
        f"<text x='{LEFT + grid_w / 2:g}' y='{top + grid_h + 38}' text-anchor='middle' font-size='13' "
        f"font-weight='bold' {FONT} fill='{TEXT_COLOUR}'>{escape(X_TITLE)}</text>"
    )
    out.append(
        f"<text transform='translate(16 {top + grid_h / 2:g}) rotate(-90)' text-anchor='middle' font-size='13' "
        f"font-weight='bold' {FONT} fill='{TEXT_COLOUR}'>{escape(Y_TITLE)}</text>"
    )
    x = 8
    for b in BANDS:
        text = f"{b.name}: {b.advice}"
        out.append(f"<rect x='{x}' y='{legend_y - 10}' width='12' height='12' fill='{b.fill}'/>")
        out.append(
            f"<text x='{x + 16}' y='{legend_y}' font-size='11' {FONT} fill='{TEXT_COLOUR}'>{escape(text)}</text>"
        )
        x += 22 + 6 * len(text)
    for i, note in enumerate(notes):
        out.append(
            f"<text x='8' y='{note_y + 16 * i}' font-size='12' {FONT} fill='{TEXT_COLOUR}'>{escape(note)}</text>"
        )
    out.append("</svg>")
    return "".join(out)
