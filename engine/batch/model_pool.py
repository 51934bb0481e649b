"""The model runner spread over processes, for when one process's CPU is the limit.

A model brief spends most of its time waiting for the server, but the chain's
own work (prompts, validation, the faithfulness checks) is CPU-bound and one
Python process runs it on one core. With more than one core, the batch starts
one process per core; each has its own provider instance (one HTTP client),
a share of --concurrency as request slots (with twice as many worker
threads, engine/batch/inflight.py); the --rpm/--tpm budget is one for all
of them (engine/batch/ratelimit.py).
Records come back for the progress bar and the summary; each process also
journals its own records.

Each worker has a pipe of its own, and the parent hands out items: a few more
than the worker has threads, topped up as its records come back, so no process
idles while another has a backlog. A shared
queue would let one worker that dies (killed, out of memory) while one of its
threads waits on it take the queue's lock along, and every other worker would
wait for ever; with a pipe each, a death costs only the items that worker held,
which are reported failed.
"""

from __future__ import annotations

import multiprocessing
import queue as queue_module
import signal
import sys
import threading
from collections import deque
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from typing import Any, Callable

from engine.batch import stopping
from engine.batch.heap import collected, manual_collection
from engine.batch.inflight import briefs_in_progress
from engine.batch.manifest import ItemRecord, Journal
from engine.batch.produce import Plan, Task, failed_record, produce_item
from engine.batch.ratelimit import RateLimiter

_DONE = None  # no more items: finish those received, then stop
_STOP = "stop"  # interrupted: finish the briefs in progress, drop the ones not started
_WAITING = 2  # items queued in a worker beyond one per thread: a thread that finishes never waits for the parent


def shares(total: int, parts: int) -> list[int]:
    """`total` split into `parts` near-equal whole shares (none empty)."""
    parts = max(1, min(parts, total))
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def _worker(plan: Plan, tag: str, slots: int, limiter: RateLimiter, conn: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    manual_collection()  # engine/batch/heap.py
    # A thread whose reply has arrived waits for the interpreter lock while another checks a draft:
    # up to the switch interval each time (5 ms by default), with the request slot still held.
    sys.setswitchinterval(0.001)
    from engine.batch.shared import shared_run

    with shared_run(plan.options, None, None, slots, limiter=limiter) as shared:
        _serve(replace(plan, options=shared), tag, briefs_in_progress(slots), conn)


def _serve(local: Plan, tag: str, threads: int, conn: Connection) -> None:
    journal = Journal(local.out_dir, tag)
    lock = threading.Lock()
    items: queue_module.Queue = queue_module.Queue()

    def append(record: ItemRecord) -> None:
        with lock:
            journal.append(record)

    def receive() -> None:
        """The parent's items, into this process's own queue, until the pipe closes.

        The end marker stops each thread once the items before it are done; an
        interrupt drops the items not started yet; a closed pipe (the parent is
        gone) ends like the end marker.
        """
        ended = False

        def end() -> None:
            nonlocal ended
            if not ended:
                ended = True
                for _ in range(threads):
                    items.put(_DONE)

        try:
            while True:
                item = conn.recv()
                if item is _DONE:
                    end()
                elif item == _STOP:
                    stopping.request_stop()  # briefs waiting for the rate budget stop now
                    while not items.empty():
                        items.get_nowait()
                    ended = False
                    end()
                else:
                    items.put(item)
        except (EOFError, OSError):
            end()

    def consume() -> None:
        while True:
            item = items.get()
            if item is _DONE:
                return
            task, audience = item
            assert task.doc is not None
            try:
                record = produce_item(task, task.doc, audience, local, append)
            except stopping.BriefStopped:
                continue  # the run was interrupted before this brief could go on: the next run makes it
            with lock:
                conn.send(record)
            collected()

    pool = [threading.Thread(target=consume, name=f"riskbrief-batch-{i}") for i in range(threads)]
    pool.append(threading.Thread(target=receive, name="riskbrief-batch-receive", daemon=True))
    for t in pool:
        t.start()
    for t in pool[:-1]:
        t.join()
    journal.close()


@dataclass
class _Worker:
    process: Any
    conn: Connection
    capacity: int  # items it may hold at once: one per thread, and _WAITING more
    held: dict[str, tuple[Task, str]] = field(default_factory=dict)
    alive: bool = True
    ended: bool = False  # sent the end marker


def run_model_processes(tasks: list[Task], plan: Plan, *, processes: int, concurrency: int, rpm: float | None,
                        tpm: float | None, tag: str, on_record: Callable[[ItemRecord], None],
                        started: Callable[[], None] | None = None) -> None:
    ctx = multiprocessing.get_context("fork")
    slots = shares(concurrency, processes)
    limiter = RateLimiter(rpm=rpm, tpm=tpm, shared=True)  # one budget for every process
    workers: list[_Worker] = []
    for i, share in enumerate(slots):
        parent_end, child_end = ctx.Pipe()
        proc = ctx.Process(target=_worker, name=f"riskbrief-batch-{i}", daemon=True,
                           args=(plan, tag, share, limiter, child_end))
        proc.start()
        child_end.close()  # the worker's end lives in the worker: EOF here once it is gone
        workers.append(_Worker(proc, parent_end, briefs_in_progress(share) + _WAITING))
    if started:
        started()  # now that no more processes fork, a progress thread may start
    pending = deque((t, a) for t in tasks for a in t.audiences)

    def hand_out() -> None:
        # Each item to the live worker holding the fewest: a short run spreads over every
        # process (filling the first one up to its capacity left the others idle).
        while pending:
            room = [w for w in workers if w.alive and len(w.held) < w.capacity]
            if not room:
                break
            w = min(room, key=lambda w: len(w.held))
            task, audience = pending[0]
            try:
                w.conn.send((task, audience))
            except OSError:  # its pipe broke: it is gone
                lost(w)
                continue
            pending.popleft()
            w.held[f"{task.stem}.{audience}"] = (task, audience)
        for w in workers:
            if w.alive and not w.ended and not pending:
                try:
                    w.conn.send(_DONE)
                    w.ended = True
                except OSError:
                    lost(w)

    def lost(w: _Worker) -> None:
        """A worker that stopped: what it still held is reported failed, never silently dropped."""
        w.alive = False
        for task, audience in w.held.values():
            on_record(failed_record(task, audience, plan, "the worker process stopped before this brief"))
        w.held.clear()

    try:
        hand_out()
        while any(w.held for w in workers) or (pending and any(w.alive for w in workers)):
            ready = wait([w.conn for w in workers if w.alive] + [w.process.sentinel for w in workers if w.alive],
                         timeout=1.0)
            for w in workers:
                if not w.alive:
                    continue
                if w.conn in ready:
                    try:
                        while w.conn.poll():
                            record = w.conn.recv()
                            w.held.pop(record.key, None)
                            on_record(record)
                    except (EOFError, OSError):
                        lost(w)
                        continue
                if w.process.sentinel in ready and not w.conn.poll():
                    lost(w)
            hand_out()
        for task, audience in pending:  # every worker stopped before these were handed out
            on_record(failed_record(task, audience, plan, "the worker process stopped before this brief"))
    except BaseException:
        for w in workers:  # no new briefs; the ones in progress finish and are journaled
            if w.alive:
                try:
                    w.conn.send(_STOP)
                except OSError:
                    pass
        raise
    finally:
        for w in workers:
            w.process.join(timeout=120)
            w.conn.close()
        limiter.close()
