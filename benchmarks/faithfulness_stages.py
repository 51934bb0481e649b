"""CPU per offline brief of the faithfulness checker, and how much of it is sentence analysis.

    python benchmarks/faithfulness_stages.py [--docs 200] [--repeats 3]

Each repeat writes a fresh generated corpus (a new seed) and checks the
narrator's brief for every document x the four built-in audiences, as a batch
does, timing with process_time: check_brief as a whole, and inside it the
per-document index, the per-sentence analysis (tokens, quotations, numbers,
populations, alignment) and the caveat scan; the rest is the rule checks, brief splitting and claims.
Prints the min / median / max over the repeats in ms of CPU per brief; the
first document, which loads dictionaries and compiles patterns, is not counted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import write_corpus  # noqa: E402

AUDIENCES = ["executive", "legal", "product", "engineering"]
PARTS = ("index", "analysis", "caveats")


def _timed(spent: dict[str, float], part: str, fn):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[part] += time.process_time() - start

    return wrapper


def one_round(docs: int, seed: int) -> dict[str, float]:
    """ms of CPU per brief: check_brief, each timed part, and the rule checks (the rest)."""
    from engine.narrator import narrate
    from engine.pipeline import resolve_audience
    from evals.faithfulness import harness
    from schemas.loading import load_findings

    spent = dict.fromkeys(PARTS, 0.0)
    originals = (harness.index_for, harness.analyse, harness.missing_caveats)
    harness.index_for = _timed(spent, "index", harness.index_for)
    harness.analyse = _timed(spent, "analysis", harness.analyse)
    harness.missing_caveats = _timed(spent, "caveats", harness.missing_caveats)
    try:
        profiles = [resolve_audience(a) for a in AUDIENCES]
        with tempfile.TemporaryDirectory(prefix="riskbrief-check-") as tmp:
            loaded = [load_findings(p) for p in write_corpus(tmp, docs + 1, seed=seed)]
        briefs = [[narrate(doc, profile) for profile in profiles] for doc in loaded]
        harness.check_brief(loaded[0], briefs[0][0])  # warm-up, not counted
        spent.update(dict.fromkeys(PARTS, 0.0))
        total = 0.0
        for doc, written in zip(loaded[1:], briefs[1:]):
            for brief in written:
                start = time.process_time()
                harness.check_brief(doc, brief)
                total += time.process_time() - start
    finally:
        harness.index_for, harness.analyse, harness.missing_caveats = originals
    count = docs * len(AUDIENCES)
    out = {"check_brief": total / count * 1000}
    out.update({part: spent[part] / count * 1000 for part in PARTS})
    out["rule checks, rest"] = out["check_brief"] - sum(out[part] for part in PARTS)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    rounds = [one_round(args.docs, seed=7 + r) for r in range(args.repeats)]
    print(f"faithfulness checker, ms of CPU per brief ({args.docs} documents x {len(AUDIENCES)} audiences, "
          f"{args.repeats} repeats: min / median / max)")
    for name in rounds[0]:
        values = [r[name] for r in rounds]
        print(f"  {name:20} {min(values):6.2f} / {statistics.median(values):6.2f} / {max(values):6.2f}")


if __name__ == "__main__":
    main()
