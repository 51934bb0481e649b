"""The one retry policy for model calls.

Retries rate limits (429), server errors (5xx), timeouts and dropped
connections with exponential backoff and jitter, honouring the server's
`Retry-After` / `retry-after-ms` headers, within a bounded number of attempts
and a bounded total time. Providers turn their SDK's own retries off
(`max_retries=0`) so attempts do not multiply.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

T = TypeVar("T")

RETRYABLE_STATUS = frozenset({408, 409, 429, 500, 502, 503, 504, 520, 522, 524, 529})


class TransientError(Exception):
    """A failure worth retrying (raised by providers that have no SDK of their own)."""

    def __init__(self, message: str, *, status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    max_time_s: float = 120.0
    initial_wait_s: float = 1.0
    max_wait_s: float = 30.0
    jitter_s: float = 1.0
    # a server may ask for a longer pause than our own backoff would take
    max_retry_after_s: float = 60.0


def policy_for(settings: Any) -> RetryPolicy:
    """The policy a run's settings ask for: RISKBRIEF_MAX_ATTEMPTS within the total time budget."""
    return RetryPolicy(max_attempts=settings.max_attempts, max_time_s=settings.max_retry_time_s)


def status_of(exc: BaseException) -> int | None:
    status = getattr(exc, "status_code", None) or getattr(exc, "status", None)
    if isinstance(status, int):
        return status
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None


def is_retryable(exc: BaseException) -> bool:
    """429, 5xx, timeouts and connection errors; never auth, bad request or not found."""
    if isinstance(exc, TransientError):
        return True
    status = status_of(exc)
    if status is not None:
        return status in RETRYABLE_STATUS or status >= 500
    try:
        import openai

        if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError)):
            return True
    except ImportError:  # pragma: no cover - openai is a dependency
        pass
    try:
        import httpx

        if isinstance(exc, (httpx.TimeoutException, httpx.TransportError)):
            return True
    except ImportError:  # pragma: no cover
        pass
    return isinstance(exc, (TimeoutError, ConnectionError))


def _headers(exc: BaseException) -> Any:
    response = getattr(exc, "response", None)
    return getattr(response, "headers", None) or {}


def retry_after_seconds(exc: BaseException, *, now: float | None = None) -> float | None:
    """The pause the server asked for, in seconds, or None."""
    explicit = getattr(exc, "retry_after", None)
    if isinstance(explicit, (int, float)):
        return max(0.0, float(explicit))
    headers = _headers(exc)
    ms = headers.get("retry-after-ms") if hasattr(headers, "get") else None
    if ms:
        try:
            return max(0.0, float(ms) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after") if hasattr(headers, "get") else None
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class _Wait:
    """Server-requested pause when given (capped), else exponential backoff with jitter."""

    def __init__(self, policy: RetryPolicy):
        self.policy = policy
        self.backoff = wait_exponential_jitter(
            initial=policy.initial_wait_s, max=policy.max_wait_s, jitter=policy.jitter_s
        )

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after_seconds(exc) if exc is not None else None
        wait = min(asked, self.policy.max_retry_after_s) if asked is not None else self.backoff(state)
        # never sleep past the total time budget
        remaining = self.policy.max_time_s - (state.seconds_since_start or 0.0)
        return max(0.0, min(wait, remaining))


def call_with_retry(
    fn: Callable[[], T],
    policy: RetryPolicy | None = None,
    *,
    should_retry: Callable[[BaseException], bool] = is_retryable,
    sleep: Callable[[float], None] = time.sleep,
    on_retry: Callable[[BaseException, float], None] | None = None,
) -> T:
    """Call fn under the policy; the last exception propagates when retries run out."""
    policy = policy or RetryPolicy()

    def before_sleep(state: RetryCallState) -> None:
        if on_retry and state.outcome is not None and state.next_action is not None:
            on_retry(state.outcome.exception(), state.next_action.sleep)

    retrying = Retrying(
        sleep=sleep,
        stop=stop_after_attempt(max(1, policy.max_attempts)) | stop_after_delay(policy.max_time_s),
        wait=_Wait(policy),
        retry=retry_if_exception(should_retry),
        before_sleep=before_sleep,
        reraise=True,
    )
    return retrying(fn)
