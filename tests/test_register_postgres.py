"""The register against a real PostgreSQL server (RISKBRIEF_TEST_POSTGRES_URL)."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from engine.cli import cli
from tests.test_register import EXAMPLES, check_no_update_lost, hammer

URL = os.environ.get("RISKBRIEF_TEST_POSTGRES_URL")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not URL, reason="RISKBRIEF_TEST_POSTGRES_URL is not set (.ci/run starts a local PostgreSQL)"),
]


@pytest.fixture
def pg(monkeypatch):
    from sqlalchemy import create_engine, text

    engine = create_engine(URL)
    with engine.begin() as conn:  # a clean database for each test
        for table in ("risk_history", "risks", "alembic_version"):
            conn.execute(text(f"DROP TABLE IF EXISTS {table} CASCADE"))
        conn.execute(text("DROP FUNCTION IF EXISTS risk_history_append_only() CASCADE"))
    engine.dispose()
    monkeypatch.setenv("RISKBRIEF_REGISTER_URL", URL)
    return URL


def test_register_round_trip_on_postgres(pg):
    r = CliRunner().invoke(cli, ["register", "import", str(EXAMPLES / "agent.yaml")])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["register", "update", "F2", "--status", "closed", "--by", "alice"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["register", "update", "F2", "--owner", "x", "--expect-version", "1"])
    assert r.exit_code == 1
    events = json.loads(CliRunner().invoke(cli, ["register", "history", "F2", "--json"]).output)
    assert [e["version"] for e in events] == [1, 2] and events[1]["by"] == "alice"


def test_two_processes_on_postgres_none_lost(pg, tmp_path):
    events, final = hammer(pg, tmp_path)
    check_no_update_lost(events, final)
