"""A loopback OpenAI-compatible server for fault tests.

It speaks just enough of POST /v1/chat/completions for the real OpenAI SDK
(through langchain-openai) to talk to it: replies come from a queue, then from
a `responder(body)` callable. Every request is recorded (path, headers, JSON
body), so tests count requests at the server.

    with LoopbackServer() as srv:
        srv.enqueue(srv.error(429, {"retry-after-ms": "5"}), srv.tool("write_brief", {...}))
        ... OPENAI_BASE_URL=srv.url ...
        assert len(srv.requests) == 2
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def tool(self) -> str | None:
        choice = self.body.get("tool_choice")
        if isinstance(choice, dict):
            return (choice.get("function") or {}).get("name")
        return None

    @property
    def text(self) -> str:
        return "\n".join(str(m.get("content") or "") for m in self.body.get("messages", []))


def completion(message: dict[str, Any], *, model: str = "loopback-model", finish: str = "stop",
               tokens: tuple[int, int] = (120, 40)) -> dict[str, Any]:
    return {
        "id": "chatcmpl-loopback",
        "object": "chat.completion",
        "created": 1764000000,
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {"prompt_tokens": tokens[0], "completion_tokens": tokens[1], "total_tokens": sum(tokens)},
    }


class InFlight:
    """How many calls are in progress at once, and the most there ever were: `with inflight: ...`."""

    def __init__(self) -> None:
        self.now = self.peak = 0
        self._lock = threading.Lock()

    def __enter__(self) -> "InFlight":
        with self._lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self.now -= 1


class LoopbackServer:
    def __init__(self, responder: Callable[[Seen], Reply] | None = None):
        self.queue: deque[Reply] = deque()
        self.requests: list[Seen] = []
        self.responder = responder
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # otherwise ~44 ms a request

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length) if length else b""
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    body = {"_raw": raw.decode("utf-8", "replace")}
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                reply = server._next(seen)
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(reply.body)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False  # a handler still sleeping (timeout fault) must not hold up stop()
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    # -- replies -----------------------------------------------------------------
    @staticmethod
    def tool(name: str, args: dict[str, Any] | str, **kw: Any) -> Reply:
        arguments = args if isinstance(args, str) else json.dumps(args)
        message = {
            "role": "assistant",
            "content": None,
            "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": name, "arguments": arguments}}],
        }
        return Reply(body=json.dumps(completion(message, finish="tool_calls", **kw)).encode())

    @staticmethod
    def content(text: str, **kw: Any) -> Reply:
        return Reply(body=json.dumps(completion({"role": "assistant", "content": text}, **kw)).encode())

    @staticmethod
    def error(status: int, headers: dict[str, str] | None = None, message: str = "injected fault") -> Reply:
        body = {"error": {"message": message, "type": "server_error", "code": None}}
        return Reply(status=status, body=json.dumps(body).encode(), headers=headers or {})

    @staticmethod
    def slow(reply: Reply, seconds: float) -> Reply:
        return Reply(reply.status, reply.body, reply.headers, seconds)

    def enqueue(self, *replies: Reply) -> "LoopbackServer":
        with self._lock:
            self.queue.extend(replies)
        return self

    def _next(self, seen: Seen) -> Reply:
        with self._lock:
            self.requests.append(seen)
            if self.queue:
                return self.queue.popleft()
        if self.responder is not None:
            return self.responder(seen)
        return self.error(500, message="loopback server: no reply queued")

    # -- lifecycle ---------------------------------------------------------------
    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> "LoopbackServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> "LoopbackServer":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def serve_cli(monkeypatch: Any, srv: LoopbackServer, *, key: str, cache_dir: Any) -> LoopbackServer:
    """Point riskbrief's openai provider at `srv` (started here) with `key` and its own response cache."""
    srv.start()
    monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
    monkeypatch.setenv("OPENAI_API_KEY", key)
    monkeypatch.setenv("RISKBRIEF_CACHE_DIR", str(cache_dir))
    return srv
