"""One model request, done properly: cache, retry, validation and a bounded re-ask.

Every step of the chain asks the model through `ModelCaller.ask()`, which
1. looks the request up in the response cache (a hit makes no request),
2. sends it under the one retry policy (engine/retry.py), counting every
   attempt as a request,
3. validates the reply against the step's pydantic model plus any extra check
   (unknown references, typed numbers), and
4. when it does not validate, re-asks on a *copy* of the messages with the
   errors, at most `max_reasks` times; the caller's messages never change.
Only a reply that validated is cached.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from engine.cache import ResponseCache, cache_key
from engine.errors import ProviderError, RiskbriefError
from engine.providers.base import CallConfig, Completion, Message, Provider, json_schema, tool_name
from engine.retry import RetryPolicy, call_with_retry

log = logging.getLogger("riskbrief.chain")

M = TypeVar("M", bound=BaseModel)
Checker = Callable[[BaseModel], list[str]]


@dataclass
class Usage:
    requests: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cache_hits: int = 0
    reasks: int = 0
    steps: list[str] = field(default_factory=list)


@dataclass
class Answer(Generic[M]):
    value: M
    problems: list[str]  # extra-check problems left after the last re-ask (empty when clean)
    cached: bool


class StepFailed(RiskbriefError):
    """A step got no usable reply after its re-asks; `detail` says why, without the advice."""

    def __init__(self, message: str, *, detail: str | None = None):
        super().__init__(message)
        self.detail = detail or message


@lru_cache(maxsize=32)
def schema_key(schema: type[BaseModel]) -> str:
    """The output schema's part of the cache key (its name and JSON Schema), built once per model."""
    return f"{tool_name(schema)}:{json_schema(schema)}"


def validation_messages(e: ValidationError, limit: int = 8) -> list[str]:
    out = []
    for err in e.errors()[:limit]:
        loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
        out.append(f"{loc}: {err['msg']}")
    return out


def send(
    provider: Provider,
    messages: list[Message],
    schema: type[BaseModel],
    config: CallConfig,
    policy: RetryPolicy,
    *,
    on_attempt: Callable[[], None] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> Completion:
    """One request under the retry policy; an SDK failure retries cannot fix becomes one ProviderError line."""
    attempts = 0

    def once() -> Completion:
        nonlocal attempts
        attempts += 1
        if on_attempt is not None:
            on_attempt()
        return provider.generate(messages, schema, config)

    def on_retry(exc: BaseException, wait: float) -> None:
        log.info("retrying %s after %s (waiting %.1fs)", tool_name(schema), type(exc).__name__, wait)

    kwargs = {"sleep": sleep} if sleep is not None else {}
    try:
        return call_with_retry(once, policy, on_retry=on_retry, **kwargs)
    except RiskbriefError:
        raise
    except Exception as e:  # an SDK error that retries could not fix
        describe = getattr(provider, "describe_error", None)
        err = describe(e, attempts) if describe else None
        if err is not None:
            raise err from None
        raise ProviderError(
            f"provider '{provider.name}' failed after {attempts} attempt(s): {type(e).__name__}; "
            "check the server and retry"
        ) from None


class ModelCaller:
    def __init__(
        self,
        provider: Provider,
        config: CallConfig,
        *,
        cache: ResponseCache | None,
        prompt_hash: str,
        input_hash: str,
        retry_policy: RetryPolicy | None = None,
        max_reasks: int = 2,
        sleep: Callable[[float], None] | None = None,
    ):
        self.provider = provider
        self.config = config
        self.cache = cache
        self.prompt_hash = prompt_hash
        self.input_hash = input_hash
        self.retry_policy = retry_policy or RetryPolicy()
        self.max_reasks = max_reasks
        self.sleep = sleep
        self.usage = Usage()

    def _send(self, messages: list[Message], schema: type[BaseModel]) -> Completion:
        def counted() -> None:
            self.usage.requests += 1

        return send(self.provider, messages, schema, self.config, self.retry_policy, on_attempt=counted, sleep=self.sleep)

    def ask(self, step: str, messages: list[Message], schema: type[M], check: Checker | None = None) -> Answer[M]:
        self.usage.steps.append(step)
        key = cache_key(
            provider=getattr(self.provider, "cache_identity", self.provider.name),
            model=self.config.model,
            params=self.config.output_params(),
            schema=schema_key(schema),
            prompt_hash=self.prompt_hash,
            input_hash=self.input_hash,
            messages=messages,
        )
        if self.cache is not None:
            hit = self.cache.get(key)
            if hit is not None:
                try:
                    value = schema.model_validate(hit["data"])
                except (ValidationError, KeyError):
                    value = None
                if value is not None:
                    log.info("cache hit for %s (%s)", tool_name(schema), key[:12])
                    self.usage.cache_hits += 1
                    return Answer(value, list(hit.get("problems") or []), True)
        convo = [dict(m) for m in messages]  # re-asks extend a copy, never the caller's list
        last_problems: list[str] = []
        best: tuple[M, list[str]] | None = None
        for round_ in range(self.max_reasks + 1):
            if round_:
                self.usage.reasks += 1
            reply = self._send(convo, schema)
            self.usage.tokens_in += reply.tokens_in
            self.usage.tokens_out += reply.tokens_out
            problems: list[str]
            value: M | None = None
            if reply.data is None:
                problems = [reply.error or "the reply held no data"]
            else:
                try:
                    value = schema.model_validate(reply.data)
                    problems = check(value) if check else []
                except ValidationError as e:
                    problems = validation_messages(e)
            if value is not None and not problems:
                self._store(key, value, [])
                return Answer(value, [], False)
            if value is not None:
                best = (value, problems)
            last_problems = problems
            convo = convo + [
                {"role": "assistant", "content": (reply.text or "")[:6000]},
                {
                    "role": "user",
                    "content": (
                        "That reply cannot be used:\n- " + "\n- ".join(problems[:12])
                        + f"\nCall {tool_name(schema)} again with the whole corrected answer."
                    ),
                },
            ]
        if best is not None:
            # schema-valid, with problems the next step deals with (repair or drop)
            self._store(key, best[0], best[1])
            return Answer(best[0], best[1], False)
        detail = (f"the model gave no valid {tool_name(schema)} reply after {self.max_reasks + 1} tries "
                  f"({'; '.join(last_problems[:3])})")
        raise StepFailed(f"{detail}; try another --model or --provider offline", detail=detail)

    def _store(self, key: str, value: BaseModel, problems: list[str]) -> None:
        if self.cache is not None:
            self.cache.set(key, {"data": value.model_dump(mode="json"), "problems": problems})
