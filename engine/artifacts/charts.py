"""Shared matplotlib set-up: the Agg backend, and byte-stable SVG/PNG output."""

from __future__ import annotations

import io
import logging
import threading
import warnings
from typing import Any, Callable

import matplotlib

matplotlib.use("Agg")  # never open a window, even when a display is present

import matplotlib.pyplot as plt  # noqa: E402

# "findfont: Failed to find font weight bold for Droid Sans Fallback": the fallback has one weight, which is used.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

from engine.errors import UsageError  # noqa: E402

PICTURE_FORMATS = ("svg", "png")

# pyplot's figure registry and rcParams belong to the whole process: a brief thread closing its
# figure while another opened one broke the registry's iteration ("OrderedDict mutated during
# iteration"), and one thread leaving rc_context restores settings another is saving with.
_drawing = threading.Lock()


def drawn(make_figure: Callable[[], Any], fmt: str) -> bytes:
    """The figure make_figure() builds, saved as fmt; one picture at a time in this process."""
    with _drawing, matplotlib.rc_context({"font.family": _families()}), warnings.catch_warnings():
        # Without a CJK font, matplotlib warns once per missing glyph: the picture shows a box, as
        # the README says; the user's terminal gets no stack of warnings about it.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
        return figure_bytes(make_figure(), fmt)


def _families() -> list[str]:
    """DejaVu Sans, then a CJK font for the letters it lacks when the machine has one."""
    from engine.render.fonts import FAMILY, fallback_family

    extra = fallback_family()
    return [FAMILY, extra] if extra else [FAMILY]


def figure_bytes(fig, fmt: str) -> bytes:
    """Render a figure; the same input gives the same bytes (no dates, fixed ids)."""
    if fmt not in PICTURE_FORMATS:
        raise UsageError(f"unknown picture format '{fmt}'; use one of: {', '.join(PICTURE_FORMATS)}")
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "riskbrief", "svg.fonttype": "none"}):
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buf, format=fmt, dpi=150 if fmt == "png" else 72, bbox_inches="tight", metadata=metadata)
    plt.close(fig)
    return buf.getvalue()


def new_figure(width: float, height: float):
    return plt.figure(figsize=(width, height))
