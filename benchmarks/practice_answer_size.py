"""How long the STAR-L rubric takes on answers up to the answer size limit, and how fast an
answer over it is refused.

The text is the bank's model answers, one after another, cut to each size. Prints
figures; asserts nothing. Run: python benchmarks/practice_answer_size.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.practice import list_scenarios, model_answer  # noqa: E402
from evals.starl import score_answer  # noqa: E402
from schemas.limits import Limits, human_bytes  # noqa: E402


def answer_of(size: int) -> str:
    material = "\n\n".join(model_answer(s) for s in list_scenarios())
    text = "\n\n".join([material] * (size // len(material) + 1))
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def cpu_seconds(text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        score_answer(text, scenario="sentiment-sarcasm")
        best = min(best, time.process_time() - start)
    return best


def cli_seconds(path: Path) -> tuple[float, float, int]:
    """(wall, CPU, exit status) of one `riskbrief practice score` process, start-up included."""
    exe = Path(sys.executable).with_name("riskbrief")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    r = subprocess.run([str(exe), "practice", "score", str(path), "--scenario", "sentiment-sarcasm"],
                       capture_output=True, env=os.environ)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, r.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="runs per size; the fastest counts")
    args = parser.parse_args()
    limit = Limits.from_env().max_answer_bytes
    score_answer(answer_of(2_000), scenario="sentiment-sarcasm")  # load lexicons and the scenario once
    print(f"answer size limit: {human_bytes(limit)} ({limit} bytes)")
    for size in (2_000, 16 * 1024, 64 * 1024, 128 * 1024, limit):
        text = answer_of(size)
        t = cpu_seconds(text, args.runs)
        print(f"{size:>8} bytes, {len(text.split()):>6} words: {t:6.2f} s CPU to score "
              f"({t * 1000 / (size / 1024):.1f} ms per KiB)")
    with tempfile.TemporaryDirectory() as tmp:
        at = Path(tmp) / "at-limit.txt"
        at.write_text(answer_of(limit), encoding="utf-8")
        over = Path(tmp) / "over.txt"
        over.write_text(answer_of(2_400_000), encoding="utf-8")
        for label, path in (("at the limit", at), ("2.4 MB, over the limit", over)):
            wall, cpu, code = cli_seconds(path)
            print(f"riskbrief practice score, {label}: {wall:.2f} s wall, {cpu:.2f} s CPU, exit {code}")


if __name__ == "__main__":
    main()
