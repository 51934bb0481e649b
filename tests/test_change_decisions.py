"""A whole decision (trade-off) added to or removed from the findings: said in every change brief, checked on both sides."""

from __future__ import annotations

import copy
import json

import pytest

from engine.changes import change_brief
from engine.render.json_brief import render_json
from engine.render.markdown import render_markdown
from evals.changes import check_change_brief
from evals.faithfulness import error_codes
from tests.change_pairs import example, mutated, sides

AUDIENCES = ("executive", "legal", "product", "engineering")
QUESTION = "Do we launch in the EU this quarter?"
LAUNCH = {"id": "T2", "question": QUESTION, "criteria": ["time to market"],
          "options": [{"id": "A", "name": "Launch now"}, {"id": "B", "name": "Wait for the audit"},
                      {"id": "C", "name": "Launch in one country, then expand"}],
          "recommendation": "B", "rationale": "The audit closes the open fairness questions."}
CREDIT = "Which credit model do we deploy?"


def pair(tmp_path, edit):
    old = example("credit")
    new = copy.deepcopy(old)
    edit(new)
    return sides(tmp_path, old, new)


def added(doc):
    doc["tradeoffs"].append(copy.deepcopy(LAUNCH))


def added_without_recommendation(doc):
    t = copy.deepcopy(LAUNCH)
    del t["recommendation"], t["rationale"]
    doc["tradeoffs"].append(t)


def removed(doc):
    del doc["tradeoffs"]


def sentence(brief, start: str):
    hits = [s for sec in brief.sections for s in sec.sentences if s.text.startswith(start)]
    assert len(hits) == 1, [s.text for sec in brief.sections for s in sec.sentences]
    return hits[0]


def failing(result) -> list:
    return [(c.error, c.text, c.evidence) for c in result.failing] + result.missing_caveats


def passes_both_ways(o, n, brief) -> None:
    assert brief.eval.passed, failing(brief.eval)
    for text in (render_json(brief), render_markdown(brief)):
        result = check_change_brief(o.doc, n.doc, text)
        assert result.passed, failing(result)


EXPECTED = {
    added: ("New decision on the table", "new:T2",
            "“Do we launch in the EU this quarter?”, choosing between option A (Launch now), option B (Wait for the audit) "
            "and option C (Launch in one country, then expand); the findings recommend option B (Wait for the audit)."),
    added_without_recommendation: ("New decision on the table", "new:T2",
                                   "choosing between option A (Launch now), option B (Wait for the audit) and option C "
                                   "(Launch in one country, then expand); no option is recommended."),
    removed: ("The decision “Which credit model do we deploy?”", "old:T1",
              "is no longer in the document; it was between option A (Gradient-boosted ensemble) and option B (Scorecard), "
              "with option B (Scorecard) recommended."),
}


@pytest.mark.parametrize("edit", list(EXPECTED), ids=lambda e: e.__name__)
def test_a_decision_added_or_removed_is_said_in_every_brief_and_passes(tmp_path, edit):
    start, source, tail = EXPECTED[edit]
    o, n = pair(tmp_path, edit)
    for audience in AUDIENCES:
        brief = change_brief(o, n, audience)
        said = sentence(brief, start)
        assert said.text.endswith(tail) and said.sources == [source], said.text
        # Engineering gets the trade-off's id too; the others the decision in plain words.
        assert ("(trade-off T" in said.text) == (audience == "engineering"), said.text
        assert brief.section("recommendations").title == "Decisions added and removed"
        phrase = "a decision is no longer in the document" if edit is removed else "a new decision is on the table"
        assert phrase in brief.headline
        assert not any(w in said.text for w in ("decided", "withdrawn")), said.text
        passes_both_ways(o, n, brief)
        data = json.loads(render_json(brief))
        section = next(s for s in data["sections"] if s["id"] == "recommendations")
        assert section["sentences"][0]["text"] == said.text and section["sentences"][0]["sources"] == [source]
        assert said.text in render_markdown(brief).replace("\\", "")


MUTATIONS = [
    # (edit, text in the brief, what it becomes, error code)
    (added, "recommend option B (Wait for the audit)", "recommend option A (Launch now)", "extrinsic"),
    (added, "the findings recommend option B (Wait for the audit)", "no option is recommended", "extrinsic"),
    (added, "option A (Launch now)", "option A (Wait for the audit)", "slice"),
    (added, "option C (Launch in one country, then expand)", "option D (Launch in one country, then expand)", "extrinsic"),
    (added_without_recommendation, "no option is recommended", "the findings recommend option C (Launch in one country, then expand)",
     "extrinsic"),
    (removed, "with option B (Scorecard) recommended", "with option A (Gradient-boosted ensemble) recommended", "extrinsic"),
    (removed, "with option B (Scorecard) recommended", "with no option recommended", "extrinsic"),
    (removed, "is no longer in the document;", "is no longer in the document because it was decided;", "extrinsic"),
    (removed, "is no longer in the document;", "was withdrawn and is no longer in the document;", "extrinsic"),
    (removed, "is no longer in the document;", "was settled;", "extrinsic"),
    (removed, "option B (Scorecard),", "option B (Gradient-boosted ensemble),", "slice"),
    # The headline's summary must be a kind of change the documents show.
    (removed, "a decision is no longer in the document", "a new decision is on the table", "extrinsic"),
    (added, "a new decision is on the table", "a decision is no longer in the document", "extrinsic"),
]


@pytest.mark.parametrize("edit,old,new,code", MUTATIONS)
def test_a_wrong_added_or_removed_decision_fails_with_a_code(tmp_path, edit, old, new, code):
    o, n = pair(tmp_path, edit)
    for audience in ("executive", "engineering"):
        brief = change_brief(o, n, audience)
        if old in brief.headline:
            data = json.loads(render_json(brief))
            data["headline"] = data["headline"].replace(old, new)
        else:
            data = json.loads(mutated(brief, old, new))
        result = check_change_brief(o.doc, n.doc, json.dumps(data))
        assert not result.passed and code in error_codes(result), (audience, failing(result))


def with_sentence(brief, text: str, sources: list[str]) -> str:
    """The brief's JSON with one more sentence; prose with no sources is checked as plain text instead."""
    if not sources:
        return text
    data = json.loads(render_json(brief))
    data["sections"][0]["sentences"].append({"text": text, "sources": sources})
    return json.dumps(data)


@pytest.mark.parametrize("edit,text,sources,code", [
    # A decision both documents hold said to be new, or said to be gone.
    (added, f"New decision on the table: “{CREDIT}”, choosing between option A (Gradient-boosted ensemble) and option B "
            "(Scorecard); the findings recommend option B (Scorecard).", ["new:T1"], "extrinsic"),
    (added, f"The decision “{CREDIT}” is no longer in the document; it was between option A (Gradient-boosted ensemble) "
            "and option B (Scorecard), with option B (Scorecard) recommended.", ["old:T1"], "extrinsic"),
    # The added decision said to be removed, and cited on the side that lacks it.
    (added, f"The decision “{QUESTION}” is no longer in the document.", ["old:T2"], "slice"),
    (added, f"The decision “{QUESTION}” is no longer in the document.", [], "extrinsic"),
    (removed, f"New decision on the table: “{CREDIT}”; the findings recommend option B (Scorecard).", [], "extrinsic"),
    # Prose naming no decision, when none was added.
    (removed, "A new decision is on the table.", [], "extrinsic"),
])
def test_an_invented_decision_change_fails(tmp_path, edit, text, sources, code):
    o, n = pair(tmp_path, edit)
    result = check_change_brief(o.doc, n.doc, with_sentence(change_brief(o, n, "legal"), text, sources))
    assert code in error_codes(result), failing(result)
    assert [c.text for c in result.failing] == [text]


@pytest.mark.parametrize("edit,text,code", [
    (added, "A new decision is on the table: whether we launch in the EU this quarter; the recommended option is option B.",
     None),
    (added, "A new decision is on the table: whether we launch in the EU this quarter; the recommended option is option A.",
     "extrinsic"),
    (added, "Trade-off T2 was added, with Wait for the audit recommended.", None),
    (added, "Trade-off T1 was added.", "extrinsic"),
    (removed, "The credit model decision is no longer in the document.", None),
    (removed, "The credit model decision is no longer in the document; it recommended the Scorecard.", None),
    (removed, "The credit model decision is no longer in the document; it recommended the Gradient-boosted ensemble.",
     "extrinsic"),
    (removed, "The credit model decision was settled and is no longer in the document.", "extrinsic"),
])
def test_prose_about_a_decision_added_or_removed_is_checked(tmp_path, edit, text, code):
    o, n = pair(tmp_path, edit)
    result = check_change_brief(o.doc, n.doc, text)
    assert len(result.claims) == 1, [(c.text, c.error) for c in result.claims]
    assert (result.claims[0].error.value if result.claims[0].error else None) == code, result.claims[0].evidence


def test_a_trade_off_whose_id_changed_is_matched_by_its_question(tmp_path):
    o, n = pair(tmp_path, lambda d: d["tradeoffs"][0].update(id="T7"))
    brief = change_brief(o, n, "executive")
    assert "No material changes" in brief.headline
    o, n = pair(tmp_path, lambda d: d["tradeoffs"][0].update(id="T7", recommendation="A"))
    brief = change_brief(o, n, "engineering")
    said = sentence(brief, "The recommended option for")
    assert said.sources == ["old:T1", "new:T7"]
    assert brief.section("recommendations").title == "Recommended options"
    passes_both_ways(o, n, brief)


def test_a_decision_added_and_another_removed_share_the_section_with_a_recommendation_change(tmp_path):
    def both(doc):
        doc["tradeoffs"][0]["recommendation"] = "A"
        added(doc)

    o, n = pair(tmp_path, both)
    brief = change_brief(o, n, "product")
    section = brief.section("recommendations")
    assert section.title == "Decisions added and removed, and recommended options"
    assert [s.text.split(":")[0] for s in section.sentences][0] == "New decision on the table"
    assert section.sentences[1].text.startswith("The recommended option for “Which credit model")
    passes_both_ways(o, n, brief)


QUOTED_OPTIONS = {"id": "T3", "question": "Which mode does the agent ship with?",
                  "options": [{"id": "safe", "name": "The “Safe” mode"}, {"id": "turbo", "name": 'Full "Turbo" mode'}],
                  "recommendation": "safe"}


def test_option_names_with_quote_marks_are_read_whole(tmp_path):
    o, n = pair(tmp_path, lambda d: d["tradeoffs"].append(copy.deepcopy(QUOTED_OPTIONS)))
    for audience in AUDIENCES:
        brief = change_brief(o, n, audience)
        said = sentence(brief, "New decision on the table")
        assert said.text.endswith("the findings recommend option safe (The “Safe” mode)."), said.text
        passes_both_ways(o, n, brief)
        wrong = mutated(brief, "recommend option safe (The “Safe” mode)", 'recommend option turbo (Full "Turbo" mode)')
        assert error_codes(check_change_brief(o.doc, n.doc, wrong)) == ["extrinsic"]
    # The same trade-off in both documents, its recommended option changed.
    old = copy.deepcopy(n.doc.model_dump(mode="json", exclude_none=True))
    new = copy.deepcopy(old)
    new["tradeoffs"][-1]["recommendation"] = "turbo"
    o2, n2 = sides(tmp_path, old, new)
    brief = change_brief(o2, n2, "legal")
    said = sentence(brief, "The recommended option for")
    assert said.text.endswith('changed from option safe (The “Safe” mode) to option turbo (Full "Turbo" mode).'), said.text
    passes_both_ways(o2, n2, brief)
    swapped = mutated(brief, 'from option safe (The “Safe” mode) to option turbo (Full "Turbo" mode)',
                      'from option turbo (Full "Turbo" mode) to option safe (The “Safe” mode)')
    assert error_codes(check_change_brief(o2.doc, n2.doc, swapped)) == ["slice"]


def one_added_one_removed(doc):
    """A decision whose question the executive brief rewords in plain words goes; another, with no recommendation, comes."""
    doc["tradeoffs"] = [{"id": "T6", "question": "Is the false positive rate acceptable for launch?",
                         "options": [{"id": "yes", "name": "Yes"}, {"id": "no", "name": "No (retrain first)"}]}]


@pytest.mark.parametrize("old,new,code", [
    ("no option is recommended", "the findings recommend option no (No (retrain first))", "extrinsic"),
    ("with option B (Scorecard) recommended", "with option A (Gradient-boosted ensemble) recommended", "extrinsic"),
    ("option A (Gradient-boosted ensemble)", "option A (Scorecard)", "slice"),
    ("is no longer in the document;", "was withdrawn;", "extrinsic"),
])
def test_markdown_without_sources_is_checked_against_the_right_decision(tmp_path, old, new, code):
    o, n = pair(tmp_path, one_added_one_removed)
    for audience in ("executive", "engineering"):
        brief = change_brief(o, n, audience)
        passes_both_ways(o, n, brief)
        md = render_markdown(brief).replace("\\", "")
        assert old in md, md
        result = check_change_brief(o.doc, n.doc, md.replace(old, new))
        assert error_codes(result) == [code], (audience, failing(result))
