"""The provider protocol: one small method that turns messages into structured data.

A provider sends chat messages to a model and asks for output matching a JSON
schema. It reports what came back (parsed data, raw text, a parse error) and
the tokens used; validating the data against the pydantic model, retrying,
caching and repairing are the caller's job (engine/chain/calls.py), so every
provider gets them the same way.
"""

from __future__ import annotations

import copy
from functools import lru_cache

import json
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from pydantic import BaseModel

Message = dict[str, str]  # {"role": "system" | "user" | "assistant", "content": str}


@dataclass(frozen=True)
class CallConfig:
    """Per-call parameters; everything here that changes the output is in the cache key."""

    model: str
    temperature: float = 0.0
    max_tokens: int | None = None
    timeout_s: float = 60.0

    def output_params(self) -> dict[str, Any]:
        return {"model": self.model, "temperature": self.temperature, "max_tokens": self.max_tokens}


@dataclass
class Completion:
    """What one request returned."""

    data: dict[str, Any] | None
    text: str = ""
    error: str | None = None  # why `data` is missing (no tool call, invalid JSON, ...)
    tokens_in: int = 0
    tokens_out: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class Provider(Protocol):
    name: str
    needs_model: bool

    def generate(self, messages: list[Message], schema: type[BaseModel], config: CallConfig) -> Completion:
        """Send messages, ask for JSON matching `schema`, return what came back."""
        ...


def tool_name(schema: type[BaseModel]) -> str:
    return getattr(schema, "tool_name", None) or schema.__name__.lower()


def json_schema(schema: type[BaseModel]) -> dict[str, Any]:
    return copy.deepcopy(_schema_of(schema))


@lru_cache(maxsize=32)
def _schema_of(schema: type[BaseModel]) -> dict[str, Any]:
    # Rebuilding a JSON Schema per request is measurable; the models never change at run time.
    return schema.model_json_schema()


def parse_json_text(text: str) -> tuple[dict[str, Any] | None, str | None]:
    """Parse a model's JSON text (tolerating a ```json fence); (data, error)."""
    body = text.strip()
    if body.startswith("```"):
        body = body.strip("`")
        if body.lower().startswith("json"):
            body = body[4:]
    if not body:
        return None, "the reply was empty"
    try:
        data = json.loads(body)
    except json.JSONDecodeError as e:
        return None, f"the reply is not valid JSON ({e.msg} at character {e.pos})"
    if not isinstance(data, dict):
        return None, "the reply is JSON but not an object"
    return data, None


def rough_tokens(text: str) -> int:
    """About four characters a token: for estimates and providers that report nothing."""
    return max(1, (len(text) + 3) // 4)
