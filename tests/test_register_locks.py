"""The register when another process holds its lock: writers give up after a short wait with a
clear message and change nothing; readers are not held up."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from tests.register_support import db  # noqa: F401 (fixture)
from tests.test_register_postgres import URL as POSTGRES_URL, pg  # noqa: F401 (fixture)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def rb(*args, code=0):
    r = CliRunner().invoke(cli, ["register", *map(str, args)])
    assert r.exit_code == code, (r.output, r.exception)
    return r.output


def db_file(url: str) -> str:
    return url.removeprefix("sqlite:///")


@contextlib.contextmanager
def held_lock(url: str, mode: str = "IMMEDIATE"):
    """Another writer in the middle of a transaction: it has changed F1's title and not committed."""
    conn = sqlite3.connect(db_file(url), isolation_level=None)
    try:
        conn.execute(f"BEGIN {mode}")
        conn.execute("UPDATE risks SET title = 'uncommitted title' WHERE finding_id = 'F1'")
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def test_a_writer_meeting_a_held_lock_fails_clearly_and_changes_nothing(db):
    rb("import", EXAMPLES / "agent.yaml")
    before = json.loads(rb("history", "F1", "--json"))
    with held_lock(db):
        out = rb("--lock-wait", "0.2", "update", "F1", "--status", "closed", "--note", "done", code=2)
    lines = out.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out
    assert db_file(db) in out and "another process holds it" in out and "0.2 s" in out
    assert json.loads(rb("history", "F1", "--json")) == before
    assert json.loads(rb("show", "F1", "--json"))["status"] == "open"


def test_an_import_meeting_a_held_lock_writes_none_of_its_findings(db, monkeypatch):
    rb("import", EXAMPLES / "agent.yaml")
    monkeypatch.setenv("RISKBRIEF_REGISTER_LOCK_WAIT", "0.2")  # the wait can be set in the environment too
    with held_lock(db, "EXCLUSIVE"):
        out = rb("import", EXAMPLES / "credit.yaml", EXAMPLES / "sentiment.yaml", code=2)
    assert "another process holds it" in out and db_file(db) in out
    assert {r["system"] for r in json.loads(rb("list", "--json"))} == {"Customer support agent"}
    # Once the lock is released the same import goes through whole.
    rb("import", EXAMPLES / "credit.yaml")
    assert len(json.loads(rb("list", "--json"))) == 5


@pytest.mark.parametrize("mode", ["IMMEDIATE", "EXCLUSIVE"])
def test_readers_are_not_held_up_by_a_writer(db, mode):
    rb("import", EXAMPLES / "agent.yaml")
    with held_lock(db, mode):
        # No waiting allowed: a reader the writer blocked would fail at once.
        shown = json.loads(rb("--lock-wait", "0", "show", "F1", "--json"))
        listed = rb("--lock-wait", "0", "list")
        exported = rb("--lock-wait", "0", "export", "--format", "json")
    assert shown["title"] != "uncommitted title"  # readers see what was committed, not the writer's draft
    assert "uncommitted title" not in listed + exported and "F1" in listed


def test_a_lock_wait_that_is_not_a_number_is_a_usage_error(db, monkeypatch):
    monkeypatch.setenv("RISKBRIEF_REGISTER_LOCK_WAIT", "soon")
    out = rb("list", code=2)
    assert "lock-wait" in out and "soon" in out


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="RISKBRIEF_TEST_POSTGRES_URL is not set (.ci/run starts a local PostgreSQL)")
def test_on_postgresql_a_held_row_lock_fails_a_writer_after_the_wait(pg):  # noqa: F811 (fixture)
    from sqlalchemy import create_engine, text

    rb("import", EXAMPLES / "agent.yaml")
    other = create_engine(pg)
    with other.connect() as conn:
        tx = conn.begin()
        conn.execute(text("UPDATE risks SET title = 'uncommitted title' WHERE finding_id = 'F1'"))
        out = rb("--lock-wait", "0.3", "update", "F1", "--note", "blocked", code=2)
        shown = json.loads(rb("--lock-wait", "0", "show", "F1", "--json"))  # a reader is not held up
        tx.rollback()
    other.dispose()
    assert "another process holds it" in out and "riskbrief:riskbrief@" not in out  # the password is not shown
    assert len(out.strip().splitlines()) == 1 and "Traceback" not in out
    assert shown["title"] != "uncommitted title" and shown["version"] == 1
    assert json.loads(rb("show", "F1", "--json"))["version"] == 1


def test_a_register_in_a_directory_that_cannot_be_written_still_reads(tmp_path):
    from tests.test_batch_outdir import read_only

    share = tmp_path / "share"
    share.mkdir()
    url = f"sqlite:///{share / 'team.db'}"
    rb("--db", url, "import", EXAMPLES / "credit.yaml")
    assert sorted(p.name for p in share.iterdir()) == ["team.db"]  # its write-ahead log folded back in
    with read_only(share):
        listed = rb("--db", url, "list")
        assert "F1" in listed and "F2" in listed
        assert "v1" in rb("--db", url, "history", "F1")
        r = CliRunner().invoke(cli, ["register", "--db", url, "update", "F1", "--status", "mitigating"])
        assert r.exit_code == 2
        assert f"the register at {url} is read-only here" in r.output
    assert "open" in rb("--db", url, "show", "F1")
