"""Change briefs over many generated (OLD, NEW) pairs: how many pass the two-sided check, and how fast.

Each pair is an example findings file and a copy with random edits (metric
values, severity, likelihood, mitigation status, owners, caveats, removed or
renamed findings, the document date, trade-off recommendations, trade-offs
added, removed or given a new id). For every pair and audience the change
brief is written, then checked again from its JSON and its Markdown.
Prints figures; asserts nothing. Run: python benchmarks/change_briefs.py [PAIRS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.changes import change_brief  # noqa: E402
from engine.render.json_brief import render_json  # noqa: E402
from engine.render.markdown import render_markdown  # noqa: E402
from evals.changes import check_change_brief, compare  # noqa: E402
from tests.change_pairs import generated_pairs  # noqa: E402

AUDIENCES = ("executive", "legal", "product", "engineering")


def main() -> None:
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    tmp = Path(tempfile.mkdtemp())
    used = passed = failed = claims = 0
    decisions = {"added": 0, "removed": 0}
    write_times: list[float] = []
    for seed, old, new in generated_pairs(tmp, range(pairs)):
        used += 1
        for kind in {c.kind for c in compare(old.doc, new.doc).tradeoffs}:
            decisions[kind] += 1
        for audience in AUDIENCES:
            start = time.perf_counter()
            brief = change_brief(old, new, audience)
            write_times.append(time.perf_counter() - start)
            for text in (render_json(brief), render_markdown(brief)):
                result = check_change_brief(old.doc, new.doc, text)
                claims += len(result.claims)
                if result.passed:
                    passed += 1
                else:
                    failed += 1
                    print(f"seed {seed} {audience}: {[(c.error.value, c.text) for c in result.failing]}"
                          f" missing {result.missing_caveats}")
    print(f"pairs generated: {pairs}, valid: {used}; with a decision (trade-off) added: {decisions['added']}, "
          f"removed: {decisions['removed']}")
    print(f"change briefs checked (4 audiences x JSON and Markdown): {passed + failed}; passed {passed}, failed {failed}")
    print(f"claims checked: {claims}")
    if write_times:
        print(f"write + check one change brief: median {statistics.median(write_times) * 1000:.1f} ms, "
              f"max {max(write_times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
