"""The practice scenario bank, its grounding findings and the model answers written from them."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from engine.errors import UsageError
from engine.practice import findings_for, list_scenarios, load_scenario, model_answer
from evals.starl import score_answer
from evals.starl.grounding import resolve_metric
from evals.starl.text import numbers_in
from schemas.loading import load_text, validate_files
from schemas.practice import PART_KEYS

SCENARIOS = list_scenarios()
IDS = [s.id for s in SCENARIOS]
FINDINGS_DIR = resources.files("prompts") / "practice" / "findings"


def test_the_bank_has_at_least_15_scenarios_with_unique_ids():
    assert len(SCENARIOS) >= 15
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize(
    "scenario_id, phrases",
    [
        ("sentiment-sarcasm", ["90%", "65%", "sarcastic", "marketing"]),
        ("credit-explainability", ["2 points more accurate", "black box", "explainable", "regulatory scrutiny"]),
        ("agent-launch", ["autonomous", "no incident playbook", "board", "ethically"]),
        ("small-business-overprediction", ["over-predicts by 30%", "small businesses", "5%"]),
        ("recommender-diversity", ["recommender", "diversity", "dropped 40%"]),
    ],
)
def test_the_required_scenarios_are_in_the_bank(scenario_id, phrases):
    question = load_scenario(scenario_id).question
    for phrase in phrases:
        assert phrase in question, phrase


def test_reference_scenarios_are_listed_first():
    assert {s.id for s in SCENARIOS[:3]} == {"sentiment-sarcasm", "credit-explainability", "agent-launch"}


def test_every_findings_file_of_the_bank_is_valid_in_strict_mode(tmp_path):
    files = []
    for entry in FINDINGS_DIR.iterdir():
        if entry.name.endswith(".yaml"):
            path = tmp_path / entry.name
            path.write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
            files.append(path)
    assert len(files) >= 15
    assert validate_files(files, strict=True) == []


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_each_scenario_is_grounded_in_its_findings(scenario):
    doc = findings_for(scenario)
    assert scenario.covers.key_points and scenario.covers.guardrails
    for ref in scenario.covers.metrics:
        resolve_metric(doc, ref)  # raises when the reference is dangling
    for template in (scenario.model_answer.outcome, scenario.model_answer.lesson):
        for ref in re.findall(r"\{([^}]+)\}", template):
            resolve_metric(doc, ref)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_each_model_answer_scores_at_least_85_on_the_rubric(scenario):
    answer = model_answer(scenario.id)
    result = score_answer(answer, scenario=scenario)
    assert result.score >= 85, (scenario.id, result.score, result.feedback)
    assert all(result.parts[k].present for k in PART_KEYS)
    assert result.within_time, f"{scenario.id}: {result.words} words"
    assert "{" not in answer and "}" not in answer


def _numbers_of(doc_text: str) -> set[float]:
    return {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", doc_text)}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_model_answer_numbers_are_exactly_the_findings_numbers(scenario):
    doc = findings_for(scenario)
    raw = (FINDINGS_DIR / scenario.findings.split("/", 1)[1]).read_text(encoding="utf-8")
    allowed = _numbers_of(raw)
    # Gaps between a metric and its baseline are the one derived figure an answer may state.
    for f in doc.findings:
        for m in f.metrics:
            base = f.metric(m.baseline) if m.baseline else None
            if base is not None:
                allowed.add(round(abs(base.value - m.value), 6))
    answer = model_answer(scenario)
    for token in numbers_in(answer):
        value = re.search(r"\d[\d,]*(?:\.\d+)?", token)
        if value is None:
            continue  # "one in twenty" and other spoken quantities carry no digits
        assert float(value.group(0).replace(",", "")) in allowed, f"{scenario.id}: {token!r} is not in the findings"


def test_model_answers_say_an_before_a_figure_spoken_with_a_vowel():
    # "an 8-point gap", "an 11-point gap", "an 18% share", but "a 1-point gap" and "a 110-point gap".
    from engine.narrator.wording import indefinite_article

    said = re.compile(r"\b([Aa]n?) (\d[\d,]*(?:\.\d+)?)(?=[-\s%])")
    bad = {s.id: [m.group(0) for m in said.finditer(model_answer(s)) if m.group(1).lower() != indefinite_article(m.group(2))]
           for s in SCENARIOS}
    assert not {k: v for k, v in bad.items() if v}
    for figure, article in (("8", "an"), ("11", "an"), ("18", "an"), ("80", "an"), ("800", "an"), ("8,000", "an"),
                            ("11,500", "an"), ("18.5", "an"), ("1", "a"), ("110", "a"), ("1,800", "a"),
                            ("25", "a"), ("0.8", "a"), ("180", "a")):
        assert indefinite_article(figure) == article, figure


def test_model_answers_are_deterministic_and_name_the_findings_owners():
    scenario = load_scenario("sentiment-sarcasm")
    first = model_answer(scenario)
    assert first == model_answer("sentiment-sarcasm")
    assert "Social care team" in first and "1 December 2026" in first
    assert "800 posts from one platform" in first


def test_unknown_scenario_is_a_usage_error_that_says_how_to_find_the_ids():
    with pytest.raises(UsageError, match="riskbrief practice list"):
        load_scenario("no-such-scenario")


def test_a_findings_copy_matches_its_example(examples_dir):
    # The bank keeps its own copies of the reference examples; they must stay valid documents
    # with the reference numbers, even if the examples change.
    doc = findings_for(load_scenario("sentiment-sarcasm"))
    assert {m.value for m in doc.findings[0].metrics} >= {90, 65}
    assert load_text((examples_dir / "sentiment.yaml").read_text(encoding="utf-8"), "sentiment.yaml").system.name == doc.system.name


def test_a_broken_scenario_file_is_reported_with_its_file_and_field():
    from engine.errors import RiskbriefError
    from engine.practice.bank import _parse

    good = resources.files("prompts").joinpath("practice/scenarios/sentiment-sarcasm.yaml").read_text(encoding="utf-8")
    with pytest.raises(RiskbriefError, match=r"scenarios/sentiment-sarcasm.yaml:\d+: covers.metrics"):
        _parse("sentiment-sarcasm", good.replace("metrics: [F1.acc_overall, F1.acc_sarcasm]", "metrics: [acc_overall]"))
    with pytest.raises(RiskbriefError, match="must match the file name"):
        _parse("other-name", good)
    with pytest.raises(RiskbriefError, match="invalid YAML"):
        _parse("sentiment-sarcasm", "id: [unclosed")
