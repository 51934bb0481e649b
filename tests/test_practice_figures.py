"""STAR-L answers that quote a figure of the findings for the wrong thing: another slice's or another
metric's figure is a misquote, while the case's figures said the right way round, in any phrasing, are not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.practice import list_scenarios, model_answer
from engine.practice.bank import findings_for
from evals.starl import score_answer
from tests.test_practice_acceptance import STRONG as STRONG_LENDING

DATA = Path(__file__).resolve().parent / "data" / "practice"
SENTIMENT = (DATA / "strong-sentiment.txt").read_text(encoding="utf-8")
SAID = ("On our balanced test set the model was right 90% of the time, but on short sarcastic posts, the exact posts "
        "the campaign team wanted to watch, it was right only 65% of the time.")
# The same facts (90% on the balanced test set, 65% on short sarcastic posts) in other words.
RIGHT_WAY_ROUND = {
    "as written": SAID,
    "from-to": "Accuracy fell from 90% on the balanced test set to 65% on short sarcastic posts, the posts the "
               "campaign team wanted to watch.",
    "slice first": "On short sarcastic posts, the exact posts the campaign team wanted to watch, it was right 65% of "
                   "the time, against 90% on the balanced test set.",
    "versus": "It scored 65% accuracy on sarcastic posts versus 90% on balanced test data.",
    "gap": "On short sarcastic posts it was right only 65% of the time, 25 points below the 90% it scored on the "
           "balanced test set.",
}


def _contradictions(result):
    return [g.message for g in result.gaps if g.code == "numbers_contradict"]


def _swap(text: str, a: str, b: str) -> str:
    return text.replace(a, "\0").replace(b, a).replace("\0", b)


@pytest.mark.parametrize("name", list(RIGHT_WAY_ROUND))
def test_the_cases_figures_in_any_phrasing_are_not_misquotes(name):
    assert SAID in SENTIMENT
    result = score_answer(SENTIMENT.replace(SAID, RIGHT_WAY_ROUND[name]), scenario="sentiment-sarcasm")
    assert not _contradictions(result) and result.score >= 90, result.feedback


@pytest.mark.parametrize("name", list(RIGHT_WAY_ROUND))
def test_the_two_slices_figures_swapped_are_misquotes(name):
    swapped = _swap(RIGHT_WAY_ROUND[name], "90%", "65%")
    result = score_answer(SENTIMENT.replace(SAID, swapped), scenario="sentiment-sarcasm")
    (line,) = _contradictions(result)
    # It names the figure said, the thing it was said for, what the findings give for that, and whose figure it is.
    assert "gives 65% for accuracy (balanced test set), which the findings give as 90%" in line \
        or "gives 90% for accuracy (short sarcastic social posts), which the findings give as 65%" in line, line
    assert result.score <= 70 and any("contradict" in c for c in result.caps)


def test_one_slice_given_the_other_slices_figure_is_a_misquote():
    result = score_answer(SENTIMENT.replace(SAID, SAID.replace("only 65%", "only 90%")), scenario="sentiment-sarcasm")
    (line,) = _contradictions(result)
    assert "gives 90% for accuracy (short sarcastic social posts), which the findings give as 65%" in line
    assert "90% is accuracy (balanced test set)" in line


def test_another_metrics_figure_for_a_share_is_a_misquote():
    # 88% is the share of all forecasts within 10%, not the share of small businesses over-predicted.
    wrong = STRONG_LENDING.replace("for 5% of small businesses", "for 88% of small businesses")
    assert wrong != STRONG_LENDING
    assert not _contradictions(score_answer(STRONG_LENDING, scenario="small-business-overprediction"))
    (line,) = _contradictions(score_answer(wrong, scenario="small-business-overprediction"))
    assert "gives 88% for share of forecasts over-predicted by 30% or more (small-business customers)" in line
    assert "which the findings give as 5%; 88% is forecasts within 10% of actual revenue" in line


def test_a_number_in_a_metrics_name_is_part_of_its_name_not_a_figure():
    # "within 10%" names the 88% metric; the 5% before it is the over-predicted share, said for the wrong thing.
    wrong = STRONG_LENDING.replace("the 88% of forecasts that were within 10% overall",
                                   "the 5% of forecasts that were within 10% overall")
    assert wrong != STRONG_LENDING
    (line,) = _contradictions(score_answer(wrong, scenario="small-business-overprediction"))
    assert "gives 5% for forecasts within 10% of actual revenue (all business customers), which the findings " \
           "give as 88%" in line
    assert "10%" not in line.split("Quote")[0].replace("within 10%", "")  # 10% itself is not taken for a misquote


def test_model_answers_with_another_figure_of_their_findings_are_mostly_caught():
    """Each bank model answer with one retold figure replaced by another metric's figure of the same findings."""
    caught, missed = 0, []
    for s in list_scenarios():
        values = sorted({m.value for f in findings_for(s).findings for m in f.metrics if m.unit.value == "percent"})
        answer = model_answer(s)
        assert not _contradictions(score_answer(answer, scenario=s)), s.id
        paragraphs = answer.split("\n\n")
        for i in range(3):
            for m in re.finditer(r"(\d+(?:\.\d+)?)%", paragraphs[i]):
                if float(m.group(1)) not in values:
                    continue  # a figure of the plan, not of the case
                for other in values:
                    if other == float(m.group(1)):
                        continue
                    changed = paragraphs[i][:m.start()] + f"{other:g}" + paragraphs[i][m.end(1):]
                    result = score_answer("\n\n".join([*paragraphs[:i], changed, *paragraphs[i + 1:]]), scenario=s)
                    if _contradictions(result):
                        caught += 1
                    else:
                        missed.append(f"{s.id}: {m.group(0)} -> {other:g}%")
    # Slices told apart only by a figure ("over 2 s" and "under 1 s") or by nothing at all are the ones
    # that get through.
    assert caught >= 0.8 * (caught + len(missed)), missed


def test_a_figure_given_for_the_other_labelled_slice_is_a_misquote():
    # credit: accuracy 86% for model A, 84% for model B; only the labels tell the two slices apart.
    s = next(x for x in list_scenarios() if x.id == "credit-explainability")
    answer = model_answer(s)
    said = "84% for 2025 held-back test applications scored by model B"
    assert said in answer
    assert not _contradictions(score_answer(answer, scenario=s))
    (line,) = _contradictions(score_answer(answer.replace(said, said.replace("84%", "86%")), scenario=s))
    assert "86%" in line and "model B" in line
