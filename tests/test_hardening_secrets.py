"""A planted API key never reaches logs, errors, caches, manifests or outputs, --verbose included."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests import llm_replies as R
from tests.conftest import EXAMPLES
from tests.loopback import LoopbackServer, Reply, Seen

KEY = "sk-planted-hardening-key-5e4d3c2b1a09"
SENTIMENT = EXAMPLES / "sentiment.yaml"
MODEL = ("--provider", "openai", "--model", "loopback-model")


def faithful(seen: Seen) -> Reply:
    return LoopbackServer.tool(seen.tool, R.FAITHFUL[seen.tool])


@pytest.fixture
def server(monkeypatch, tmp_path, clean_logging):
    srv = LoopbackServer(faithful).start()
    monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("RISKBRIEF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("RISKBRIEF_MAX_ATTEMPTS", "2")
    monkeypatch.chdir(tmp_path)
    yield srv
    srv.stop()


def assert_no_secret(tmp_path: Path, texts: list[str]) -> int:
    for text in texts:
        assert KEY not in text and "Bearer" not in text, text
    scanned = 0
    for path in tmp_path.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert KEY.encode() not in data and b"Bearer" not in data, path
            scanned += 1
    return scanned


def test_model_runs_keep_the_key_out_of_every_artifact(server, cli, tmp_path):
    texts: list[str] = []
    r = cli("-v", "generate", SENTIMENT, "-a", "executive", "-f", "md,html,json", "--out", tmp_path / "gen", *MODEL)
    assert r.exit_code == 0, r.stderr
    texts += [r.stdout, r.stderr]
    assert "HTTP Request: POST" in r.stderr  # --verbose logged each request
    r = cli("-v", "generate", SENTIMENT, "-a", "executive", "-f", "md", "--out", tmp_path / "gen2", *MODEL)
    assert r.exit_code == 0 and "cache hit" in r.stderr
    texts += [r.stdout, r.stderr]
    r = cli("-v", "batch", SENTIMENT, "-a", "executive,legal", "--out", tmp_path / "batch", "--report", "html",
            "--no-cache", *MODEL)
    assert r.exit_code == 0, r.stderr
    texts += [r.stdout, r.stderr]
    # Failing runs: a rejected key (401) and a server error (500) whose bodies echo the key.
    server.enqueue(LoopbackServer.error(401, message=f"Incorrect API key provided: {KEY}"))
    r = cli("-v", "generate", SENTIMENT, "-a", "executive", "--out", tmp_path / "fail", "--no-cache", *MODEL)
    assert r.exit_code == 2 and "401" in r.stderr
    texts += [r.stdout, r.stderr]
    server.enqueue(*[LoopbackServer.error(500, message=f"upstream saw Authorization: Bearer {KEY}")] * 2)
    r = cli("-v", "batch", SENTIMENT, "-a", "executive", "--out", tmp_path / "fail-batch", "--no-cache", *MODEL)
    assert r.exit_code == 2 and "500" in r.output
    texts += [r.stdout, r.stderr]
    assert all(s.headers.get("authorization") == f"Bearer {KEY}" for s in server.requests)  # it was sent
    scanned = assert_no_secret(tmp_path, texts)
    assert scanned >= 10  # briefs, manifests, summaries, index.html, cache files


def test_key_in_project_settings_is_refused_without_echoing_it(server, cli, tmp_path):
    (tmp_path / "riskbrief.toml").write_text(f'api_key = "{KEY}"\n', encoding="utf-8")
    r = cli("generate", SENTIMENT, "-a", "executive", "--out", tmp_path / "out", *MODEL)
    assert r.exit_code == 2 and "OPENAI_API_KEY" in r.stderr
    assert KEY not in r.stderr + r.stdout
    assert not (tmp_path / "out").exists()


def test_redacting_filter_covers_library_loggers(monkeypatch, capsys, clean_logging):
    from engine.logs import setup_logging

    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    setup_logging(verbose=True)
    logging.getLogger("httpx").info("headers: %s", {"authorization": f"Bearer {KEY}", "x-api-key": "abc123"})
    logging.getLogger("riskbrief.chain").warning("key was %s", KEY)
    logging.getLogger("openai").warning("Authorization: Basic dXNlcjpwYXNz")
    try:
        raise RuntimeError(f"failed with api_key={KEY}")
    except RuntimeError:
        logging.getLogger("riskbrief").exception("request failed")
    err = capsys.readouterr().err
    assert err.count("[redacted]") >= 5, err
    assert KEY not in err and "abc123" not in err and "dXNlcjpwYXNz" not in err
    assert "request failed" in err and "RuntimeError" in err  # the traceback is kept, minus the key


def test_a_crash_traceback_is_redacted(monkeypatch, capsys):
    import engine.cli as entry

    def crash(*args, **kwargs):
        raise RuntimeError(f"client built with api_key={KEY} and Authorization: Bearer {KEY}")

    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setattr(entry.cli, "main", crash)
    with pytest.raises(SystemExit) as exit_info:
        entry.main()
    err = capsys.readouterr().err
    assert exit_info.value.code == 1 and "Traceback" in err and "RuntimeError" in err
    assert KEY not in err and "[redacted]" in err
