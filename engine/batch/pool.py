"""The offline runner: documents spread over a pool of processes, one per core.

Each worker writes its briefs and appends their records to its own journal,
so what a worker finished survives even if the main process is killed. Workers
ignore Ctrl-C: the main process stops handing out work and lets the documents
in flight finish, so nothing is left half-written.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Callable

from engine.batch.heap import collected, manual_collection
from engine.batch.manifest import ItemRecord, Journal
from engine.batch.produce import Plan, Task, run_task

_PLAN: Plan | None = None
_TAG = "all"
_JOURNAL: Journal | None = None


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(plan: Plan, tag: str) -> None:
    global _PLAN, _TAG, _JOURNAL
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    manual_collection()
    _PLAN, _TAG, _JOURNAL = plan, tag, None


def _work(tasks: list[Task]) -> list[ItemRecord]:
    global _JOURNAL
    assert _PLAN is not None
    if _JOURNAL is None:
        _JOURNAL = Journal(_PLAN.out_dir, _TAG)
    records: list[ItemRecord] = []
    for task in tasks:
        records += run_task(task, _PLAN, _JOURNAL.append)
    collected(len(records))
    return records


def _chunks(tasks: list[Task], jobs: int) -> list[list[Task]]:
    """Tasks grouped so that each worker gets about 16 groups: fewer round trips to the main
    process on a large run, and still an even spread of the last ones over the workers."""
    size = max(1, min(_MAX_CHUNK, len(tasks) // (jobs * 16)))
    return [tasks[i:i + size] for i in range(0, len(tasks), size)]


_MAX_CHUNK = 4  # documents: a progress update every 16 briefs at most


def make_executor(plan: Plan, tag: str, jobs: int) -> ProcessPoolExecutor:
    ctx = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(plan, tag))


def start_workers(executor: ProcessPoolExecutor) -> None:
    """Fork every worker now, before a progress thread exists (forking with threads running can deadlock)."""
    executor.submit(os.getpid).result()


def run_in_processes(executor: ProcessPoolExecutor, tasks: list[Task], jobs: int,
                     on_records: Callable[[list[ItemRecord]], None]) -> None:
    """Run every task; at most a few per worker are queued, so an interrupt stops quickly."""
    pending: set[Future] = set()
    window = max(2, jobs * 4)
    try:
        for chunk in _chunks(tasks, jobs):
            pending.add(executor.submit(_work, chunk))
            if len(pending) >= window:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    on_records(f.result())
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                on_records(f.result())
    except BaseException:
        for f in pending:
            f.cancel()
        raise


def run_inline(tasks: list[Task], plan: Plan, journal: Journal,
               on_records: Callable[[list[ItemRecord]], None]) -> None:
    for task in tasks:
        on_records(run_task(task, plan, journal.append))
