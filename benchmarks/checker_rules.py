"""CPU per offline brief of the faithfulness check: the findings index, sentence analysis,
each rule run on a sentence, the caveat scan, and the rest.

    python benchmarks/checker_rules.py [--docs 200] [--repeats 3]

Each repeat checks the narrator's brief for every document of a fresh generated
corpus (a new seed) x the four built-in audiences, as a batch does: the
per-document sentence memory and the per-text caches are on, and meet new
documents. check_brief is timed with process_time around each call; each part
through a timing wrapper on the name the harness calls it by, so the part
figures include that wrapper's small cost; "rest" is brief splitting, claims and
the memory. Prints min / median / max over the repeats in ms of CPU per brief;
a first small round, which compiles patterns, is not counted.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from measure import fresh_documents, spread  # noqa: E402

AUDIENCES = ["executive", "legal", "product", "engineering"]
PARTS = ("index_for", "analyse", "check_slices", "check_quantities", "check_direction", "check_levels", "check_plans",
         "check_negation", "check_denials", "check_entities", "check_assurance", "check_relative_dates", "check_extremes",
         "check_changes", "check_gaps", "check_system_owner", "check_unknown_owner", "check_option_targets",
         "check_recommended_option", "check_possibility", "check_polarity", "missing_caveats", "parse_brief",
         "brief_units", "_claim_sources")


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

    profiles = [resolve_audience(a) for a in AUDIENCES]
    briefs = [(doc, narrate(doc, profile)) for doc in fresh_documents(docs, seed) for profile in profiles]
    spent = dict.fromkeys(("check_brief", *PARTS), 0.0)
    originals = {name: getattr(harness, name) for name in PARTS}
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
    spent["rest"] = spent["check_brief"] - sum(spent[name] for name in PARTS)
    return {k: v / len(briefs) * 1000 for k, v in spent.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    one_round(10, seed=1)  # compiles patterns
    rounds = [one_round(args.docs, seed=100 + i) for i in range(args.repeats)]
    print(f"{args.docs} documents x {len(AUDIENCES)} audiences, {args.repeats} repeats, ms of CPU per brief")
    for name in ("check_brief", *PARTS, "rest"):
        print(spread(name if name == "check_brief" else f"  {name}", [r[name] for r in rounds]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
