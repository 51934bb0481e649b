"""CPU per offline brief of the faithfulness check, and of each rule it runs on a sentence.

    python benchmarks/checker_rules.py [--docs 200] [--repeats 3]

Each repeat writes a fresh generated corpus (a new seed) and checks the narrator's
brief for every document x the four built-in audiences, as a batch does: the
per-document sentence memory and the per-text caches are on, and meet new
documents. check_brief is timed with process_time around each call; each rule
through a timing wrapper on the name the harness calls it by, so the rule
figures include that wrapper's small cost. Prints min / median / max over the
repeats in ms of CPU per brief; the first round, which compiles patterns, is
not counted.
"""

from __future__ import annotations

import argparse
import functools
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
RULES = ("analyse", "check_quantities", "check_direction", "check_levels", "check_plans", "check_negation",
         "check_entities", "check_assurance")


def _timed(spent: dict[str, float], name: str, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - t0
    return wrapper


def one_round(docs: int, seed: int) -> dict[str, float]:
    from engine.narrator import narrate
    from engine.pipeline import resolve_audience
    from evals.faithfulness import harness
    from evals.faithfulness.text_cache import forget_texts
    from schemas.loading import load_findings

    profiles = [resolve_audience(a) for a in AUDIENCES]
    with tempfile.TemporaryDirectory(prefix="riskbrief-rules-") as tmp:
        loaded = [load_findings(p) for p in write_corpus(tmp, docs, seed=seed)]
    briefs = [(doc, narrate(doc, profile)) for doc in loaded for profile in profiles]
    spent = dict.fromkeys(("check_brief", *RULES), 0.0)
    originals = {name: getattr(harness, name) for name in RULES}
    forget_texts()  # each round starts from nothing, as a new batch process does
    try:
        for name, fn in originals.items():
            setattr(harness, name, _timed(spent, name, fn))
        for doc, brief in briefs:
            t0 = time.process_time()
            harness.check_brief(doc, brief)
            spent["check_brief"] += time.process_time() - t0
    finally:
        for name, fn in originals.items():
            setattr(harness, name, fn)
    return {k: v / len(briefs) * 1000 for k, v in spent.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    one_round(10, seed=1)  # compiles patterns
    rounds = [one_round(args.docs, seed=100 + i) for i in range(args.repeats)]
    print(f"{args.docs} documents x {len(AUDIENCES)} audiences, {args.repeats} repeats, ms of CPU per brief")
    for name in ("check_brief", *RULES):
        xs = [r[name] for r in rounds]
        label = name if name == "check_brief" else f"  {name}"
        print(f"  {label:20} min {min(xs):.3f}  median {statistics.median(xs):.3f}  max {max(xs):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
