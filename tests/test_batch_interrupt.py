"""Ctrl-C while model briefs wait on a tight --rpm budget: waiting briefs stop at once, requests in flight finish."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from rich.console import Console

from engine.batch import BatchRequest, run_batch
from engine.options import GenerateOptions
from tests.conftest import ROOT
from tests.llm_replies import FAITHFUL
from tests.loopback import LoopbackServer, Seen
from tests.test_batch_cli import summary
from tests.test_batch_model import faithful_fake, sentiment_copies  # noqa: F401  (a fixture)

HANG = 20  # seconds: far less than the minute an --rpm 1 budget would make the waiting briefs wait


def _items(out) -> list[dict]:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["items"]


def test_ctrl_c_stops_briefs_waiting_on_the_rate_budget_and_finishes_the_one_in_flight(tmp_path, cli, monkeypatch):
    inputs = sentiment_copies(tmp_path / "in", 3)
    mode = {"draft": "refuse"}
    in_flight = threading.Event()

    def respond(seen: Seen):
        if seen.tool != "write_brief":
            return LoopbackServer.tool(seen.tool, FAITHFUL[seen.tool])
        if mode["draft"] == "refuse":
            return LoopbackServer.error(400, message="no drafts today")
        in_flight.set()
        return LoopbackServer.slow(LoopbackServer.tool(seen.tool, FAITHFUL[seen.tool]), 1.0)

    with LoopbackServer(respond) as srv:
        monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-interrupt")
        args = ("batch", inputs, "-a", "executive", "-f", "md,json", "--provider", "openai",
                "--model", "loopback-model", "--concurrency", "2")
        # Every brief's plan goes into the response cache; no draft is written yet. So in the run
        # below each brief's one request is its last, whichever of them gets the budget's request.
        assert cli(*args, "--out", tmp_path / "warm").exit_code == 2
        mode["draft"] = "answer"
        before = len(srv.requests)

        out = tmp_path / "o"
        cmd = [sys.executable, "-c", "from engine.cli import main; main()", *map(str, args), "--rpm", "1",
               "--out", str(out)]
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            assert in_flight.wait(60), "no request reached the server"
            proc.send_signal(signal.SIGINT)
            interrupted = time.monotonic()
            try:
                stdout, stderr = proc.communicate(timeout=HANG)
            except subprocess.TimeoutExpired:
                pytest.fail(f"the batch was still running {HANG} s after Ctrl-C")
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        assert time.monotonic() - interrupted < HANG
        err = stderr.decode()
        assert proc.returncode == 130, err[-3000:]
        assert "interrupted" in err and "Traceback" not in err
        # One request went (the budget allows one a minute); the briefs waiting for it sent none.
        assert len(srv.requests) - before == 1
        finished = _items(out)
        assert [i["status"] for i in finished] == ["generated"]
        assert all((out / o).stat().st_size > 0 for o in finished[0]["outputs"])
        assert not list(out.glob("*.md"))[1:]
        stamp = (out / f"{finished[0]['key']}.md").stat().st_mtime_ns

        # Run again: the finished brief is kept, the two stopped ones are made, each with its one request.
        before = len(srv.requests)
        r = cli(*args, "--out", out)
        assert r.exit_code == 0, r.output + r.stderr
    s = summary(out)
    assert (s["skipped"], s["generated"], s["failed"]) == (1, 2, 0)
    assert len(srv.requests) - before == s["requests"] == 2
    assert (out / f"{finished[0]['key']}.md").stat().st_mtime_ns == stamp


def test_ctrl_c_in_process_stops_every_brief_waiting_for_the_budget(tmp_path, faithful_fake):
    inputs = sentiment_copies(tmp_path / "in", 3)
    out = tmp_path / "o"
    asked = threading.Event()
    real = faithful_fake.responder

    def respond(messages, schema):
        asked.set()
        return real(messages, schema)

    faithful_fake.responder = respond

    def ctrl_c() -> None:
        # Sent even when no request was asked for: the assertions below then fail at once, where
        # waiting for the minute-long budget would hang the run for minutes.
        if asked.wait(HANG):
            time.sleep(0.2)  # the brief that sent it now waits a minute for its second request
        os.kill(os.getpid(), signal.SIGINT)  # to the process, as a terminal's Ctrl-C is

    req = BatchRequest(paths=[str(inputs)], audiences=["executive"], formats=["md"], out_dir=str(out),
                       options=GenerateOptions(provider="fake", use_cache=False), concurrency=1, rpm=1)
    threading.Thread(target=ctrl_c, daemon=True).start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        run_batch(req, console=Console(file=io.StringIO()), progress=False)
    assert time.monotonic() - started < HANG
    assert len(faithful_fake.history) == 1 and _items(out) == []
    outcome = run_batch(BatchRequest(**{**req.__dict__, "rpm": None}), console=Console(file=io.StringIO()),
                        progress=False)
    assert (outcome.summary.generated, outcome.summary.failed) == (3, 0)
