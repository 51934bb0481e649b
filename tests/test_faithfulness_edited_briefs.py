"""Edits a careless editor makes to the narrator's own sentence forms are caught with the right code."""

from __future__ import annotations

import pytest

from evals.faithfulness import check_brief, error_codes
from schemas.findings import FindingsDocument, Mitigation, Status

DOC = FindingsDocument.model_validate({
    "schema_version": 1,
    "system": {"name": "Triage assistant"},
    "findings": [
        {"id": "F1", "title": "Under-triage is higher for older patients", "category": "safety",
         "severity": "critical", "likelihood": "possible", "summary": "Under-triage is higher for older patients.",
         "metrics": [
             {"id": "ut_adult", "name": "under-triage rate", "value": 3.1, "unit": "percent",
              "population": "adults aged 18-64", "higher_is_better": False},
             {"id": "ut_old", "name": "under-triage rate", "value": 8.4, "unit": "percent",
              "population": "patients over 75", "higher_is_better": False, "baseline": "ut_adult"}]},
        {"id": "F2", "title": "Suggestions are slow at peak hours", "category": "reliability",
         "summary": "Suggestions are slow at peak hours.",
         "metrics": [
             {"id": "lat_off", "name": "latency p95", "value": 850, "unit": "ms", "population": "off-peak intake"},
             {"id": "lat_peak", "name": "latency p95", "value": 2400, "unit": "ms", "population": "evening peak intake",
              "baseline": "lat_off"}]},
    ],
})

RATE = "On adults aged 18-64, the under-triage rate is 3.1%; on patients over 75 it is 8.4%: {gap}."
LATENCY = "On the off-peak intake, latency p95 is 850 ms; on the evening peak intake it is 2,400 ms: {gap}."


@pytest.mark.parametrize("text,codes", [
    (RATE.format(gap="a 5.3-point rise"), []),
    (RATE.format(gap="5.3 percentage points higher"), []),
    (LATENCY.format(gap="1,550 ms higher"), []),
    (LATENCY.format(gap="1,550 ms slower"), []),
    (RATE.format(gap="a 5.3-point drop"), ["direction"]),
    (RATE.format(gap="5.3 percentage points lower"), ["direction"]),
    (LATENCY.format(gap="1,550 ms lower"), ["direction"]),
    (LATENCY.format(gap="1,550 ms faster"), ["direction"]),
])
def test_the_direction_of_a_gap_after_a_colon_is_checked(text, codes):
    assert error_codes(check_brief(DOC, text)) == codes


def test_a_clause_after_a_colon_without_a_figure_is_not_a_comparison():
    text = "Extend the triage assistant to more hospitals: proceed only with the safeguards below."
    assert error_codes(check_brief(DOC, text)) == []


@pytest.mark.parametrize("text,codes", [
    ("The under-triage rate is 8.4%.", ["scope"]),
    ("The under-triage rate is 3.1%.", []),
    ("The under-triage rate is 8.4% for patients over 75.", []),
    ("Latency p95 is 2,400 ms.", ["scope"]),
])
def test_a_slice_figure_stated_without_its_slice_is_overgeneralised(text, codes):
    assert error_codes(check_brief(DOC, text)) == codes


def test_an_invented_step_handed_to_a_real_owner_is_an_invented_mitigation():
    doc = DOC.model_copy(deep=True)
    doc.findings[0].mitigations = [Mitigation(action="Require nurse confirmation for patients over 75",
                                              owner="Nursing leadership", status="planned")]
    real = "Require nurse confirmation for patients over 75 (for F1; owned by Nursing leadership): planned, not yet in place."
    invented = "Retrain the triage assistant for patients over 75 (for F1; owned by Nursing leadership): planned, not yet in place."
    assert error_codes(check_brief(doc, real)) == []
    assert error_codes(check_brief(doc, invented)) == ["mitigation"]


def test_an_owner_whose_name_holds_an_acronym_is_recognised():
    doc = DOC.model_copy(deep=True)
    doc.findings[0].mitigations = [Mitigation(action="Require nurse confirmation for patients over 75",
                                              owner="Nursing leadership", status="planned")]
    doc.findings[1].mitigations = [Mitigation(action="Add a second inference node", owner="Hospital IT", status="done")]
    step = "Require nurse confirmation for patients over 75 (for F1; owned by {owner}): planned, not yet in place."
    assert error_codes(check_brief(doc, step.format(owner="Nursing leadership"))) == []
    assert error_codes(check_brief(doc, step.format(owner="Hospital IT"))) == ["owner"]
    assert error_codes(check_brief(doc, "Add a second inference node (for F2; owned by Hospital IT): done.")) == []


COST = FindingsDocument.model_validate({
    "schema_version": 1, "system": {"name": "Fraud model"},
    "findings": [{"id": "F1", "title": "Fraud losses fall", "category": "performance", "summary": "Losses fall.",
                  "metrics": [
                      {"id": "old", "name": "monthly fraud losses", "value": 1800000, "unit": "usd", "population": "current model"},
                      {"id": "new", "name": "monthly fraud losses", "value": 1200000, "unit": "usd", "population": "new model",
                       "baseline": "old"}]}],
})


@pytest.mark.parametrize("text,codes", [
    ("Monthly fraud losses fell from $1,800,000 to $1,200,000.", []),
    ("Monthly fraud losses rose from $1,800,000 to $1,200,000.", ["direction"]),
])
def test_a_change_between_currency_figures_is_checked_for_direction(text, codes):
    assert error_codes(check_brief(COST, text)) == codes


@pytest.mark.parametrize("text,codes", [
    ("Finding F2 is open.", []),
    ("Finding F2 is not open.", ["negation"]),
    ("Finding F2 is not yet resolved.", []),
])
def test_a_denied_finding_status_is_a_negation(text, codes):
    doc = DOC.model_copy(deep=True)
    doc.findings[1].status = Status.open
    assert error_codes(check_brief(doc, text)) == codes


def test_metrics_that_are_each_others_baseline_leave_an_appended_gap_unjudged():
    doc = DOC.model_copy(deep=True)
    a, b = doc.findings[1].metrics
    a.baseline, b.baseline = "lat_peak", "lat_off"
    text = "Latency p95 on the evening peak intake is 2,400 ms, against 850 ms on the off-peak intake: 1,550 ms higher."
    assert error_codes(check_brief(doc, text)) == []
