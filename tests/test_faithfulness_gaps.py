"""Claims the checker used to let through: readiness and compliance said of the system by its own
name, comparisons that name no metric, and level words aligned to the wrong finding. Each case is a
sentence as a careless editor writes it, checked inside an offline brief of the findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.pipeline import generate_brief, render_bytes
from evals.faithfulness.harness import check_brief
from schemas.loading import load_findings

ROOT = Path(__file__).resolve().parent.parent
GAPS = ROOT / "tests" / "data" / "gaps"
EXAMPLES = ROOT / "examples"
AUDIENCES = ("executive", "legal", "product", "engineering")


def _doc(path: Path):
    return load_findings(path)


def _codes(doc, text: str) -> list[str | None]:
    """The error code of each claim of text (None when supported); caveats are not the point here."""
    return [c.error.value if c.error else None for c in check_brief(doc, text, fmt="text", memo=False).claims]


def _failing(doc, text: str) -> list[str]:
    return [c for c in _codes(doc, text) if c is not None]


def _md(doc, audience: str = "executive") -> str:
    """The offline narrator's Markdown brief."""
    data = render_bytes(generate_brief(doc, audience), doc, "md")
    return data.decode() if isinstance(data, bytes) else data


@pytest.fixture(scope="module")
def sentiment():
    return _doc(EXAMPLES / "sentiment.yaml")


def _variant(doc, **finding):
    data = doc.model_dump(mode="json", exclude_none=True)
    for f in data["findings"]:
        f.update(finding)
    return type(doc).model_validate(data)


# --------------------------------------------------------------------- readiness and compliance

READINESS = [
    "The sentiment classifier is safe to launch.",  # the system's own name as the subject
    "Sentiment classifier 2.3 is ready for the spring campaign.",
    "The Sentiment classifier (version 2.3) is fully compliant.",
    "The classifier is ready.",
    "The dashboards are ready to go live.",
    "The model is good to go.",
    "The classifier is launch-ready.",
    "We're ready to launch.",
    "Launching now is safe.",
    "The model is free of risk.",
    "We are fully compliant with the regulation.",
    "The sentiment classifier is GDPR-compliant.",
    "The classifier is EU AI Act compliant.",
]


@pytest.mark.parametrize("claim", READINESS)
def test_readiness_or_compliance_the_findings_never_state_fails(sentiment, claim):
    assert _failing(sentiment, claim), claim


@pytest.mark.parametrize("claim", READINESS)
def test_it_also_fails_as_the_headline_of_a_faithful_brief(sentiment, claim):
    md = _md(sentiment)
    assert check_brief(sentiment, md, fmt="md").passed
    lines = md.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("**"))
    lines[head] = f"**{claim}**"
    result = check_brief(sentiment, "\n".join(lines), fmt="md")
    assert not result.passed
    assert [c.text for c in result.claims if c.error] == [claim]


NOT_CLAIMED = [
    "Is the sentiment classifier ready?",
    "The sentiment classifier is not ready.",
    "The classifier is not yet compliant.",
    "The model cannot be called safe.",
    "The classifier is largely compliant.",
    "The classifier is expected to be compliant.",
    "The classifier is ready for review.",
    "The classifier is ready for a pilot.",
    "The dashboards would be ready to go live only with human review.",
    "Whether the classifier is ready is for the board to decide.",
    "The model is safe to launch only if posts flagged as sarcastic go to human review.",
    "We are not ready to launch.",
    "Launching is not safe until human review is in place.",
]


@pytest.mark.parametrize("text", NOT_CLAIMED)
def test_questions_denials_and_conditions_pass(sentiment, text):
    assert _failing(sentiment, text) == []


def test_safe_or_ready_needs_every_finding_closed_when_only_minor_ones_are_open(sentiment):
    minor = _variant(sentiment, severity="low")
    assert _codes(minor, "The model is safe to launch.") == ["extrinsic"]
    assert _codes(minor, "The classifier is ready.") == ["extrinsic"]
    assert _codes(minor, "The classifier poses no risk.") == ["severity"]
    # a qualified absence and a level word fit minor findings
    assert _failing(minor, "The model poses no significant risk.") == []
    assert _failing(minor, "The risk is negligible.") == []
    closed = _variant(sentiment, severity="low", status="closed")
    for claim in ("The model is safe to launch.", "The classifier is ready.", "The classifier poses no risk."):
        assert _failing(closed, claim) == [], claim
    # closing findings states nothing about compliance
    assert _codes(closed, "The model is fully compliant.") == ["extrinsic"]


def test_a_finding_that_states_readiness_supports_it(sentiment):
    data = sentiment.model_dump(mode="json", exclude_none=True)
    for f in data["findings"]:
        f["severity"], f["status"] = "low", "accepted"
    data["findings"][0]["evidence"] = ["The classifier is ready for launch according to the release checklist."]
    doc = type(sentiment).model_validate(data)
    assert _failing(doc, "The classifier is ready for launch.") == []


# --------------------------------------------------------------------- comparisons without a metric name

# (sentence, code) on the moderation findings: block rate North 64% < South 81%;
# false alarm rate (lower is better) South 2.1% < West 5.6%.
MODERATION = [
    ("Abusive comments are blocked less often in the North than in the South.", None),
    ("Abusive comments are blocked more often in the North than in the South.", "direction"),
    ("Abuse in the North is blocked more often than in the South.", "direction"),
    ("The South sees fewer false alarms than the West.", None),
    ("The South sees more false alarms than the West.", "direction"),
    ("The West sees fewer false alarms than the South.", "direction"),
    ("The block rate is lower in the North than in the South.", None),
    ("The block rate is higher in the North than in the South.", "direction"),
    ("The filter does worse in the North than in the South.", None),
    ("The filter does better in the North than in the South.", "direction"),
    # what 'more' counts is no metric here: left unjudged either way
    ("More abuse gets through in the North than in the South.", None),
    ("Harmless comments in the West are hidden less often than in the South.", None),
]


@pytest.mark.parametrize(("text", "code"), MODERATION)
def test_a_comparison_is_judged_on_the_metric_it_implies(text, code):
    doc = _doc(GAPS / "moderation.yaml")
    assert _failing(doc, text) == ([code] if code else [])


# Routing accuracy North 71% < South 84%; queue coverage North 93% > South 88%: which metric
# "does better" means is named by the sentence before it, or not at all.
ROUTING = [
    ("Routing accuracy is 71% in the North. The South does better than the North.", []),
    ("Routing accuracy is 71% in the North. The South does worse than the North.", ["direction"]),
    ("Queue coverage is 93% in the North. The South does worse than the North.", []),
    ("Queue coverage is 93% in the North. The South does better than the North.", ["direction"]),
    ("The South does better than the North.", []),
    ("The South does worse than the North.", []),
    ("Accuracy is higher in the North than in the South.", ["direction"]),
    ("Coverage is lower in the North than in the South.", ["direction"]),
]


@pytest.mark.parametrize(("text", "codes"), ROUTING)
def test_an_unnamed_metric_comes_from_the_paragraph_or_is_left_open(text, codes):
    doc = _doc(GAPS / "regions2.yaml")
    assert _failing(doc, text) == codes


def test_the_metric_named_in_an_earlier_paragraph_does_not_carry_over():
    doc = _doc(GAPS / "regions2.yaml")
    text = "Queue coverage is 93% in the North.\n\nThe South does better than the North.\n"
    assert _failing(doc, text) == []


# --------------------------------------------------------------------- offline briefs keep passing

# tests/data/misses holds the findings of test_faithfulness_misses.py: their offline briefs must pass too.
@pytest.mark.parametrize("path", sorted([*GAPS.glob("*.yaml"), *(GAPS.parent / "misses").glob("*.yaml")]), ids=lambda p: p.stem)
def test_offline_briefs_of_the_new_findings_pass(path):
    doc = _doc(path)
    for audience in AUDIENCES:
        brief = generate_brief(doc, audience)
        for fmt in ("md", "json"):
            data = render_bytes(brief, doc, fmt)
            text = data.decode() if isinstance(data, bytes) else data
            result = check_brief(doc, text, fmt=fmt)
            assert result.passed, (audience, fmt, [(c.text, c.error, c.evidence) for c in result.claims if c.error])


def test_in_a_json_brief_the_metric_comes_from_the_sentence_before_about_the_same_finding():
    doc = _doc(GAPS / "regions2.yaml")
    brief = generate_brief(doc, "engineering")
    section = brief.section("findings")
    from schemas.brief import Sentence

    def judged(first: str, second: str) -> list[str]:
        tampered = brief.model_copy(deep=True)
        tampered.section("findings").sentences[:0] = [Sentence(text=first, sources=["F1"]), Sentence(text=second, sources=["F1"])]
        return [c.error.value for c in check_brief(doc, tampered).claims if c.error]

    assert section is not None and check_brief(doc, brief).passed
    assert judged("Queue coverage is 93% in the North.", "The South does better than the North.") == ["direction"]
    assert judged("Queue coverage is 93% in the North.", "The South does worse than the North.") == []
    assert judged("Routing accuracy is 71% in the North.", "The South does worse than the North.") == ["direction"]


# --------------------------------------------------------------------- multiples in words

# Missed urgent cases (lower is better): 9% for patients over 75, 3% for patients aged 18 to 64 (3 times);
# median reply time 4.2 s at peak, 1.8 s off-peak (2.3 times).
MULTIPLES = [
    ("Urgent cases are missed 3 times as often for patients over 75 as for patients aged 18 to 64.", []),
    ("Urgent cases are missed three times as often for patients over 75.", []),
    ("Patients aged 18 to 64 have a third of the miss rate of patients over 75.", []),
    ("Peak-hour replies take about twice as long as off-peak ones.", []),
    ("Urgent cases are missed twice as often for patients over 75 as for patients aged 18 to 64.", ["derived"]),
    ("Urgent cases are missed 2 times as often for patients over 75 as for patients aged 18 to 64.", ["derived"]),
    ("Patients aged 18 to 64 have half the miss rate of patients over 75.", ["derived"]),
    ("Urgent cases are missed 3 times as often for patients aged 18 to 64 as for patients over 75.", ["direction"]),
    ("Patients over 75 have a third of the miss rate of patients aged 18 to 64.", ["direction"]),
    ("Peak-hour replies take half as long as off-peak ones.", ["direction"]),
    # a share of items is no multiple
    ("Half the urgent cases come from patients aged 18 to 64.", []),
]


@pytest.mark.parametrize(("text", "codes"), MULTIPLES)
def test_multiples_in_words_are_checked_against_the_slices_they_compare(text, codes):
    doc = _doc(GAPS / "triage.yaml")
    assert _failing(doc, text) == codes


# --------------------------------------------------------------------- edits inside an offline brief

TRIAGE_EDITS = [
    # a plan dated 15 January 2027, and a decision due 1 February 2027, restated from an unstated "now"
    ("due 15 January 2027): planned", "due next week): planned", "extrinsic"),
    ("(for F1; owned by the Patient safety office, due 15 January 2027): planned, not yet in place.",
     "(for F1; owned by the Patient safety office): planned for next month.", "extrinsic"),
    ("Decision needed by 1 February 2027:", "Decision needed by the end of this month:", "extrinsic"),
    # one of F1's two mitigations is only planned
    ("We can go ahead, on these conditions.", "Both mitigations for F1 are in place.", "status"),
    ("We can go ahead, on these conditions.", "The mitigations are complete.", "status"),
    # the likelihood is possible: a pronoun does not hide the certainty
    ("This is a critical risk that could possibly occur.", "This is a critical risk that will occur.", "hedge"),
    ("It is open, with the Patient safety office as owner.", "It is open, with Legal as owner.", "owner"),
]
TRIAGE_KEPT = [
    ("We can go ahead, on these conditions.", "We can go ahead once the mitigations are in place."),
    ("We can go ahead, on these conditions.", "The mitigations are not yet complete."),
    ("This is a critical risk that could possibly occur.", "This is a critical risk that will possibly occur."),
    ("This is a critical risk that could possibly occur.", "This is a critical risk that will not occur."),
]


@pytest.fixture(scope="module")
def triage_md():
    doc = _doc(GAPS / "triage.yaml")
    return doc, _md(doc)


@pytest.mark.parametrize(("old", "new", "code"), TRIAGE_EDITS)
def test_a_careless_edit_of_the_brief_fails_with_its_code(triage_md, old, new, code):
    doc, md = triage_md
    assert old in md and check_brief(doc, md, fmt="md").passed
    result = check_brief(doc, md.replace(old, new, 1), fmt="md")
    assert not result.passed
    assert {c.error.value for c in result.claims if c.error} == {code}


@pytest.mark.parametrize(("old", "new"), TRIAGE_KEPT)
def test_a_faithful_edit_of_the_brief_still_passes(triage_md, old, new):
    doc, md = triage_md
    assert old in md
    result = check_brief(doc, md.replace(old, new, 1), fmt="md")
    assert result.passed, [(c.text, c.error, c.evidence) for c in result.claims if c.error]


def test_a_relative_date_the_findings_use_themselves_passes():
    doc = _doc(GAPS / "triage.yaml")
    data = doc.model_dump(mode="json", exclude_none=True)
    data["findings"][1]["evidence"] = ["Peak-hour capacity doubles next quarter."]
    stated = type(doc).model_validate(data)
    assert _failing(stated, "Peak-hour replies should speed up next quarter.") == []
    assert _failing(doc, "Peak-hour replies should speed up next quarter.") == ["extrinsic"]


# Word error rate (lower is better): 7.5% on standard accents, 15.2% on strong regional accents;
# card numbers in 0.4% of transcripts; masking done, fine-tuning only planned.
TRANSCRIBE = [
    ("Calls with standard accents are the worst-transcribed group.", ["direction"]),
    ("Calls with standard accents have the highest word error rate.", ["direction"]),
    ("Calls with strong regional accents fare best.", ["direction"]),
    ("The word error rate halves for strong regional accents.", ["direction"]),
    ("Callers with strong regional accents are transcribed more accurately than callers with standard accents.", ["direction"]),
    ("Card numbers leak in one in ten transcripts.", ["slice"]),
    ("Speech Platform is fine-tuning the acoustic model on accented calls.", ["status"]),
    # the same facts the right way round
    ("Calls with strong regional accents are the worst-transcribed group.", []),
    ("Calls with strong regional accents have the highest word error rate.", []),
    ("Calls with standard accents fare best.", []),
    ("The word error rate doubles for strong regional accents.", []),
    ("Calls with strong regional accents are not the best-transcribed group.", []),
    ("Callers with strong regional accents are transcribed less accurately than callers with standard accents.", []),
    ("Card numbers leak in fewer than one in a hundred transcripts.", []),
]


@pytest.mark.parametrize(("text", "codes"), TRANSCRIBE)
def test_superlatives_change_verbs_and_glosses_are_checked(text, codes):
    doc = _doc(GAPS / "transcribe.yaml")
    assert _failing(doc, text) == codes


# False decline rate (a ratio, lower is better): 0.011 domestic, 0.042 abroad; fraud caught 86% at
# established merchants, 58% at new ones. F1 is owned by Customer operations, its action by Payments Risk;
# F2 by Payments Risk, its action by Finance.
FRAUD = [
    # 'declined' names the false decline rate here: it is no fall
    ("Legitimate payments made abroad are declined almost four times as often as domestic ones.", []),
    ("Legitimate payments made abroad are declined more often than domestic ones.", []),
    ("Legitimate payments made abroad are declined less often than domestic ones.", ["direction"]),
    ("The false decline rate is 3.1 points higher abroad.", []),
    ("The false decline rate is 3.1% higher abroad.", ["unit"]),
    ("Fraud at merchants less than 90 days old is caught about a third less often than at established merchants.", []),
    ("Fraud at merchants less than 90 days old is caught about half as often as at established merchants.", ["derived"]),
    ("Payments Risk owns the passcode step.", []),
]


@pytest.mark.parametrize(("text", "codes"), FRAUD)
def test_ratio_metrics_and_metric_verbs(text, codes):
    doc = _doc(GAPS / "fraud.yaml")
    assert _failing(doc, text) == codes


@pytest.mark.parametrize(("old", "new"), [
    ("It is being mitigated, with Payments Risk as owner.", "It is being mitigated, with Finance as owner."),
    ("It is open, with Customer operations as owner.", "It is open, with Payments Risk as owner."),
])
def test_the_owner_of_an_action_is_not_the_owner_of_the_finding(old, new):
    doc = _doc(GAPS / "fraud.yaml")
    md = _md(doc)
    assert old in md
    result = check_brief(doc, md.replace(old, new, 1), fmt="md")
    assert [c.error.value for c in result.claims if c.error] == ["owner"]


# Approval rate 74% for men-owned and 61% for women-owned businesses; default prediction error
# 1.1 points for older and 2.4 points for young businesses.
LOANS = [
    ("Approval rates are equal across groups.", ["negation"]),
    ("Approval rates are the same for women- and men-owned businesses.", ["negation"]),
    ("Default prediction error is about the same for young and older businesses.", ["negation"]),
    ("Approval rates are not the same for women- and men-owned businesses.", []),
    # 'declined' here is what happens to an application, not a fall
    ("Women-owned businesses are declined more often than men-owned businesses.", []),
    ("The approval rate for women-owned businesses is 18% lower than for men-owned businesses.", []),
    ("Default predictions are twice as far off for young businesses.", []),
]


@pytest.mark.parametrize(("text", "codes"), LOANS)
def test_sameness_claims_and_passive_verbs(text, codes):
    doc = _doc(GAPS / "loans.yaml")
    assert _failing(doc, text) == codes


def test_sameness_within_a_tenth_passes():
    credit = _doc(EXAMPLES / "credit.yaml")
    assert _failing(credit, "Accuracy is about the same for both models.") == []
