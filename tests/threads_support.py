"""Running one piece of work on many threads at once, the way a model worker's brief threads do."""

from __future__ import annotations

import sys
import threading
from typing import Callable


def at_once(threads: int, work: Callable[[int], None]) -> list[BaseException]:
    """work(0) .. work(threads - 1), each on its own thread, all released together; what they raised.

    The interpreter switches threads as often as it can meanwhile, so a race between any two
    steps of the shared code has every chance to happen.
    """
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def run(i: int) -> None:
        start.wait()
        try:
            work(i)
        except BaseException as exc:  # noqa: BLE001 - any failure in a thread is the finding
            errors.append(exc)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        pool = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    return errors
