"""The model runner spread over processes, for when one process's CPU is the limit.

A model brief spends most of its time waiting for the server, but the chain's
own work (prompts, validation, the faithfulness checks) is CPU-bound and one
Python process runs it on one core. With more than one core, the batch starts
one process per core; each has its own provider instance (one HTTP client),
a share of --concurrency as request slots (with twice as many worker
threads, engine/batch/inflight.py) and a share of the --rpm/--tpm budget,
and pulls items from one shared queue so no process idles while another has
a backlog. Records come back on a result queue for the progress
bar and the summary; each process also journals its own records.
"""

from __future__ import annotations

import multiprocessing
import queue as queue_module
import signal
import threading
from dataclasses import replace
from typing import Callable

from engine.batch.heap import collected, manual_collection
from engine.batch.inflight import briefs_in_progress
from engine.batch.manifest import ItemRecord, Journal
from engine.batch.produce import Plan, Task, failed_record, produce_item

_DONE = None


def shares(total: int, parts: int) -> list[int]:
    """`total` split into `parts` near-equal whole shares (none empty)."""
    parts = max(1, min(parts, total))
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _worker(plan: Plan, tag: str, slots: int, rpm: float | None, tpm: float | None,
            work: multiprocessing.Queue, results: multiprocessing.Queue, stop, warm_with: tuple | None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    manual_collection()  # engine/batch/heap.py
    from engine.batch.shared import shared_run

    with shared_run(plan.options, rpm, tpm, slots) as shared:
        _serve(replace(plan, options=shared), tag, briefs_in_progress(slots), work, results, stop, warm_with)


def _serve(local: Plan, tag: str, threads: int, work: multiprocessing.Queue, results: multiprocessing.Queue,
           stop, warm_with: tuple | None = None) -> None:
    journal = Journal(local.out_dir, tag)
    lock = threading.Lock()

    def append(record: ItemRecord) -> None:
        with lock:
            journal.append(record)

    def consume() -> None:
        while True:
            item = work.get()
            if item is _DONE or stop.is_set():
                return
            task, audience = item
            assert task.doc is not None
            record = produce_item(task, task.doc, audience, local, append)
            results.put(record)
            collected()

    pool = [threading.Thread(target=consume, name=f"riskbrief-batch-{i}") for i in range(threads)]
    for t in pool:
        t.start()
    if warm_with is not None:
        # The checker's caches fill here while the threads' first requests are out: a
        # draft to check comes back no sooner than two round trips from now.
        from engine.batch.shared import warm_checks

        warm_checks(*warm_with)
    for t in pool:
        t.join()
    journal.close()


def run_model_processes(tasks: list[Task], plan: Plan, *, processes: int, concurrency: int, rpm: float | None,
                        tpm: float | None, tag: str, on_record: Callable[[ItemRecord], None],
                        started: Callable[[], None] | None = None, warm_with: tuple | None = None) -> None:
    """`warm_with`: (document, audience, formats) for each worker's warm_checks()."""
    ctx = multiprocessing.get_context("fork")
    work: multiprocessing.Queue = ctx.Queue()
    results: multiprocessing.Queue = ctx.Queue()
    stop = ctx.Event()
    slots = shares(concurrency, processes)
    n = len(slots)
    workers = [
        ctx.Process(target=_worker, name=f"riskbrief-batch-{i}", daemon=True,
                    args=(plan, tag, share, rpm / n if rpm else None, tpm / n if tpm else None, work, results, stop,
                          warm_with))
        for i, share in enumerate(slots)
    ]
    for w in workers:
        w.start()
    if started:
        started()  # now that no more processes fork, a progress thread may start
    items = [(t, a) for t in tasks for a in t.audiences]
    for item in items:
        work.put(item)
    for _ in range(sum(briefs_in_progress(s) for s in slots)):  # one end marker per worker thread
        work.put(_DONE)
    seen: set[str] = set()
    try:
        while len(seen) < len(items):
            try:
                record = results.get(timeout=0.2)
            except queue_module.Empty:
                if not any(w.is_alive() for w in workers):
                    break
                continue
            seen.add(record.key)
            on_record(record)
        for task, audience in items:  # a worker died (killed, out of memory): say so for its items
            if f"{task.stem}.{audience}" not in seen:
                on_record(failed_record(task, audience, plan, "the worker process stopped before this brief"))
    except BaseException:
        stop.set()  # no new briefs; the ones in flight finish and are journaled
        raise
    finally:
        for w in workers:
            w.join(timeout=120)
        work.cancel_join_thread()  # items nobody will take must not hold the exit
