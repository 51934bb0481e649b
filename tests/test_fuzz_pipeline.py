"""Property: any valid findings file, whatever its text, goes through load -> generate -> eval.

Documents come from tests/fuzz_documents.py: valid structure, hostile text in every
string field (control characters, bidi and zero-width marks, emoji, long strings).
Every audience, Markdown and JSON: no exception, the same bytes twice, JSON that
validates against the brief schema, Markdown that ends with its check footer, and
(both for plain-prose text and for arbitrary text) a brief the faithfulness checker
passes: no failing claim, no missing caveat.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.pipeline import generate_brief, render
from evals.faithfulness import check_brief
from schemas.brief import Brief
from schemas.findings import FindingsDocument
from schemas.loading import load_findings
from tests.fuzz_checks import AUDIENCES, offline_round_trip
from tests.fuzz_documents import as_file_text, documents, prose

BRIEF_SCHEMA = Brief.model_json_schema()


@settings(max_examples=10, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(max_findings=2), st.sampled_from(["yaml", "json"]))
def test_any_valid_document_gives_stable_well_formed_briefs(data, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzzed.{fmt}"
        path.write_text(as_file_text(data, fmt), encoding="utf-8")
        doc = load_findings(path)
        for audience in AUDIENCES:
            first = generate_brief(doc, audience, input_file=str(path))
            again = generate_brief(load_findings(path), audience, input_file=str(path))
            md, js = render(first, doc, "md"), render(first, doc, "json")
            assert (md, js) == (render(again, doc, "md"), render(again, doc, "json")), audience
            jsonschema.validate(json.loads(js), BRIEF_SCHEMA)
            assert md.rstrip().splitlines()[-1].startswith("*riskbrief check:"), audience
            # the checker reads the Markdown back without an exception (the JSON form was checked as generated)
            assert first.eval is not None
            check_brief(doc, md, fmt="md")


def _faithful(data: dict, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzzed.{fmt}"
        path.write_text(as_file_text(data, fmt), encoding="utf-8")
        result = offline_round_trip(path)
        assert not result.unfaithful, result.unfaithful


@settings(max_examples=6, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(max_findings=2, text=prose), st.sampled_from(["yaml", "json"]))
def test_offline_brief_of_a_plain_prose_document_is_judged_faithful(data, fmt):
    _faithful(data, fmt)


@settings(max_examples=6, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(max_findings=2), st.sampled_from(["yaml", "json"]))
def test_offline_brief_of_an_arbitrary_text_document_is_judged_faithful(data, fmt):
    _faithful(data, fmt)


# Minimal documents that fuzzing once found judged unfaithful: each class of text, every
# audience, Markdown and JSON, must pass the gate, and the quoted text must survive intact.

def _finding(fid: str = "F1", **extra) -> dict:
    return {"id": fid, "title": "Slow replies on the mobile app", "category": "performance",
            "summary": "Replies are slow.", **extra}


def _document(*findings: dict, **system) -> dict:
    return {"schema_version": 1, "system": {"name": "Support assistant", **system}, "findings": list(findings)}


def _with_options(options: list[dict]) -> dict:
    """A one-finding document with one trade-off between the given options."""
    data = _document(_finding())
    data["tradeoffs"] = [{"id": "T1", "question": "Which one?", "options": options}]
    return data


def _briefs_pass(data: dict) -> dict[str, str]:
    """Every audience's offline brief passes the gate; returns the Markdown briefs by audience."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case.yaml"
        path.write_text(as_file_text(data, "yaml"), encoding="utf-8")
        result = offline_round_trip(path)
        assert not result.unfaithful, result.unfaithful
        doc = load_findings(path)
        return {a: render(generate_brief(doc, a, input_file=str(path)), doc, "md") for a in AUDIENCES}


def test_an_owner_whose_first_letter_has_no_single_capital_is_quoted_as_written():
    # 'ß' upper-cases to 'SS': a sentence starting with the owner keeps the owner's own letters.
    md = _briefs_pass(_document(_finding(owner="ßéª6")))
    assert "ßéª6 owns it" in md["legal"]
    assert "SSéª6" not in "".join(md.values())


def test_an_owner_of_invisible_marks_leaves_the_sentence_start_at_its_first_word():
    # The narrator capitalises the first visible word; the checker must not take it for a name.
    md = _briefs_pass(_document(_finding(owner="\u202a")))
    assert "\u202a Owns it; its status is not recorded." in md["legal"]


def test_a_sentence_starting_with_a_bom_and_a_lower_case_word_is_its_own_sentence():
    # The second metric's sentence starts with '\ufeff ... of campaign': in Markdown it must not run on
    # into the sentence before, whose number would then sit next to the third metric's population.
    pop = "forms 中文 \ufeff \u2029forms 中文 \ufeff \u2029forms 中文"
    metrics = [{"id": "m1", "name": "recall", "value": 4.5, "unit": "ms", "population": pop},
               {"id": "m2", "name": "\ufeff \u202c \u200e of \n campaign", "value": 0.0, "unit": "x", "population": "images for ranking"},
               {"id": "m3", "name": "pipeline app", "value": 0.0, "unit": "percent", "population": "campaign platform"}]
    md = _briefs_pass(_document(_finding(metrics=metrics)))
    assert "is 4.5 ms. \ufeff \u202c \u200e Of" in md["executive"]


def test_a_title_that_is_also_an_owners_name_names_no_owner():
    md = _briefs_pass(_document(_finding(title="dashboard"), owner="dashboard"))
    assert "finding F1 (dashboard)" in md["executive"]


def test_the_words_of_a_title_are_not_another_findings_mitigation():
    accepted = _finding(title="inbox pipeline search captions", status="accepted", owner="images data")
    fixed = _finding("C", title="Unsafe replies", mitigations=[{"action": "search", "status": "done"}])
    md = _briefs_pass(_document(accepted, fixed))
    assert "Images data has accepted the risk in finding F1 (inbox pipeline search captions)" in md["executive"]


def test_a_finding_id_that_is_a_negation_word_denies_nothing():
    md = _briefs_pass(_document(_finding("none", title="ranking weekly emails")))
    assert "finding none (ranking weekly emails)" in md["executive"]


def test_a_caveat_worded_like_a_stakeholder_is_found_when_quoted_whole():
    data = _document(_finding(caveats=["model pipeline search"]))
    data["context"] = {"decision": "launch", "stakeholders": ["model pipeline search"]}
    md = _briefs_pass(data)
    assert "Model pipeline search." in md["executive"]


def test_the_digits_of_a_metric_label_name_no_slice():
    # Metrics without a readable name are called 'metric w.x6Psa1'; its '6' is no population's '6'.
    labelled = _finding("w", metrics=[{"id": "VBM", "name": "'", "value": 1e9, "unit": "count", "baseline": "x6Psa1"},
                                      {"id": "x6Psa1", "name": "", "value": 0.0, "unit": "ratio"}])
    other = _finding("T", title="Slow search", metrics=[
        {"id": "k", "name": "#", "value": 0.0, "unit": "percent"},
        {"id": "a", "name": "", "value": 1491.0, "unit": "x", "population": "ï6 13788, caveats", "baseline": "k"}])
    md = _briefs_pass(_document(labelled, other))
    assert "Metric w.VBM is 1,000,000,000, against a metric w.x6Psa1 of 0." in md["executive"]


def test_the_digits_of_a_stated_figure_name_no_slice():
    # Another finding's population called '3 owner' does not claim the '3' of 'accuracy is 3'.
    metrics = [{"id": "s", "name": "latency", "value": 1261.0, "unit": "ms", "population": "night shift"},
               {"id": "acc", "name": "accuracy", "value": 3.0, "unit": "count", "baseline": "s"}]
    other = _finding("T", title="Slow search", metrics=[
        {"id": "rc", "name": "drift", "value": 0.5, "unit": "pp", "population": "3 العربية\u200bowner"}])
    md = _briefs_pass(_document(_finding(metrics=metrics), other))
    assert "Accuracy is 3, against a latency of 1,261 ms during the night shift." in md["engineering"]


def test_an_owner_named_like_another_findings_title_stays_with_its_own_finding():
    titled = _finding("A", title="posts queue queue users", status="accepted")
    owned = _finding("B", title="marketing emails to customers", owner="posts queue queue users", status="mitigating",
                     severity="critical", likelihood="rare")
    md = _briefs_pass(_document(titled, owned))
    assert "It is being mitigated, with posts queue queue users as owner." in md["executive"]


def test_an_expected_effect_worded_like_another_action_states_no_status():
    planned = _finding(mitigations=[{"action": "and \u200c 😀 and", "status": "planned", "effect": "inbox on customers"}])
    done = _finding("G", title="Unsafe replies", mitigations=[{"action": "inbox customers of", "status": "done"}])
    md = _briefs_pass(_document(planned, done))
    assert "expected effect: inbox on customers." in md["product"]


def test_the_digits_of_a_finding_id_name_no_owner():
    # 'finding bn5gWuON' reads as the words 'bn', '5', 'gwuon': an owner called 'ú5Ï' is not named by it.
    blocker = _finding("bn5gWuON", severity="high", owner="Risk team")
    md = _briefs_pass(_document(blocker, owner="ú5Ï"))
    # the document names no decision, so the fix comes before wider use rather than before "going ahead"
    assert "Before wider use, finding bn5gWuON (slow replies on the mobile app) needs a named fix" in md["executive"]


def test_words_running_from_a_quoted_name_into_the_next_name_no_slice():
    # 'the forms users's model users pipeline stands at 290 ms': the system's name, then a metric's.
    metrics = [{"id": "gMAO0CX", "name": "model 😀 users pipeline", "value": 290.0, "unit": "ms"},
               {"id": "n", "name": "attack success rate", "value": 45.0, "unit": "ms", "population": "of model captions"},
               {"id": "K", "name": "recall", "value": 39.8, "unit": "percent", "population": "dashboard users queue"}]
    md = _briefs_pass(_document(_finding("a35VX0F", metrics=metrics), name="\x07 😀 forms 😀 users"))
    assert "users's model 😀 users pipeline stands at 290 ms." in md["executive"]


def test_a_tiny_ratio_written_as_0_is_its_own_metric():
    # 2.2e-311 reads '0' to four places; another metric of exactly 0 must not claim the figure.
    tiny = _finding("X8zr", metrics=[{"id": "Tradeoff", "name": "platform campaign reports team mobile", "value": 2.225073858507e-311,
                              "unit": "ratio", "population": "in"}])
    zero = _finding("W", title="Slow search", metrics=[{"id": "z", "name": "images model", "value": 0.0, "unit": "count"}])
    md = _briefs_pass(_document(tiny, zero))
    assert "Platform campaign reports team mobile on the in is 0." in md["executive"]


def test_the_words_of_a_gloss_name_no_slice():
    # A metric with id 'four' lets 'four' cue its population; 'about four in five' is a gloss, not that slice.
    # (A rate held as a ratio reads as a percentage for an executive; a ratio that is no share gets no gloss.)
    metrics = [{"id": "four", "name": "customers model", "value": 2.0, "unit": "pp", "population": "images captions"},
               {"id": "Zn7oQ", "name": "latency p95 pass rate", "value": 0.7824, "unit": "ratio", "population": "the for the for"}]
    md = _briefs_pass(_document(_finding(metrics=metrics)))
    assert "is 78.24% (about four in five)." in md["executive"]


def test_the_words_of_an_owners_name_are_not_another_findings_action():
    # 'on' is no word the owner finder keeps, so the name is found as a quotation of it.
    owned = _finding("Jtb", mitigations=[{"action": "Add a retry queue", "owner": "support platform on inbox pipeline",
                                          "status": "planned"}])
    other = _finding("l", title="Unsafe replies", mitigations=[{"action": "inbox pipeline", "status": "done", "owner": "Risk team"}])
    md = _briefs_pass(_document(owned, other))
    assert "It also needs time from support platform on inbox pipeline for the mitigations they own." in md["executive"]


def test_a_finding_id_that_is_a_word_is_not_read_in_ordinary_words():
    # Ids 's' and 'a': the 's' of "assistant's" and the article 'a' name no finding.
    low = _finding("s", title="Campaign ranking drift", severity="low")
    rated = _finding("x7F_yw", title="Customers captions emails", likelihood="unlikely",
                     metrics=[{"id": "U", "name": "recall", "value": 100.0, "unit": "pp", "population": "reports forms posts"}])
    md = _briefs_pass(_document(low, rated))
    assert "Its severity has not yet been assessed; it is a risk that is unlikely to occur." in md["executive"]
    article = _finding("a", title="Mobile posts ranking", severity="high")
    md = _briefs_pass(_document(article, _finding("Lf", likelihood="likely")))
    assert "it is a risk that is likely to occur." in md["executive"]
    # An id written like a level word: 'medium' of 'medium-severity' names no finding 'medium'.
    level = _finding("medium", title="Slow search results", severity="medium", likelihood="rare")
    md = _briefs_pass(_document(_finding("examples", severity="medium", likelihood="almost_certain"), level))
    assert "medium-severity" in md["executive"]


def test_a_negative_figure_is_read_with_its_sign_and_bounds_the_figure_before_it():
    # '-100 percentage points' is a figure of its own: the population after it is not the previous figure's.
    options = [{"id": "Lf", "name": "mobile posts", "metrics": [
                   {"id": "U", "name": "images forms", "value": 7171.96, "unit": "x", "population": "中文 שלום"},
                   {"id": "Sh", "name": "model team", "value": -100.0, "unit": "pp", "population": "data platform"}]},
               {"id": "JigA", "name": "ranking dashboard"}]
    md = _briefs_pass(_with_options(options))
    assert "images forms of 7,171.96 times on the 中文 שלום and model team of -100 percentage points on the data platform" in md["executive"]


def test_a_wrong_negative_figure_is_still_caught():
    doc = FindingsDocument.model_validate(_document(_finding(metrics=[
        {"id": "d", "name": "drift", "value": -62.5, "unit": "pp", "population": "night shift"}])))
    assert check_brief(doc, "Drift on the night shift is -62.5 percentage points.").passed
    wrong = check_brief(doc, "Drift on the night shift is -50 percentage points.")
    assert not wrong.passed and [c.error.value for c in wrong.failing] in (["number"], ["derived"])


def test_a_gap_may_be_written_with_its_sign_but_must_be_the_gap():
    doc = FindingsDocument.model_validate(_document(_finding(metrics=[
        {"id": "a", "name": "recall", "value": 80.0, "unit": "percent", "population": "day shift"},
        {"id": "b", "name": "recall", "value": 72.0, "unit": "percent", "population": "night shift", "baseline": "a"}])))
    said = "Recall on the night shift is 72%, a change of {} percentage points from the day shift."
    assert check_brief(doc, said.format("-8")).passed
    assert [c.error.value for c in check_brief(doc, said.format("-5")).failing] == ["derived"]
    assert [c.error.value for c in check_brief(doc, "Recall on the night shift is -72%.").failing] == ["number"]


def test_words_of_an_option_name_before_a_figure_are_not_a_metric_name():
    # 'Option c, the model captions pipeline and images, has 中文 of -18.48 percentage points': the option's
    # name shares words with another metric's name, but the figure is the 中文 metric's.
    options = [{"id": "c", "name": "model captions pipeline and images", "metrics": [
                   {"id": "zuo", "name": "中文", "value": -18.48, "unit": "pp"},
                   {"id": "KG", "name": "reviewers images pipeline", "value": -29.0, "unit": "pp", "population": "mobile"}]},
               {"id": "d", "name": "ranking dashboard"}]
    md = _briefs_pass(_with_options(options))
    assert "has 中文 of -18.48 percentage points and reviewers images pipeline of -29 percentage points" in md["executive"]
