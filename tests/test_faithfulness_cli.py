"""`riskbrief eval`: exit codes, the --json contract, the human report, bad input, the judge."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SENTIMENT = str(ROOT / "examples" / "sentiment.yaml")
HAND = ROOT / "tests" / "data" / "handwritten"


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, ["eval", *args], env=env, catch_exceptions=False)


def test_faithful_brief_exits_0_and_json_has_the_contract_keys():
    r = run("--findings", SENTIMENT, str(HAND / "sentiment__faithful__2.md"), "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert list(out)[:4] == ["score", "passed", "claims", "missing_caveats"]
    assert out["score"] == 1.0 and out["passed"] is True and out["missing_caveats"] == []
    assert out["claims"] and all({"text", "verdict", "error", "sources"} <= set(c) for c in out["claims"])
    assert all(c["verdict"] == "supported" and c["error"] is None for c in out["claims"])


def test_unfaithful_brief_exits_1_and_names_code_claim_and_evidence():
    r = run("--findings", SENTIMENT, str(HAND / "sentiment__number__1.md"))
    assert r.exit_code == 1
    assert "FAIL" in r.output
    assert "[number] contradicted:" in r.output and "62%" in r.output
    assert "findings: " in r.output and "65%" in r.output  # what the findings actually say


def test_missing_caveat_is_reported_and_fails():
    r = run("--findings", SENTIMENT, str(HAND / "sentiment__caveat__1.md"), "--json")
    assert r.exit_code == 1
    assert json.loads(r.output)["missing_caveats"] == ["The sarcasm set is 800 posts from one platform"]


def test_threshold_option(tmp_path):
    brief = tmp_path / "b.md"
    brief.write_text((HAND / "sentiment__number__1.md").read_text())
    assert run("--findings", SENTIMENT, str(brief)).exit_code == 1
    assert run("--findings", SENTIMENT, str(brief), "--threshold", "0.5").exit_code == 0


def test_audience_fit_is_reported_beside_the_gate():
    r = run("--findings", SENTIMENT, str(HAND / "sentiment__faithful__1.md"), "--json", "--audience", "executive")
    out = json.loads(r.output)
    fit = out["audience_fit"]
    assert fit["audience"] == "executive" and fit["max_words"] == 450 and fit["words"] > 50
    assert r.exit_code == 0  # fit never changes the exit status


@pytest.mark.parametrize("args,needle", [
    (["--findings", SENTIMENT, "missing.md"], "no such file"),
    (["--findings", "nope.yaml", str(HAND / "sentiment__faithful__1.md")], "nope.yaml:1"),
    (["--findings", SENTIMENT, str(HAND / "sentiment__faithful__1.md"), "--audience", "martians"], "unknown audience"),
])
def test_bad_input_exits_2_with_one_clear_line(args, needle):
    r = CliRunner().invoke(cli, ["eval", *args])
    assert r.exit_code == 2
    assert needle in r.output
    assert "Traceback" not in r.output


def test_bad_brief_json_exits_2(tmp_path):
    bad = tmp_path / "brief.json"
    bad.write_text('{"audience": "executive", "sections": [')
    r = CliRunner().invoke(cli, ["eval", "--findings", SENTIMENT, str(bad)])
    assert r.exit_code == 2 and "invalid JSON" in r.output and "Traceback" not in r.output


def test_judge_without_a_key_is_one_clear_line(monkeypatch, tmp_path):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(cli, ["eval", "--findings", SENTIMENT, str(HAND / "sentiment__faithful__1.md"),
                                 "--judge", "openai", "--model", "gpt-4o-mini"])
    assert r.exit_code == 2
    assert "OPENAI_API_KEY" in r.output and "Traceback" not in r.output


def test_riskbrief_json_brief_from_the_narrator(tmp_path):
    narrator = pytest.importorskip("engine.narrator", reason="the offline narrator is not installed")
    from schemas.audience import load_profile
    from schemas.loading import load_findings

    brief = narrator.narrate(load_findings(SENTIMENT), load_profile("legal"))
    path = tmp_path / "brief.legal.json"
    path.write_text(brief.model_dump_json(indent=2))
    r = run("--findings", SENTIMENT, str(path), "--json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["audience_fit"]["audience"] == "legal"  # taken from the brief itself
    assert any(c["sources"] and c["sources"][0].startswith("F") for c in out["claims"])


def test_judge_verdicts_are_reported_beside_the_gate(monkeypatch, tmp_path):
    import engine.providers as providers
    from engine.providers.base import Completion

    class Scripted:
        name, needs_model = "openai", True

        def __init__(self):
            self.calls = 0

        def generate(self, messages, schema, config):
            self.calls += 1
            claims = messages[1]["content"].split("CLAIMS:", 1)[1]
            n = sum(1 for line in claims.splitlines() if line[:1].isdigit())
            return Completion(data={"verdicts": [{"index": i, "verdict": "supported"} for i in range(1, n + 1)]})

    fake = Scripted()
    monkeypatch.setattr(providers, "get_provider", lambda name, settings: fake)
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(cli, ["eval", "--findings", SENTIMENT, str(HAND / "sentiment__number__1.md"), "--json",
                                 "--judge", "openai", "--model", "m", "--repeats", "2"])
    assert r.exit_code == 1  # the checker stays the gate, whatever the judge says
    out = json.loads(r.output)
    assert fake.calls == 2
    assert out["judge"]["repeats"] == 2 and out["judge"]["runs_ok"] == 2
    assert out["judge"]["agreement"] == 1.0
    assert out["judge"]["agreement_with_checker"] < 1.0  # it called the wrong number supported
