"""Garbage collection in batch worker processes: off, with a full collection every so often.

A worker forked from the batch process inherits every imported module and
validated document, which live as long as the worker: `gc.freeze()` keeps
them out of the collector's scans. A brief leaves only about two objects in
reference cycles, yet with the default thresholds the collector runs
hundreds of times per hundred briefs and scans the growing caches each time:
3% of an offline brief's CPU, more than 10% of a model brief's (measured with
gc callbacks). So automatic collection is off and `collected()` runs one full
collection every COLLECT_EVERY briefs, which keeps memory flat.
"""

from __future__ import annotations

import gc
import threading

COLLECT_EVERY = 1024  # briefs between collections in one worker process

_lock = threading.Lock()
_since = 0


def manual_collection() -> None:
    """In a new worker process: what exists now is permanent, and collection waits for collected()."""
    global _since
    gc.freeze()
    gc.disable()
    _since = 0


def collected(briefs: int = 1) -> None:
    """Count `briefs` finished; collect once COLLECT_EVERY have been since the last collection."""
    global _since
    with _lock:
        _since += briefs
        due = _since >= COLLECT_EVERY
        if due:
            _since = 0
    if due:
        gc.collect()
