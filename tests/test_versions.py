"""The version store: every generate/edit/approve kept next to the findings file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.narrator import narrate
from engine.render.markdown import render_markdown
from engine.versions import (
    VersionError,
    VersionStore,
    brief_from_markdown,
    markdown_hash,
    resolve_reviewer,
    split_footer,
)
from schemas.audience import load_profile
from schemas.loading import load_findings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def findings(tmp_path: Path) -> Path:
    target = tmp_path / "sentiment.yaml"
    shutil.copy(EXAMPLES / "sentiment.yaml", target)
    return target


@pytest.fixture
def brief(findings: Path):
    return narrate(load_findings(findings), load_profile("executive"))


def test_versions_are_numbered_files_next_to_the_findings(findings, brief):
    store = VersionStore(findings)
    text = render_markdown(brief)
    first = store.save("executive", brief, text, "generate")
    second = store.save("executive", brief, text + "\nOne more line.\n", "edit")
    assert (first.number, second.number) == (1, 2)
    path = findings.parent / ".riskbrief" / "sentiment" / "executive" / "0002.json"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["kind"] == "edit"
    assert saved["markdown"].endswith("One more line.\n")
    assert saved["hash"] == markdown_hash(saved["markdown"])
    assert saved["created_at"].endswith("Z")
    assert saved["brief"]["audience"] == "executive"
    assert store.audiences() == ["executive"]


def test_reopening_finds_the_latest_version(findings, brief):
    text = render_markdown(brief)
    VersionStore(findings).save("executive", brief, text, "generate")
    VersionStore(findings).save("executive", brief, "edited\n", "edit")
    latest = VersionStore(findings).latest("executive")
    assert latest is not None and latest.number == 2 and latest.markdown == "edited\n"
    assert VersionStore(findings).latest("legal") is None


def test_approval_records_reviewer_time_and_hash(findings, brief):
    store = VersionStore(findings)
    text = render_markdown(brief)
    store.save("executive", brief, text, "generate")
    approved = store.approve("executive", reviewer="Dana Reviewer")
    assert approved.kind == "approve" and approved.reviewer == "Dana Reviewer"
    assert approved.brief.approval is not None
    assert approved.brief.approval.reviewer == "Dana Reviewer"
    assert approved.brief.approval.brief_hash == markdown_hash(text)
    assert approved.brief.approval.approved_at.endswith("Z")
    store.save("executive", brief, text + "\nchanged after approval\n", "edit")
    assert store.latest("executive").kind == "edit"
    assert store.latest("executive", approved_only=True).number == approved.number


def test_reviewer_comes_from_config_then_user(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RISKBRIEF_REVIEWER", "configured person")
    monkeypatch.setenv("USER", "login-name")
    assert resolve_reviewer() == "configured person"
    monkeypatch.delenv("RISKBRIEF_REVIEWER")
    assert resolve_reviewer() == "login-name"
    assert resolve_reviewer("explicit") == "explicit"


def test_approving_nothing_says_how_to_fix_it(findings):
    with pytest.raises(VersionError, match="nothing to approve"):
        VersionStore(findings).approve("executive", reviewer="x")


def test_diff_compares_the_latest_two_by_default(findings, brief):
    store = VersionStore(findings)
    text = render_markdown(brief)
    store.save("executive", brief, text, "generate")
    store.save("executive", brief, text.replace("a 25-point drop", "a steep 25-point drop"), "edit")
    diff = store.diff("executive")
    assert diff.startswith("--- v1 (generate)\n+++ v2 (edit)\n")
    assert "+" in diff and "a steep 25-point drop" in diff
    removed = [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert any("a 25-point drop" in line for line in removed)
    assert store.diff("executive", 1, 1) == ""


def test_diff_of_a_single_version_is_an_error(findings, brief):
    store = VersionStore(findings)
    store.save("executive", brief, "text\n", "generate")
    with pytest.raises(VersionError, match="nothing to compare"):
        store.diff("executive")
    with pytest.raises(VersionError, match="no version 7"):
        store.load("executive", 7)


def test_a_stale_writer_never_overwrites_a_saved_version(findings, brief, monkeypatch):
    store = VersionStore(findings)
    store.save("executive", brief, "first\n", "generate")
    other = VersionStore(findings)
    monkeypatch.setattr(other, "numbers", lambda audience: [])  # it has not seen version 1
    saved = other.save("executive", brief, "second\n", "edit")
    assert saved.number == 2
    assert store.load("executive", 1).markdown == "first\n"
    assert not list((findings.parent / ".riskbrief").rglob("*.tmp"))


def test_an_unreadable_version_is_reported_with_its_path(findings, brief):
    store = VersionStore(findings)
    store.save("executive", brief, "x\n", "generate")
    path = findings.parent / ".riskbrief" / "sentiment" / "executive" / "0001.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(VersionError, match="0001.json"):
        store.latest("executive")


def test_audience_names_cannot_escape_the_workspace(findings, brief):
    with pytest.raises(VersionError):
        VersionStore(findings).save("../evil", brief, "x", "generate")


def test_hand_edits_keep_sources_of_untouched_sentences(brief):
    text = render_markdown(brief)
    findings_sec = brief.section("findings")
    original = findings_sec.sentences[1]
    edited_text = text.replace(original.text, "On sarcastic posts the model is right only 50% of the time.")
    edited = brief_from_markdown(edited_text, brief)
    assert [s.id for s in edited.sections] == [s.id for s in brief.sections]
    assert edited.headline == brief.headline
    new_findings = edited.section("findings")
    texts = [s.text for s in new_findings.sentences]
    assert "On sarcastic posts the model is right only 50% of the time." in texts
    kept = next(s for s in new_findings.sentences if s.text == findings_sec.sentences[0].text)
    assert kept.sources == findings_sec.sentences[0].sources
    changed = next(s for s in new_findings.sentences if "50%" in s.text)
    assert set(changed.sources) <= {src for s in findings_sec.sentences for src in s.sources}
    assert edited.eval is None and edited.approval is None


def test_split_footer_removes_only_the_check_line():
    body, footer = split_footer("# T\n\ntext\n\n---\n\n*riskbrief check: faithfulness passed.*\n")
    assert body == "# T\n\ntext\n"
    assert footer.strip().startswith("---") and "riskbrief check" in footer
    assert split_footer("# T\n\ntext\n") == ("# T\n\ntext\n", "")


def _save_from(store: VersionStore, findings: Path, audience: str, text: str):
    findings.write_text(text, encoding="utf-8")
    b = narrate(load_findings(findings), load_profile(audience))
    return store.save(audience, b, render_markdown(b), "generate", findings_text=text)


def test_saved_findings_prefers_the_audience_then_any(findings):
    store = VersionStore(findings)
    original = findings.read_text(encoding="utf-8")
    later = original.replace("status: open", "status: mitigating", 1)
    _save_from(store, findings, "legal", original)          # legal v1
    _save_from(store, findings, "executive", later)         # executive v1
    _save_from(store, findings, "executive", original)      # executive v2
    version, text = store.saved_findings(1)                 # any audience: executive first alphabetically
    assert (version.audience, text) == ("executive", later)
    version, text = store.saved_findings(1, prefer=["legal"])
    assert (version.audience, text) == ("legal", original)
    assert store.saved_findings(2, prefer=["legal"])[0].audience == "executive"  # legal has no v2


def test_saved_findings_errors_name_what_is_saved(findings):
    store = VersionStore(findings)
    first = _save_from(store, findings, "executive", findings.read_text(encoding="utf-8"))
    _save_from(store, findings, "executive", findings.read_text(encoding="utf-8"))
    with pytest.raises(VersionError, match=r"sentiment.yaml@v7: no saved brief version 7 .*executive v1, v2"):
        store.saved_findings(7)
    path = store.root / "executive" / f"{first.number:04d}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("findings_text"), data.pop("findings_hash")
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(VersionError, match=r"sentiment.yaml@v1: executive v1 was saved without the findings text"):
        VersionStore(findings).saved_findings(1)
