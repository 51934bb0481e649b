"""The rubric's answer-wide checks: jargon, guardrails, ownership, length, numbers, JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.practice import load_scenario
from evals.starl import score_answer
from evals.starl.text import numbers_in, split_sentences

DATA = Path(__file__).parent / "data" / "practice"
STRONG = (DATA / "strong-sentiment.txt").read_text(encoding="utf-8")


def _codes(result) -> set[str]:
    return {g.code for g in result.gaps}


def test_json_shape_is_the_documented_one():
    data = json.loads(score_answer(STRONG).model_dump_json())
    for key in ("score", "parts", "quantified_result", "business_framing", "solution_oriented", "feedback"):
        assert key in data
    assert list(data["parts"]) == ["S", "T", "A", "R", "L"]
    for part in data["parts"].values():
        assert {"present", "score", "evidence"} <= set(part)
    assert 0 <= data["score"] <= 100


def test_scoring_is_deterministic():
    assert score_answer(STRONG).model_dump() == score_answer(STRONG).model_dump()


def test_untranslated_jargon_is_named_with_its_plain_replacement():
    text = STRONG.replace("In plain terms, the dashboard", "Because recall and the false positive rate both drop, the dashboard")
    result = score_answer(text)
    assert "jargon" in _codes(result)
    line = next(g.message for g in result.gaps if g.code == "jargon")
    assert "'recall' -> 'share of cases caught'" in line
    assert "'false positive rate' -> 'rate of wrong alarms'" in line
    assert not result.business_framing
    assert result.jargon_per_100_words > 0 and score_answer(STRONG).jargon_per_100_words == 0
    assert result.score <= 70


def test_jargon_explained_in_plain_words_is_not_held_against_the_answer():
    text = STRONG.replace(
        "In plain terms, the dashboard",
        "Its recall - the share of sarcastic posts it catches - was low, so the dashboard",
    )
    result = score_answer(text)
    assert "jargon" not in _codes(result)
    assert result.business_framing


def test_the_audience_lexicon_decides_what_counts_as_jargon():
    text = STRONG.replace("I started by pulling", "After a red-team exercise, I started by pulling")
    assert "red-team" in score_answer(text, audience="executive").jargon
    assert "red-team" not in score_answer(text, audience="engineering").jargon


def test_a_bare_refusal_is_not_solution_oriented_and_the_fix_is_named():
    text = (DATA / "bare-refusal.txt").read_text(encoding="utf-8")
    result = score_answer(text)
    assert not result.solution_oriented
    line = next(g.message for g in result.gaps if g.code == "bare_refusal")
    assert "how, with which guardrails" in line and "pilot group" in line


def test_guardrail_kinds_are_reported():
    result = score_answer(STRONG)
    assert {"human review", "monitoring", "owner", "date", "disclaimer"} <= set(result.guardrails)


def test_we_only_actions_fail_ownership():
    text = (DATA / "we-only.txt").read_text(encoding="utf-8")
    result = score_answer(text)
    assert not result.ownership
    assert any(line.startswith("Ownership:") and "'I" in line for line in result.feedback)
    assert result.ownership is False and score_answer(STRONG).ownership is True


def test_length_is_checked_against_two_spoken_minutes():
    ok = score_answer(STRONG)
    assert ok.within_time and ok.spoken_seconds == round(ok.words * 60 / 150)
    long = score_answer((DATA / "too-long.txt").read_text(encoding="utf-8"))
    assert not long.within_time and long.words > 360
    assert any("two minutes" in line for line in long.feedback)
    assert long.score <= 70


def test_a_scenario_answer_without_the_findings_numbers_is_told_which_to_use():
    scenario = load_scenario("sentiment-sarcasm")
    text = STRONG.replace("right 90% of the time", "usually right").replace("only 65% of the time", "far less often")
    result = score_answer(text, scenario=scenario)
    line = next(g.message for g in result.gaps if g.code == "numbers_not_used")
    assert "90%" in line and "65%" in line
    assert "numbers_not_used" not in _codes(score_answer(STRONG, scenario=scenario))


def test_a_result_with_only_words_is_not_quantified():
    text = STRONG.replace(
        "Over the first six weeks the share of misread posts on the dashboard fell from about a third to 9%,",
        "Over the following weeks the dashboard misread far fewer posts,",
    )
    result = score_answer(text)
    assert result.parts["R"].present and not result.quantified_result
    assert "no_number" in _codes(result)


def test_explicit_labels_mark_the_parts():
    text = (
        "Situation: the fraud model blocked new customers.\n"
        "Task: decide.\n"
        "Action: I proposed a pilot with a cap.\n"
        "Result: approved, blocks fell 50%.\n"
        "Learning: always split by group."
    )
    result = score_answer(text)
    assert all(p.present for p in result.parts.values())
    assert result.parts["T"].evidence == "decide."
    assert "too_short" in _codes(result)


def test_years_dates_and_list_markers_are_not_quantities():
    assert numbers_in("In 2024, by 1 December, we met on March 3.") == []
    assert numbers_in("It fell from 35% to 9%, one in twenty, 400 fewer calls") == ["35%", "9%", "one in twenty", "400"]


def test_sentences_keep_their_offsets():
    text = "We met on Monday. The model, e.g. v2.3, was 90% right! Then I acted."
    for unit in split_sentences(text):
        assert text[unit.start:unit.end] == unit.text
    assert len(split_sentences(text)) == 3


def test_an_empty_answer_scores_zero_with_every_part_missing():
    result = score_answer("")
    assert result.score == 0
    assert not any(p.present for p in result.parts.values())


def test_markdown_labels_numbered_lists_and_dotted_abbreviations():
    text = (DATA / "strong-markdown-list.txt").read_text(encoding="utf-8")
    result = score_answer(text)
    assert all(p.present for p in result.parts.values())
    assert result.parts["S"].evidence.startswith("In 2024 our U.S. lending team")
    assert not result.parts["A"].evidence.startswith("*")
    assert "1" not in result.numbers and "2" not in result.numbers  # list markers are not quantities


def test_evidence_is_the_clause_that_shows_the_part_best():
    result = score_answer(STRONG)
    assert result.parts["T"].evidence.startswith("I was asked to tell the marketing director")
    assert "fell from about a third to 9%" in result.parts["R"].evidence
    assert result.parts["L"].evidence.startswith("Since then I always test")


def test_jargon_named_only_to_be_set_aside_is_not_counted():
    text = STRONG.replace("I started by pulling", "Instead of showing her the recall and precision, I started by pulling")
    assert score_answer(text).jargon == []
    text = STRONG.replace("I started by pulling", "I showed her the recall and the precision, then I started by pulling")
    assert set(score_answer(text).jargon) == {"recall", "precision"}


def test_a_scenario_can_be_given_by_its_bank_id():
    by_id = score_answer(STRONG, scenario="sentiment-sarcasm")
    assert by_id.model_dump() == score_answer(STRONG, scenario=load_scenario("sentiment-sarcasm")).model_dump()
    assert by_id.scenario == "sentiment-sarcasm" and "sarcastic" in by_id.question
    with pytest.raises(ValueError, match="unknown scenario 'nope'"):
        score_answer(STRONG, scenario="nope")
