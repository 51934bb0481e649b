"""The typeface of printed briefs: DejaVu Sans, the TTF that ships with matplotlib.

PDF's built-in fonts cover Latin-1 only; findings carry names and quotes in
any script, so printed briefs embed a Unicode TrueType font found on every
machine that has matplotlib (a dependency already), with no system fonts.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from engine.errors import RiskbriefError

FAMILY = "DejaVu Sans"
# ReportLab face name -> file in matplotlib's mpl-data/fonts/ttf
FACES = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique": "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique": "DejaVuSans-BoldOblique.ttf",
}


@lru_cache(maxsize=None)
def font_file(face: str) -> Path:
    """The TTF file of one DejaVu Sans face."""
    import matplotlib

    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / FACES[face]
    if path.is_file():
        return path
    # A repackaged matplotlib may keep its fonts elsewhere: ask its font manager.
    from matplotlib import font_manager

    bold = "Bold" in face
    italic = "Oblique" in face
    props = font_manager.FontProperties(family=FAMILY, weight="bold" if bold else "normal",
                                        style="oblique" if italic else "normal")
    try:
        found = Path(font_manager.findfont(props, fallback_to_default=False))
    except ValueError:
        found = None
    if found is None or not found.is_file():
        raise RiskbriefError(f"cannot find the {FACES[face]} font that matplotlib ships; reinstall matplotlib")
    return found


_registered: str | None = None
# lru_cache would let every brief thread that prints its first PDF at once register the faces
# again, replacing the font objects another thread's PDF is being laid out with.
_registering = threading.Lock()


def register_pdf_fonts() -> str:
    """Register the four faces with ReportLab once; return the family name to use in styles."""
    global _registered
    if _registered is not None:
        return _registered
    with _registering:
        if _registered is None:
            from reportlab.lib.fonts import addMapping
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            for face in FACES:
                pdfmetrics.registerFont(TTFont(face, str(font_file(face))))
            # <b> and <i> inside a paragraph pick the matching face.
            addMapping("DejaVuSans", 0, 0, "DejaVuSans")
            addMapping("DejaVuSans", 1, 0, "DejaVuSans-Bold")
            addMapping("DejaVuSans", 0, 1, "DejaVuSans-Oblique")
            addMapping("DejaVuSans", 1, 1, "DejaVuSans-BoldOblique")
            _registered = "DejaVuSans"
    return _registered
