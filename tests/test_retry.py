"""engine/retry.py: which failures are retried, how long it waits, when it gives up."""

from __future__ import annotations

import email.utils
import time

import httpx
import openai
import pytest

from engine.retry import RetryPolicy, TransientError, call_with_retry, is_retryable, retry_after_seconds


def api_error(status: int, headers: dict[str, str] | None = None) -> openai.APIStatusError:
    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx.Response(status, headers=headers or {}, request=request)
    cls = {429: openai.RateLimitError, 500: openai.InternalServerError, 400: openai.BadRequestError,
           401: openai.AuthenticationError, 503: openai.InternalServerError}[status]
    return cls("fault", response=response, body=None)


class Flaky:
    """Fails with the given exceptions, then returns 'ok'."""

    def __init__(self, *failures: BaseException):
        self.failures = list(failures)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return "ok"


@pytest.mark.parametrize("exc, expected", [
    (api_error(429), True),
    (api_error(500), True),
    (api_error(503), True),
    (api_error(400), False),
    (api_error(401), False),
    (openai.APITimeoutError(request=httpx.Request("POST", "http://x")), True),
    (openai.APIConnectionError(request=httpx.Request("POST", "http://x")), True),
    (httpx.ConnectError("refused"), True),
    (ValueError("bad json"), False),
])
def test_what_is_retried(exc, expected):
    assert is_retryable(exc) is expected


def test_retry_after_headers():
    assert retry_after_seconds(api_error(429, {"retry-after": "3"})) == 3.0
    assert retry_after_seconds(api_error(429, {"retry-after-ms": "250"})) == 0.25
    # retry-after-ms is the more precise of the two when both are sent
    assert retry_after_seconds(api_error(429, {"retry-after-ms": "1500", "retry-after": "2"})) == 1.5
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= retry_after_seconds(api_error(429, {"retry-after": when})) <= 31
    assert retry_after_seconds(api_error(429)) is None
    assert retry_after_seconds(TransientError("x", retry_after=4)) == 4.0


def test_honours_retry_after_then_succeeds():
    slept: list[float] = []
    fn = Flaky(api_error(429, {"retry-after": "7"}), api_error(429, {"retry-after-ms": "20"}))
    assert call_with_retry(fn, RetryPolicy(max_attempts=5), sleep=slept.append) == "ok"
    assert fn.calls == 3
    assert slept == [7.0, 0.02]


def test_exponential_backoff_with_jitter_without_header():
    slept: list[float] = []
    policy = RetryPolicy(max_attempts=5, initial_wait_s=1, max_wait_s=30, jitter_s=0.5)
    fn = Flaky(api_error(500), api_error(500), api_error(500))
    assert call_with_retry(fn, policy, sleep=slept.append) == "ok"
    assert len(slept) == 3
    for wait, base in zip(slept, (1, 2, 4)):
        assert base <= wait <= base + 0.5


def test_server_asked_pause_is_capped():
    slept: list[float] = []
    fn = Flaky(api_error(429, {"retry-after": "3600"}))
    call_with_retry(fn, RetryPolicy(max_retry_after_s=60), sleep=slept.append)
    assert slept == [60.0]


def test_attempts_are_bounded_and_last_error_propagates():
    fn = Flaky(*[api_error(503) for _ in range(10)])
    with pytest.raises(openai.InternalServerError):
        call_with_retry(fn, RetryPolicy(max_attempts=3), sleep=lambda s: None)
    assert fn.calls == 3


def test_not_retried_errors_fail_at_once():
    fn = Flaky(api_error(401))
    with pytest.raises(openai.AuthenticationError):
        call_with_retry(fn, RetryPolicy(max_attempts=5), sleep=lambda s: None)
    assert fn.calls == 1
