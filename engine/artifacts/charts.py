"""Shared matplotlib set-up: the Agg backend, and byte-stable SVG/PNG output."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # never open a window, even when a display is present

import matplotlib.pyplot as plt  # noqa: E402

from engine.errors import UsageError  # noqa: E402

PICTURE_FORMATS = ("svg", "png")


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
