"""Partial re-approval: section fingerprints, and which sections keep their approval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.narrator import narrate
from engine.render.markdown import render_markdown
from engine.section_review import ABSENT, HEADLINE, source_hashes, text_hash
from engine.versions import VersionError, VersionStore
from schemas.audience import load_profile
from schemas.brief import Brief
from schemas.loading import load_findings
from tests.tui_support import copy_example

RECALL = ("value: 78", "value: 71")  # F2's recall, re-measured


@pytest.fixture
def findings(tmp_path: Path) -> Path:
    return copy_example(tmp_path)


def write_brief(store: VersionStore, findings: Path, audience: str = "executive", brief: Brief | None = None):
    """Write the brief from the findings file as it is now, as the workspace's g does."""
    brief = brief or narrate(load_findings(findings), load_profile(audience))
    return store.save(audience, brief, render_markdown(brief), "generate",
                      findings_text=findings.read_text(encoding="utf-8"))


def edit_findings(findings: Path, old: str, new: str) -> None:
    text = findings.read_text(encoding="utf-8")
    assert old in text
    findings.write_text(text.replace(old, new, 1), encoding="utf-8")


def rewritten_after(store: VersionStore, findings: Path, old: str, new: str):
    """Approve a brief, change the findings, write the brief again: the new version."""
    write_brief(store, findings)
    store.approve("executive", reviewer="Dana")
    edit_findings(findings, old, new)
    return write_brief(store, findings)


def citing(brief: Brief, finding_id: str) -> set[str]:
    """Ids of the parts whose sentences cite a finding or one of its metrics."""
    out = {HEADLINE} if any(s.split(".")[0] == finding_id for s in brief.headline_sources) else set()
    return out | {sec.id for sec in brief.sections
                  if any(src.split(".")[0] == finding_id for s in sec.sentences for src in s.sources)}


def review(version) -> dict[str, list[str]]:
    """Per part that needs review, its reasons."""
    return {s.section: s.reasons for s in version.sections if not s.approved}


# --- fingerprints -----------------------------------------------------------------

def test_a_metric_change_changes_only_the_sources_that_rest_on_it(findings):
    refs = ["system", "context", "F1", "F1.acc_overall", "F1.acc_sarcasm", "F2", "F2.sarcasm_recall"]
    before = source_hashes(load_findings(findings), refs)
    edit_findings(findings, *RECALL)
    after = source_hashes(load_findings(findings), refs)
    assert {r for r in refs if before[r] != after[r]} == {"F2", "F2.sarcasm_recall"}


def test_a_metric_rests_on_its_baseline(findings):
    refs = ["F1.acc_overall", "F1.acc_sarcasm", "F2"]
    before = source_hashes(load_findings(findings), refs)
    edit_findings(findings, "value: 90", "value: 88")  # acc_overall, the baseline of acc_sarcasm
    after = source_hashes(load_findings(findings), refs)
    assert before["F1.acc_overall"] != after["F1.acc_overall"]
    assert before["F1.acc_sarcasm"] != after["F1.acc_sarcasm"]
    assert before["F2"] == after["F2"]


def test_comments_and_layout_do_not_change_sources_but_a_removed_finding_does(findings):
    refs = ["F1", "F2", "F1.nonexistent", "F9"]
    before = source_hashes(load_findings(findings), refs)
    findings.write_text("# reviewed again\n" + findings.read_text(encoding="utf-8"), encoding="utf-8")
    assert source_hashes(load_findings(findings), refs) == before
    assert before["F1.nonexistent"] == before["F9"] == ABSENT


def test_rewrapping_a_paragraph_is_not_a_wording_change():
    assert text_hash("Accuracy is 65%\non sarcastic  posts.") == text_hash("Accuracy is 65% on sarcastic posts.")
    assert text_hash("Accuracy is 65% on sarcastic posts.") != text_hash("Accuracy is 60% on sarcastic posts.")


# --- carrying approvals over ----------------------------------------------------------

def test_changing_one_metric_needs_review_only_where_that_finding_is_cited(findings):
    store = VersionStore(findings)
    write_brief(store, findings)
    approved = store.approve("executive", reviewer="Dana")
    edit_findings(findings, *RECALL)  # F2's recall
    again = write_brief(store, findings)
    expected = citing(again.brief, "F2")
    assert expected and expected != {s.section for s in again.sections}  # some keep, some do not
    assert set(review(again)) == expected
    assert all(any("F2" in r for r in reasons) for reasons in review(again).values())
    kept = [s for s in again.sections if s.approved]
    assert kept and all(s.approval.carried_from == approved.number and s.approval.reviewer == "Dana" for s in kept)
    assert "✓ approved (carried from v2)" in kept[0].badge
    assert not again.approved and again.brief.approval is None
    assert store.latest("executive", approved_only=True).number == approved.number


def test_regenerating_from_unchanged_findings_keeps_every_approval(findings):
    store = VersionStore(findings)
    write_brief(store, findings)
    approved = store.approve("executive", reviewer="Dana")
    again = write_brief(store, findings)
    assert again.approved and not review(again)
    assert again.brief.approval is not None and again.brief.approval.reviewer == "Dana"
    assert {s.approval.carried_from for s in again.sections} == {approved.number}
    assert store.latest("executive", approved_only=True).number == again.number


def test_adding_a_caveat_needs_review_of_the_caveats_section(findings):
    again = rewritten_after(VersionStore(findings), findings, "      - Recall was measured",
                            "      - Only English posts were tested\n      - Recall was measured")
    assert "caveats" in review(again)
    assert "wording changed" in review(again)["caveats"]
    assert set(review(again)) == citing(again.brief, "F2")  # the caveat belongs to F2


def test_a_rephrased_section_needs_review_though_its_sources_did_not_change(findings):
    store = VersionStore(findings)
    first = write_brief(store, findings)
    store.approve("executive", reviewer="Dana")
    sections = [sec.model_copy(deep=True) for sec in first.brief.sections]
    impact = next(sec for sec in sections if sec.id == "impact")
    impact.sentences[0].text = impact.sentences[0].text.replace("In business terms", "Put simply")
    rephrased = first.brief.model_copy(update={"sections": sections})
    again = write_brief(store, findings, brief=rephrased)
    assert review(again) == {"impact": ["wording changed"]}


def test_approving_one_section_then_the_rest(findings):
    store = VersionStore(findings)
    again = rewritten_after(store, findings, *RECALL)
    todo = list(review(again))
    one = store.approve("executive", reviewer="Sam", sections=[todo[0]])
    assert one.label == f"v{one.number} (approve {todo[0]} by Sam)"
    assert list(review(one)) == todo[1:] and not one.approved
    assert store.latest("executive", approved_only=True).number == 2
    rest = store.approve("executive", reviewer="Sam")
    assert rest.approved and rest.brief.approval.reviewer == "Dana, Sam"
    assert [a.section for a in rest.brief.approval.sections] == [s.section for s in rest.sections]
    with pytest.raises(VersionError, match="no section nonsense"):
        store.approve("executive", sections=["nonsense"])


def test_each_version_keeps_the_findings_it_was_written_from(findings):
    store = VersionStore(findings)
    original = findings.read_text(encoding="utf-8")
    first = write_brief(store, findings)
    edit_findings(findings, *RECALL)
    second = write_brief(store, findings)
    assert store.findings_text("executive", first.number) == original
    assert store.findings_text("executive", second.number) == findings.read_text(encoding="utf-8")
    assert first.findings_hash != second.findings_hash
    # A version saved before the findings were recorded has none.
    path = store.root / "executive" / f"{first.number:04d}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for key in ("findings_text", "findings_hash", "sections"):
        data.pop(key)
    path.write_text(json.dumps(data), encoding="utf-8")
    assert VersionStore(findings).findings_text("executive", first.number) is None


def test_approved_version_refuses_when_the_findings_changed_naming_sections(findings):
    store = VersionStore(findings)
    write_brief(store, findings)
    approved = store.approve("executive", reviewer="Dana")
    assert store.approved_version("executive").number == approved.number
    edit_findings(findings, *RECALL)
    with pytest.raises(VersionError) as refused:
        store.approved_version("executive")  # not regenerated yet: the approval rests on old numbers
    message = str(refused.value)
    titles = [s.title for s in approved.sections if s.section in citing(approved.brief, "F2")]
    assert all(f"'{t}'" in message for t in titles) and "F2.sarcasm_recall changed" in message
    again = write_brief(store, findings)
    with pytest.raises(VersionError, match=f"{len(review(again))} of {len(again.sections)} sections need review"):
        store.approved_version("executive")
    store.approve("executive", reviewer="Dana")
    assert store.approved_version("executive").findings_text == findings.read_text(encoding="utf-8")


def test_export_approved_only_refuses_sections_that_need_review(cli, findings, tmp_path):
    store = VersionStore(findings)
    again = rewritten_after(store, findings, *RECALL)
    out = tmp_path / "out"
    refused = cli("export", findings, "--audience", "executive", "--format", "md,json", "--out", out, "--approved-only")
    assert refused.exit_code == 2 and "Traceback" not in refused.stderr
    for state in again.sections:
        assert (f"'{state.title}'" in refused.stderr) == (not state.approved)
    assert not out.exists()
    store.approve("executive", reviewer="Dana")
    result = cli("export", findings, "--audience", "executive", "--format", "md,json", "--out", out, "--approved-only")
    assert result.exit_code == 0, result.stderr
    exported = json.loads((out / "sentiment.executive.json").read_text(encoding="utf-8"))
    assert len(exported["approval"]["sections"]) == len(again.sections)


def test_a_hand_edit_needs_review_of_the_edited_section_only(findings):
    from engine.versions import brief_from_markdown

    store = VersionStore(findings)
    write_brief(store, findings)
    approved = store.approve("executive", reviewer="Dana")
    edited = approved.markdown.replace("The aim: track", "The aim is to track")
    assert edited != approved.markdown
    version = store.save("executive", brief_from_markdown(edited, approved.brief), edited, "edit")
    assert review(version) == {"situation": ["wording changed"]}
    assert version.findings_text == approved.findings_text
    assert store.latest("executive", approved_only=True).number == approved.number
