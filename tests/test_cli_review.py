"""`riskbrief diff` and `riskbrief export` over saved versions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.narrator import narrate
from engine.render.markdown import render_markdown
from engine.versions import VersionStore, brief_from_markdown
from schemas.audience import load_profile
from schemas.brief import Brief
from schemas.loading import load_findings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A findings file with a generated and a hand-edited executive brief."""
    findings = tmp_path / "sentiment.yaml"
    shutil.copy(EXAMPLES / "sentiment.yaml", findings)
    brief = narrate(load_findings(findings), load_profile("executive"))
    text = render_markdown(brief)
    store = VersionStore(findings)
    store.save("executive", brief, text, "generate")
    edited = text.replace("a 25-point drop", "a 25-point fall")
    store.save("executive", brief_from_markdown(edited, brief), edited, "edit")
    return findings


def test_diff_shows_the_latest_change_by_default(cli, saved):
    result = cli("diff", saved, "--audience", "executive")
    assert result.exit_code == 0
    assert result.stdout.startswith("--- v1 (generate)\n+++ v2 (edit)\n")
    assert any(line.startswith("+") and "25-point fall" in line for line in result.stdout.splitlines())
    assert any(line.startswith("-") and "25-point drop" in line for line in result.stdout.splitlines())


def test_diff_between_chosen_versions(cli, saved):
    VersionStore(saved).approve("executive", reviewer="Dana")
    result = cli("diff", saved, "--audience", "executive", "--from", "1", "--to", "3")
    assert result.exit_code == 0
    assert "+++ v3 (approve by Dana)" in result.stdout
    same = cli("diff", saved, "--audience", "executive", "--from", "2", "--to", "3")
    assert same.exit_code == 0 and "no changes" in same.stdout


def test_diff_without_versions_says_what_is_missing(cli, saved):
    result = cli("diff", saved, "--audience", "legal")
    assert result.exit_code == 2
    assert "no saved legal brief" in result.stderr
    missing = cli("diff", saved, "--audience", "executive", "--from", "9")
    assert missing.exit_code == 2 and "no version 9" in missing.stderr and "saved: 1, 2" in missing.stderr


def test_export_writes_the_latest_version_with_its_edits(cli, saved, tmp_path):
    out = tmp_path / "out"
    result = cli("export", saved, "--audience", "executive", "--format", "md,html,json", "--out", out)
    assert result.exit_code == 0, result.stderr
    md = (out / "sentiment.executive.md").read_text(encoding="utf-8")
    assert md == VersionStore(saved).latest("executive").markdown and "25-point fall" in md
    brief = Brief.model_validate_json((out / "sentiment.executive.json").read_text(encoding="utf-8"))
    assert any("25-point fall" in s.text for s in brief.section("findings").sentences)
    assert brief.eval is not None and brief.eval.claims  # the edited text was checked for the export
    html = (out / "sentiment.executive.html").read_text(encoding="utf-8")
    assert "<html" in html.lower() and "25-point fall" in html
    assert "exported v2 (edit)" in result.stderr
    assert result.stdout.splitlines() == [str(out / f"sentiment.executive.{ext}") for ext in ("md", "html", "json")]


def test_export_approved_only_takes_the_last_approval(cli, saved, tmp_path):
    out = tmp_path / "out"
    refused = cli("export", saved, "--audience", "executive", "--format", "json", "--out", out, "--approved-only")
    assert refused.exit_code == 2 and "no approved version" in refused.stderr
    assert not out.exists()
    store = VersionStore(saved)
    approved = store.approve("executive", reviewer="Dana Reviewer")
    store.save("executive", approved.brief, approved.markdown + "\nLater draft.\n", "edit")
    result = cli("export", saved, "--audience", "executive", "--format", "md,json", "--out", out, "--approved-only")
    assert result.exit_code == 0, result.stderr
    data = json.loads((out / "sentiment.executive.json").read_text(encoding="utf-8"))
    assert data["approval"]["reviewer"] == "Dana Reviewer"
    assert data["approval"]["brief_hash"] == approved.hash
    assert "Later draft." not in (out / "sentiment.executive.md").read_text(encoding="utf-8")


def test_export_rejects_unknown_formats(cli, saved, tmp_path):
    result = cli("export", saved, "--audience", "executive", "--format", "pdf,odt", "--out", tmp_path / "o")
    assert result.exit_code == 2 and "unknown format 'odt'" in result.stderr
    assert not (tmp_path / "o").exists()


def test_export_prints_saved_versions_as_pdf_and_word(cli, saved, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "out"
    result = cli("export", saved, "--audience", "executive", "--format", "pdf,docx", "--out", out)
    assert result.exit_code == 0, result.stderr
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(out / "sentiment.executive.pdf").pages)
    assert "25-point fall" in text  # the hand edit, not the generated wording
    import docx

    word = "\n".join(p.text for p in docx.Document(str(out / "sentiment.executive.docx")).paragraphs)
    assert "25-point fall" in word and "25-point drop" not in word


def test_export_of_a_findings_file_needs_an_audience(cli, saved, tmp_path):
    result = cli("export", saved, "--out", tmp_path / "o")
    assert result.exit_code == 2 and "--audience" in result.stderr
    assert not (tmp_path / "o").exists()


def test_commands_are_listed_with_help(cli):
    result = cli("--help")
    for name in ("diff", "export", "tui"):
        assert name in result.stdout
    assert "approved" in cli("export", "--help").stdout
    assert "FILE|DIR" in cli("tui", "--help").stdout or "directory" in cli("tui", "--help").stdout


def test_tui_command_opens_a_file_or_the_first_file_of_a_directory(cli, tmp_path, monkeypatch):
    from tui.app import RiskbriefApp

    opened: list = []
    monkeypatch.setattr(RiskbriefApp, "run", lambda self, **kw: opened.append(self.session))
    shutil.copy(EXAMPLES / "sentiment.yaml", tmp_path / "b.yaml")
    shutil.copy(EXAMPLES / "credit.yaml", tmp_path / "a.yaml")
    assert cli("tui", tmp_path, "--audience", "executive,legal", "--reviewer", "Dana").exit_code == 0
    session = opened[-1]
    assert session.path.name == "a.yaml" and [p.name for p in session.files] == ["a.yaml", "b.yaml"]
    assert session.audiences == ["executive", "legal"] and session.reviewer == "Dana"
    assert session.options.provider == "offline"
    assert cli("tui", tmp_path / "b.yaml").exit_code == 0
    assert opened[-1].path.name == "b.yaml" and opened[-1].doc is not None


def test_tui_command_refuses_an_empty_directory_and_unknown_audiences(cli, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("tui", empty)
    assert result.exit_code == 2 and "no findings files" in result.stderr
    shutil.copy(EXAMPLES / "sentiment.yaml", tmp_path / "s.yaml")
    bad = cli("tui", tmp_path / "s.yaml", "--audience", "boardroom")
    assert bad.exit_code == 2 and "unknown audience" in bad.stderr
