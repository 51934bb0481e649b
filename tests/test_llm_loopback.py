"""`riskbrief generate --provider openai` against a loopback OpenAI-compatible server.

The real OpenAI SDK (through langchain-openai) talks HTTP to tests/loopback.py;
faults are injected there and requests are counted there.
"""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from tests import llm_replies as R
from tests.conftest import EXAMPLES, ROOT
from tests.loopback import LoopbackServer, Reply, Seen

KEY = "sk-loopback-test-key-9f8e7d6c5b4a"
SENTIMENT = EXAMPLES / "sentiment.yaml"


def answer(replies: dict):
    def respond(seen: Seen) -> Reply:
        return LoopbackServer.tool(seen.tool, replies[seen.tool])
    return respond


@pytest.fixture
def server(monkeypatch, tmp_path):
    srv = LoopbackServer(answer(R.FAITHFUL)).start()
    monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("RISKBRIEF_CACHE_DIR", str(tmp_path / "cache"))
    yield srv
    srv.stop()


def generate(cli, out: Path, *extra: str):
    return cli("generate", SENTIMENT, "--audience", "executive", "--format", "json,md", "--out", out,
               "--provider", "openai", "--model", "loopback-model", *extra)


def brief_json(out: Path) -> dict:
    return json.loads((out / "sentiment.executive.json").read_text())


def test_faithful_model_exit_0_two_requests(server, cli, tmp_path):
    r = generate(cli, tmp_path / "out")
    assert r.exit_code == 0, r.stderr
    assert [s.tool for s in server.requests] == ["plan_brief", "write_brief"]
    assert all(s.path == "/v1/chat/completions" for s in server.requests)
    data = brief_json(tmp_path / "out")
    prov = data["provenance"]
    assert (prov["provider"], prov["model"], prov["requests"], prov["fallback_sections"]) == ("openai", "loopback-model", 2, [])
    assert prov["tokens_in"] == 240 and prov["tokens_out"] == 80  # the usage the server reported
    assert prov["cost_usd"] is None  # no price for a loopback model
    assert {p["name"] for p in prov["prompts"]} == {"plan", "draft", "repair", "tradeoff"}
    assert data["eval"]["passed"] is True
    # the SDK's structured-output request: a forced tool call with the schema
    body = server.requests[1].body
    assert body["tool_choice"] == {"type": "function", "function": {"name": "write_brief"}}
    assert body["tools"][0]["function"]["parameters"]["required"] == ["headline", "headline_sources", "sections"]


def test_unfaithful_model_never_exits_0(server, cli, tmp_path):
    server.responder = answer(R.UNFAITHFUL)
    r = generate(cli, tmp_path / "out")
    assert r.exit_code == 1
    assert "fell back to the offline narrator" in r.stderr and "--allow-fallback" in r.stderr
    assert [s.tool for s in server.requests] == ["plan_brief", "write_brief", "revise_sections", "revise_sections"]
    data = brief_json(tmp_path / "out")
    assert data["provenance"]["fallback_sections"] and data["provenance"]["repair_rounds"] == 2
    text = (tmp_path / "out" / "sentiment.executive.md").read_text()
    for bad in ("99%", "95%", "Commissioner", "already done", "no limits"):
        assert bad not in text


def test_allow_fallback_accepts_a_faithful_mix(server, cli, tmp_path):
    server.responder = answer(R.UNFAITHFUL)
    r = generate(cli, tmp_path / "out", "--allow-fallback", "--max-repairs", "0")
    assert r.exit_code == 0, r.stderr
    assert len(server.requests) == 2
    data = brief_json(tmp_path / "out")
    assert data["eval"]["passed"] is True and data["provenance"]["fallback_sections"]
    text = (tmp_path / "out" / "sentiment.executive.md").read_text()
    for bad in ("99%", "95%", "Commissioner", "already done", "no limits"):
        assert bad not in text


@pytest.mark.parametrize("fault", [
    LoopbackServer.error(429, {"retry-after": "0"}),
    LoopbackServer.error(429, {"retry-after-ms": "5"}),
    LoopbackServer.error(500, {"retry-after-ms": "5"}),
    LoopbackServer.error(503, {"retry-after-ms": "5"}),
], ids=["429-retry-after", "429-retry-after-ms", "500", "503"])
def test_transient_faults_are_retried(server, cli, tmp_path, fault):
    server.enqueue(fault)
    r = generate(cli, tmp_path / "out")
    assert r.exit_code == 0, r.stderr
    assert [s.tool for s in server.requests] == ["plan_brief", "plan_brief", "write_brief"]
    assert brief_json(tmp_path / "out")["provenance"]["requests"] == 3


def test_timeout_is_retried(server, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("RISKBRIEF_TIMEOUT", "1")
    server.enqueue(LoopbackServer.slow(LoopbackServer.tool("plan_brief", R.PLAN), 4.0))
    r = generate(cli, tmp_path / "out")
    assert r.exit_code == 0, r.stderr
    assert [s.tool for s in server.requests] == ["plan_brief", "plan_brief", "write_brief"]


@pytest.mark.parametrize("bad", [
    LoopbackServer.tool("write_brief", '{"headline": "Ship the dash'),                 # truncated JSON
    LoopbackServer.tool("write_brief", {"headline": "Ship it.", "sections": "none"}),  # schema-invalid
    LoopbackServer.content("I think you should ship the dashboards."),                 # tool call missing
], ids=["truncated-json", "schema-invalid", "tool-call-missing"])
def test_broken_structured_output_is_re_asked(server, cli, tmp_path, bad):
    server.enqueue(LoopbackServer.tool("plan_brief", R.PLAN), bad)
    r = generate(cli, tmp_path / "out")
    assert r.exit_code == 0, r.stderr
    assert [s.tool for s in server.requests] == ["plan_brief", "write_brief", "write_brief"]
    reask = server.requests[2].body["messages"]
    assert reask[-1]["role"] == "user" and "cannot be used" in reask[-1]["content"]
    assert reask[:-2] == server.requests[1].body["messages"]  # the original conversation, extended on a copy
    assert brief_json(tmp_path / "out")["provenance"]["reasks"] == 1


def test_repeat_run_makes_zero_requests(server, cli, tmp_path):
    assert generate(cli, tmp_path / "one").exit_code == 0
    first = len(server.requests)
    assert first == 2
    r = generate(cli, tmp_path / "two")
    assert r.exit_code == 0
    assert len(server.requests) == first
    assert brief_json(tmp_path / "two")["provenance"]["cache_hits"] == 2
    r = generate(cli, tmp_path / "three", "--no-cache")
    assert len(server.requests) == 2 * first


def test_unreachable_server_is_one_line_exit_2(cli, tmp_path, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("RISKBRIEF_MAX_ATTEMPTS", "2")
    r = generate(cli, tmp_path / "out")
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach" in lines[0] and "OPENAI_BASE_URL" in lines[0]
    assert not (tmp_path / "out").exists()


def test_missing_key_is_one_line_exit_2(cli, tmp_path):
    r = generate(cli, tmp_path / "out")
    assert r.exit_code == 2
    assert r.stderr.strip() == (
        "riskbrief: OPENAI_API_KEY is not set; export it, or set OPENAI_BASE_URL to a local OpenAI-compatible "
        "server (e.g. http://localhost:11434/v1), or use --provider offline"
    )


def test_rejected_key_is_not_retried(server, cli, tmp_path):
    server.enqueue(LoopbackServer.error(401, message="invalid api key"))
    r = generate(cli, tmp_path / "out")
    assert r.exit_code == 2 and len(server.requests) == 1
    assert "rejected the API key (401)" in r.stderr and KEY not in r.stderr


def test_key_appears_nowhere_on_disk(server, cli, tmp_path):
    server.enqueue(LoopbackServer.error(429, {"retry-after-ms": "1"}))
    server.responder = answer(R.UNFAITHFUL)
    outputs = []
    for args in [(), ("--allow-fallback",)]:
        r = generate(cli, tmp_path / "out", *args)
        outputs += [r.stdout, r.stderr]
    assert all(s.headers.get("authorization") == f"Bearer {KEY}" for s in server.requests)  # it was sent
    scanned = 0
    for root in (tmp_path, ROOT / "tests" / "cassettes"):
        for path in Path(root).rglob("*"):
            if path.is_file():
                scanned += 1
                assert KEY.encode() not in path.read_bytes(), path
    assert scanned >= 5  # outputs, cache files, cassettes
    assert all(KEY not in o for o in outputs)


@pytest.mark.parametrize("method", ["json_schema", "json_mode"])
def test_response_format_methods_for_servers_without_tools(server, cli, tmp_path, monkeypatch, method):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "riskbrief.toml").write_text(f'structured_method = "{method}"\n')
    names = iter(["plan_brief", "write_brief"])
    replies = R.FAITHFUL

    def respond(seen: Seen) -> Reply:
        return LoopbackServer.content(json.dumps(replies[next(names)]))

    server.responder = respond
    r = generate(cli, tmp_path / "out")
    assert r.exit_code == 0, r.stderr
    assert len(server.requests) == 2
    fmt = server.requests[1].body["response_format"]
    assert "tools" not in server.requests[1].body
    last = server.requests[1].body["messages"][-1]
    assert last["role"] == "system" and "JSON Schema (write_brief)" in last["content"]
    if method == "json_schema":
        assert fmt["type"] == "json_schema" and fmt["json_schema"]["name"] == "write_brief"
    else:
        assert fmt == {"type": "json_object"}


def test_another_server_with_the_same_model_name_is_not_served_from_cache(server, cli, tmp_path, monkeypatch):
    assert generate(cli, tmp_path / "one").exit_code == 0
    with LoopbackServer(answer(R.FAITHFUL)) as other:
        monkeypatch.setenv("OPENAI_BASE_URL", other.url)
        assert generate(cli, tmp_path / "two").exit_code == 0
        assert len(other.requests) == 2
    assert len(server.requests) == 2


def test_server_without_tool_support_gets_a_hint(server, cli, tmp_path):
    server.enqueue(LoopbackServer.error(400, message="tool_choice is not supported"))
    r = generate(cli, tmp_path / "out")
    assert r.exit_code == 2 and len(server.requests) == 1
    assert "rejected the request (400)" in r.stderr and "RISKBRIEF_STRUCTURED_METHOD=json_schema" in r.stderr


def test_key_never_reaches_logs_even_at_debug(server, cli, tmp_path, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    server.enqueue(LoopbackServer.error(429, {"retry-after-ms": "1"}))
    r = generate(cli, tmp_path / "out")
    assert r.exit_code == 0
    assert len(caplog.records) > 10  # the SDK and HTTP stack did log at debug level
    assert KEY not in caplog.text and KEY[-12:] not in caplog.text


def test_dry_run_after_a_run_expects_no_requests(server, cli, tmp_path):
    r = generate(cli, tmp_path / "out", "--dry-run")
    assert r.exit_code == 0 and json.loads(r.stdout)["requests"] == 2 and not server.requests
    assert generate(cli, tmp_path / "out").exit_code == 0
    r = generate(cli, tmp_path / "out", "--dry-run")
    assert json.loads(r.stdout)["requests"] == 0
    assert len(server.requests) == 2
