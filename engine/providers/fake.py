"""A scripted provider for tests and demos: no network, replies from a queue.

    fake = FakeProvider()
    fake.enqueue({"headline": ...})          # structured reply
    fake.enqueue('{"headline": "trunc')      # raw text (invalid JSON, for faults)
    fake.enqueue(TransientError("429", status=429, retry_after=0))  # raised
    fake.enqueue(lambda messages, schema: {...})  # computed from the request
    ...
    fake.history  # every request: messages, schema name, config

A `responder` callable answers when the queue is empty.

From the command line, `--provider fake` answers from the file named by
RISKBRIEF_FAKE_REPLIES (JSON or YAML): `{tool_name: reply}` or
`{tool_name: [reply, reply, ...]}` (the last reply repeats), e.g.
`{"plan_brief": {...}, "write_brief": {...}}`, for demos and end-to-end runs
without a server.
"""

from __future__ import annotations

import copy
import json
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable

from pydantic import BaseModel

from engine.errors import ProviderError
from engine.providers.base import CallConfig, Completion, Message, parse_json_text, rough_tokens, tool_name

Reply = dict | str | BaseException | Callable[[list[Message], type[BaseModel]], Any]


@dataclass
class FakeCall:
    messages: list[Message]
    schema: str
    config: CallConfig

    @property
    def text(self) -> str:
        return "\n".join(m["content"] for m in self.messages)


class FakeProvider:
    name = "fake"
    needs_model = False

    def __init__(self, responder: Callable[[list[Message], type[BaseModel]], Any] | None = None):
        self.queue: deque[Reply] = deque()
        self.history: list[FakeCall] = []
        self.responder = responder

    def enqueue(self, *replies: Reply) -> "FakeProvider":
        self.queue.extend(replies)
        return self

    def generate(self, messages: list[Message], schema: type[BaseModel], config: CallConfig) -> Completion:
        self.history.append(FakeCall(copy.deepcopy(messages), tool_name(schema), config))
        if self.queue:
            reply: Any = self.queue.popleft()
        elif self.responder is not None:
            reply = self.responder
        else:
            raise ProviderError(
                f"the fake provider has no scripted reply for request {len(self.history)} ({tool_name(schema)}); "
                "enqueue() one more"
            )
        if callable(reply) and not isinstance(reply, BaseException):
            reply = reply(messages, schema)
        if isinstance(reply, BaseException):
            raise reply
        tokens_in = sum(rough_tokens(m["content"]) for m in messages)
        if isinstance(reply, BaseModel):
            reply = reply.model_dump(mode="json")
        if isinstance(reply, dict):
            text = json.dumps(reply)
            return Completion(data=copy.deepcopy(reply), text=text, tokens_in=tokens_in, tokens_out=rough_tokens(text))
        text = str(reply)
        data, error = parse_json_text(text)
        return Completion(data=data, text=text, error=error, tokens_in=tokens_in, tokens_out=rough_tokens(text))


# One shared instance, so a test (or a demo script) can script the provider that
# `--provider fake` resolves to.
_SHARED = FakeProvider()


def shared() -> FakeProvider:
    return _SHARED


def reset_shared(responder: Callable[[list[Message], type[BaseModel]], Any] | None = None) -> FakeProvider:
    global _SHARED
    _SHARED = FakeProvider(responder)
    return _SHARED


REPLIES_ENV = "RISKBRIEF_FAKE_REPLIES"


def from_file(path: str) -> FakeProvider:
    """A fake provider that answers each tool from a replies file."""
    from pathlib import Path

    from ruamel.yaml import YAML, YAMLError

    try:
        data = YAML(typ="safe", pure=True).load(Path(path).read_text(encoding="utf-8"))
    except (OSError, YAMLError) as e:
        raise ProviderError(f"{REPLIES_ENV}={path} cannot be read ({e}); point it at a JSON or YAML replies file")
    if not isinstance(data, dict):
        raise ProviderError(f"{path}: expected a mapping of tool name to reply (e.g. write_brief: {{...}})")
    queues = {name: list(v) if isinstance(v, list) else [v] for name, v in data.items()}

    def respond(messages: list[Message], schema: type[BaseModel]) -> Any:
        name = tool_name(schema)
        if not queues.get(name):
            raise ProviderError(f"{path} has no reply for {name}; add a '{name}' entry")
        q = queues[name]
        return copy.deepcopy(q.pop(0) if len(q) > 1 else q[0])

    return FakeProvider(respond)


def create(settings: Any) -> FakeProvider:
    import os

    path = os.environ.get(REPLIES_ENV)
    return from_file(path) if path else _SHARED
