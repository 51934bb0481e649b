"""Figures in business terms for non-technical readers, and no stage the findings do not name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.narrator import narrate
from engine.render.markdown import render_markdown
from evals.faithfulness import check_brief
from schemas.audience import load_profile
from schemas.findings import FindingsDocument
from schemas.loading import load_findings


def _doc(metrics: list[dict], *, summary: str = "Measured on the last quarter's claims.", context: dict | None = None,
         mitigations: list[dict] | None = None, severity: str | None = "high") -> FindingsDocument:
    finding = {"id": "F1", "title": "Small claims are wrongly denied more often", "category": "performance",
               "summary": summary, "metrics": metrics, "owner": "Claims Analytics lead", "status": "open"}
    if severity:
        finding.update(severity=severity, likelihood="likely")
    if mitigations is not None:
        finding["mitigations"] = mitigations
    data = {"schema_version": 1, "system": {"name": "Claims triage model"}, "findings": [finding]}
    if context is not None:
        data["context"] = context
    return FindingsDocument.model_validate(data)


def _text(doc: FindingsDocument, audience: str) -> str:
    b = narrate(doc, load_profile(audience))
    result = check_brief(doc, b)
    assert result.passed, [(c.text, c.error) for c in result.claims if c.verdict != "supported"]
    return " ".join([b.headline] + [s.text for sec in b.sections for s in sec.sentences])


RATES = [
    {"id": "all", "name": "false denial rate", "value": 0.015, "unit": "ratio", "population": "all claims",
     "higher_is_better": False},
    {"id": "small", "name": "false denial rate", "value": 0.042, "unit": "ratio", "population": "small claims",
     "baseline": "all", "higher_is_better": False},
]


def test_a_rate_held_as_a_ratio_reads_as_a_percentage_for_an_executive():
    text = _text(_doc(RATES), "executive")
    assert "0.042" not in text and "0.015" not in text
    assert "4.2% (about 1 in 24)" in text and "1.5% (about 1 in 67)" in text
    assert "a 2.7-point rise" in text  # the gap between two rates is in points


def test_engineers_and_lawyers_keep_the_ratio_as_measured():
    for audience in ("engineering", "legal"):
        text = _text(_doc(RATES), audience)
        assert "0.042" in text and "0.015" in text and "%" not in text.replace("% relative", "")


def test_a_score_on_a_zero_to_one_scale_is_not_a_share():
    doc = _doc([{"id": "auc", "name": "AUC", "value": 0.91, "unit": "ratio", "population": "all claims"},
                {"id": "f1", "name": "F1 score", "value": 0.66, "unit": "ratio", "population": "all claims"}])
    text = _text(doc, "executive")
    assert "0.91" in text and "0.66" in text
    assert "in ten" not in text and "in three" not in text and "91%" not in text and "66%" not in text


def test_a_parity_ratio_keeps_its_value_and_says_what_one_means():
    doc = _doc([{"id": "air", "name": "adverse impact ratio", "value": 0.71, "unit": "ratio",
                 "population": "claimants over 70", "higher_is_better": True}])
    text = _text(doc, "executive")
    assert "0.71 (1.0 would mean parity)" in text and "71%" not in text
    assert "four-fifths" not in text  # the findings name no such threshold
    assert "1.0 would mean" not in _text(doc, "engineering")


def test_the_four_fifths_benchmark_is_named_only_when_the_findings_give_it():
    air = [{"id": "air", "name": "adverse impact ratio", "value": 0.83, "unit": "ratio",
            "population": "claimants over 70", "higher_is_better": True}]
    doc = _doc(air, summary="The ratio is measured against the four-fifths rule.")
    assert "0.83 (above the four-fifths benchmark; 1.0 would mean parity)" in _text(doc, "executive")
    air[0]["value"] = 0.62
    doc = _doc(air, summary="The ratio is measured against the four-fifths rule.")
    assert "0.62 (below the four-fifths benchmark; 1.0 would mean parity)" in _text(doc, "executive")


def test_a_relative_risk_says_what_one_means():
    doc = _doc([{"id": "rr", "name": "relative risk of a wrong denial", "value": 0.6, "unit": "ratio",
                 "population": "claims filed online"}])
    text = _text(doc, "product")
    assert "0.6 (1.0 would mean no difference)" in text


@pytest.mark.parametrize("audience", ["executive", "legal", "product", "engineering"])
def test_no_launch_is_assumed_when_the_findings_name_no_stage(audience):
    doc = _doc(RATES, mitigations=[{"action": "Review denials of small claims by hand", "owner": "Claims team",
                                    "due": "2027-02-01", "status": "planned"}])
    b = narrate(doc, load_profile(audience))
    md = render_markdown(b).lower()
    for word in ("launch", "go-live", "go live", "release", "rollout", "roll out", "pilot", "going ahead"):
        assert word not in md, word
    if audience != "legal":  # legal briefs state controls, not monitoring
        assert "from now on" in md


def test_a_blocking_finding_without_a_decision_assumes_no_launch():
    doc = _doc(RATES, severity="critical", mitigations=[])
    for audience in ("executive", "product"):
        b = narrate(doc, load_profile(audience))
        md = render_markdown(b).lower()
        assert "launch" not in md and "going ahead" not in md
        assert "wider use" in md


@pytest.mark.parametrize("decision,said", [
    ("Launch the claims assistant in March", "after launch"),
    ("Approve the go-live of the claims assistant", "after go-live"),
    ("Roll out the claims assistant to all regions", "after rollout"),
    ("Pilot the claims assistant with two branches", "during the pilot"),
    ("Release version 2 to brokers", "after release"),
    ("Deploy the model to the claims desk", "after deployment"),
    ("Expand automated review to motor claims", "after the expansion"),
    ("Ship the claims dashboards for the spring renewals", "after shipping"),
])
def test_the_documents_own_stage_is_used(decision, said):
    doc = _doc(RATES, context={"decision": decision})
    assert said in _text(doc, "executive")


def test_pros_and_cons_name_their_option_when_the_option_sentence_is_trimmed():
    from schemas.loading import load_findings
    from pathlib import Path
    doc = load_findings(Path(__file__).parent.parent / "examples" / "credit.yaml")
    b = narrate(doc, load_profile("executive"))
    options = next(s for s in b.sections if s.id == "options")
    pros = [s.text for s in options.sentences if s.text.startswith(("In favour", "Against", "In its favour"))]
    assert pros and all(re.match(r"(In favour of|Against) option [AB]: ", t) or t.startswith("Against it: ") for t in pros)
    assert sum(t.startswith("In favour of option") for t in pros) == 2


def test_one_measure_on_several_populations_is_one_sentence_and_proper_names_keep_no_article():
    doc = FindingsDocument.model_validate({
        "schema_version": 1, "system": {"name": "Atlas", "purpose": "Answer questions from the HR policy library"},
        "findings": [{"id": "F1", "title": "Answers are slow for long policies", "category": "performance",
                      "summary": "Slow answers.", "metrics": [
                          {"id": "long", "name": "time to first token", "value": 3.8, "unit": "s",
                           "population": "policies over 40 pages"},
                          {"id": "target", "name": "time to first token", "value": 1.5, "unit": "s",
                           "population": "the service target"},
                          {"id": "cost", "name": "hosting cost", "value": 1250000, "unit": "usd"}]}]})
    text = _text(doc, "executive")
    assert "The time to first token is 3.8 s on policies over 40 pages and 1.5 s on the service target" in text
    assert "Our Atlas" not in text and "Atlas is used to answer" in text and "atlas" not in text
    assert "$1.25 million" in text


@pytest.mark.parametrize("decision", ["Whether to launch the claims assistant in the EU this quarter",
                                      "Do we launch the claims assistant in the EU this quarter?",
                                      "Go/no-go for the EU claims assistant"])
def test_a_decision_phrased_as_a_question_or_a_label_reads_as_one(decision):
    for mitigations in ([], [{"action": "Review denials of small claims by hand", "owner": "Claims team", "status": "planned"}]):
        doc = _doc(RATES, context={"decision": decision, "deadline": "2027-03-01"}, mitigations=mitigations)
        for audience in ("executive", "legal", "product"):
            text = _text(doc, audience)
            for wrong in ("to whether", "whether to whether", "to do we", "whether to do we", "?:", "?.", "to go/no-go",
                          "whether to go/no-go", "decision to whether", "decision to do"):
                assert wrong not in text.lower(), (audience, wrong, text)
            if decision.startswith("Whether"):
                assert "whether to launch the claims assistant in the EU this quarter" in text
            else:
                assert decision.rstrip("?") in text


@pytest.mark.parametrize("small, article", [(0.095, "an 8.0-point rise"), (0.125, "an 11.0-point rise"),
                                            (0.065, "a 5.0-point rise")])
def test_a_gap_in_points_takes_the_article_its_spoken_figure_needs(small, article):
    rates = [dict(RATES[0]), dict(RATES[1], value=small)]
    text = _text(_doc(rates), "executive")
    gap = re.search(r"\b(an?) (\d+(?:\.\d+)?)-point rise", text)
    assert gap, text
    assert gap.group(1) == ("an" if gap.group(2).startswith(("8", "11", "18")) else "a"), gap.group(0)


def test_a_rate_held_as_a_ratio_against_one_held_as_a_percentage_is_compared_on_one_scale():
    # 0.008 (a ratio) is 0.8%; against 2.1% that is 2.6 times as high, not 262.5 times.
    mixed = [
        {"id": "all", "name": "false denial rate", "value": 0.008, "unit": "ratio", "population": "all claims",
         "higher_is_better": False},
        {"id": "small", "name": "false denial rate", "value": 2.1, "unit": "percent", "population": "small claims",
         "baseline": "all", "higher_is_better": False},
    ]
    text = _text(_doc(mixed), "product")
    assert "a 1.3-point rise (2.6 times as high)" in text
    assert "262.5" not in text



@pytest.mark.parametrize("name", ["claims", "ranking"])
def test_metrics_named_with_their_article_read_with_one_article_and_pass_the_check(name):
    path = Path(__file__).resolve().parent / "data" / "misses" / f"{name}.yaml"
    data = load_findings(path).model_dump(mode="json", exclude_none=True)
    # every other metric, so that some names carry an article and others, even of one measure, do not
    for i, m in enumerate(m for f in data["findings"] for m in f["metrics"]):
        if i % 2 == 0:
            m["name"] = "the " + m["name"]
    doc = FindingsDocument.model_validate(data)
    for audience in ("executive", "legal", "product", "engineering"):
        brief = narrate(doc, load_profile(audience))
        md = render_markdown(brief)
        assert " a the " not in md.lower() and "the the " not in md.lower(), audience
        for subject in (brief, md):
            result = check_brief(doc, subject)
            assert result.passed, (audience, [(c.text, c.error) for c in result.failing])
