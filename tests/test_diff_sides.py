"""`riskbrief diff` sides beyond files: register snapshots (register:SYSTEM@WHEN) and saved versions (FILE@vN)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.changes import load_side
from engine.narrator import narrate
from engine.render.markdown import render_markdown
from engine.versions import VersionStore
from schemas.audience import load_profile
from schemas.loading import load_findings, load_text
from tests.register_support import EXAMPLES, SYSTEM, history  # noqa: F401 (fixture)

STATUS_MOVE = "The status of “Approval rates differ by age group” changed from open to mitigating."
OWNER_MOVE = ("The owner of “The more accurate model cannot explain its decisions” changed from the "
              "Head of Credit Risk Analytics to the Chief Data Officer.")
SEVERITY_MOVE = "Severity of “Approval rates differ by age group” fell from critical to high."
PASSED = "faithfulness passed"


def test_register_sides_brief_the_changes_between_two_times(history, cli):
    r = cli("diff", f"register:{SYSTEM}@2026-03-01", f"register:{SYSTEM}@2026-03-04")
    assert r.exit_code == 0, r.stderr
    for sentence in (STATUS_MOVE, OWNER_MOVE, SEVERITY_MOVE, "Scores drift after a rate change", PASSED):
        assert sentence in r.stdout
    # Between two times with only the hand-made status change, that is all the brief says.
    r = cli("diff", f"register:{SYSTEM}@2026-03-02T09:00", f"register:{SYSTEM}@2026-03-02T12:00")
    assert r.exit_code == 0, r.stderr
    assert STATUS_MOVE in r.stdout and OWNER_MOVE not in r.stdout and SEVERITY_MOVE not in r.stdout


def test_register_sides_in_every_format_pass_the_two_sided_check(history, cli):
    _, _, tmp = history
    out = tmp / "briefs"
    r = cli("diff", f"register:{SYSTEM}@2026-03-01", f"register:{SYSTEM}", "-a", "all", "-f", "json,md", "-o", out)
    assert r.exit_code == 0, r.stderr
    audiences = ("engineering", "executive", "legal", "product")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"credit-scoring-model.changes.{a}.{ext}" for a in audiences for ext in ("json", "md"))
    data = json.loads((out / "credit-scoring-model.changes.engineering.json").read_text(encoding="utf-8"))
    assert data["eval"]["passed"] is True
    assert data["provenance"]["previous_input_file"] == f"register:{SYSTEM}@2026-03-01"
    assert data["provenance"]["input_file"] == f"register:{SYSTEM}"


def test_register_side_against_a_file_and_the_db_option(history, cli, monkeypatch):
    _, url, tmp = history
    monkeypatch.setenv("RISKBRIEF_REGISTER_URL", f"sqlite:///{tmp / 'elsewhere.db'}")
    # --db wins over the environment, as for `riskbrief register`.
    r = cli("diff", "--db", url, f"register:{SYSTEM}@2026-03-01", tmp / "credit.yaml", "-a", "engineering")
    assert r.exit_code == 0, r.stderr
    assert SEVERITY_MOVE in r.stdout and PASSED in r.stdout
    r = cli("diff", f"register:{SYSTEM}@2026-03-01", tmp / "credit.yaml")
    assert r.exit_code == 2 and "there is no register at" in r.stderr and "elsewhere.db" in r.stderr
    assert not (tmp / "elsewhere.db").exists()


@pytest.mark.parametrize(("old", "message"), [
    ("register:Nope@2026-03-01", "no system 'Nope' in the register (known: Credit scoring model)"),
    (f"register:{SYSTEM}@2026-02-28", "first imported at 2026-03-01T09:00:00Z"),
    (f"register:{SYSTEM}@March 1st", "'March 1st' is not an ISO 8601 date or date-time"),
    ("register:", "names no system"),
])
def test_bad_register_sides_exit_2_and_write_nothing(history, cli, old, message):
    _, _, tmp = history
    out = tmp / "briefs"
    r = cli("diff", old, f"register:{SYSTEM}", "-o", out)
    assert r.exit_code == 2 and message in r.stderr and "Traceback" not in r.output
    assert not out.exists()


def edited(text: str) -> str:
    """The credit findings after a status change, an owner change and a severity move."""
    text = text.replace("    severity: critical\n", "    severity: high\n", 1)
    text = text.replace("    owner: Head of Credit Risk Analytics\n", "    owner: Chief Data Officer\n", 1)
    f2 = text.index("  - id: F2")
    return text[:f2] + text[f2:].replace("    status: open\n", "    status: mitigating\n", 1)


def save_version(findings: Path, audience: str, text: str):
    """Save a brief as the workspace does, written from `text` (the findings as they were then)."""
    brief = narrate(load_text(text, str(findings)), load_profile(audience))
    return VersionStore(findings).save(audience, brief, render_markdown(brief), "generate", findings_text=text)


@pytest.fixture
def versions(tmp_path: Path) -> Path:
    """credit.yaml with two saved executive briefs: v1 from the original, v2 from the edited findings."""
    findings = tmp_path / "credit.yaml"
    original = (EXAMPLES / "credit.yaml").read_text(encoding="utf-8")
    findings.write_text(edited(original), encoding="utf-8")  # the file as it is now
    save_version(findings, "executive", original)
    save_version(findings, "executive", edited(original))
    return findings


def test_saved_versions_brief_the_changes_between_them(versions, cli):
    r = cli("diff", f"{versions}@v1", f"{versions}@v2")
    assert r.exit_code == 0, r.stderr
    for sentence in (STATUS_MOVE, OWNER_MOVE, SEVERITY_MOVE, PASSED):
        assert sentence in r.stdout
    out = versions.parent / "briefs"
    r = cli("diff", f"{versions}@v1", f"{versions}@v2", "-f", "json", "-o", out)
    assert r.exit_code == 0, r.stderr
    data = json.loads((out / "credit@v2.changes.executive.json").read_text(encoding="utf-8"))
    assert data["eval"]["passed"] is True
    assert data["provenance"]["previous_input_file"] == "credit.yaml@v1 (executive)"
    assert data["provenance"]["input_file"] == "credit.yaml@v2 (executive)"


def test_the_audience_asked_for_is_tried_first(versions, cli):
    # The legal brief's v1 was written from the edited findings: with --audience legal, @v1 means that one.
    save_version(versions, "legal", edited((EXAMPLES / "credit.yaml").read_text(encoding="utf-8")))
    r = cli("diff", f"{versions}@v1", f"{versions}@v2", "--audience", "legal")
    assert r.exit_code == 0, r.stderr
    assert SEVERITY_MOVE not in r.stdout and "No material changes" in r.stdout
    assert load_side(f"{versions}@v1").name == "credit.yaml@v1 (executive)"  # no preference: any audience
    assert load_side(f"{versions}@v1", audiences=["legal"]).name == "credit.yaml@v1 (legal)"


def test_missing_versions_and_versions_without_findings_exit_2(versions, cli):
    r = cli("diff", f"{versions}@v1", f"{versions}@v9")
    assert r.exit_code == 2 and "credit.yaml@v9: no saved brief version 9" in r.stderr
    assert "executive v1, v2" in r.stderr
    path = VersionStore(versions).root / "executive" / "0001.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["findings_text"], data["findings_hash"]
    path.write_text(json.dumps(data), encoding="utf-8")
    r = cli("diff", f"{versions}@v1", f"{versions}@v2")
    assert r.exit_code == 2 and "executive v1 was saved without the findings text" in r.stderr
    assert "Traceback" not in r.output


def test_a_saved_findings_text_that_no_longer_validates_names_its_version_and_line(versions, cli):
    path = VersionStore(versions).root / "executive" / "0001.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["findings_text"] = data["findings_text"].replace("severity: high", "severity: huge", 1)
    path.write_text(json.dumps(data), encoding="utf-8")
    r = cli("diff", f"{versions}@v1", f"{versions}@v2")
    assert r.exit_code == 2
    assert r.stderr.startswith("credit.yaml@v1 (executive):") and "findings[0].severity" in r.stderr


def test_an_existing_file_is_read_as_a_file_whatever_its_name(tmp_path, cli):
    text = (EXAMPLES / "credit.yaml").read_text(encoding="utf-8")
    odd = tmp_path / "register:credit@v1"
    odd.write_text(text, encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(edited(text), encoding="utf-8")
    r = cli("diff", odd, new)
    assert r.exit_code == 0, r.stderr
    assert SEVERITY_MOVE in r.stdout


def test_a_system_whose_name_holds_an_at_sign(history, cli):
    store, _, tmp = history
    doc = (EXAMPLES / "agent.yaml").read_text(encoding="utf-8")
    name = "Support bot @ retail"
    assert "name: Customer support agent" in doc
    (tmp / "agent.yaml").write_text(doc.replace("name: Customer support agent", f"name: {name}", 1), encoding="utf-8")
    store.clock.now = "2026-03-05T09:00:00.000000Z"
    store.import_document(load_findings(tmp / "agent.yaml"))
    assert load_side(f"register:{name}").name == f"register:{name}"
    assert load_side(f"register:{name}@2026-03-05").name == f"register:{name}@2026-03-05"


def test_a_name_too_long_for_a_file_is_reported_not_a_traceback(tmp_path, cli):
    r = cli("diff", "a" * 5000, tmp_path / "new.yaml")
    assert r.exit_code == 2 and "File name too long" in r.stderr
