"""Speed of the pictures embedded in every HTML brief, and of register writes.

Prints figures; asserts nothing. Run: python benchmarks/artifacts_speed.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.artifacts.tradeoff_chart import tradeoff_chart_svg  # noqa: E402
from engine.register.store import RegisterStore  # noqa: E402
from engine.render.matrix_svg import risk_matrix_svg  # noqa: E402
from schemas.loading import load_findings  # noqa: E402


def per_call(fn, n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


def main() -> None:
    docs = [load_findings(ROOT / "examples" / f"{n}.yaml") for n in ("sentiment", "credit", "agent")]
    credit = docs[1]
    n = 2000
    t = per_call(lambda: [risk_matrix_svg(d) for d in docs], n) / len(docs)
    print(f"risk_matrix_svg: {t * 1e6:.0f} us per brief ({n * len(docs)} renders)")
    t = per_call(lambda: tradeoff_chart_svg(credit.tradeoffs[0]), n)
    print(f"tradeoff_chart_svg: {t * 1e6:.0f} us per chart ({n} renders)")
    from engine.artifacts.matrix_chart import risk_matrix_picture

    t = per_call(lambda: risk_matrix_picture(credit, "png"), 10)
    print(f"matplotlib risk matrix PNG: {t * 1e3:.0f} ms per picture (10 renders)")
    with tempfile.TemporaryDirectory() as d:
        store = RegisterStore(f"sqlite:///{d}/bench.db")
        store.import_document(docs[2])
        t = per_call(lambda: store.update("F3", note="bench", by="bench"), 200)
        print(f"register update (SQLite, one writer): {t * 1e3:.2f} ms per update (200 updates)")


if __name__ == "__main__":
    main()
