"""Batches over a model provider: scripted (fake) and over a loopback OpenAI-compatible server."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from engine.options import GenerateOptions
from engine.providers.base import tool_name
from engine.providers.fake import reset_shared
from tests.conftest import EXAMPLES
from tests.llm_replies import FAITHFUL, UNFAITHFUL
from tests.loopback import InFlight, LoopbackServer, Seen


def sentiment_copies(directory: Path, count: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    text = (EXAMPLES / "sentiment.yaml").read_text(encoding="utf-8")
    for i in range(count):
        (directory / f"s{i}.yaml").write_text(
            text.replace("name: Sentiment classifier", f"name: Sentiment classifier {i}"), encoding="utf-8")
    return directory


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


@pytest.fixture
def faithful_fake():
    fake = reset_shared(lambda messages, schema: FAITHFUL[tool_name(schema)])
    yield fake
    reset_shared()


def test_model_briefs_are_counted_and_a_rerun_is_served_from_the_cache(tmp_path, cli, faithful_fake):
    inputs = sentiment_copies(tmp_path / "in", 2)
    r = cli("batch", inputs, "-a", "executive,legal", "--provider", "fake", "--out", tmp_path / "one")
    assert r.exit_code == 0, r.output
    first = summary(tmp_path / "one")
    sent = len(faithful_fake.history)
    assert first["generated"] == 4 and first["requests"] == sent > 0 and first["cached"] == 0
    assert first["tokens_in"] > 0 and first["tokens_out"] > 0
    # Same output directory: nothing to do at all.
    assert cli("batch", inputs, "-a", "executive,legal", "--provider", "fake", "--out", tmp_path / "one").exit_code == 0
    assert summary(tmp_path / "one")["skipped"] == 4
    # A fresh output directory: every brief is rebuilt from the response cache, no request is sent.
    r = cli("batch", inputs, "-a", "executive,legal", "--provider", "fake", "--out", tmp_path / "two")
    assert r.exit_code == 0
    second = summary(tmp_path / "two")
    assert (second["generated"], second["cached"], second["requests"]) == (4, 4, 0)
    assert len(faithful_fake.history) == sent
    # No price is known for the fake model, but nothing sent costs nothing.
    assert first["cost_usd"] is None and second["cost_usd"] == 0.0 and "$0.0000" in r.stdout
    # --no-cache really asks again.
    cli("batch", inputs, "-a", "executive", "--provider", "fake", "--no-cache", "--out", tmp_path / "three")
    assert summary(tmp_path / "three")["requests"] > 0 and len(faithful_fake.history) > sent


def test_unfaithful_model_output_fails_the_gate_with_exit_1(tmp_path, cli):
    reset_shared(lambda messages, schema: UNFAITHFUL[tool_name(schema)])
    try:
        inputs = sentiment_copies(tmp_path / "in", 1)
        r = cli("batch", inputs, "-a", "executive", "--provider", "fake", "--out", tmp_path / "o", "--report", "html")
        assert r.exit_code == 1
        assert "s0.executive:" in r.stderr and "fell back to the offline narrator" in r.stderr
        s = summary(tmp_path / "o")
        assert s["gate_failed"] == 1 and s["generated"] == 1
        assert 'class="fail"' in (tmp_path / "o" / "index.html").read_text(encoding="utf-8")
        # The same briefs, skipped on a re-run, still fail the gate: the exit status does not flip to 0.
        r = cli("batch", inputs, "-a", "executive", "--provider", "fake", "--out", tmp_path / "o")
        assert r.exit_code == 1 and summary(tmp_path / "o")["skipped"] == 1
        r = cli("batch", inputs, "-a", "executive", "--provider", "fake", "--allow-fallback", "--out", tmp_path / "p")
        assert r.exit_code == 0
    finally:
        reset_shared()


def test_provider_failures_are_recorded_and_retried_on_the_next_run(tmp_path, cli):
    reset_shared()  # no scripted replies: every request fails
    inputs = sentiment_copies(tmp_path / "in", 1)
    r = cli("batch", inputs, "-a", "legal", "--provider", "fake", "--out", tmp_path / "o")
    assert r.exit_code == 2
    assert "s0.legal: not produced: the fake provider has no scripted reply" in r.stderr
    assert summary(tmp_path / "o")["failed"] == 1
    reset_shared(lambda messages, schema: FAITHFUL[tool_name(schema)])
    try:
        r = cli("batch", inputs, "-a", "legal", "--provider", "fake", "--out", tmp_path / "o")
        assert r.exit_code == 0 and summary(tmp_path / "o")["generated"] == 1
    finally:
        reset_shared()


def test_loopback_openai_server_sees_bounded_concurrency_and_no_key_leaks(tmp_path, cli, monkeypatch):
    inflight = InFlight()

    def respond(seen: Seen):
        with inflight:
            time.sleep(0.15)
        return LoopbackServer.tool(seen.tool, FAITHFUL[seen.tool])

    secret = "sk-batch-test-secret-4242424242"
    inputs = sentiment_copies(tmp_path / "in", 6)
    with LoopbackServer(respond) as srv:
        monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
        monkeypatch.setenv("OPENAI_API_KEY", secret)
        out = tmp_path / "o"
        r = cli("batch", inputs, "-a", "executive", "-f", "md,json,html", "--provider", "openai",
                "--model", "loopback-model", "--concurrency", "3", "--rpm", "100000", "--out", out, "--report", "html")
        assert r.exit_code == 0, r.output
        s = summary(out)
        assert s["generated"] == 6 and s["requests"] == len(srv.requests) >= 12
        assert s["cost_usd"] is None  # no price known for this model
        assert 2 <= inflight.peak <= 3
        assert all(seen.headers.get("authorization") == f"Bearer {secret}" for seen in srv.requests)
    for p in out.rglob("*"):
        if p.is_file():
            assert secret not in p.read_text(encoding="utf-8", errors="replace"), p
    assert "unknown" in r.stdout


def test_an_unusable_provider_stops_the_run_before_any_work(tmp_path, cli):
    inputs = sentiment_copies(tmp_path / "in", 2)
    r = cli("batch", inputs, "--provider", "openai", "--out", tmp_path / "o")
    assert r.exit_code == 2
    assert "OPENAI_API_KEY is not set" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "o").exists()


def test_ctrl_c_during_a_model_batch_keeps_what_finished(tmp_path, faithful_fake, monkeypatch):
    import io
    import signal

    from rich.console import Console

    from engine.batch import BatchRequest, run_batch
    from engine.batch.progress import BatchProgress

    inputs = sentiment_copies(tmp_path / "in", 4)
    req = BatchRequest(paths=[str(inputs)], audiences=["executive"], formats=["md"], out_dir=str(tmp_path / "o"),
                       options=GenerateOptions(provider="fake", use_cache=False), concurrency=1)
    real_advance = BatchProgress.advance

    def ctrl_c_after_two(self, **kw):
        real_advance(self, **kw)
        if self._progress.tasks[0].completed == 2:
            signal.raise_signal(signal.SIGINT)  # what a terminal sends on Ctrl-C, in the main thread

    monkeypatch.setattr(BatchProgress, "advance", ctrl_c_after_two)
    with pytest.raises(KeyboardInterrupt):
        run_batch(req, console=Console(file=io.StringIO()), progress=False)
    monkeypatch.setattr(BatchProgress, "advance", real_advance)
    from engine.batch.manifest import load_records

    finished = len(load_records(tmp_path / "o"))
    asked = len(faithful_fake.history)
    per_brief = asked / finished
    outcome = run_batch(req, console=Console(file=io.StringIO()), progress=False)
    s = outcome.summary
    assert s.skipped == finished >= 2 and s.skipped + s.generated == 4 and s.failed == 0
    # Only the unfinished briefs went to the model again (no cache: each costs its requests).
    assert len(faithful_fake.history) - asked == s.requests == s.generated * per_brief


def test_model_work_is_shared_between_processes():
    from engine.batch.model_pool import shares

    assert shares(16, 2) == [8, 8] and shares(3, 2) == [2, 1] and shares(1, 4) == [1] and sum(shares(7, 3)) == 7


def test_a_worker_process_that_dies_leaves_its_briefs_failed_not_lost(tmp_path, cli, monkeypatch):
    import os

    from engine.batch import model_pool
    from engine.batch.pool import available_cores

    if available_cores() < 2:
        pytest.skip("one core: model briefs run in this process")
    monkeypatch.setattr(model_pool, "produce_item", lambda *a, **k: os._exit(3))  # in the forked workers
    with LoopbackServer(lambda seen: LoopbackServer.tool(seen.tool, FAITHFUL[seen.tool])) as srv:
        monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
        inputs = sentiment_copies(tmp_path / "in", 3)
        r = cli("batch", inputs, "-a", "executive", "--provider", "openai", "--concurrency", "2",
                "--out", tmp_path / "o")
    assert r.exit_code == 2
    assert r.stderr.count("the worker process stopped before this brief") == 3
    assert summary(tmp_path / "o")["failed"] == 3


def test_rate_limits_wrap_the_shared_provider(tmp_path, cli, faithful_fake, monkeypatch):
    from engine.batch import ratelimit

    seen = []
    real_acquire = ratelimit.RateLimiter.acquire

    def counting_acquire(self, tokens=0):
        seen.append(tokens)
        return real_acquire(self, tokens)

    monkeypatch.setattr(ratelimit.RateLimiter, "acquire", counting_acquire)
    inputs = sentiment_copies(tmp_path / "in", 2)
    r = cli("batch", inputs, "-a", "legal", "--provider", "fake", "--rpm", "60000", "--tpm", "10000000",
            "--out", tmp_path / "o")
    assert r.exit_code == 0, r.output
    # Every request passed the limiter once, with an estimate of its prompt's tokens.
    assert len(seen) == len(faithful_fake.history) == summary(tmp_path / "o")["requests"] > 0
    assert all(t > 0 for t in seen)
