"""Speed and size of PDF and Word briefs, and of `riskbrief export` from a brief JSON.

Prints figures; asserts nothing. Run: python benchmarks/printed_formats.py [--repeat 5]

For each example (executive brief): the time to write the PDF and the Word
file with the charts drawn afresh (cold) and with the charts already drawn
for the other format (warm: batch and export write pdf and docx together),
the page count and the file sizes.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.pipeline import generate_brief, render_bytes  # noqa: E402
from engine.render import figures  # noqa: E402
from schemas.loading import load_findings  # noqa: E402

STEMS = ("sentiment", "credit", "agent")


def timed(fn, repeat: int, *, cold: bool) -> tuple[float, bytes]:
    times, out = [], b""
    for _ in range(repeat):
        if cold:
            figures._pictures.cache_clear()
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from pypdf import PdfReader

    render_bytes(generate_brief(load_findings(ROOT / "examples" / "sentiment.yaml"), "executive"), None, "pdf")  # imports
    for stem in STEMS:
        doc = load_findings(ROOT / "examples" / f"{stem}.yaml")
        brief = generate_brief(doc, "executive")
        pdf_cold, pdf = timed(lambda: render_bytes(brief, None, "pdf"), args.repeat, cold=True)
        pdf_warm, _ = timed(lambda: render_bytes(brief, None, "pdf"), args.repeat, cold=False)
        docx_cold, word = timed(lambda: render_bytes(brief, None, "docx"), args.repeat, cold=True)
        docx_warm, _ = timed(lambda: render_bytes(brief, None, "docx"), args.repeat, cold=False)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(f"{stem}.executive: pdf {pdf_cold * 1e3:.0f} ms cold / {pdf_warm * 1e3:.0f} ms warm, "
              f"{pages} pages, {len(pdf) / 1024:.0f} KiB; docx {docx_cold * 1e3:.0f} ms cold / "
              f"{docx_warm * 1e3:.0f} ms warm, {len(word) / 1024:.0f} KiB (median of {args.repeat})")


if __name__ == "__main__":
    main()
