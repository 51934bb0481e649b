"""The model runner: briefs produced concurrently on one event loop.

At most `concurrency` requests are in flight, and twice as many briefs in
progress (engine/batch/inflight.py). Providers expose a blocking `generate()`,
so each brief's chain runs in a worker thread of a pool sized to the briefs in
progress; all of them share one provider instance (and so one HTTP client with
its connection pool), one rate limiter and the request slots, which every
request passes through.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

from engine.batch import stopping
from engine.batch.inflight import briefs_in_progress
from engine.batch.manifest import ItemRecord, Journal
from engine.batch.produce import Plan, Task, produce_item


class LockedJournal:
    def __init__(self, journal: Journal):
        self.journal = journal
        self._lock = threading.Lock()

    def append(self, record: ItemRecord) -> None:
        with self._lock:
            self.journal.append(record)


async def _run(tasks: list[Task], plan: Plan, briefs: int, journal: LockedJournal,
               on_record: Callable[[ItemRecord], None]) -> None:
    loop = asyncio.get_running_loop()
    gate = asyncio.Semaphore(briefs)

    def produce(task: Task, audience: str) -> ItemRecord | None:
        assert task.doc is not None
        try:
            return produce_item(task, task.doc, audience, plan, journal.append)  # journaled in this thread
        except stopping.BriefStopped:
            return None  # interrupted before it could go on: the next run makes it

    with ThreadPoolExecutor(max_workers=briefs, thread_name_prefix="riskbrief-batch") as pool:

        async def one(task: Task, audience: str) -> None:
            async with gate:
                record = await loop.run_in_executor(pool, produce, task, audience)
            if record is not None:
                on_record(record)

        jobs = [asyncio.ensure_future(one(t, a)) for t in tasks for a in t.audiences]
        try:
            await asyncio.gather(*jobs)
        except BaseException:
            # Ctrl-C: briefs not started are dropped; the ones in threads stop where they would wait
            # (the pool's threads are waited for on the way out).
            stopping.request_stop()
            for j in jobs:
                j.cancel()
            raise


def run_concurrently(tasks: list[Task], plan: Plan, concurrency: int, journal: Journal,
                     on_record: Callable[[ItemRecord], None]) -> None:
    """`plan`'s provider must already hold `concurrency` request slots (shared_run(..., slots=concurrency))."""
    asyncio.run(_run(tasks, plan, briefs_in_progress(concurrency), LockedJournal(journal), on_record))
