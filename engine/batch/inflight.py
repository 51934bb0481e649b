"""--concurrency bounds the requests in flight, not the briefs being worked on.

A brief alternates between waiting for the server and its own CPU work
(prompts, validation, the faithfulness check, rendering). If a brief held its
request slot through that work, the server would see fewer requests than
--concurrency whenever briefs are busy computing. So more briefs are in
progress than there are slots (BRIEFS_PER_SLOT per slot), and only the request
itself takes a slot: while one brief checks its draft, another's request uses
the slot. With the OpenAI provider the slot is narrower still: only while the
request is on the wire (engine/providers/gated_http.py).
"""

from __future__ import annotations

import threading
from typing import Any

from pydantic import BaseModel

from engine.providers.base import CallConfig, Completion, Message

# Briefs in progress per request slot. Two keep the slots busy while a brief's own work takes up
# to as long as its requests; more would only hold more briefs half-done when a run is interrupted.
BRIEFS_PER_SLOT = 2


def briefs_in_progress(slots: int) -> int:
    return max(1, slots) * BRIEFS_PER_SLOT


def limit_in_flight(provider: Any, slots: int) -> Any:
    """`provider` sending at most `slots` requests at once.

    A provider that can bound its own HTTP exchanges (`limit_requests`, the
    OpenAI one) holds a slot only while a request is on the wire; any other
    is wrapped so that the slot covers its whole `generate()`. Undo with
    `unlimited()`.
    """
    limit = getattr(provider, "limit_requests", None)
    if limit is not None:
        limit(slots)
        return provider
    return InFlightLimit(provider, slots)


def unlimited(provider: Any) -> None:
    limit = getattr(provider, "limit_requests", None)
    if limit is not None:
        limit(None)


class InFlightLimit:
    """A provider that sends at most `slots` requests at once, whichever thread sends them."""

    def __init__(self, inner: Any, slots: int):
        self.inner = inner
        self.slots = max(1, slots)
        self.name = inner.name
        self.needs_model = inner.needs_model
        self._gate = threading.BoundedSemaphore(self.slots)

    def generate(self, messages: list[Message], schema: type[BaseModel], config: CallConfig) -> Completion:
        with self._gate:
            return self.inner.generate(messages, schema, config)

    def __getattr__(self, name: str) -> Any:  # cache_identity, describe_error and other optional hooks
        return getattr(self.inner, name)
