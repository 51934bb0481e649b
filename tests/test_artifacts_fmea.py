"""FMEA: 1-10 scales from the findings, RPN = S x O x D, sorted, actions from mitigations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def fmea(*args):
    r = CliRunner().invoke(cli, ["fmea", *args], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.output


@pytest.mark.parametrize("name", ["sentiment", "credit", "agent"])
def test_rows_sorted_by_rpn_with_product_of_scores(name):
    data = json.loads(fmea(str(EXAMPLES / f"{name}.yaml"), "--json"))
    rows = data["rows"]
    assert rows and all(r["rpn"] == r["severity"] * r["occurrence"] * r["detection"] for r in rows)
    assert [r["rpn"] for r in rows] == sorted((r["rpn"] for r in rows), reverse=True)
    assert data["scales"]["severity"] == {"low": 3, "medium": 5, "high": 8, "critical": 10}


def test_agent_values_and_actions():
    rows = {r["id"]: r for r in json.loads(fmea(str(EXAMPLES / "agent.yaml"), "--json"))["rows"]}
    f1 = rows["F1"]
    assert (f1["severity"], f1["occurrence"], f1["detection"], f1["rpn"]) == (10, 8, 8, 640)
    assert f1["action"] == "Write an incident playbook with a kill switch and an on-call rota"
    assert f1["action_owner"] == "Digital Support operations"
    # The done mitigation (human approval) is not recommended again; the planned one is.
    assert rows["F2"]["action"] == "Filter tool calls against an allow-list"
    assert rows["F2"]["rpn"] == 8 * 6 * 6
    assert rows["F3"]["action"].startswith("Risk accepted")


def test_table_shows_scores_and_mapping():
    out = fmea(str(EXAMPLES / "credit.yaml"))
    assert "FMEA: Credit scoring model" in out
    assert "Severity (S) from severity: low 3, medium 5, high 8, critical 10." in out
    # F2: critical (10) x possible (6) x 5 = 300 ranks above F1: high (8) x likely (8) x 4 = 256.
    assert out.index("300") < out.index("256")


def test_missing_scores_are_not_guessed(tmp_path):
    p = tmp_path / "f.yaml"
    p.write_text("""
schema_version: 1
system: {name: Churn predictor}
findings:
  - {id: F1, title: Recall drops, category: performance, severity: high, likelihood: likely, detectability: 3, summary: s}
  - {id: F2, title: Exposed key, category: security, severity: critical, summary: s}
""")
    rows = json.loads(fmea(str(p), "--json"))["rows"]
    assert [r["id"] for r in rows] == ["F1", "F2"]
    assert rows[1]["rpn"] is None and rows[1]["occurrence"] is None and rows[1]["detection"] is None
    assert rows[1]["missing"] == ["likelihood", "detectability"]
    assert rows[1]["action"] == "No mitigation yet: the owner should propose one"
    out = fmea(str(p))
    assert "F2: likelihood, detectability not yet assessed, so no RPN." in out


def test_output_file(tmp_path):
    out = tmp_path / "fmea.json"
    fmea(str(EXAMPLES / "sentiment.yaml"), "--json", "-o", str(out))
    assert json.loads(out.read_text())["rows"][0]["id"] == "F1"
