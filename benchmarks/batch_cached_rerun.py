"""Cached re-run: the same model batch twice; the second must send no request.

    python benchmarks/batch_cached_rerun.py [--briefs 100] [--concurrency 16] [--latency 0.1]

Against a loopback OpenAI-compatible server with fixed latency. Prints the
second run's wall time as a share of the first's and the requests it sent:
(a) the same command again (finished briefs are skipped by the manifest) and
(b) into a fresh output directory (every brief rebuilt from the response
cache). Target: <= 5% and 0 requests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from batch_llm_overhead import Timed, sentiment_copies  # noqa: E402
from measure import command_from, cores, load_note, run_cli, summary  # noqa: E402
from tests.loopback import LoopbackServer  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--briefs", type=int, default=100)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--latency", type=float, default=0.1)
    ap.add_argument("--command", default=None)
    args = ap.parse_args()
    command = command_from(args.command)
    with tempfile.TemporaryDirectory(prefix="riskbrief-bench-") as tmp, LoopbackServer(Timed(args.latency)) as srv:
        inputs = Path(tmp) / "findings"
        sentiment_copies(inputs, args.briefs)
        env = {"OPENAI_BASE_URL": srv.url, "OPENAI_API_KEY": "sk-loopback", "RISKBRIEF_CACHE_DIR": str(Path(tmp) / "cache")}

        def batch(out: str):
            run = run_cli(command, ["batch", str(inputs), "-a", "executive", "-f", "md,json", "--provider", "openai",
                                    "--model", "loopback-model", "--concurrency", str(args.concurrency),
                                    "--out", str(Path(tmp) / out)], env=env)
            if run.returncode not in (0, 1):
                raise SystemExit(run.stderr[-3000:])
            return run, summary(Path(tmp) / out)

        first, s1 = batch("briefs")
        sent_first = len(srv.requests)
        again, s2 = batch("briefs")
        sent_again = len(srv.requests) - sent_first
        fresh, s3 = batch("fresh")
        sent_fresh = len(srv.requests) - sent_first - sent_again
    print(f"cores:                     {cores()}")
    print(f"{'machine:':27}{load_note()} (at the end)")
    print(f"first run:                 {s1['generated']} briefs, {sent_first} requests, batch {s1['wall_s']:.2f} s, "
          f"process {first.wall_s:.2f} s")
    print(f"(a) same command again:    skipped {s2['skipped']}, {sent_again} requests, batch {s2['wall_s']:.2f} s = "
          f"{s2['wall_s'] / s1['wall_s']:.1%} of the first; process {again.wall_s:.2f} s = "
          f"{again.wall_s / first.wall_s:.1%}")
    print(f"(b) fresh output dir:      cached {s3['cached']}, {sent_fresh} requests, batch {s3['wall_s']:.2f} s = "
          f"{s3['wall_s'] / s1['wall_s']:.1%} of the first; process {fresh.wall_s:.2f} s = "
          f"{fresh.wall_s / first.wall_s:.1%}")
    print("target: <= 5% of the first run's time, 0 requests")
    return 0


if __name__ == "__main__":
    sys.exit(main())
