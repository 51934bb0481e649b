"""The narrator's choices on documents with several slices and several options."""

from __future__ import annotations

import re

from engine.narrator import narrate
from evals.faithfulness import check_brief, error_codes
from schemas.audience import load_profile
from schemas.loading import load_text

SLICES = load_text("""
schema_version: 1
system: {name: Moderation classifier}
context: {decision: Expand automated removal to Spanish and Hindi posts}
findings:
  - id: F1
    title: Recall is lower outside English
    category: performance
    severity: high
    likelihood: likely
    summary: Recall drops outside English.
    metrics:
      - {id: en, name: recall, value: 0.91, unit: ratio, population: English posts}
      - {id: es, name: recall, value: 0.78, unit: ratio, population: Spanish posts, baseline: en}
      - {id: hi, name: recall, value: 0.55, unit: ratio, population: Hindi posts, baseline: en}
""")

OPTIONS_TEXT = """
schema_version: 1
system: {name: Resume screen}
findings:
  - {id: F1, title: Shortlist rates differ by gender, category: fairness, summary: Shortlist rates differ.}
tradeoffs:
  - id: T1
    question: How should applicants be screened?
    options:
      - id: keep
        name: Keep the model screen
        metrics: [{id: hours, name: recruiter hours per week, value: 40, unit: count}]
      - id: blind
        name: Model screen with gender proxies removed
        metrics: [{id: hours, name: recruiter hours per week, value: 55, unit: count}]
      - id: manual
        name: Manual screening
        metrics: [{id: hours, name: recruiter hours per week, value: 160, unit: count}]
    recommendation: blind
"""
OPTIONS = load_text(OPTIONS_TEXT)


def sentences(doc, audience="engineering"):
    return [s.text for sec in narrate(doc, load_profile(audience)).sections for s in sec.sentences]


def test_monitoring_watches_the_worst_slice():
    watch = [t for t in sentences(SLICES) if t.startswith("Keep measuring")]
    assert len(watch) == 1 and "Hindi posts" in watch[0]


def test_option_names_are_not_given_a_second_article():
    text = " ".join(sentences(OPTIONS))
    assert "the keep the model screen" not in text.lower()
    assert "Keep the model screen" in text


def test_an_option_named_by_an_action_before_a_comma_is_quoted_whole():
    doc = load_text(OPTIONS_TEXT.replace("name: Keep the model screen", "name: Rebook, and refund up to 600 dollars"))
    text = " ".join(sentences(doc, "executive"))
    assert "(Rebook, and refund up to 600 dollars)" in text
    assert "the rebook, and refund" not in text.lower()
    assert check_brief(doc, narrate(doc, load_profile("executive"))).passed


def test_options_are_compared_with_the_recommended_one_and_the_right_way_round():
    text = " ".join(sentences(OPTIONS))
    # fewer recruiter hours is better: the model screen is ahead of the recommended option, manual screening behind it
    assert "option keep" in text and "option manual" in text
    assert re.search(r"option keep \([^)]*\) is [^;]*?, so option keep is ahead", text)
    assert re.search(r"option manual \([^)]*\) is [^;]*?, so option manual is behind", text)


def test_the_new_sentences_pass_the_checker():
    for doc in (SLICES, OPTIONS):
        for audience in ("executive", "engineering"):
            b = narrate(doc, load_profile(audience))
            assert check_brief(doc, b).passed


PLURALS = load_text("""
schema_version: 1
system: {name: Card fraud detector}
findings:
  - id: F1
    title: Fraud losses fall with the new model
    category: performance
    summary: Losses fall.
    metrics:
      - {id: old, name: monthly fraud losses, value: 1800000, unit: usd, population: current model}
      - {id: new, name: monthly fraud losses, value: 1200000, unit: usd, population: new model, baseline: old}
      - {id: calls, name: duplicate payment calls, value: 9, unit: count, population: simulated orders}
      - {id: acc, name: accuracy, value: 91, unit: percent, population: all transactions}
""")


def test_plural_measures_take_a_plural_verb():
    text = " ".join(sentences(PLURALS))
    assert "losses is" not in text and "calls is" not in text and "calls stands" not in text
    assert "monthly fraud losses are $1.8 million; on the new model they are $1.2 million" in text
    assert "ccuracy on all transactions is 91%" in text or "accuracy on all transactions stands at 91%" in text
    assert check_brief(PLURALS, narrate(PLURALS, load_profile("engineering"))).passed


def test_a_rate_of_plural_things_is_one_rate():
    from engine.narrator.facts import plural

    assert plural("duplicate payment calls") and plural("recruiter hours per week")
    assert not plural("rate of wrong alarms") and not plural("share of cases caught") and not plural("recall")


def test_countable_measures_get_an_article():
    from engine.narrator.facts import the_measure

    assert the_measure("rate of wrong alarms") == "the rate of wrong alarms"
    assert the_measure("under-triage rate") == "the under-triage rate"
    assert the_measure("recall") == "recall" and the_measure("F1 score") == "F1 score"
    watch = [t for t in sentences(SLICES) if t.startswith("Keep measuring")]
    assert watch[0].startswith("Keep measuring recall on Hindi posts")


def test_slices_against_one_baseline_state_the_baseline_once():
    text = " ".join(sentences(SLICES, "executive"))
    # an executive reads recall held as a ratio in percent, and the gaps in points
    assert text.count("91%") == 1 and "0.91" not in text
    assert "on Spanish posts it is 78% (about four in five): a 13-point drop" in text
    assert "on Hindi posts it is 55%: a 36-point drop" in text
    assert check_brief(SLICES, narrate(SLICES, load_profile("executive"))).passed
    flipped = ("On English posts, recall is 0.91; on Spanish posts it is 0.78: 0.13 lower; "
               "and on Hindi posts it is 0.55: 0.36 {}.")
    assert error_codes(check_brief(SLICES, flipped.format("lower"))) == []
    assert error_codes(check_brief(SLICES, flipped.format("higher"))) == ["direction"]
