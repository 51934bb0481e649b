"""Run a slow call off the event loop in a daemon thread.

A model call can block for minutes (timeouts times retries). Textual's thread
workers run in the event loop's executor, whose threads the interpreter joins
at exit: quitting during such a call restored the terminal, then left the
process waiting until the call returned. A daemon thread is not waited for;
what it was writing is dropped, and every saved version is written atomically
on the UI thread, so nothing is left half-written.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any, Callable, TypeVar

T = TypeVar("T")


async def in_daemon_thread(fn: Callable[..., T], *args: Any, name: str = "riskbrief-call") -> T:
    """fn(*args) in a daemon thread; cancelling the await drops its result."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def deliver(outcome: Callable[[Any], None], value: Any) -> None:
        if not future.done():  # cancelled meanwhile
            outcome(value)

    def run() -> None:
        try:
            result = fn(*args)
        except BaseException as e:  # handed to the awaiting coroutine, which decides
            outcome, value = future.set_exception, e
        else:
            outcome, value = future.set_result, result
        try:
            loop.call_soon_threadsafe(deliver, outcome, value)
        except RuntimeError:  # the loop has closed: the workspace quit meanwhile
            pass

    threading.Thread(target=run, name=name, daemon=True).start()
    return await future
