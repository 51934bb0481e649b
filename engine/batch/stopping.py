"""Ctrl-C in a model batch: briefs waiting for the rate budget stop at once.

Without this, an interrupt let every brief in progress finish, and under a
tight `--rpm` a brief waits up to a minute for each request: Ctrl-C took
minutes. Now, once the run is interrupted:

- a brief that has not sent a request yet stops at once, even when the budget
  would let it go: it is left unfinished (not recorded) and the next run makes it;
- a request already on the wire is never cut off: its reply is read (and kept in
  the response cache), and a brief whose requests can still go without waiting
  finishes and is recorded;
- a brief that would have to wait before its next request (for the budget, or
  to retry a failed request) stops there instead; its replies so far are in the
  response cache, so the next run does not pay for them again.

One flag per process: the model runner sets it when the run is interrupted (in
each worker process when the parent tells it to stop), the rate limiter reads
it. Which brief a request belongs to is known per thread: each brief runs on
one thread from start to end.
"""

from __future__ import annotations

import threading


class BriefStopped(BaseException):
    """Raised in a brief's thread when the run was interrupted before it could send its next request.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` on the
    way (the retry policy, the chain) turns it into a failed brief.
    """


_stop = threading.Event()
_brief = threading.local()


def reset() -> None:
    """A run begins: nothing is stopped."""
    _stop.clear()


def request_stop() -> None:
    """The run was interrupted: waiting briefs stop, and so does every brief before its first request."""
    _stop.set()


def stop_requested() -> bool:
    return _stop.is_set()


def pause(seconds: float) -> None:
    """Sleep, but wake at once when the run is interrupted."""
    _stop.wait(seconds)


def wait_or_stop(seconds: float) -> None:
    """A retry's wait before sending again: once the run is interrupted the brief stops instead."""
    if _stop.wait(seconds):
        raise BriefStopped


def brief_begins() -> None:
    """This thread starts a brief: it has sent no request yet."""
    _brief.sent = False


def request_goes() -> None:
    """This thread's brief sends a request (it passed the rate budget)."""
    _brief.sent = True


def has_sent() -> bool:
    """Whether this thread's brief has sent a request (True outside a batch brief: nothing to stop)."""
    return getattr(_brief, "sent", True)
