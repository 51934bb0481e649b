"""The risk matrix as an SVG or PNG picture (matplotlib).

Draws the same grid, labels and colours as the inline SVG in the HTML brief
(engine.render.matrix_svg); both read them from engine.artifacts.matrix.
"""

from __future__ import annotations

from engine.artifacts.charts import drawn, new_figure
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


# Characters of the 13-point bold title that fit across the figure.
TITLE_CHARS = 64
# Characters of the 9-point note that fit across the 7.5-inch figure.
NOTE_CHARS = 110


def risk_matrix_figure(source: FindingsDocument | RiskMatrix):
    from matplotlib.patches import Patch, Rectangle

    m = source if isinstance(source, RiskMatrix) else build_matrix(source)
    fig = new_figure(7.5, 5.6)
    ax = fig.add_axes((0.2, 0.22, 0.75, 0.68))
    for row, lk in enumerate(LIKELIHOODS):  # row 0 at the bottom: rare
        for col, s in enumerate(SEVERITIES):
            ax.add_patch(Rectangle((col, row), 1, 1, facecolor=band(lk, s).fill, edgecolor=GRID_COLOUR, linewidth=2))
            lines = cell_lines(m.ids(lk, s))
            if lines:
                ax.text(col + 0.5, row + 0.5, "\n".join(lines), ha="center", va="center", fontsize=11,
                        fontweight="bold", color=TEXT_COLOUR)
    ax.set_xlim(0, len(SEVERITIES))
    ax.set_ylim(0, len(LIKELIHOODS))
    ax.set_xticks([i + 0.5 for i in range(len(SEVERITIES))], [SEVERITY_LABELS[s] for s in SEVERITIES])
    ax.set_yticks([i + 0.5 for i in range(len(LIKELIHOODS))], [LIKELIHOOD_LABELS[lk] for lk in LIKELIHOODS])
    ax.tick_params(length=0, labelsize=10, colors=TEXT_COLOUR)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(X_TITLE, fontsize=11, fontweight="bold", color=TEXT_COLOUR)
    ax.set_ylabel(Y_TITLE, fontsize=11, fontweight="bold", color=TEXT_COLOUR)
    ax.set_title("\n".join(title_lines(f"{TITLE}: {m.system}", TITLE_CHARS)), fontsize=13, fontweight="bold",
                 color=TEXT_COLOUR)
    handles = [Patch(facecolor=b.fill, label=f"{b.name}: {b.advice}") for b in BANDS]
    fig.legend(handles=handles, loc="lower center", ncol=4, frameon=False, fontsize=8.5, bbox_to_anchor=(0.55, 0.06))
    if m.unassessed:
        # Wrapped to the figure's width: a long list must not stretch the picture sideways.
        fig.text(0.02, 0.035, "\n".join(unassessed_lines(m, NOTE_CHARS)), fontsize=9, color=TEXT_COLOUR,
                 va="top", linespacing=1.4)
    return fig


def risk_matrix_picture(source: FindingsDocument | RiskMatrix, fmt: str) -> bytes:
    """The risk matrix as SVG or PNG bytes."""
    return drawn(lambda: risk_matrix_figure(source), fmt)
