"""Requests-per-minute and tokens-per-minute limits shared by every request of a run.

Token buckets that refill continuously. The request bucket holds at most one
second's worth, so requests are spread out rather than sent in a burst; the
token bucket may go into debt (a request larger than a second's budget still
goes, and the next one waits it off). Thread-safe: requests are sent from
worker threads. A limiter made with `shared=True` keeps its buckets in shared
memory, so the worker processes forked after it draw on one budget: a process
with work left can use the whole rate while another has none, and the run as a
whole never exceeds it (split into per-process shares, a run whose items all
went to one process was held to that process's share).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from typing import Any, Callable

from pydantic import BaseModel

from engine.batch import stopping
from engine.providers.base import CallConfig, Completion, Message, rough_tokens


class _Bucket:
    """One bucket whose level and last refill time live in `cells[at]` and `cells[at + 1]`."""

    def __init__(self, per_minute: float, now: float, cells: Any, at: int):
        self.rate = per_minute / 60.0
        self.capacity = max(1.0, self.rate)
        self.cells, self.at = cells, at
        cells[at], cells[at + 1] = self.capacity, now

    @property
    def level(self) -> float:
        return self.cells[self.at]

    @level.setter
    def level(self, value: float) -> None:
        self.cells[self.at] = value

    def refill(self, now: float) -> None:
        self.level = min(self.capacity, self.level + (now - self.cells[self.at + 1]) * self.rate)
        self.cells[self.at + 1] = now

    def wait_for(self, need: float) -> float:
        """Seconds until the level reaches `need`."""
        short = need - self.level
        return 0.0 if short <= 0 else short / self.rate


class _ProcessesLock:
    """A lock for the threads of several forked processes that a process killed while holding it
    does not keep: a POSIX record lock on an unlinked file goes with its process. (A
    multiprocessing lock held by a worker killed at that moment would stop every other worker.)"""

    def __init__(self) -> None:
        import fcntl
        import tempfile

        self._fcntl = fcntl
        fd, path = tempfile.mkstemp(prefix="riskbrief-rate-")
        os.unlink(path)
        self._fd: int | None = fd
        self._threads = threading.Lock()  # record locks are per process: threads queue here first

    def __enter__(self) -> "_ProcessesLock":
        self._threads.acquire()
        try:
            self._fcntl.lockf(self._fd, self._fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            self._fcntl.lockf(self._fd, self._fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class RateLimiter:
    """The run's budget. Once the run is interrupted (engine/batch/stopping.py) a brief that has sent
    no request yet, or would have to wait for one, stops here with BriefStopped instead."""

    def __init__(self, rpm: float | None = None, tpm: float | None = None, *,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = stopping.pause,
                 shared: bool = False):
        self.clock, self.sleep = clock, sleep
        now = clock()
        if shared and (rpm or tpm):  # for processes forked later (time.monotonic is one clock for the whole machine)
            cells: Any = multiprocessing.get_context("fork").RawArray("d", 4)
            self._lock: Any = _ProcessesLock()
        else:
            cells = [0.0] * 4
            self._lock = threading.Lock()
        self.requests = _Bucket(rpm, now, cells, 0) if rpm else None
        self.tokens = _Bucket(tpm, now, cells, 2) if tpm else None
        self.waited_s = 0.0

    def close(self) -> None:
        """Let go of what a shared limiter holds (call once every process using it has finished)."""
        close = getattr(self._lock, "close", None)
        if close is not None:
            close()

    @property
    def active(self) -> bool:
        return self.requests is not None or self.tokens is not None

    def acquire(self, tokens: int = 0) -> None:
        """Block until one request of about `tokens` tokens may be sent, then take its share."""
        if stopping.stop_requested() and not stopping.has_sent():
            raise stopping.BriefStopped
        if not self.active:
            stopping.request_goes()
            return
        while True:
            with self._lock:
                now = self.clock()
                wait = 0.0
                if self.requests is not None:
                    self.requests.refill(now)
                    wait = max(wait, self.requests.wait_for(1.0))
                if self.tokens is not None:
                    self.tokens.refill(now)
                    wait = max(wait, self.tokens.wait_for(0.0))  # pay off any debt first
                if wait <= 0:
                    if self.requests is not None:
                        self.requests.level -= 1.0
                    if self.tokens is not None:
                        self.tokens.level -= float(tokens)
                    stopping.request_goes()
                    return
                self.waited_s += wait
            if stopping.stop_requested():
                raise stopping.BriefStopped
            self.sleep(wait)

    def settle(self, extra_tokens: int) -> None:
        """Charge (or refund) the difference between the estimate and the tokens really used."""
        if self.tokens is None or not extra_tokens:
            return
        with self._lock:
            self.tokens.level -= float(extra_tokens)


class RateLimitedProvider:
    """A provider whose every request first passes the run's rate limiter (and its interrupt check)."""

    def __init__(self, inner: Any, limiter: RateLimiter):
        self.inner = inner
        self.limiter = limiter
        self.name = inner.name
        self.needs_model = inner.needs_model

    def generate(self, messages: list[Message], schema: type[BaseModel], config: CallConfig) -> Completion:
        if not self.limiter.active:  # no budget: only whether the run was interrupted before this brief's first request
            self.limiter.acquire()
            return self.inner.generate(messages, schema, config)
        estimate = sum(rough_tokens(m.get("content") or "") for m in messages) + int(config.max_tokens or 0)
        self.limiter.acquire(estimate)
        reply = self.inner.generate(messages, schema, config)
        used = int(reply.tokens_in or 0) + int(reply.tokens_out or 0)
        if used:
            self.limiter.settle(used - estimate)
        return reply

    def __getattr__(self, name: str) -> Any:  # describe_error and other optional hooks
        return getattr(self.inner, name)
