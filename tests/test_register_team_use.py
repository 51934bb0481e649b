"""The register as a team uses it over weeks: several systems, names in any script, re-imports of
changed files, odd database URLs."""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from engine.cli import cli
from tests.register_support import db  # noqa: F401 (fixture)
from tests.test_register_postgres import URL as POSTGRES_URL, pg  # noqa: F401 (fixture)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_db(request):
    """The register on SQLite, and on PostgreSQL when RISKBRIEF_TEST_POSTGRES_URL names a server."""
    if request.param == "postgres" and not POSTGRES_URL:
        pytest.skip("RISKBRIEF_TEST_POSTGRES_URL is not set (.ci/run starts a local PostgreSQL)")
    return request.getfixturevalue("db" if request.param == "sqlite" else "pg")


def rb(*args, code=0):
    r = CliRunner().invoke(cli, [str(a) for a in args])
    assert r.exit_code == code, (r.output, r.exception)
    return r.output


HIRING = textwrap.dedent("""\
    schema_version: 1
    system: {name: Résumé screening ranker}
    findings:
      - id: H1
        title: Women ranked lower for senior roles
        category: fairness
        severity: critical
        likelihood: likely
        summary: Selection rate ratio 0.71.
        owner: Zofia Łukasiewicz-Øberg
        status: open
      - id: H2
        title: Applicant data kept too long
        category: privacy
        severity: high
        likelihood: possible
        summary: Kept 24 months against a 6-month policy.
        owner: Şükrü Öztürk
        status: open
      - id: H3
        title: Diacritics break the parser
        category: robustness
        severity: medium
        likelihood: likely
        summary: 12% of Polish résumés lose fields.
        owner: 王小明
        status: mitigating
    """)


@pytest.mark.parametrize("url", ["bogus://host/db", "nosuchdialect+driver://u:secret@h/db"])
def test_an_unknown_kind_of_database_is_a_clear_error(url):
    r = CliRunner().invoke(cli, ["register", "--db", url, "list"])
    assert r.exit_code == 2, (r.output, r.exception)
    assert "Traceback" not in r.output and "secret" not in r.output
    assert "no database of kind" in r.output and "sqlite:///" in r.output


def test_reimport_of_a_file_that_dropped_a_finding_says_so_and_keeps_the_risk(any_db, tmp_path):
    src = tmp_path / "hiring.yaml"
    src.write_text(HIRING, encoding="utf-8")
    rb("register", "import", src)
    rb("register", "update", "H1", "--owner", "Ayşe Yılmaz", "--status", "mitigating", "--by", "zofia")
    # A week on: H2 is gone from the file, H1's severity moved, H3 unchanged.
    src.write_text(HIRING.replace("severity: critical", "severity: high").split("  - id: H2")[0]
                   + "  - id: H3" + HIRING.split("  - id: H3")[1], encoding="utf-8")
    out = rb("register", "import", src)
    assert "0 new, 1 updated, 1 unchanged" in out
    assert "1 no longer in this file, kept as it was: H2" in out
    risks = {r["id"]: r for r in json.loads(rb("register", "list", "--json"))}
    assert set(risks) == {"H1", "H2", "H3"}
    # The hand-made owner and status survive; the file's new severity is taken.
    assert (risks["H1"]["owner"], risks["H1"]["status"], risks["H1"]["severity"]) == ("Ayşe Yılmaz", "mitigating", "high")
    assert risks["H3"]["owner"] == "王小明"


def test_change_brief_from_the_register_keeps_the_letters_of_the_system_name(any_db, tmp_path):
    src = tmp_path / "hiring.yaml"
    src.write_text(HIRING, encoding="utf-8")
    rb("register", "import", src)
    rb("register", "update", "H3", "--status", "closed")
    out = tmp_path / "briefs"
    rb("diff", src, "register:Résumé screening ranker", "-a", "executive", "-f", "md", "-o", out)
    assert [p.name for p in out.iterdir()] == ["résumé-screening-ranker.changes.executive.md"]


def test_a_read_only_register_reads_and_refuses_changes_clearly(db, tmp_path):
    src = tmp_path / "hiring.yaml"
    src.write_text(HIRING, encoding="utf-8")
    rb("register", "import", src)
    # SQLite's read-only mode stands in for a file the user may not write (root ignores file modes).
    ro = f"sqlite:///file:{tmp_path / 'register.db'}?mode=ro&uri=true"
    assert "Zofia Łukasiewicz-Øberg" in rb("register", "--db", ro, "show", "H1")
    out = rb("register", "--db", ro, "update", "H1", "--status", "closed", code=2)
    assert "read-only" in out and "try again" not in out
    assert "Traceback" not in out
    assert json.loads(rb("register", "show", "H1", "--json"))["status"] == "open"


def test_markdown_export_keeps_findings_text_inert(any_db, tmp_path):
    from markdown_it import MarkdownIt

    src = tmp_path / "pipe.yaml"
    src.write_text(textwrap.dedent("""\
        schema_version: 1
        system: {name: "Pipe | system"}
        findings:
          - id: P1
            title: "A | B <script>alert(1)</script> [link](javascript:x)"
            category: performance
            summary: s
            owner: Team <b>bold</b>
        """), encoding="utf-8")
    rb("register", "import", src)
    html = MarkdownIt().enable("table").render(rb("register", "export", "--format", "md"))
    assert "<script>" not in html and "<b>" not in html and "href" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "Pipe | system" in html
    # one row, nine cells: the pipes in the text stayed inside their cells
    assert html.count("<td>") == 9


MITIGATED = HIRING.replace("    status: open\n  - id: H2", (
    "    status: open\n"
    "    mitigations:\n"
    "      - {action: Reweight training data, owner: Şükrü Öztürk, due: 2026-12-15, status: in_progress}\n"
    "      - {action: Quarterly adverse-impact audit, due: 2027-01-31, status: planned}\n"
    "  - id: H2"), 1)


def test_mitigation_status_and_due_date_are_updated_in_the_register(any_db, tmp_path):
    src = tmp_path / "hiring.yaml"
    src.write_text(MITIGATED, encoding="utf-8")
    rb("register", "import", src)
    rb("register", "update", "H1", "--mitigation", "2", "--mitigation-status", "in_progress", "--due", "2027-02-28",
       "--by", "dpo", "--note", "Audit firm booked")
    rb("register", "update", "H1", "--mitigation", "reweight", "--mitigation-status", "done", "--by", "şükrü")
    shown = rb("register", "show", "H1")
    assert "1. Reweight training data (done, owner Şükrü Öztürk, due 2026-12-15)" in shown
    assert "2. Quarterly adverse-impact audit (in_progress, due 2027-02-28)" in shown
    history = rb("register", "history", "H1")
    assert ("dpo  update: mitigation “Quarterly adverse-impact audit”: due 2027-01-31 → 2027-02-28; "
            "status planned → in_progress — note: Audit firm booked") in history
    assert "şükrü  update: mitigation “Reweight training data”: status in_progress → done" in history
    # The unchanged file does not undo what the team recorded.
    assert "0 new, 0 updated, 3 unchanged" in rb("register", "import", src)
    assert json.loads(rb("register", "show", "H1", "--json"))["mitigations"][0]["status"] == "done"


@pytest.mark.parametrize("args, message", [
    (["H1", "--due", "2027-02-28"], "which mitigation"),
    (["H1", "--mitigation", "3", "--mitigation-status", "done"], "no mitigation 3"),
    (["H1", "--mitigation", "audit", "--due", "2027-02-30"], "not a date"),
    (["H2", "--mitigation", "1", "--mitigation-status", "done"], "has no mitigations"),
    (["H1", "--mitigation", "1"], "nothing to update"),
])
def test_mitigation_updates_that_cannot_apply_exit_2_and_write_nothing(db, tmp_path, args, message):
    src = tmp_path / "hiring.yaml"
    src.write_text(MITIGATED, encoding="utf-8")
    rb("register", "import", src)
    out = rb("register", "update", *args, code=2)
    assert message in out and "Traceback" not in out
    assert "1 change(s)" in rb("register", "history", args[0])
