"""How much of an offline batch's CPU is the eval: the same run with and without it.

    python benchmarks/batch_offline_floor.py [--docs 200]

Runs the batch in this process (workers forked from it) twice over the same
generated documents: once as shipped, once with the faithfulness and
audience-fit eval replaced by a constant. Prints CPU per brief (every process)
and the briefs/s that CPU allows on this machine's cores when it is idle.
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402
from measure import cores, load_note  # noqa: E402


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    args = ap.parse_args()
    from rich.console import Console

    import engine.pipeline as pipeline
    from engine.batch import BatchRequest, run_batch
    from engine.options import GenerateOptions
    from schemas.evaluation import EvalResult

    with tempfile.TemporaryDirectory(prefix="riskbrief-floor-") as tmp:
        write_corpus(Path(tmp) / "in", args.docs)

        def run(label: str) -> None:
            cpu, start = _cpu(), time.perf_counter()
            outcome = run_batch(BatchRequest(paths=[str(Path(tmp) / "in")],
                                             audiences=["executive", "legal", "product", "engineering"],
                                             formats=["md", "json"], out_dir=str(Path(tmp) / label),
                                             options=GenerateOptions()),
                                console=Console(file=io.StringIO()), progress=False)
            wall, used = time.perf_counter() - start, _cpu() - cpu
            n = outcome.summary.generated
            print(f"{label:13s} {n} briefs, wall {wall:.1f} s, CPU {used:.1f} s = {used / n * 1000:.1f} ms a brief "
                  f"-> at most {cores() * n / used:.0f} briefs/s on {cores()} idle cores")

        run("as shipped")
        pipeline.evaluate = lambda doc, brief, profile, threshold=1.0: EvalResult(score=1.0, passed=True)
        run("without eval")
    print(f"machine: {load_note()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
