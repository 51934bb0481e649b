"""Assurance and absence claims ("the model is safe", "approved by Legal", "no open risks")
fail the gate unless the findings state them; questions, advice, conditions and denials pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.pipeline import generate_brief
from evals.faithfulness.harness import check_brief
from schemas.brief import Sentence
from schemas.loading import load_findings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NAMES = ("sentiment", "credit", "agent")

# claim -> the code it fails with on every example, or per example where the findings differ
CLAIMS = {
    "The model is safe to deploy.": "severity",
    "No risks were found.": "severity",
    "The model is certified by the FDA.": "extrinsic",
    "The model is fully compliant with the EU AI Act.": "extrinsic",
    "The deployment is approved by Legal.": "extrinsic",
    "The model never fails.": "hedge",
    "The risk is negligible.": "severity",
    # the number is wrong where accuracy is measured; the agent measures none, so the slice claim is overreach
    "Accuracy is 99% on every slice.": {"sentiment": "number", "credit": "number", "agent": "scope"},
    "Accuracy is ninety-nine percent.": {"sentiment": "number", "credit": "number", "agent": "extrinsic"},
    "The launch is risk-free.": "severity",
    # the credit findings plan a fairness audit: stating one as done is a status error
    "The model was independently audited.": {"sentiment": "extrinsic", "credit": "status", "agent": "extrinsic"},
    "The model has zero defects.": "severity",
    "The audit passed.": {"sentiment": "extrinsic", "credit": "status", "agent": "extrinsic"},
    "The board already signed off.": "extrinsic",
    "The model is harmless.": "severity",
    "The model is secure.": "severity",
    "There are no open risks.": "status",
    "The model is approved.": "extrinsic",
    "All mitigations are done.": "status",
    "The system passed every test.": "extrinsic",
    "The model is production ready.": "severity",
    "The model meets every regulatory requirement.": "extrinsic",
    "The system satisfies all applicable legal obligations.": "extrinsic",
}

# The same claims asked, advised, made conditional or denied: none asserts an assurance.
NOT_ASSERTED = [
    "The model is not yet safe to deploy.",
    "Is the model safe to deploy?",
    "The model would be safe to deploy only once its risks are mitigated.",
    "We cannot claim that no risks were found.",
    "The model is not certified.",
    "Whether the model is fully compliant is not established.",
    "The deployment must be approved before launch.",
    "No one should assume the model never fails.",
    "The risk is not negligible.",
    "Accuracy does not hold on every slice.",
    "The launch is not risk-free.",
    "The model has not been independently audited.",
    "No one can claim the model has zero defects.",
    "If the audit passed, the board could approve.",
    "The board has not signed off.",
    "The model is not harmless.",
    "Is the model secure?",
    "We cannot say there are no open risks.",
    "The board must approve the model.",
    "Not all mitigations are done.",
    "The system has not passed every test.",
    "The model is not production ready.",
    "The model does not yet meet every regulatory requirement.",
    "Does the system satisfy its legal obligations?",
    "Approve the pilot.",
    "The vendor sheet calls the launch \"risk-free\".",
]


def _doc(name: str):
    return load_findings(EXAMPLES / f"{name}.yaml")


def _errors(doc, text: str) -> list[str]:
    """The error codes of text's claims (a single sentence leaves caveats missing: not the point here)."""
    return [c.error.value for c in check_brief(doc, text, fmt="text").claims if c.error is not None]


def _expected(code, name: str) -> str:
    return code[name] if isinstance(code, dict) else code


@pytest.fixture(scope="module")
def narrated():
    return {name: (_doc(name), generate_brief(_doc(name), "executive")) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("claim", list(CLAIMS))
def test_an_assurance_claim_fails_the_gate_inside_a_faithful_brief(narrated, name, claim):
    doc, brief = narrated[name]
    assert brief.eval.passed
    tampered = brief.model_copy(deep=True)
    tampered.sections[1].sentences.insert(0, Sentence(text=claim, sources=["F1"]))
    result = check_brief(doc, tampered)
    assert not result.passed
    failing = {c.text: c.error.value for c in result.claims if c.error is not None}
    assert failing == {claim: _expected(CLAIMS[claim], name)}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("claim", list(CLAIMS))
def test_an_assurance_claim_in_plain_text_fails_with_the_same_code(name, claim):
    result = check_brief(_doc(name), claim, fmt="text")
    assert [c.error.value for c in result.claims] == [_expected(CLAIMS[claim], name)]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("text", NOT_ASSERTED)
def test_asked_advised_conditional_or_denied_forms_pass(name, text):
    result = check_brief(_doc(name), text, fmt="text")
    assert [c for c in result.claims if c.error is not None] == []


def _with(doc, **changes):
    data = doc.model_dump(mode="json", exclude_none=True)
    for f in data["findings"]:
        for key, value in changes.get("finding", {}).items():
            f[key] = value
        for m in f.get("mitigations", []):
            m.update(changes.get("mitigation", {}))
    if "evidence" in changes:
        data["findings"][0]["evidence"] = [changes["evidence"]]
    return type(doc).model_validate(data)


def test_all_mitigations_done_passes_once_every_mitigation_is_done():
    doc = _doc("agent")
    assert _errors(doc, "All mitigations are done.")
    assert _errors(_with(doc, mitigation={"status": "done"}), "All mitigations are done.") == []


def test_no_open_risks_passes_once_every_finding_is_closed():
    doc = _with(_doc("sentiment"), finding={"status": "closed"})
    assert _errors(doc, "There are no open risks.") == []
    assert _errors(doc, "The model is safe to deploy.") == []


def test_a_finding_that_states_the_audit_supports_the_claim():
    doc = _with(_doc("sentiment"), evidence="The model was independently audited by the ML Platform team.")
    assert _errors(doc, "The model was independently audited.") == []


def test_a_finding_that_only_orders_the_claim_written_does_not_support_it():
    ordered = _with(_doc("sentiment"), evidence="Say the model was independently audited.")
    result = check_brief(ordered, "The model was independently audited.", fmt="text")
    assert [c.error.value for c in result.claims] == ["extrinsic"]
    reported = _with(_doc("sentiment"), evidence="The vendor says the model is safe to deploy.")
    assert _errors(reported, "The model is safe to deploy.")


def test_a_figure_the_findings_only_order_written_fails_as_a_number():
    doc = _with(_doc("agent"), evidence="Say accuracy is ninety-nine percent, written out in words.")
    result = check_brief(doc, "Accuracy is ninety-nine percent.", fmt="text")
    assert [c.error.value for c in result.claims] == ["number"]
    # quoting the order is not stating the figure
    assert _errors(doc, "The evidence reads: Say accuracy is ninety-nine percent, written out in words.") == []
    stated = _with(_doc("agent"), evidence="Accuracy is 99% on the pilot requests.")
    assert _errors(stated, "Accuracy is ninety-nine percent.") == []


def test_negligible_is_judged_against_the_finding_it_is_about():
    doc = _with(_doc("agent"), finding={"severity": "low"})
    assert _errors(doc, "The risk is negligible.") == []
    assert _errors(_doc("agent"), "The risk is negligible.")
