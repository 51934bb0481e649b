"""The response cache of a batch process: lookups and writes that never wait for another writer.

With statistics on, every diskcache lookup is a write transaction (it counts a
hit or a miss), and every store is one more. A batch has many threads in each
of several processes writing to one SQLite file, so a request's thread would
queue for the database lock, up to tens of milliseconds a time when the lock
holder is descheduled, and fewer requests would be in flight. Here lookups
read without a transaction and count in memory; stores go to one writer
thread that commits whatever has queued up in one transaction. A lookup sees
the entries still queued. `close()` writes everything left and adds this
process's hits and misses to the statistics on disk, in one transaction.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from engine.cache import ResponseCache

log = logging.getLogger("riskbrief.batch")


class DeferredCache(ResponseCache):
    def __init__(self, directory: str | Path):
        super().__init__(directory)
        self._cache.reset("statistics", 0, update=False)  # this instance only: the setting on disk stays on
        self._pending: dict[str, dict[str, Any]] = {}
        self._wake = threading.Condition()
        self._closing = False
        self._counts = {"hits": 0, "misses": 0}
        self._writer = threading.Thread(target=self._write_loop, name="riskbrief-cache-writer", daemon=True)
        self._writer.start()

    def get(self, key: str) -> dict[str, Any] | None:
        with self._wake:
            value = self._pending.get(key)
        if value is None:
            value = super().get(key)
        with self._wake:
            self._counts["hits" if value is not None else "misses"] += 1
        return value

    def set(self, key: str, value: dict[str, Any]) -> None:
        with self._wake:
            self._pending[key] = value
            self._wake.notify()

    def _write_loop(self) -> None:
        while True:
            with self._wake:
                while not self._pending and not self._closing:
                    self._wake.wait()
                batch = dict(self._pending)
                if not batch and self._closing:
                    return
            try:
                with self._cache.transact(retry=True):
                    for key, value in batch.items():
                        self._cache.set(key, value, retry=True)
            except Exception as e:  # a full disk, say: the briefs are fine, only the cache misses them
                log.warning("response cache: %d entries not written (%s)", len(batch), e)
            with self._wake:
                for key, value in batch.items():
                    if self._pending.get(key) is value:
                        del self._pending[key]

    def close(self) -> None:
        with self._wake:
            self._closing = True
            self._wake.notify()
        self._writer.join()
        with self._cache.transact(retry=True):
            for name, count in self._counts.items():
                if count:
                    self._cache.reset(name, int(self._cache.reset(name)) + count)
        super().close()
