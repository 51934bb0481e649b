"""The faithfulness checker on the sentiment example: paraphrases pass, typed errors are caught."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.faithfulness import BriefInputError, check_brief, check_file, error_codes
from schemas.brief import Brief, Provenance, Section, Sentence
from schemas.evaluation import Verdict
from schemas.loading import load_findings

ROOT = Path(__file__).resolve().parents[1]
CAVEATS = ("The sarcasm set is 800 posts from one platform, and recall was measured on the same 800 posts "
           "as the accuracy figure.")


@pytest.fixture(scope="module")
def doc():
    return load_findings(ROOT / "examples" / "sentiment.yaml")


def codes_of(doc, text: str) -> list[str]:
    return error_codes(check_brief(doc, f"{text}\n\n{CAVEATS}"))


@pytest.mark.parametrize("text", [
    "Accuracy is 90% on the balanced test set and 65% on short sarcastic social posts.",
    "On short sarcastic social posts the model is right 65 per cent of the time, about two in three.",
    "Accuracy on short sarcastic social posts is sixty-five percent.",
    "Accuracy on short sarcastic social posts is 25 percentage points lower than on the balanced test set.",
    "Accuracy on short sarcastic social posts is 28% lower than on the balanced test set.",
    "Accuracy falls from 90% on the balanced test set to 65% on short sarcastic social posts, a 25-point drop.",
    "The balanced test set has 12,000 posts; the sarcastic slice has 800.",
    "We rate this a serious risk, and it is probable.",
    "The ML Platform lead owns the accuracy finding, which is still open.",
    "Routing posts flagged as sarcastic to human review is planned, owned by the Social care team, due 1 December 2026.",
    "A confidence band on the dashboard mood score is in progress, owned by Marketing analytics.",
    "The sarcasm flag catches 78% of short sarcastic social posts.",
    "We need a decision by 15 December 2026.",
])
def test_faithful_paraphrases_pass(doc, text):
    assert codes_of(doc, text) == []


@pytest.mark.parametrize("text,code", [
    ("Accuracy on short sarcastic social posts is 58%.", "number"),
    ("Accuracy on short sarcastic social posts is 25% lower than on the balanced test set.", "unit"),
    ("Accuracy on short sarcastic social posts is 35 percentage points lower than on the balanced test set.", "derived"),
    ("Accuracy on short sarcastic social posts is 25 percentage points higher than on the balanced test set.", "direction"),
    ("Accuracy is 65% on the balanced test set.", "slice"),
    ("Accuracy on sarcastic social posts is 65%.", "scope"),
    ("We rate this a low-severity risk.", "severity"),
    ("Marketing analytics owns the accuracy finding.", "owner"),
    ("Routing posts flagged as sarcastic to human review is done.", "status"),
    ("Accuracy does not collapse on short sarcastic posts.", "negation"),
    ("The campaign dashboards will misread customer mood on the posts marketing cares about most.", "hedge"),
    ("About 2 million customers read these dashboards.", "extrinsic"),
])
def test_typed_errors_are_caught_with_their_code(doc, text, code):
    assert codes_of(doc, text) == [code]


def test_missing_caveat_fails_the_gate(doc):
    r = check_brief(doc, "Accuracy is 65% on short sarcastic social posts. Recall was measured on the same 800 posts as the accuracy figure.")
    assert not r.passed and r.score == 1.0
    assert r.missing_caveats == ["The sarcasm set is 800 posts from one platform"]


def test_framing_is_not_a_claim(doc):
    r = check_brief(doc, "Here is where we stand. Thank you for reading.\n\n" + CAVEATS)
    assert r.passed
    assert all("thank you" not in c.text.lower() for c in r.claims)


def test_threshold_lets_some_unsupported_claims_through(doc):
    text = ("Accuracy is 90% on the balanced test set. Accuracy on short sarcastic social posts is 58%. "
            "The ML Platform lead owns the accuracy finding. " + CAVEATS)
    strict = check_brief(doc, text)
    loose = check_brief(doc, text, threshold=0.5)
    assert not strict.passed and loose.passed
    assert strict.score == loose.score < 1.0
    failing = strict.failing
    assert len(failing) == 1 and failing[0].verdict == Verdict.contradicted
    assert "65%" in failing[0].evidence  # says what the findings actually state


def _brief(sentences: list[tuple[str, list[str]]]) -> Brief:
    return Brief(audience="executive", title="Sentiment classifier", headline="Ship with a human check on sarcastic posts.",
                 headline_sources=["F1"],
                 sections=[Section(id="findings", title="What we found", sentences=[Sentence(text=t, sources=s) for t, s in sentences])],
                 caveats=["The sarcasm set is 800 posts from one platform.",
                          "Recall was measured on the same 800 posts as the accuracy figure."],
                 provenance=Provenance(provider="offline", model="offline-model", prompt_hash="x", input_hash="y", created_at="2026-01-01T00:00:00Z"))


def test_json_brief_uses_sources_to_attach_mitigations(doc):
    ok = _brief([("Posts flagged as sarcastic go to human review (planned, owned by the Social care team).", ["F1"])])
    wrong = _brief([("Posts flagged as sarcastic go to human review (planned, owned by the Social care team).", ["F2"])])
    assert check_brief(doc, ok).passed
    r = check_brief(doc, wrong)
    assert error_codes(r) == ["mitigation"]
    assert r.failing[0].sources == ["F2"]


def test_json_text_and_object_give_the_same_result(doc):
    b = _brief([("Accuracy on short sarcastic social posts is 62%.", ["F1.acc_sarcasm"])])
    from_object = check_brief(doc, b)
    from_text = check_brief(doc, b.model_dump_json())
    assert from_object == from_text
    assert error_codes(from_object) == ["number"]


def test_markdown_source_tags_are_used_and_stripped(doc):
    text = "## What we found\n\n- Accuracy on short sarcastic social posts is 65%. [F1.acc_sarcasm]\n\n" + CAVEATS
    r = check_brief(doc, text)
    claim = next(c for c in r.claims if "65%" in c.text)
    assert claim.sources == ["F1.acc_sarcasm"] and "[" not in claim.text
    assert claim.section == "what we found"


def test_same_input_same_bytes(doc):
    text = (ROOT / "tests" / "data" / "handwritten" / "sentiment__faithful__2.md").read_text()
    a = check_brief(doc, text).model_dump_json()
    b = check_brief(doc, text).model_dump_json()
    assert a == b


def test_bad_briefs_raise_clear_errors(doc, tmp_path):
    with pytest.raises(BriefInputError, match="invalid JSON"):
        check_brief(doc, '{"sections": [')
    with pytest.raises(BriefInputError, match="not a riskbrief brief"):
        check_brief(doc, '{"hello": 1}')
    with pytest.raises(BriefInputError, match="problem\\(s\\) in the brief JSON"):
        check_brief(doc, json.dumps({"sections": "nope"}))
    with pytest.raises(BriefInputError, match="no such file"):
        check_file(doc, tmp_path / "missing.md")
