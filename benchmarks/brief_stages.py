"""CPU per offline brief of the narrator, the audience fit and the Markdown + JSON renderers.

    python benchmarks/brief_stages.py [--docs 200] [--repeats 3]

Each repeat writes a fresh generated corpus (a new seed), so the per-document
and per-sentence caches meet new documents as they do in a batch, and times each stage
with process_time over every document x the four built-in audiences. Prints
the min / median / max over the repeats in ms of CPU per brief; the first
round, which loads dictionaries and compiles patterns, is not counted. The
renderers get the narrator's brief as written (no eval or charts attached).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from measure import fresh_documents, spread  # noqa: E402

AUDIENCES = ["executive", "legal", "product", "engineering"]
STAGES = ("narrate", "audience fit", "render md+json")


def one_round(docs: int, seed: int) -> tuple[float, float, float]:
    from engine.narrator import narrate
    from engine.pipeline import render_bytes, resolve_audience
    from evals.audience_fit import audience_fit

    profiles = [resolve_audience(a) for a in AUDIENCES]
    loaded = fresh_documents(docs, seed)
    spent = [0.0, 0.0, 0.0]
    for doc in loaded:
        for profile in profiles:
            t0 = time.process_time()
            brief = narrate(doc, profile)
            t1 = time.process_time()
            audience_fit(brief, profile, doc)
            t2 = time.process_time()
            render_bytes(brief, doc, "md")
            render_bytes(brief, doc, "json")
            t3 = time.process_time()
            spent[0] += t1 - t0
            spent[1] += t2 - t1
            spent[2] += t3 - t2
    briefs = len(loaded) * len(profiles)
    return tuple(s / briefs * 1000 for s in spent)  # type: ignore[return-value]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    one_round(10, seed=1)  # loads the hyphenation dictionary, compiles patterns
    rounds = [one_round(args.docs, seed=100 + i) for i in range(args.repeats)]
    print(f"{args.docs} documents x {len(AUDIENCES)} audiences, {args.repeats} repeats, ms of CPU per brief")
    for i, name in enumerate(STAGES):
        print(spread(name, [r[i] for r in rounds], width=16))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
