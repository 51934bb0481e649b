"""Offline batch throughput: N generated findings documents x 4 audiences -> md + json, with eval.

    python benchmarks/batch_offline.py [--docs 1000]

Runs `riskbrief batch` end to end as a user would (process start, discovery,
validation, generation, faithfulness eval, writing, manifest, summary) and
prints briefs per second and the peak memory of the whole process tree.
Targets: >= 300 briefs/s on a 2-core machine, <= 500 MB peak.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402
from measure import command_from, cores, load_note, run_cli, summary  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--command", default=None, help="riskbrief command to run (default: this environment's)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="riskbrief-bench-") as tmp:
        corpus, out = Path(tmp) / "findings", Path(tmp) / "briefs"
        write_corpus(corpus, args.docs)
        run = run_cli(command_from(args.command),
                      ["batch", str(corpus), "--audience", "all", "--format", "md,json", "--out", str(out)],
                      sample_memory=True)
        if run.returncode not in (0, 1):
            print(run.stderr[-3000:], file=sys.stderr)
            print(f"riskbrief batch exited {run.returncode}", file=sys.stderr)
            return 1
        s = summary(out)
    briefs = s["generated"]
    print(f"cores:                 {cores()}")
    print(f"{'machine:':23}{load_note()} (at the end)")
    print(f"documents x audiences: {args.docs} x 4 = {s['briefs']} briefs (md + json, eval on)")
    print(f"generated:             {briefs} (faithfulness pass {s['faithfulness_pass']}, fail {s['faithfulness_fail']}, "
          f"failed {s['failed']})")
    print(f"wall time:             {run.wall_s:.2f} s end to end (batch's own clock {s['wall_s']:.2f} s)")
    print(f"throughput:            {briefs / run.wall_s:.1f} briefs/s (target >= 300)")
    print(f"CPU:                   {run.cpu_s:.1f} s in all processes = {run.cpu_s / max(1, briefs) * 1000:.1f} ms a brief "
          f"(at most {cores() / (run.cpu_s / max(1, briefs)):.0f} briefs/s on {cores()} idle cores)")
    print(f"peak memory:           {run.peak_tree_mb:.0f} MB whole process tree, "
          f"{run.peak_process_mb:.0f} MB largest process (target <= 500 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
