"""An HTTP transport that holds a request slot only while a request is on the wire.

A batch bounds the requests in flight (--concurrency). Held around the whole
SDK call, a slot would also cover the SDK's own work before sending (building
and validating the request body) and after the reply (parsing it), and, with
many threads in one process, the waits for the interpreter lock in between:
the server would see fewer requests than the bound. Here the slot is taken
just before the request goes out and given back once its response body has
been read (or the exchange failed).
"""

from __future__ import annotations

import threading
from typing import Iterator

import httpx


class _Slot:
    """One taken slot, given back at most once."""

    def __init__(self, gate: threading.Semaphore):
        self._gate: threading.Semaphore | None = gate

    def give_back(self) -> None:
        gate, self._gate = self._gate, None
        if gate is not None:
            gate.release()


class _ReleasingStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, slot: _Slot):
        self._inner, self._slot = inner, slot

    def __iter__(self) -> Iterator[bytes]:
        yield from self._inner

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            self._slot.give_back()


class GatedTransport(httpx.BaseTransport):
    """`inner`, with each request first taking a slot of `holder.request_gate` when one is set."""

    def __init__(self, inner: httpx.BaseTransport, holder: object):
        self._inner, self._holder = inner, holder

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        gate = getattr(self._holder, "request_gate", None)
        if gate is None:
            return self._inner.handle_request(request)
        gate.acquire()
        slot = _Slot(gate)
        try:
            response = self._inner.handle_request(request)
        except BaseException:
            slot.give_back()
            raise
        response.stream = _ReleasingStream(response.stream, slot)  # type: ignore[arg-type]
        return response

    def close(self) -> None:
        self._inner.close()
