"""Where an offline batch spends its time: cProfile over an in-process run, per brief.

    python benchmarks/batch_offline_profile.py [--docs 50]

Runs the batch in one process (--concurrency 1) so the profile sees every
step, then prints the cumulative milliseconds per brief of each stage and the
top functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import write_corpus  # noqa: E402

STAGES = [
    ("whole item (produce_item)", "engine/batch/produce.py", "produce_item"),
    ("  narrator (narrate)", "engine/narrator/__init__.py", "narrate"),
    ("  faithfulness (check_brief)", "evals/faithfulness/harness.py", "check_brief"),
    ("  audience fit", "evals/audience_fit.py", "audience_fit"),
    ("  render markdown", "engine/render/markdown.py", "render_markdown"),
    ("  render json", "engine/render/json_brief.py", "render_json"),
    ("  write files (stage)", "engine/batch/outputs.py", "stage"),
    ("  rename files into place", "engine/batch/outputs.py", "publish"),
    ("  journal append", "engine/batch/manifest.py", "append"),
    ("validation (load_findings)", "schemas/loading.py", "load_findings"),
    ("manifest + summary writing", "engine/batch/manifest.py", "write_manifest"),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=50)
    args = ap.parse_args()
    from rich.console import Console

    from engine.batch import BatchRequest, run_batch
    from engine.options import GenerateOptions

    with tempfile.TemporaryDirectory(prefix="riskbrief-prof-") as tmp:
        write_corpus(Path(tmp) / "in", args.docs)
        req = BatchRequest(paths=[str(Path(tmp) / "in")], audiences=["executive", "legal", "product", "engineering"],
                           formats=["md", "json"], out_dir=str(Path(tmp) / "out"), options=GenerateOptions(),
                           concurrency=1)
        prof = cProfile.Profile()
        prof.enable()
        outcome = run_batch(req, console=Console(file=io.StringIO()), progress=False)
        prof.disable()
    briefs = outcome.summary.generated
    stats = pstats.Stats(prof)
    total = max(v[3] for v in stats.stats.values())
    print(f"{briefs} briefs in one process, {total:.2f} s under the profiler ({total / briefs * 1000:.1f} ms a brief)")
    for label, path, func in STAGES:
        cum = sum(v[3] for (f, _, name), v in stats.stats.items() if f.endswith(path) and name == func)
        if cum:
            print(f"{label:34s} {cum / briefs * 1000:7.2f} ms a brief  ({cum / total:5.1%})")
    print("\ntop functions by own time:")
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(12)
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[-2000:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
