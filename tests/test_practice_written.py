"""A model may polish the model answer, but only a grounded answer that scores 85 is used."""

from __future__ import annotations

import json

from click.testing import CliRunner

from engine.cli import cli as group
from engine.practice import load_scenario, model_answer
from engine.practice.written import model_written_answer, ungrounded_numbers
from engine.practice.bank import findings_for
from engine.providers.fake import FakeProvider

SCENARIO = load_scenario("sentiment-sarcasm")


def _parts(text: str) -> dict:
    s, t, a, r, l = [p for p in text.strip().split("\n\n")]
    return {"situation": s, "task": t, "action": a, "result": r, "learning": l}


def test_a_grounded_strong_reply_is_used(tmp_path, monkeypatch):
    monkeypatch.setenv("RISKBRIEF_CACHE_DIR", str(tmp_path))
    reply = _parts(model_answer(SCENARIO))
    reply["learning"] = "Since then I always test the slice the business cares about first, and I open with what it means for them."
    fake = FakeProvider().enqueue(reply)
    text, notes = model_written_answer(SCENARIO, "fake", provider_instance=fake)
    assert notes == []
    assert text.strip().endswith("what it means for them.")
    request = fake.history[0].text
    assert "<findings_data>" in request and "<current_text>" in request
    assert "Route posts flagged as sarcastic to human review" in request


def test_an_invented_number_is_re_asked_then_the_offline_answer_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("RISKBRIEF_CACHE_DIR", str(tmp_path))
    bad = _parts(model_answer(SCENARIO))
    bad["result"] = "As a result, misread posts fell by 73% and the launch went ahead."
    fake = FakeProvider().enqueue(bad, bad)
    text, notes = model_written_answer(SCENARIO, "fake", provider_instance=fake)
    assert text == model_answer(SCENARIO)
    assert len(fake.history) == 2, "one re-ask with the problems"
    assert "'73%' is not a number in findings_data" in fake.history[1].text
    assert notes and "not used" in notes[0]


def test_numbers_from_the_findings_and_baseline_gaps_are_grounded():
    doc = findings_for(SCENARIO)
    assert ungrounded_numbers("It was right 90% of the time, 65% on sarcasm: a 25-point gap.", SCENARIO, doc) == []
    assert ungrounded_numbers("Accuracy rose to 97%.", SCENARIO, doc) == ["97%"]


def test_cli_answer_with_the_fake_provider(tmp_path, monkeypatch):
    replies = tmp_path / "replies.json"
    replies.write_text(json.dumps({"write_star_l_answer": _parts(model_answer(SCENARIO))}), encoding="utf-8")
    monkeypatch.setenv("RISKBRIEF_FAKE_REPLIES", str(replies))
    r = CliRunner().invoke(group, ["practice", "answer", "sentiment-sarcasm", "--provider", "fake", "--score"])
    assert r.exit_code == 0, r.output
    assert "Rubric score:" in r.stdout and "65%" in r.stdout
