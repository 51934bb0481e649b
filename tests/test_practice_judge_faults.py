"""`practice score --judge` against a loopback server whose judge never replies usably.

The rubric's score is the score of record and needs no model, so a judge that
cannot be used degrades the run to the rubric alone: the score is printed, one
line says why the judge was left out, and the run exits 0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.starl import score_answer
from tests.loopback import LoopbackServer, Reply, serve_cli

KEY = "sk-practice-judge-key-5e6f7a8b9c0d"
ANSWER = Path(__file__).parent / "data" / "practice" / "strong-sentiment.txt"
VERDICT = {
    "score": 70,
    "parts": {k: {"present": True, "score": 70, "comment": ""} for k in "STARL"},
    "feedback": ["Open with the business consequence."],
}


@pytest.fixture
def server(monkeypatch, tmp_path):
    srv = serve_cli(monkeypatch, LoopbackServer(), key=KEY, cache_dir=tmp_path / "cache")
    monkeypatch.setenv("RISKBRIEF_MAX_ATTEMPTS", "2")
    yield srv
    srv.stop()


def judge(cli, *extra: str, answer: Path = ANSWER):
    return cli("practice", "score", answer, "--scenario", "sentiment-sarcasm", "--judge",
               "--provider", "openai", "--model", "loopback-model", *extra)


def always(reply: Reply):
    return lambda seen: reply


FAULTS = {
    "429": (always(LoopbackServer.error(429, {"retry-after-ms": "5"})), "429"),
    "500": (always(LoopbackServer.error(500, {"retry-after-ms": "5"})), "server error (500)"),
    "not-a-completion": (always(Reply(body=b"<html>bad gateway</html>")), "not a valid chat completion"),
    "schema-invalid": (lambda seen: LoopbackServer.tool(seen.tool, {"score": 500, "parts": {}}), "judge_star_l_answer"),
    "no-tool-call": (always(LoopbackServer.content("A solid answer, I'd say 80.")), "judge_star_l_answer"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_an_unusable_judge_leaves_the_rubric_score_and_exit_0(server, cli, fault):
    responder, reason = FAULTS[fault]
    server.responder = responder
    r = judge(cli, "--json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    rubric = score_answer(ANSWER.read_text(encoding="utf-8"), scenario="sentiment-sarcasm")
    assert data["score"] == rubric.score and data["parts"]["R"]["present"]
    assert data["judge"] is None
    assert len(data["notes"]) == 1 and "judge was unavailable" in data["notes"][0] and reason in data["notes"][0]
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "judge was unavailable" in lines[0] and reason in lines[0]
    assert "Traceback" not in r.stderr and KEY not in r.stderr + r.stdout
    assert len(server.requests) >= 2, "the judge was retried or re-asked before giving up"


def test_a_judge_that_times_out_is_left_out_after_the_retries(server, cli, monkeypatch):
    monkeypatch.setenv("RISKBRIEF_TIMEOUT", "1")
    server.responder = always(LoopbackServer.slow(LoopbackServer.tool("judge_star_l_answer", VERDICT), 3.0))
    r = judge(cli)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("Score: ") and "Judge's opinion" not in r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "judge was unavailable" in lines[0] and "did not answer in time" in lines[0]
    assert len(server.requests) == 2


def test_min_score_still_applies_to_the_rubric_score_without_a_judge(server, cli):
    server.responder = always(LoopbackServer.error(503, {"retry-after-ms": "5"}))
    weak = ANSWER.with_name("no-learning.txt")
    rubric = score_answer(weak.read_text(encoding="utf-8"), scenario="sentiment-sarcasm").score
    assert rubric < 100
    assert judge(cli, "--min-score", str(rubric), answer=weak).exit_code == 0
    assert judge(cli, "--min-score", str(rubric + 1), answer=weak).exit_code == 1


def test_a_judge_that_answers_is_still_attached(server, cli):
    server.responder = lambda seen: LoopbackServer.tool(seen.tool, VERDICT)
    r = judge(cli, "--json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["judge"]["score"] == 70 and data["notes"] == []
    assert r.stderr == "" and len(server.requests) == 1


def test_a_judge_that_cannot_be_set_up_is_still_a_usage_error(cli, monkeypatch):
    # No key and a remote endpoint: nothing was asked; the user must fix the setup.
    monkeypatch.setenv("OPENAI_BASE_URL", "https://api.example.invalid/v1")
    r = judge(cli)
    assert r.exit_code == 2 and "OPENAI_API_KEY is not set" in r.stderr and r.stdout == ""
