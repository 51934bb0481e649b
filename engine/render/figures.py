"""The charts of a brief: the data they are drawn from, and their pictures.

A brief carries its chart data (`Brief.figures`) from the moment it is
written, so every renderer draws from the brief alone and a saved brief
JSON renders again, byte for byte, without its findings file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from schemas.brief import Brief, Figures, MatrixEntry
from schemas.findings import FindingsDocument, Tradeoff

from engine.artifacts.matrix import RiskMatrix, place
from engine.identity_cache import per_object

MATRIX_CAPTION = "How likely each finding is to happen, against how serious it would be."


def tradeoff_caption(t: Tradeoff) -> str:
    return f"How the options compare on what was measured ({t.id})."


@per_object  # a batch writes four or more briefs from each document
def figures_of(doc: FindingsDocument) -> Figures:
    """The chart data a brief about `doc` needs (shared by its briefs, never changed in place)."""
    return Figures(
        system=doc.system.name,
        risks=[MatrixEntry(id=f.id, title=f.title, severity=f.severity, likelihood=f.likelihood) for f in doc.findings],
        tradeoffs=[t.model_copy(deep=True) for t in doc.tradeoffs],
    )


def figures_for(brief: Brief, doc: FindingsDocument | None) -> Figures | None:
    """The brief's own chart data, else what its findings give, else None (no charts)."""
    if brief.figures is not None:
        return brief.figures
    return figures_of(doc) if doc is not None else None


def risk_matrix(figures: Figures) -> RiskMatrix:
    return place(figures.system, figures.risks)


@dataclass(frozen=True)
class Picture:
    """A chart as a PNG, with the section it belongs to and its caption."""

    section: str  # "findings" or "options"
    png: bytes
    caption: str
    width_px: int
    height_px: int


def pictures(figures: Figures) -> list[Picture]:
    """The risk matrix, then one chart per trade-off, as PNG pictures for paged formats."""
    return list(_pictures(figures.model_dump_json()))


# PDF and DOCX of the same brief share the drawing (matplotlib is the slow part).
@lru_cache(maxsize=8)
def _pictures(figures_json: str) -> tuple[Picture, ...]:
    from engine.artifacts.matrix_chart import risk_matrix_picture
    from engine.artifacts.tradeoff_chart import tradeoff_picture

    figures = Figures.model_validate_json(figures_json)
    out = [_picture("findings", risk_matrix_picture(risk_matrix(figures), "png"), MATRIX_CAPTION)]
    for t in figures.tradeoffs:
        out.append(_picture("options", tradeoff_picture(t, "png"), tradeoff_caption(t)))
    return tuple(out)


def _picture(section: str, png: bytes, caption: str) -> Picture:
    # PNG header: width and height are big-endian ints at bytes 16-24 of the IHDR chunk.
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    return Picture(section, png, caption, width, height)
