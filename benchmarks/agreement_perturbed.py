"""Offline briefs of perturbed findings documents against their own faithfulness check.

    python benchmarks/agreement_perturbed.py [--seeds 3] [--combine 2]

Each perturbation of tests/perturbations.py (figures as ratios or milliseconds, other values and
directions, baselines dropped, findings repeated for a second site, other plans, slices, titles,
decisions and trade-offs) is applied alone, then in random combinations, to every document of the
examples, the test data and the practice bank; each result is narrated for the four audiences and
checked as JSON and as Markdown. Prints the documents tried and the disagreements (claims the
check does not support, caveats it misses) per perturbation, with a few examples.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.perturbations import PERTURBATIONS, agreement_failures, documents, perturbed  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=3, help="random seeds per perturbation")
    ap.add_argument("--combine", type=int, default=2, help="random combinations of three perturbations per seed")
    args = ap.parse_args()
    started = time.perf_counter()
    paths = documents()
    runs: list[list[str]] = [[name] for name in PERTURBATIONS]
    picker = random.Random(0)
    runs += [picker.sample(sorted(PERTURBATIONS), 3) for _ in range(args.combine)]
    total_docs, total_bad, examples = 0, 0, []
    for names in runs:
        tried, bad, codes = 0, 0, Counter()
        for seed in range(args.seeds):
            rng = random.Random(seed)
            for path in paths:
                doc = perturbed(path, names, rng)
                if doc is None:
                    continue
                tried += 1
                failures = agreement_failures(doc)
                if failures:
                    bad += 1
                    codes.update(f.split(": ")[1] for f in failures)
                    if len(examples) < 5:
                        examples.append(f"{'+'.join(names)} seed {seed} {path.name}: {failures[0][:220]}")
        total_docs += tried
        total_bad += bad
        detail = ", ".join(f"{c} {n}" for c, n in sorted(codes.items())) or "none"
        print(f"{'+'.join(names):42s} {tried:4d} documents, {bad:3d} with disagreements ({detail})")
    print(f"{'all':42s} {total_docs:4d} documents, {total_bad:3d} with disagreements, "
          f"{time.perf_counter() - started:.0f} s")
    for e in examples:
        print(f"  e.g. {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
