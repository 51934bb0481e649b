"""Logging to stderr, with API keys and Authorization headers redacted.

`riskbrief --verbose` logs model requests (httpx), retries and cache hits.
Whatever a library logs passes through the same handler, and every handler
on the root logger gets the redacting filter, so a key cannot reach stderr
or a log file by way of an SDK's debug message either.
"""

from __future__ import annotations

import logging
import os
import re
import sys

from engine.config import KEY_ENV

REDACTED = "[redacted]"

# Header values and well-known key shapes; the configured key itself is matched literally too.
_PATTERNS = (
    re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?)(?:bearer\s+|basic\s+)?[^\s'\",}]+"),
    re.compile(r"(?i)(bearer\s+)[^\s'\",}]+"),
    re.compile(r"(?i)((?:api[_-]?key|x-api-key)['\"]?\s*[:=]\s*['\"]?)[^\s'\",}]+"),
    re.compile(r"()\b(?:sk|rk|pk)-[A-Za-z0-9_\-]{12,}"),
    # credentials written into an endpoint URL: http://user:secret@host, http://token@host
    re.compile(r"(?i)(\b[a-z][a-z0-9+.\-]*://)[^/\s@?#]+@"),
    # and secrets in its query string: ?key=..., &token=..., ?sig=...
    re.compile(r"(?i)([?&](?:key|token|access_token|auth|secret|password|pass|sig|signature|code|"
               r"[a-z_\-]*(?:key|token|secret))=)[^&\s'\"#]+"),
)

# Loggers whose records --verbose shows: ours, plus the HTTP client's one line per request.
VERBOSE_LOGGERS = ("riskbrief", "httpx")


def redact(text: str) -> str:
    """Text with any API key or Authorization header value replaced by [redacted]."""
    key = os.environ.get(KEY_ENV, "")
    if len(key) >= 4 and key in text:
        text = text.replace(key, REDACTED)
    for pattern in _PATTERNS:
        text = pattern.sub(_redacted, text)
    return text


def _redacted(m: re.Match) -> str:
    # URL credentials keep their "@" so the host still reads as a host
    return m.group(1) + REDACTED + ("@" if m.group(0).endswith("@") else "")


class RedactingFilter(logging.Filter):
    """Rewrites each record's message, arguments included, with secrets redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: keep its raw text
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class _Handler(logging.StreamHandler):
    """riskbrief's stderr handler; writes to whatever sys.stderr is at the time (tests swap it)."""

    def __init__(self) -> None:
        super().__init__()

    @property  # type: ignore[override]
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def ensure_logging() -> None:
    """Quiet, redacted logging unless --verbose already set it up: called where keys are in play."""
    if not any(isinstance(h, _Handler) for h in logging.getLogger().handlers):
        setup_logging(verbose=False)


def setup_logging(verbose: bool = False) -> None:
    """Send log records to stderr (INFO and up with --verbose, warnings otherwise), redacted."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _Handler)]:
        root.removeHandler(handler)
    handler = _Handler()
    handler.setFormatter(logging.Formatter("riskbrief: %(name)s: %(message)s"))
    root.addHandler(handler)
    for h in root.handlers:
        if not any(isinstance(f, RedactingFilter) for f in h.filters):
            h.addFilter(RedactingFilter())
    level = logging.INFO if verbose else logging.WARNING
    handler.setLevel(level)
    if verbose:
        if root.level == logging.NOTSET or root.level > level:
            root.setLevel(level)
        for name in VERBOSE_LOGGERS:
            logging.getLogger(name).setLevel(level)
        # The SDK's own debug log prints whole request options; never needed here.
        logging.getLogger("openai").setLevel(logging.WARNING)
