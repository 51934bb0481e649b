"""Helpers shared by the batch benchmarks: run the CLI, sample its memory, read its summary."""

from __future__ import annotations

import json
import os
import resource
import shlex
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_command() -> list[str]:
    exe = Path(sys.executable).with_name("riskbrief")
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from engine.cli import main; main()"]


def command_from(text: str | None) -> list[str]:
    return shlex.split(text) if text else default_command()


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def load_note() -> str:
    """The 1-minute load average: other work on the machine skews every figure."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {cores()} cores"


def _children(since: int = 0) -> dict[int, list[int]]:
    """Parent -> children for processes with a pid of at least `since` (processes started after
    the one measured, barring pid wrap-around): reading only those keeps the sampler's own CPU,
    which shares the cores with the run it measures, small."""
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) < since:
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Run:
    wall_s: float
    returncode: int
    stdout: str
    stderr: str
    peak_tree_mb: float = 0.0  # largest sum of RSS over the process and its children at one moment
    peak_process_mb: float = 0.0  # largest RSS of any one process
    samples: int = 0
    cpu_s: float = 0.0  # user + system CPU of the process and every child it waited for
    extra: dict = field(default_factory=dict)


class MemorySampler(threading.Thread):
    def __init__(self, pid: int, every_s: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every_s = pid, every_s
        self.peak_tree = self.peak_one = 0
        self.samples = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            tree = _children(since=self.pid)
            pids, todo = [], [self.pid]
            while todo:
                p = todo.pop()
                pids.append(p)
                todo.extend(tree.get(p, []))
            sizes = [_rss_kib(p) for p in pids]
            self.peak_tree = max(self.peak_tree, sum(sizes))
            self.peak_one = max(self.peak_one, max(sizes or [0]))
            self.samples += 1
            self._halt.wait(self.every_s)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run_cli(command: list[str], args: list[str], *, env: dict | None = None, sample_memory: bool = False,
            timeout: float = 600) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(command + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})}, cwd=ROOT)
    sampler = MemorySampler(proc.pid) if sample_memory else None
    if sampler:
        sampler.start()
    out, err = proc.communicate(timeout=timeout)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = Run(wall, proc.returncode, out, err)
    run.cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if sampler:
        sampler.stop()
        run.peak_tree_mb = sampler.peak_tree / 1024
        run.peak_process_mb = sampler.peak_one / 1024
        run.samples = sampler.samples
    return run


def summary(out_dir: str | Path) -> dict:
    return json.loads((Path(out_dir) / "summary.json").read_text(encoding="utf-8"))


def fresh_documents(count: int, seed: int) -> list:
    """`count` generated findings documents of a new seed, loaded: the per-document and
    per-text caches meet documents they have not seen, as in a batch."""
    import tempfile

    from corpus import write_corpus
    from schemas.loading import load_findings

    with tempfile.TemporaryDirectory(prefix="riskbrief-bench-") as tmp:
        return [load_findings(p) for p in write_corpus(tmp, count, seed=seed)]


def spread(label: str, values: list[float], width: int = 20) -> str:
    """One printed line: min / median / max of repeated measurements."""
    import statistics

    return f"  {label:{width}} min {min(values):.3f}  median {statistics.median(values):.3f}  max {max(values):.3f}"
