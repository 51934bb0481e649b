"""Change briefs (`riskbrief diff OLD NEW`) and their two-sided faithfulness check."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from engine.changes import change_brief
from engine.render.json_brief import render_json
from engine.render.markdown import render_markdown
from evals.changes import check_change_brief
from evals.faithfulness import error_codes
from tests.change_pairs import example, generated_pairs, mutated, sides


def brief_for(tmp_path: Path, edit, audience: str = "engineering", base: str = "sentiment"):
    old = example(base)
    new = copy.deepcopy(old)
    edit(new)
    o, n = sides(tmp_path, old, new)
    return o, n, change_brief(o, n, audience)


def texts(brief) -> list[str]:
    return [brief.headline] + [s.text for sec in brief.sections for s in sec.sentences]


def sentence_with(brief, fragment: str):
    hits = [s for sec in brief.sections for s in sec.sentences if fragment in s.text]
    assert hits, f"no sentence says {fragment!r}:\n" + "\n".join(texts(brief))
    return hits[0]


def passes_both_ways(o, n, brief) -> None:
    assert brief.eval.passed, [(c.error, c.text, c.evidence) for c in brief.eval.failing]
    for text in (render_json(brief), render_markdown(brief)):
        result = check_change_brief(o.doc, n.doc, text)
        assert result.passed, [(c.error, c.text, c.evidence) for c in result.failing] + result.missing_caveats


def f1(doc):
    return doc["findings"][0]


def f2(doc):
    return doc["findings"][1]


def worse_sarcasm(doc):
    f1(doc)["metrics"][1].update(value=60)
    f1(doc)["metrics"][1].pop("ci")


def overdue_review(doc):
    doc["date"] = "2026-12-05"  # the review step was due 1 December and is still planned


# (edit, audience, fragment the change brief must say, sources it must cite)
CASES = {
    "new finding": (lambda d: d["findings"].append({
        "id": "F3", "title": "Dashboard shows post authors", "category": "privacy", "severity": "high",
        "likelihood": "possible", "summary": "Author handles are displayed.", "owner": "Privacy office"}),
        "engineering", "New finding F3: “Dashboard shows post authors”, rated high severity, likelihood possible, "
                       "owned by the Privacy office", {"new:F3"}),
    "closed finding": (lambda d: d["findings"].pop(1), "engineering",
                       "No longer in the findings: “Sarcasm detector misses a fifth of sarcastic posts” (F2), which was "
                       "rated medium severity", {"old:F2"}),
    "severity up": (lambda d: f1(d).update(severity="critical"), "executive",
                    "Severity of “Accuracy collapses on short sarcastic posts” rose from high to critical", {"old:F1", "new:F1"}),
    "severity down": (lambda d: f1(d).update(severity="medium"), "engineering",
                      "Severity of “Accuracy collapses on short sarcastic posts” fell from high to medium",
                      {"old:F1", "new:F1"}),
    "likelihood move": (lambda d: f2(d).update(likelihood="likely"), "legal",
                        "Likelihood of “Sarcasm detector misses a fifth of sarcastic posts” rose from possible to likely",
                        {"old:F2", "new:F2"}),
    "metric worse": (worse_sarcasm, "engineering",
                     "Accuracy on short sarcastic social posts fell from 65% to 60%, down 5 percentage points "
                     "(7.7% lower than before): worse, since higher is better for accuracy",
                     {"old:F1.acc_sarcasm", "new:F1.acc_sarcasm"}),
    "metric better": (lambda d: f2(d)["metrics"][0].update(value=84), "engineering",
                      "Recall on short sarcastic social posts rose from 78% to 84%, up 6 percentage points "
                      "(7.7% higher than before): better", {"old:F2.sarcasm_recall", "new:F2.sarcasm_recall"}),
    "mitigation done": (lambda d: f1(d)["mitigations"][1].update(status="done"), "engineering",
                        "Done since the last brief: “Show a confidence band on the dashboard mood score” (Marketing analytics), "
                        "which was in progress before", {"old:F1", "new:F1"}),
    "mitigation slipped past date": (overdue_review, "executive",
                                     "Slipped: “Route posts flagged as sarcastic to human review” (the Social care team) was "
                                     "due 1 December 2026 and is still planned on 5 December 2026", {"old:F1", "new:F1"}),
    "mitigation due moved": (lambda d: f2(d)["mitigations"][0].update(due="2027-03-01"), "product",
                             "moved from 15 January 2027 to 1 March 2027, and it is still in progress", {"old:F2", "new:F2"}),
    "new mitigation": (lambda d: f2(d)["mitigations"].append({"action": "Add a second sarcasm reviewer", "owner": "Social care team",
                                                              "due": "2026-12-20", "status": "planned"}), "engineering",
                       "New mitigation for “Sarcasm detector misses a fifth of sarcastic posts”: “Add a second sarcasm reviewer” "
                       "(the Social care team, due 20 December 2026, planned)", {"new:F2"}),
    "mitigation owner change": (lambda d: f1(d)["mitigations"][0].update(owner="Head of Risk (EMEA)"), "legal",
                                "The owner of the mitigation “Route posts flagged as sarcastic to human review” for “Accuracy "
                                "collapses on short sarcastic posts” changed from the Social care team to the Head of Risk (EMEA)",
                                {"old:F1", "new:F1"}),
    "mitigation owner named": (lambda d: f2(d)["mitigations"][0].pop("owner"), "product",
                               "The mitigation “Retrain the sarcasm flag on campaign-specific posts” for “Sarcasm detector misses "
                               "a fifth of sarcastic posts” no longer names an owner; it was ML Platform", {"old:F2", "new:F2"}),
    "mitigation due brought forward": (lambda d: f1(d)["mitigations"][0].update(due="2026-11-20"), "executive",
                                       "The due date for “Route posts flagged as sarcastic to human review” (the Social care team) "
                                       "was brought forward from 1 December 2026 to 20 November 2026", {"old:F1", "new:F1"}),
    "done mitigation due moved later": (lambda d: f1(d)["mitigations"][1].update(due="2027-01-10", status="done"), "engineering",
                                        "The due date for “Show a confidence band on the dashboard mood score” (Marketing "
                                        "analytics) moved later, from 10 December 2026 to 10 January 2027; it is done",
                                        {"old:F1", "new:F1"}),
    "mitigation dropped": (lambda d: f1(d)["mitigations"].pop(0), "legal",
                           "No longer listed for “Accuracy collapses on short sarcastic posts”: “Route posts flagged as sarcastic "
                           "to human review”, which was planned", {"old:F1", "new:F1"}),
    "owner change": (lambda d: f1(d).update(owner="Head of Data Science"), "executive",
                     "The owner of “Accuracy collapses on short sarcastic posts” changed from the ML Platform lead to the "
                     "Head of Data Science", {"old:F1", "new:F1"}),
    "caveat added": (lambda d: f1(d)["caveats"].append("Labels come from one annotator"), "engineering",
                     "New caveat on “Accuracy collapses on short sarcastic posts”: Labels come from one annotator", {"new:F1"}),
    "caveat dropped": (lambda d: f2(d).update(caveats=[]), "engineering",
                       "Caveat no longer stated for “Sarcasm detector misses a fifth of sarcastic posts”: Recall was measured "
                       "on the same 800 posts as the accuracy figure", {"old:F2"}),
    "finding closed by status": (lambda d: f2(d).update(status="closed"), "legal",
                                 "The status of “Sarcasm detector misses a fifth of sarcastic posts” changed from mitigating "
                                 "to closed", {"old:F2", "new:F2"}),
    "finding status closed": (lambda d: f2(d).update(status="closed"), "legal",
                              "The status of “Sarcasm detector misses a fifth of sarcastic posts” changed from mitigating "
                              "to closed", {"old:F2", "new:F2"}),
    "renamed id": (lambda d: f2(d).update(id="F7"), "engineering",
                   "Renamed, not new: finding F2 is now F7, with the same title", {"old:F2", "new:F7"}),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_kind_of_change_is_said_with_its_direction_and_sources(tmp_path, kind):
    edit, audience, fragment, sources = CASES[kind]
    o, n, brief = brief_for(tmp_path, edit, audience)
    said = sentence_with(brief, fragment)
    assert set(said.sources) == sources
    passes_both_ways(o, n, brief)
    assert brief.provenance.previous_input_hash == o.input_hash and brief.provenance.input_hash == n.input_hash
    assert "old:" in brief.provenance.source_sides


def test_the_headline_names_each_kind_of_change(tmp_path):
    assert "findings were closed" in brief_for(tmp_path, CASES["finding status closed"][0])[2].headline
    assert "there are new findings" in brief_for(tmp_path, CASES["new finding"][0])[2].headline
    assert brief_for(tmp_path, CASES["owner change"][0])[2].headline.endswith("nothing got worse.")


def test_a_rename_is_not_reported_as_closed_plus_new(tmp_path):
    _, _, brief = brief_for(tmp_path, CASES["renamed id"][0])
    joined = " ".join(texts(brief))
    assert "New finding" not in joined and "No longer in the findings" not in joined


def test_lower_is_better_metric_moves_are_judged_by_their_preference(tmp_path):
    def faster(d):
        f = next(f for f in d["findings"] if any(m["id"] == "p95_latency" for m in f.get("metrics", [])))
        next(m for m in f["metrics"] if m["id"] == "p95_latency").update(value=5.1)  # 8.2 s -> 5.1 s

    o, n, brief = brief_for(tmp_path, faster, "engineering", base="agent")
    said = sentence_with(brief, "fell from 8.2 s to 5.1 s")
    assert "down 3.1 s (38% lower than before): better, since lower is better" in said.text
    passes_both_ways(o, n, brief)


def test_equivalent_documents_give_a_no_material_changes_brief(tmp_path):
    o, n, brief = brief_for(tmp_path, lambda d: f1(d).update(summary=f1(d)["summary"] + " Reworded."), "executive")
    assert brief.headline == "No material changes to the Sentiment classifier findings since the last brief."
    assert [s.id for s in brief.sections][0] == "situation"
    passes_both_ways(o, n, brief)


def test_executive_leads_with_what_got_worse_and_what_slipped(tmp_path):
    def many(d):
        worse_sarcasm(d)
        overdue_review(d)
        f2(d)["metrics"][0].update(value=84)
        f2(d)["owner"] = "Head of Data Science"

    _, _, brief = brief_for(tmp_path, many, "executive")
    ids = [s.id for s in brief.sections]
    assert ids[:2] == ["worse", "mitigations"]
    assert ids.index("improved") > ids.index("mitigations")
    assert brief.sections[1].sentences[0].text.startswith("Slipped:")
    assert "some risks got worse, mitigations slipped" in brief.headline
    assert "What this puts at risk: campaign dashboards would misread customer mood" in " ".join(texts(brief))
    asks = [s.text for s in brief.section("decision").sentences]
    assert "It also needs a firm new date from the Social care team for “Route posts flagged as sarcastic to human " \
           "review”, which has slipped." in asks


# ---------------------------------------------------------------- mutations
MUTATIONS = [
    ("metric worse", "from 65% to 60%", "from 66% to 60%", "number"),          # wrong old value
    ("metric worse", "from 65% to 60%", "from 65% to 62%", "number"),          # wrong new value
    ("metric worse", "from 65% to 60%", "from 60% to 65%", "slice"),           # sides swapped
    ("metric worse", "down 5 percentage points", "down 6 percentage points", "derived"),  # wrong pp
    ("metric worse", "(7.7% lower", "(9.5% lower", "derived"),                 # wrong relative change
    ("metric worse", "down 5 percentage points", "down 5%", "unit"),           # points stated as per cent
    ("metric worse", "fell from", "rose from", "direction"),                   # flipped direction
    ("metric worse", ": worse,", ": better,", "direction"),                    # better/worse flipped
    ("severity up", "rose from high to critical", "rose from medium to critical", "severity"),
    ("severity up", "rose from high to critical", "fell from high to critical", "direction"),
    ("owner change", "to the Head of Data Science", "to the Risk office", "owner"),
    ("mitigation slipped past date", "Slipped: “Route posts flagged as sarcastic to human review” (the Social care team) was "
     "due 1 December 2026 and is still planned on 5 December 2026",
     "Done since the last brief: “Route posts flagged as sarcastic to human review” (the Social care team), which was planned before",
     "status"),                                                                 # done claimed, planned in NEW
    ("mitigation due moved", "to 1 March 2027", "to 1 April 2027", "number"),
    ("mitigation owner change", "from the Social care team to the Head of Risk (EMEA)",
     "from the Head of Risk (EMEA) to the Social care team", "owner"),                 # sides swapped
    ("mitigation owner change", "to the Head of Risk (EMEA)", "to Marketing analytics", "owner"),  # another owner's name
    ("mitigation owner named", "it was ML Platform", "it was the Social care team", "owner"),
    ("mitigation due brought forward", "was brought forward from", "moved later, from", "direction"),
    ("mitigation due brought forward", "(the Social care team)", "(Marketing analytics)", "owner"),
    ("mitigation due brought forward", "to 20 November 2026", "to 22 November 2026", "number"),
    ("done mitigation due moved later", "; it is done", "; it is planned", "status"),
    ("mitigation dropped", "“Route posts flagged as sarcastic to human review”", "“Add a weekly audit”", "mitigation"),
    ("caveat added", "New caveat on", "Caveat no longer stated for", "caveat"),
    ("new finding", "New finding F3", "New finding F2", "extrinsic"),          # an invented change
]


@pytest.mark.parametrize("kind,old,new,code", MUTATIONS, ids=[f"{m[3]}:{m[2][:30]}" for m in MUTATIONS])
def test_mutated_change_briefs_fail_with_the_right_code(tmp_path, kind, old, new, code):
    edit, audience, _, _ = CASES[kind]
    o, n, brief = brief_for(tmp_path, edit, audience)
    result = check_change_brief(o.doc, n.doc, mutated(brief, old, new))
    assert not result.passed
    assert code in error_codes(result), [(c.error, c.text, c.evidence) for c in result.failing]


RECOMMENDATIONS = [
    # (edit of the credit trade-off, what the brief says, a wrong version of it, its error code)
    (lambda t: t.update(recommendation="A"),
     "The recommended option for “Which credit model do we deploy?” changed from option B (Scorecard) to option A "
     "(Gradient-boosted ensemble).",
     ("from option B (Scorecard) to option A (Gradient-boosted ensemble)",
      "from option A (Gradient-boosted ensemble) to option B (Scorecard)"), "slice"),
    (lambda t: t.pop("recommendation"),
     "The trade-off “Which credit model do we deploy?” no longer recommends an option; it recommended option B (Scorecard).",
     ("option B (Scorecard)", "option A (Gradient-boosted ensemble)"), "extrinsic"),
]


@pytest.mark.parametrize("edit,said,mutation,code", RECOMMENDATIONS)
def test_a_changed_recommendation_is_said_checked_and_a_wrong_one_fails(tmp_path, edit, said, mutation, code):
    def change(d):
        edit(d["tradeoffs"][0])

    o, n, brief = brief_for(tmp_path, change, "executive", base="credit")
    sentence = sentence_with(brief, said.rstrip("."))
    assert sentence.text == said and set(sentence.sources) == {"old:T1", "new:T1"}
    assert brief.section("recommendations").title == "Recommended options"
    assert "a recommended option changed" in brief.headline
    passes_both_ways(o, n, brief)
    result = check_change_brief(o.doc, n.doc, mutated(brief, *mutation))
    assert not result.passed and code in error_codes(result), [(c.error, c.text, c.evidence) for c in result.failing]


def test_prose_naming_an_option_by_name_is_checked(tmp_path):
    old = example("credit")
    new = copy.deepcopy(old)
    new["tradeoffs"][0]["recommendation"] = "A"
    o, n = sides(tmp_path, old, new)
    right = check_change_brief(o.doc, n.doc, "The recommendation moved from the Scorecard to the Gradient-boosted ensemble.")
    wrong = check_change_brief(o.doc, n.doc, "The recommendation moved from the Gradient-boosted ensemble to the Scorecard.")
    assert [(c.verdict.value, c.error) for c in right.claims] == [("supported", None)]
    assert [c.error.value for c in wrong.claims] == ["slice"]


def test_checking_against_the_wrong_sides_fails(tmp_path):
    o, n, brief = brief_for(tmp_path, worse_sarcasm)
    result = check_change_brief(n.doc, o.doc, render_json(brief))
    assert not result.passed and "slice" in error_codes(result)


# ---------------------------------------------------------------- property
def test_generated_change_briefs_pass_the_two_sided_check(tmp_path):
    checked = 0
    for seed, o, n in generated_pairs(tmp_path, range(60)):
        audience = ["executive", "engineering", "legal", "product"][seed % 4]
        brief = change_brief(o, n, audience)
        result = check_change_brief(o.doc, n.doc, render_json(brief))
        assert result.passed, (seed, [(c.error, c.text, c.evidence) for c in result.failing], result.missing_caveats)
        checked += 1
    assert checked >= 50  # a few generated pairs may be invalid findings and are skipped


# ---------------------------------------------------------------- prose written by a person
def several(doc):
    worse_sarcasm(doc)
    overdue_review(doc)  # the review step: due 1 December, still planned on 5 December
    f1(doc)["severity"] = "critical"
    f1(doc)["owner"] = "Head of Data Science"
    f1(doc)["mitigations"][1]["status"] = "done"


PROSE = [
    ("Accuracy on short sarcastic posts dropped from 65% to 60%, a 5-point fall.", None),
    ("Accuracy on sarcastic posts was 65%, now 60%.", None),
    ("Accuracy on short sarcastic posts fell by 5 percentage points to 60%.", None),
    ("The sarcasm accuracy finding is now rated critical (was high).", None),
    ("Ownership of the sarcasm accuracy finding moved from the ML Platform lead to the Head of Data Science.", None),
    ("The confidence band on the dashboard mood score is now done.", None),
    ("The human review of sarcastic posts slipped: it was due 1 December 2026 and is still planned.", None),
    ("Accuracy on short sarcastic posts dropped from 65% to 60%, a 5% fall.", "unit"),
    ("Accuracy on short sarcastic posts fell to 65%.", "slice"),
    ("Accuracy on short sarcastic posts improved from 65% to 60%.", "direction"),
    ("Severity of the sarcasm accuracy finding fell to critical.", "direction"),
    ("Routing posts flagged as sarcastic to human review is now done.", "status"),
    ("The confidence band on the dashboard mood score slipped.", "status"),
    ("No material changes since the last brief.", "negation"),
]


@pytest.mark.parametrize("text,code", PROSE)
def test_prose_change_claims_are_checked_against_both_sides(tmp_path, text, code):
    old = example()
    new = copy.deepcopy(old)
    several(new)
    o, n = sides(tmp_path, old, new)
    result = check_change_brief(o.doc, n.doc, text)
    assert len(result.claims) == 1
    assert (result.claims[0].error.value if result.claims[0].error else None) == code, result.claims[0].evidence


def with_sentence(brief, text: str, sources: list[str]) -> str:
    data = json.loads(render_json(brief))
    data["sections"][0]["sentences"].append({"text": text, "sources": sources})
    return json.dumps(data)


@pytest.mark.parametrize("text,sources", [
    ("Accuracy on the balanced test set rose from 90% to 93%, up 3 percentage points.",
     ["old:F1.acc_overall", "new:F1.acc_overall"]),
    ("Severity of “Sarcasm detector misses a fifth of sarcastic posts” rose from medium to high.", ["old:F2", "new:F2"]),
    ("The owner of “Sarcasm detector misses a fifth of sarcastic posts” changed from the ML Platform lead to the Risk office.",
     ["old:F2", "new:F2"]),
])
def test_a_change_neither_document_shows_is_invented(tmp_path, text, sources):
    o, n, brief = brief_for(tmp_path, worse_sarcasm)
    result = check_change_brief(o.doc, n.doc, with_sentence(brief, text, sources))
    assert [c.error.value for c in result.failing] == ["extrinsic"], [(c.text, c.evidence) for c in result.failing]


def test_a_fact_cited_on_the_wrong_side_is_a_slice_error(tmp_path):
    o, n, brief = brief_for(tmp_path, CASES["new finding"][0])
    data = json.loads(render_json(brief))
    for sec in data["sections"]:
        for s in sec["sentences"]:
            s["sources"] = ["old:F3" if x == "new:F3" else x for x in s["sources"]]
    result = check_change_brief(o.doc, n.doc, json.dumps(data))
    assert "slice" in error_codes(result)
