"""Resume after a hard kill: run a batch, SIGKILL it at about half way, run it again.

    python benchmarks/batch_resume.py [--docs 300] [--at 0.5] [--signal KILL]

Prints how many briefs were finished before the kill, how many the second run
skipped and produced, and how many finished briefs were produced twice (their
files rewritten by the second run). Target: 0.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import write_corpus  # noqa: E402
from measure import ROOT, command_from, cores, load_note, run_cli, summary  # noqa: E402

AUDIENCES = ("executive", "legal", "product", "engineering")
FORMATS = ("md", "json")


def journal_lines(out: Path) -> int:
    state = out / ".riskbrief"
    if not state.is_dir():
        return 0
    return sum(p.read_bytes().count(b"\n") for p in state.glob("journal-*.jsonl"))


def finished_briefs(out: Path, stems: list[str]) -> dict[str, tuple[int, ...]]:
    """Briefs whose every file exists, with the files' modification times."""
    done = {}
    for stem in stems:
        for a in AUDIENCES:
            files = [out / f"{stem}.{a}.{ext}" for ext in FORMATS]
            if all(f.exists() for f in files):
                done[f"{stem}.{a}"] = tuple(f.stat().st_mtime_ns for f in files)
    return done


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--at", type=float, default=0.5, help="kill when this share of briefs is recorded")
    ap.add_argument("--signal", default="KILL", choices=["KILL", "TERM", "INT"])
    ap.add_argument("--command", default=None)
    args = ap.parse_args()
    command = command_from(args.command)
    total = args.docs * len(AUDIENCES)
    with tempfile.TemporaryDirectory(prefix="riskbrief-bench-") as tmp:
        inputs, out = Path(tmp) / "findings", Path(tmp) / "briefs"
        stems = [p.stem for p in write_corpus(inputs, args.docs)]
        cli_args = ["batch", str(inputs), "-a", ",".join(AUDIENCES), "-f", ",".join(FORMATS), "--out", str(out)]
        proc = subprocess.Popen(command + cli_args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        deadline = time.monotonic() + 300
        while proc.poll() is None and journal_lines(out) < total * args.at and time.monotonic() < deadline:
            time.sleep(0.02)
        if proc.poll() is not None:
            print("the batch finished before it could be killed; raise --docs", file=sys.stderr)
            return 1
        sig = getattr(signal, f"SIG{args.signal}")
        if args.signal == "KILL":
            os.killpg(proc.pid, sig)  # the whole process group, workers included
        else:
            os.kill(proc.pid, sig)  # as a user or a job runner would
        proc.wait(timeout=120)
        recorded = journal_lines(out)
        before = finished_briefs(out, stems)
        second = run_cli(command, cli_args)
        s = summary(out)
        after = finished_briefs(out, stems)
    redone = [k for k, stamp in before.items() if after.get(k) != stamp]
    if s["failed"]:
        print("\n".join(second.stderr.splitlines()[:5]), file=sys.stderr)
    print(f"cores:                      {cores()}")
    print(f"{'machine:':28}{load_note()} (at the end)")
    print(f"briefs:                     {total} ({args.docs} documents x {len(AUDIENCES)} audiences, md + json)")
    print(f"killed with SIG{args.signal} after:    {recorded} recorded ({recorded / total:.0%}), "
          f"{len(before)} with every file on disk")
    print(f"second run:                 skipped {s['skipped']}, generated {s['generated']}, failed {s['failed']}, "
          f"exit {second.returncode}, {second.wall_s:.1f} s")
    print(f"complete after second run:  {len(after)} of {total}")
    print(f"finished briefs redone:     {len(redone)} (target 0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
