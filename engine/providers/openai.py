"""Any OpenAI-compatible chat endpoint through langchain-openai's ChatOpenAI.

Works with OpenAI, Azure's OpenAI-compatible endpoint, vLLM, Ollama, llama.cpp
server and LM Studio via OPENAI_BASE_URL. Structured output is requested as a
forced tool call by default (`structured_method = "function_calling"`, the
most widely supported), or as `json_schema` / `json_mode` response formats.
The SDK's own retries are off: engine/retry.py is the one retry policy.
"""

from __future__ import annotations

import json
import os
import threading
from contextlib import contextmanager
from typing import Any, Iterator
from urllib.parse import urlparse

from pydantic import BaseModel

from engine.config import KEY_ENV, Settings
from engine.errors import ProviderError
from engine.retry import TransientError
from engine.providers.base import CallConfig, Completion, Message, json_schema, parse_json_text, tool_name

METHODS = ("function_calling", "json_schema", "json_mode")
DEFAULT_BASE_URL = "https://api.openai.com/v1"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "host.docker.internal"}


def cache_identity_for(base_url: str | None) -> str:
    """Two servers may serve different weights under one model name: the endpoint is part of the key."""
    return f"openai@{(base_url or DEFAULT_BASE_URL).rstrip('/')}"


class MalformedReply(TransientError):
    """A 200 reply whose body is not a chat completion: cut short by a proxy, or not JSON at all."""


@contextmanager
def _malformed_reply_is_transient() -> Iterator[None]:
    # The SDK and langchain raise plain Python errors on such a body (JSONDecodeError on a
    # truncated one, IndexError on no choices); a dropped body is worth another attempt.
    try:
        yield
    except json.JSONDecodeError as e:
        raise MalformedReply(f"the body is not complete JSON: {e.msg}") from None
    except (IndexError, KeyError, TypeError) as e:
        raise MalformedReply(f"the body lacks the completion's fields ({type(e).__name__})") from None


def check_base_url(base_url: str | None) -> None:
    """A base URL the HTTP client can use: http(s), with a host (ProviderError saying how to fix it)."""
    if not base_url:
        return
    from engine.logs import redact

    try:
        parsed = urlparse(base_url)
        parsed.port  # noqa: B018  (raises ValueError on a port that is not a number)
        ok = parsed.scheme in ("http", "https") and bool(parsed.hostname)
    except ValueError:  # a malformed IPv6 host or port
        ok = False
    if not ok:
        raise ProviderError(
            f"OPENAI_BASE_URL {redact(base_url)!r} is not an http(s) URL with a host; "
            "set it like http://localhost:11434/v1 or https://api.openai.com/v1"
        )


def is_local(base_url: str | None) -> bool:
    if not base_url:
        return False
    host = (urlparse(base_url).hostname or "").lower()
    return host in LOCAL_HOSTS or host.endswith(".local") or host.startswith("127.")


class OpenAIProvider:
    name = "openai"
    needs_model = True

    def __init__(self, settings: Settings):
        from engine.logs import ensure_logging

        ensure_logging()  # whatever the SDK or HTTP client logs from here on is redacted
        self.base_url = settings.base_url or None
        check_base_url(self.base_url)
        if not settings.api_key and not is_local(self.base_url):
            raise ProviderError(
                f"{KEY_ENV} is not set; export it, or set OPENAI_BASE_URL to a local OpenAI-compatible "
                "server (e.g. http://localhost:11434/v1), or use --provider offline"
            )
        if settings.structured_method not in METHODS:
            raise ProviderError(
                f"structured_method '{settings.structured_method}' is unknown; use one of {', '.join(METHODS)}"
            )
        self._key = settings.api_key or "not-needed"  # local servers accept any key
        self.method = settings.structured_method
        self.timeout_s = settings.timeout_s
        self.organization = settings.organization
        self._clients: dict[tuple, Any] = {}
        self._lock = threading.Lock()  # batch runs share one provider across worker threads
        self._async_clients: dict[tuple, tuple[Any, Any]] = {}  # per event loop: (loop, ChatOpenAI)
        # A client bound to a step's tool (or response format), built once per client and schema
        # rather than per request (binding converts the tool and builds a new runnable each time).
        self._bindings: dict[int, tuple[Any, dict[type[BaseModel], Any]]] = {}
        self.request_gate: threading.Semaphore | None = None  # limit_requests()
        self._tls: Any = None  # one TLS context for every HTTP client of this provider
        self._sent = False  # whether this process has sent a request (so its clients may hold connections)
        self._pid = os.getpid()

    @property
    def endpoint(self) -> str:
        return self.base_url or DEFAULT_BASE_URL

    @property
    def cache_identity(self) -> str:
        return cache_identity_for(self.base_url)

    def _client(self, config: CallConfig) -> Any:
        key = (config.model, config.temperature, config.max_tokens, config.timeout_s)
        with self._lock:
            self._forget_inherited()
            if key not in self._clients:
                # A client of this provider's own, never the SDK's process-wide one: a batch forks
                # worker processes, and two processes reading one pooled connection mix replies.
                self._clients[key] = self._new_client(config)
            return self._clients[key]

    def _forget_inherited(self) -> None:
        """Drop clients built before a fork: their open connections belong to the parent.

        Clients that never sent anything hold no connection, so a worker process
        keeps the ones the parent prepared (and their bound tools) rather than
        building its own before its first request.
        """
        if self._pid != os.getpid():
            if self._sent:
                self._clients.clear()
                self._bindings.clear()
            for _, llm in self._async_clients.values():  # tied to the parent's event loops
                self._bindings.pop(id(llm), None)
            self._async_clients.clear()
            self._sent = False
            self._pid = os.getpid()

    def limit_requests(self, slots: int | None) -> None:
        """At most `slots` requests of this process on the wire at once (None: no bound).

        A batch's --concurrency. The slot is held only while a request is out
        (engine/providers/gated_http.py), not while the SDK builds or parses it.
        """
        self.request_gate = threading.BoundedSemaphore(slots) if slots else None

    def _tls_context(self) -> Any:
        """httpx's default verification (certifi, or SSL_CERT_FILE / SSL_CERT_DIR), built once."""
        if self._tls is None:
            import httpx

            self._tls = httpx.create_ssl_context()
        return self._tls

    def _new_client(self, config: CallConfig, *, loop_client: Any = None) -> Any:
        """A ChatOpenAI with HTTP clients of its own: a blocking one, and `loop_client` (or one never used).

        Given both, ChatOpenAI builds no default client of its own (about 0.15 s, most of
        it imports); both share this provider's one TLS context (loading the trust
        store costs about 25 ms per client).
        """
        import httpx
        from langchain_openai import ChatOpenAI

        from engine.providers.gated_http import GatedTransport

        tls = self._tls_context()
        sending = GatedTransport(httpx.HTTPTransport(verify=tls), self)  # see limit_requests()
        extra = dict(http_client=httpx.Client(timeout=config.timeout_s, verify=tls, transport=sending),
                     http_async_client=loop_client or httpx.AsyncClient(timeout=config.timeout_s, verify=tls))

        kwargs: dict[str, Any] = dict(
            model=config.model,
            api_key=self._key,
            base_url=self.base_url,
            temperature=config.temperature,
            max_retries=0,  # engine/retry.py retries; never both
            timeout=config.timeout_s,
            use_responses_api=False,
        )
        if config.max_tokens:
            kwargs["max_tokens"] = config.max_tokens
        if self.organization:
            kwargs["organization"] = self.organization
        return ChatOpenAI(**kwargs, **extra)

    def prepare(self, config: CallConfig, schemas: tuple[type[BaseModel], ...] = ()) -> None:
        """Build the client `config` needs now, bound to each of `schemas`: its first build imports much of the SDK.

        Nothing is sent, so no connection is open: a process forked afterwards
        inherits the client and opens its own connections.
        """
        llm = self._client(config)
        for schema in schemas:
            self._bind(llm, schema)

    def _bound(self, config: CallConfig, schema: type[BaseModel]) -> Any:
        return self._bind(self._client(config), schema)

    def _bind(self, llm: Any, schema: type[BaseModel]) -> Any:
        owner, bound = self._bindings.get(id(llm), (None, {}))
        if owner is not llm:  # a client built since (a closed loop's id reused): start afresh
            bound = {}
            with self._lock:
                self._bindings[id(llm)] = (llm, bound)
        runnable = bound.get(schema)
        if runnable is None:
            runnable = bound[schema] = self._new_binding(llm, schema)
        return runnable

    def _new_binding(self, llm: Any, schema: type[BaseModel]) -> Any:
        name = tool_name(schema)
        if self.method == "function_calling":
            tool = {
                "type": "function",
                "function": {
                    "name": name,
                    "description": (schema.__doc__ or name).strip().splitlines()[0],
                    "parameters": json_schema(schema),
                },
            }
            return llm.bind_tools([tool], tool_choice=name)
        if self.method == "json_schema":
            fmt = {"type": "json_schema", "json_schema": {"name": name, "schema": json_schema(schema)}}
            return llm.bind(response_format=fmt)
        return llm.bind(response_format={"type": "json_object"})

    def _lc_messages(self, messages: list[Message], schema: type[BaseModel]) -> list[Any]:
        from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

        kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
        out = [kinds[m["role"]](content=m["content"]) for m in messages]
        if self.method != "function_calling":
            # without a tool, the shape must be said in words (json_mode cannot carry a schema)
            out.append(SystemMessage(content=(
                f"Reply with only one JSON object, no prose, matching this JSON Schema ({tool_name(schema)}):\n"
                + json.dumps(json_schema(schema))
            )))
        return out

    def generate(self, messages: list[Message], schema: type[BaseModel], config: CallConfig) -> Completion:
        bound = self._bound(config, schema)
        self._sent = True
        with _malformed_reply_is_transient():
            reply = bound.invoke(self._lc_messages(messages, schema))
        return self._completion(reply, schema)

    async def agenerate(self, messages: list[Message], schema: type[BaseModel], config: CallConfig) -> Completion:
        """The same request from async code: one HTTP client per event loop.

        Pooled async connections belong to the loop that opened them, so a client
        shared across `asyncio.run()` calls fails with "Event loop is closed".
        """
        import asyncio

        import httpx

        loop = asyncio.get_running_loop()
        key = (id(loop), config.model, config.temperature, config.max_tokens, config.timeout_s)
        with self._lock:
            self._forget_inherited()
            # forget clients of loops that have closed
            for k in [k for k, (lp, _) in self._async_clients.items() if lp.is_closed()]:
                self._bindings.pop(id(self._async_clients.pop(k)[1]), None)
            if key not in self._async_clients:
                http = httpx.AsyncClient(timeout=config.timeout_s, verify=self._tls_context())
                self._async_clients[key] = (loop, self._new_client(config, loop_client=http))
            llm = self._async_clients[key][1]
            self._sent = True
        with _malformed_reply_is_transient():
            reply = await self._bind(llm, schema).ainvoke(self._lc_messages(messages, schema))
        return self._completion(reply, schema)

    def _completion(self, reply: Any, schema: type[BaseModel]) -> Completion:
        usage = getattr(reply, "usage_metadata", None) or {}
        tokens = dict(tokens_in=int(usage.get("input_tokens") or 0), tokens_out=int(usage.get("output_tokens") or 0))
        content = reply.content if isinstance(reply.content, str) else json.dumps(reply.content)
        if self.method == "function_calling":
            name = tool_name(schema)
            calls = [c for c in (reply.tool_calls or []) if c.get("name") == name]
            if calls:
                args = calls[0].get("args") or {}
                return Completion(data=args, text=json.dumps(args), **tokens)
            bad = [c for c in (getattr(reply, "invalid_tool_calls", None) or []) if c.get("name") == name]
            if bad:
                raw = str(bad[0].get("args") or "")
                _, error = parse_json_text(raw)
                return Completion(data=None, text=raw, error=f"the {name} tool arguments are broken: {error}", **tokens)
            # Some servers answer in `content` despite the forced tool call.
            data, error = parse_json_text(content) if content.strip() else (None, None)
            if data is not None:
                return Completion(data=data, text=content, **tokens)
            return Completion(
                data=None, text=content, error=f"no call of the {name} tool came back; call it with the JSON", **tokens
            )
        data, error = parse_json_text(content)
        return Completion(data=data, text=content, error=error, **tokens)

    def describe_error(self, exc: BaseException, attempts: int) -> ProviderError | None:
        """A one-line ProviderError for an SDK failure, or None if it is not one."""
        import openai

        from engine.logs import redact

        where = redact(self.endpoint)  # the message reaches stderr, manifests and summaries
        status = getattr(exc, "status_code", None)
        if isinstance(exc, MalformedReply):
            return ProviderError(
                f"{where} sent a reply that is not a valid chat completion ({exc}) after {attempts} attempt(s); "
                "check that OPENAI_BASE_URL points at an OpenAI-compatible /v1 endpoint"
            )
        if isinstance(exc, openai.AuthenticationError):
            return ProviderError(f"{where} rejected the API key ({status}); set a valid {KEY_ENV}")
        if isinstance(exc, openai.PermissionDeniedError):
            return ProviderError(f"{where} refused access ({status}); check the key's permissions for this model")
        if isinstance(exc, openai.NotFoundError):
            return ProviderError(
                f"{where} does not serve this model or path ({status}); pass --model with a model it serves, "
                "and check OPENAI_BASE_URL ends in /v1"
            )
        if isinstance(exc, openai.RateLimitError):
            return ProviderError(
                f"{where} still rate-limits after {attempts} attempt(s) (429); wait and retry, or lower --concurrency"
            )
        if isinstance(exc, openai.APITimeoutError):
            return ProviderError(
                f"{where} did not answer in time after {attempts} attempt(s); retry later or raise RISKBRIEF_TIMEOUT"
            )
        if isinstance(exc, openai.APIConnectionError):
            return ProviderError(
                f"cannot reach {where} after {attempts} attempt(s); start the server or fix OPENAI_BASE_URL"
            )
        if isinstance(exc, openai.APIStatusError) and (status or 0) >= 500:
            return ProviderError(
                f"{where} server error ({status}) after {attempts} attempt(s); check the server's logs and retry"
            )
        if isinstance(exc, openai.APIStatusError):
            hint = (
                "; if it cannot do tool calls, set RISKBRIEF_STRUCTURED_METHOD=json_schema (or json_mode)"
                if self.method == "function_calling" else "; check --model and the server's logs"
            )
            return ProviderError(f"{where} rejected the request ({status}){hint}")
        return None


def create(settings: Settings) -> OpenAIProvider:
    try:
        import langchain_openai  # noqa: F401  (the SDK is imported here, only when this provider is used)
    except ImportError:
        raise ProviderError("the openai provider needs langchain-openai; install it with: pip install langchain-openai")
    return OpenAIProvider(settings)
