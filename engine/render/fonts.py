"""The typeface of printed briefs: DejaVu Sans, the TTF that ships with matplotlib.

PDF's built-in fonts cover Latin-1 only; findings carry names and quotes in
any script, so printed briefs embed a Unicode TrueType font found on every
machine that has matplotlib (a dependency already), with no system fonts.
DejaVu Sans has no Chinese, Japanese or Korean letters: for those, a CJK
TrueType font installed on the machine (Droid Sans Fallback or WenQuanYi) is
used for just those characters, in printed briefs and in the charts.
"""

from __future__ import annotations

import glob
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


# TrueType (not CFF) CJK fonts, which ReportLab can embed: the Debian/Ubuntu packages
# fonts-droid-fallback, fonts-wqy-microhei and fonts-wqy-zenhei, wherever fonts are kept.
FALLBACK_FAMILIES = ("Droid Sans Fallback", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei")
FALLBACK_FILES = ("DroidSansFallbackFull.ttf", "DroidSansFallback.ttf", "wqy-microhei.ttc", "wqy-zenhei.ttc")
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
             "/Library/Fonts", "/System/Library/Fonts")
FALLBACK_FACE = "RiskbriefFallback"


@lru_cache(maxsize=None)
def fallback_font_file() -> Path | None:
    """A CJK TrueType font on this machine, or None (those characters then print as empty boxes)."""
    for name in FALLBACK_FILES:
        for root in FONT_DIRS:
            found = sorted(glob.glob(str(Path(root).expanduser() / "**" / name), recursive=True))
            if found:
                return Path(found[0])
    return None


@lru_cache(maxsize=None)
def fallback_family() -> str | None:
    """The fallback font's family name as matplotlib knows it (added to its list when its cache predates it)."""
    path = fallback_font_file()
    if path is None:
        return None
    from matplotlib import font_manager

    known = {Path(f.fname).resolve(): f.name for f in font_manager.fontManager.ttflist}
    if path.resolve() not in known:
        font_manager.fontManager.addfont(str(path))
        known = {Path(f.fname).resolve(): f.name for f in font_manager.fontManager.ttflist}
    return known.get(path.resolve())


@lru_cache(maxsize=None)
def _cmap(face: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(face).face.charToGlyph)


def font_runs(text: str) -> list[tuple[str, bool]]:
    """text cut into (piece, needs_fallback) runs: characters DejaVu Sans lacks and the fallback
    font has go to the fallback font. Call after register_pdf_fonts()."""
    if _registered_fallback is None or text.isascii():
        return [(text, False)]
    main, extra = _cmap("DejaVuSans"), _cmap(FALLBACK_FACE)
    runs: list[tuple[str, bool]] = []
    for ch in text:
        alt = ord(ch) not in main and ord(ch) in extra
        if runs and runs[-1][1] == alt:
            runs[-1] = (runs[-1][0] + ch, alt)
        else:
            runs.append((ch, alt))
    return runs


_registered: str | None = None
_registered_fallback: str | None = None
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
            _register_fallback()
            _registered = "DejaVuSans"
    return _registered


def _register_fallback() -> None:
    global _registered_fallback
    path = fallback_font_file()
    if path is None:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont, TTFError

    try:
        pdfmetrics.registerFont(TTFont(FALLBACK_FACE, str(path), subfontIndex=0))
    except (TTFError, OSError):  # unreadable, or outlines ReportLab cannot embed: print boxes as before
        return
    for bold in (0, 1):  # one face: bold and italic text in these scripts prints upright and regular
        for italic in (0, 1):
            addMapping(FALLBACK_FACE, bold, italic, FALLBACK_FACE)
    _registered_fallback = FALLBACK_FACE
