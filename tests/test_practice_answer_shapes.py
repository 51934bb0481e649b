"""The rubric on answers written in other shapes: letter headings, and figures that contradict the case."""

from __future__ import annotations

import json
import re

import pytest

from engine.practice import list_scenarios, model_answer
from evals.starl import score_answer
from schemas.practice import PART_KEYS, PART_NAMES

BODY = {
    "S": "Last spring our recommender's diversity dropped 40% after a retrain, and product wanted it live for every member.",
    "T": "I had to tell the VP of product whether to launch.",
    "A": ("I framed it not as a technical bug but as a filter-bubble risk to long-term retention, and I showed one "
          "chart of what members saw before and after. I proposed a pilot with 10% of members, a hard cap on repeated "
          "categories and weekly monitoring, owned by Personalisation with a review on 10 January."),
    "R": "As a result, the VP approved the pilot, and after four weeks 90-day retention in the pilot held within 1% of the old model.",
    "L": "I learned to open with what a metric means for customers; since then I always start there.",
}

HEADINGS = {
    "bare letter": "{k}\n{body}",
    "markdown letter": "## {k}\n\n{body}",
    "bold letter": "**{k}**\n{body}",
    "letter and name": "{k} ({name})\n{body}",
    "markdown name": "### {name}\n{body}",
}


def _answer(style: str) -> str:
    return "\n\n".join(HEADINGS[style].format(k=k, name=PART_NAMES[k], body=BODY[k]) for k in PART_KEYS) + "\n"


@pytest.mark.parametrize("style", list(HEADINGS))
def test_headings_label_their_section_and_stay_out_of_the_evidence(style):
    text = _answer(style)
    result = score_answer(text, scenario="recommender-diversity")
    for key in PART_KEYS:
        part = result.parts[key]
        assert part.present, (style, key)
        assert f"label {key}" in part.cues, (style, key, part.cues)
        assert part.evidence and part.evidence[0] not in "#*" and not re.match(r"[STARL]\b", part.evidence), part.evidence
        assert text[part.span[0]:part.span[1]] == part.evidence


def test_letter_headings_are_honoured_out_of_order():
    # The lesson told first, under its heading, is still the Learning, and the opening is not taken for the Situation.
    text = "\n\n".join(f"{k}\n{BODY[k]}" for k in ("L", "S", "T", "A", "R"))
    result = score_answer(text, scenario="recommender-diversity")
    assert all(result.parts[k].present for k in PART_KEYS)
    assert "label L" in result.parts["L"].cues and result.parts["L"].evidence in BODY["L"]
    assert "label S" in result.parts["S"].cues and result.parts["S"].evidence in BODY["S"]


def test_a_capital_a_opening_a_sentence_is_not_a_heading():
    text = "A\nlot of our members stopped watching after the retrain.\n\n" + "\n\n".join(BODY[k] for k in "TARL")
    result = score_answer(text, question="Tell me about a risk you raised.")
    assert "label A" not in result.parts["A"].cues


@pytest.mark.parametrize("said, figure", [
    ("our recommender's diversity dropped 15% after a retrain", "15%"),
    ("recommendations became 57% less diverse after a retrain", "57%"),
    ("the new model's feeds covered 25% fewer distinct categories per member", "25%"),
])
def test_a_figure_that_contradicts_the_case_is_a_misquote(said, figure):
    text = _answer("bare letter").replace("our recommender's diversity dropped 40% after a retrain", said)
    result = score_answer(text, scenario="recommender-diversity")
    gap = next((g for g in result.gaps if g.code == "numbers_contradict"), None)
    assert gap is not None, result.feedback
    assert figure in gap.message and "40%" in gap.message
    if "became" not in said:  # a sentence naming only the finding's title names all its metrics
        assert "click-through" not in gap.message, "only the metric the sentence names is given"
    assert result.score <= 70


def test_the_cases_own_figures_and_the_speakers_plan_are_not_misquotes():
    result = score_answer(_answer("bare letter"), scenario="recommender-diversity")
    assert not [g for g in result.gaps if g.code == "numbers_contradict"]


def test_every_figure_of_the_case_changed_in_a_model_answer_is_caught():
    """Each bank model answer with one retold figure of its findings changed (in the Situation, Task or Action)."""
    from engine.practice.bank import findings_for

    caught, missed = 0, []
    for s in list_scenarios():
        values = {m.value for f in findings_for(s).findings for m in f.metrics if m.unit.value == "percent"}
        paragraphs = model_answer(s).split("\n\n")
        for i in range(3):
            for m in re.finditer(r"(\d+(?:\.\d+)?)%", paragraphs[i]):
                if float(m.group(1)) not in values:
                    continue  # a figure of the plan ("10% of members first"), not of the case
                wrong = f"{float(m.group(1)) * 2 + 31.3:g}"  # far from any figure of the case
                changed = paragraphs[i][:m.start()] + wrong + paragraphs[i][m.end(1):]
                result = score_answer("\n\n".join([*paragraphs[:i], changed, *paragraphs[i + 1:]]), scenario=s)
                if any(g.code == "numbers_contradict" for g in result.gaps):
                    caught += 1
                else:
                    missed.append(f"{s.id}: {m.group(0)} -> {wrong}%")
    # A clause the rubric hears as the speaker's own Result is theirs to state, so a few are not checked.
    assert caught >= 30 and caught >= 0.95 * (caught + len(missed)), missed


@pytest.mark.parametrize("marker", ["- ", "* ", "• ", "1. ", "1) "], ids=["dash", "star", "bullet", "number-dot", "number-paren"])
def test_labelled_list_items_are_labels_whatever_the_list_marker(marker):
    items = [f"{marker.replace('1', str(i))}{PART_NAMES[k]}: {BODY[k]}" for i, k in enumerate(PART_KEYS, 1)]
    text = "\n".join(items) + "\n"
    result = score_answer(text, scenario="recommender-diversity")
    for key in PART_KEYS:
        part = result.parts[key]
        assert part.present and f"label {key}" in part.cues, (marker, key, part.cues)
        assert part.evidence and part.evidence[0] not in "-*•0123456789" and PART_NAMES[key] not in part.evidence[:12]


def test_windows_line_endings_read_like_unix_ones(tmp_path):
    from click.testing import CliRunner

    from engine.cli import cli as group

    text = _answer("bare letter")
    crlf = text.replace("\n", "\r\n")
    direct = score_answer(crlf, scenario="recommender-diversity")
    assert all(f"label {k}" in direct.parts[k].cues for k in PART_KEYS)
    path = tmp_path / "answer.txt"
    path.write_bytes(crlf.encode("utf-8"))
    r = CliRunner().invoke(group, ["practice", "score", str(path), "--scenario", "recommender-diversity", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data == json.loads(json.dumps(score_answer(text, scenario="recommender-diversity").model_dump(mode="json")))


@pytest.mark.parametrize("lesson", [
    "Looking back, the lesson for me is that a headline metric can hide a long-term cost.",
    "Next time I would bring the retention view to the first meeting instead of the third.",
    "The takeaway for me: start with what the number means for customers.",
    "If I did it again, I'd involve the creators' team earlier.",
    "It taught me to lead with the business impact, and I have done that in every launch review since.",
    "What I'd do differently is test for diversity before the A/B test, not after.",
    "Today I always ask what a metric hides before I sign off a launch.",
    "That experience changed how I present risk: business impact first, numbers second.",
    "The whole episode changed the way I run launch reviews.",
])
def test_a_lesson_in_other_words_is_still_the_learning(lesson):
    story = "\n\n".join(BODY[k] for k in "STAR")
    with_lesson = score_answer(f"{story}\n\n{lesson}", scenario="recommender-diversity")
    without = score_answer(story, scenario="recommender-diversity")
    assert with_lesson.parts["L"].present and not without.parts["L"].present
    assert with_lesson.score >= without.score + 25
