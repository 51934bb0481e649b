"""The model never types a number: {{references}} are rendered from the findings."""

from __future__ import annotations

import pytest

from engine.chain.references import References, ReferenceError_
from schemas.audience import load_profile
from schemas.loading import load_findings
from tests.conftest import EXAMPLES


@pytest.fixture
def sentiment():
    return load_findings(EXAMPLES / "sentiment.yaml")


@pytest.fixture
def credit():
    return load_findings(EXAMPLES / "credit.yaml")


def render(doc, audience, text):
    return References(doc, load_profile(audience)).render(text)


def test_values_gaps_sizes_and_dates(sentiment):
    text, sources, problems = render(
        sentiment, "executive",
        "Accuracy is {{F1.acc_sarcasm}}, down {{F1.acc_sarcasm.gap_pp}} ({{F1.acc_sarcasm.rel}}) "
        "on {{F1.acc_sarcasm.n}} posts; review is due {{F1.mitigations[0].due}}, decision by {{context.deadline}}.",
    )
    assert problems == []
    assert text == (
        "Accuracy is 65% (about two in three), down 25 percentage points (28% lower) on 800 posts; "
        "review is due 1 December 2026, decision by 15 December 2026."
    )
    # a gap pulls in the baseline it was computed against
    assert sources == ["F1.acc_sarcasm", "F1.acc_overall", "F1", "context"]


def test_number_style_follows_the_audience(sentiment):
    exec_text, _, _ = render(sentiment, "executive", "{{F1.acc_sarcasm}}")
    eng_text, _, _ = render(sentiment, "engineering", "{{F1.acc_sarcasm}}")
    assert exec_text == "65% (about two in three)"
    assert "n = 800" in eng_text and "61.7%" in eng_text  # engineers get sample size and interval


def test_typed_numbers_are_flagged_but_names_with_digits_are_not(credit):
    _, _, problems = render(credit, "legal", "Model A approves applicants aged 18-25 at 71% of the rate.")
    assert problems == ["'71%' is a number typed by hand; write it as a {{reference}}"]
    _, _, problems = render(credit, "legal", "Applicants aged 18-25 fare worse under model A ({{F2.air_a}}).")
    assert problems == []


def test_unknown_references_say_what_exists(sentiment):
    _, _, problems = render(sentiment, "executive", "{{F1.acc_sarcsm}} and {{F9.x}} and {{F1.acc_overall.gap_pp}}")
    assert any("F1 has no metric acc_sarcsm (metrics: acc_overall, acc_sarcasm)" in p for p in problems)
    assert any("F9.x" in p and "names nothing" in p for p in problems)
    assert any("no baseline" in p for p in problems)


def test_tradeoff_option_metrics(credit):
    refs = References(credit, load_profile("executive"))
    assert refs.resolve("T1.A.acc").text.startswith("86%")
    with pytest.raises(ReferenceError_, match="options: A, B"):
        refs.resolve("T1.C.acc")


def test_catalogue_lists_only_resolvable_references(sentiment):
    cat = References(sentiment, load_profile("executive")).catalogue()
    refs = [c["ref"] for c in cat]
    assert "{{F1.acc_sarcasm.gap_pp}}" in refs and "{{context.deadline}}" in refs
    assert "{{F1.acc_overall.gap_pp}}" not in refs  # acc_overall has no baseline
    assert all(c["renders_as"] for c in cat)


def test_spelled_out_figures_count_as_typed(sentiment):
    _, _, problems = render(sentiment, "executive", "Accuracy falls by twenty-five percent on sarcastic posts.")
    assert [p.split("'")[1] for p in problems] == ["twenty", "percent"]
    _, _, problems = render(sentiment, "executive", "The sarcasm set comes from one platform.")
    assert problems == []


def test_single_braces_are_not_references(sentiment):
    text, _, problems = render(sentiment, "executive", "Accuracy is {F1.acc_sarcasm} on sarcastic posts.")
    assert problems == ["'{F1.acc_sarcasm}' is not a reference; write references in double braces, e.g. {{F1.metric}}"]
