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
    """A fresh schema of its own per test, dropped afterwards: nothing else in the database is touched."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = f"riskbrief_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(URL).update_query_dict({"options": f"-csearch_path={schema}"})
    url_text = url.render_as_string(hide_password=False)
    monkeypatch.setenv("RISKBRIEF_REGISTER_URL", url_text)
    yield url_text
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def test_register_round_trip_on_postgres(pg):
    from sqlalchemy import create_engine, text


    r = CliRunner().invoke(cli, ["register", "import", str(EXAMPLES / "agent.yaml")])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["register", "update", "F2", "--status", "closed", "--by", "alice"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(cli, ["register", "update", "F2", "--owner", "x", "--expect-version", "1"])
    assert r.exit_code == 1
    events = json.loads(CliRunner().invoke(cli, ["register", "history", "F2", "--json"]).output)
    assert [e["version"] for e in events] == [1, 2] and events[1]["by"] == "alice"
    with create_engine(pg).connect() as conn:  # the tables live in the test's own schema
        assert conn.execute(text("SELECT current_schema()")).scalar().startswith("riskbrief_test_")
        assert conn.execute(text("SELECT count(*) FROM risks")).scalar() == 3


def test_two_processes_on_postgres_none_lost(pg, tmp_path):
    events, final = hammer(pg, tmp_path)
    check_no_update_lost(events, final)
