"""Model-path overhead: a batch against a loopback OpenAI-compatible server with fixed latency.

    python benchmarks/batch_llm_overhead.py [--requests 500] [--concurrency 16] [--latency 0.1]

The server (tests/loopback.py, threads in this process, so its CPU is not
counted as the CLI's but does run on the same cores) answers every request
`latency` seconds after it arrives with a faithful scripted reply
(tests/llm_replies.py), so the ideal wall time is
requests / concurrency x latency. Prints wall / ideal for the batch's own
clock (summary.json's wall time: validation, imports the briefs need, the
briefs, the manifest), for the whole CLI process, and for the span the server
was busy; then splits the CLI's wall time into launch -> first request,
requests, last reply -> exit, and gives the CPU of the CLI's processes and of
the server, with the wall time that CPU alone needs on this machine's cores.
Target: <= 1.15.

Where a brief's CPU goes, stage by stage: benchmarks/batch_llm_profile.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from measure import command_from, cores, load_note, run_cli, summary  # noqa: E402
from tests.llm_replies import FAITHFUL  # noqa: E402
from tests.loopback import LoopbackServer, Seen  # noqa: E402

REQUESTS_PER_BRIEF = 2  # plan + draft for the sentiment example when the draft is faithful


def sentiment_copies(directory: Path, count: int) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    text = (HERE.parent / "examples" / "sentiment.yaml").read_text(encoding="utf-8")
    for i in range(count):
        (directory / f"s{i:04d}.yaml").write_text(
            text.replace("name: Sentiment classifier", f"name: Sentiment classifier {i}"), encoding="utf-8")


class Timed:
    def __init__(self, latency: float):
        self.latency = latency
        self.lock = threading.Lock()
        self.first = self.last = None
        self.in_flight = self.peak = 0
        self.replies: dict = {}  # one encoded reply per tool, so the server spends little CPU of its own

    def __call__(self, seen: Seen):
        now = time.perf_counter()
        with self.lock:
            self.first = self.first or now
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
        reply = self.replies.get(seen.tool)
        if reply is None:
            reply = self.replies[seen.tool] = LoopbackServer.tool(seen.tool, FAITHFUL[seen.tool], tokens=(1500, 400))
        time.sleep(max(0.0, self.latency - (time.perf_counter() - now)))
        with self.lock:
            self.in_flight -= 1
            self.last = time.perf_counter()
        return reply


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=500)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--latency", type=float, default=0.1)
    ap.add_argument("--command", default=None)
    args = ap.parse_args()
    briefs = args.requests // REQUESTS_PER_BRIEF
    timer = Timed(args.latency)
    with tempfile.TemporaryDirectory(prefix="riskbrief-bench-") as tmp, LoopbackServer(timer) as srv:
        inputs, out = Path(tmp) / "findings", Path(tmp) / "briefs"
        sentiment_copies(inputs, briefs)
        server_cpu = time.process_time()  # this process only serves while the CLI runs
        launched = time.perf_counter()
        env = {"OPENAI_BASE_URL": srv.url, "OPENAI_API_KEY": "sk-loopback", "RISKBRIEF_CACHE_DIR": str(Path(tmp) / "cache")}
        run = run_cli(command_from(args.command),
                      ["batch", str(inputs), "-a", "executive", "-f", "md,json", "--provider", "openai",
                       "--model", "loopback-model", "--concurrency", str(args.concurrency), "--out", str(out)], env=env)
        if run.returncode not in (0, 1):
            print(run.stderr[-3000:], file=sys.stderr)
            return 1
        server_cpu = time.process_time() - server_cpu
        s = summary(out)
        sent = len(srv.requests)
    ideal = sent / args.concurrency * args.latency
    span = (timer.last or 0) - (timer.first or 0)
    print(f"cores:              {cores()}")
    print(f"{'machine:':20}{load_note()} (at the end)")
    print(f"requests:           {sent} ({s['generated']} briefs, {s['failed']} failed), concurrency {args.concurrency}, "
          f"latency {args.latency * 1000:.0f} ms, peak in flight at the server {timer.peak}")
    print(f"ideal:              {ideal:.2f} s (requests / concurrency x latency)")
    print(f"batch wall:         {s['wall_s']:.2f} s -> wall/ideal {s['wall_s'] / ideal:.3f} (target <= 1.15)")
    print(f"server busy span:   {span:.2f} s -> {span / ideal:.3f} (first request to last reply)")
    print(f"whole CLI process:  {run.wall_s:.2f} s -> {run.wall_s / ideal:.3f} (includes interpreter start and imports)")
    if timer.first is not None and timer.last is not None:
        before, after = timer.first - launched, launched + run.wall_s - timer.last
        print(f"  of which:         {before:.2f} s from launch to the first request (interpreter, imports, "
              f"validation, workers), {span:.2f} s of requests, {after:.2f} s from the last reply to exit")
    per_brief = run.cpu_s / max(1, s["generated"])
    floor = (run.cpu_s + server_cpu) / cores()
    print(f"server CPU:         {server_cpu:.2f} s ({server_cpu / max(1, sent) * 1000:.1f} ms a request), "
          f"on the same cores")
    print(f"CPU:                {run.cpu_s:.1f} s in the CLI's processes = {per_brief * 1000:.0f} ms a brief; with the "
          f"server's, {cores()} cores need >= {floor:.2f} s for the work alone, so the best wall is "
          f"{max(ideal, floor):.2f} s and batch wall/best = {s['wall_s'] / max(ideal, floor):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
