"""`riskbrief validate`: every rule, with the line and field it names."""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from engine.cli import cli
from schemas.loading import FindingsError, load_findings, load_text
from tests.conftest import write

GOOD = textwrap.dedent("""\
    schema_version: 1
    system: {name: Churn predictor, purpose: Flag customers likely to cancel}
    findings:
      - id: F1
        title: Recall drops for customers on annual plans
        category: performance
        severity: medium
        likelihood: possible
        summary: Recall on annual-plan customers is lower than on monthly-plan customers.
        metrics:
          - {id: rec_monthly, name: recall, value: 81, unit: percent, population: monthly-plan customers, n: 4200}
          - {id: rec_annual, name: recall, value: 64, unit: percent, population: annual-plan customers, n: 900, baseline: rec_monthly}
        impact: Retention offers would miss annual-plan customers who are about to leave.
        owner: Customer Data Science lead
        status: open
        mitigations:
          - {action: Retrain with annual-plan renewal signals, owner: Customer Data Science, due: 2027-01-31, status: planned}
        caveats: [Annual-plan churn labels cover one renewal cycle only]
    """)


def problems(text: str, *, strict: bool = False, name: str = "f.yaml"):
    try:
        load_text(text, name, strict=strict)
    except FindingsError as e:
        return [(p.line, p.path, p.message) for p in e.problems]
    return []


def test_good_document_is_valid():
    assert problems(GOOD) == []


@pytest.mark.parametrize(
    "old,new,line,path,words",
    [
        ("value: 64, unit: percent", "value: 164, unit: percent", 12, "findings[0].metrics[1].value", "0-100"),
        ("value: 64, unit: percent", "value: 0.64, unit: ratio", None, None, None),
        ("value: 64, unit: percent", "value: 1.4, unit: ratio", 12, "findings[0].metrics[1].value", "0-1"),
        ("n: 900", "n: 0", 12, "findings[0].metrics[1].n", "greater than or equal to 1"),
        ("baseline: rec_monthly", "baseline: rec_weekly", 12, "findings[0].metrics[1].baseline", "rec_weekly"),
        ("id: rec_annual", "id: rec_monthly", 12, "findings[0].metrics[1].id", "duplicate metric id"),
        ("severity: medium", "severity: severe", 7, "findings[0].severity", "severe"),
        ("category: performance", "category: speed", 6, "findings[0].category", "speed"),
        ("likelihood: possible", "likelihood: maybe", 8, "findings[0].likelihood", "maybe"),
        ("status: open", "status: done", 15, "findings[0].status", "done"),
        ("status: planned}", "status: finished}", 17, "findings[0].mitigations[0].status", "finished"),
        ("    summary: Recall on", "    sumary: Recall on", 9, "findings[0].sumary", "unknown field"),
        ("    title: Recall drops for customers on annual plans\n", "", 4, "findings[0].title", "missing"),
        ("n: 4200}", "n: 4200, ci: [85, 80]}", 11, "findings[0].metrics[0].ci", "above high"),
        ("n: 4200}", "n: 4200, ci: [70, 120]}", 11, "findings[0].metrics[0].ci[1]", "0-100"),
        ("due: 2027-01-31", "due: next spring", 17, "findings[0].mitigations[0].due", "date"),
        ("{action: Retrain", "{owner_team: x, action: Retrain", 17, "findings[0].mitigations[0].owner_team", "unknown field"),
    ],
)
def test_each_rule_names_line_and_field(old, new, line, path, words):
    assert old in GOOD
    found = problems(GOOD.replace(old, new, 1))
    if line is None:
        assert found == []
        return
    assert any(l == line and p == path and words in m for l, p, m in found), found


def test_duplicate_finding_ids_point_at_the_second():
    text = GOOD + (
        "  - id: F1\n"
        "    title: Second finding reusing the id\n"
        "    category: fairness\n"
        "    summary: Something else.\n"
    )
    found = problems(text)
    assert (19, "findings[1].id", "duplicate finding id 'F1'") in found


def test_empty_findings_and_missing_system_name():
    found = problems("schema_version: 1\nsystem: {purpose: x}\nfindings: []\n")
    paths = {p for _, p, _ in found}
    assert "system.name" in paths and "findings" in paths
    assert all(l in (2, 3) for l, _, _ in found)


def test_schema_version_must_be_1():
    found = problems(GOOD.replace("schema_version: 1", "schema_version: 2"))
    assert found and found[0][:2] == (1, "schema_version")


def test_every_problem_is_reported_not_just_the_first():
    bad = GOOD.replace("value: 64", "value: 164").replace("severity: medium", "severity: severe").replace("n: 900", "n: 0")
    assert len(problems(bad)) == 3


def test_tradeoff_rules():
    text = GOOD + textwrap.dedent("""\
    tradeoffs:
      - id: T1
        question: Which model?
        options:
          - {id: A, name: Big model}
          - {id: A, name: Small model}
        recommendation: C
      - id: T2
        question: Only one option?
        options:
          - {id: A, name: Lonely}
    """)
    found = problems(text)
    assert (24, "tradeoffs[0].options[1].id", "duplicate option id 'A'") in found
    assert any(l == 25 and p == "tradeoffs[0].recommendation" and "'C'" in m for l, p, m in found)
    assert any(p == "tradeoffs[1].options" and "at least 2" in m for _, p, m in found)


def test_strict_requires_assessment_fields():
    loose = GOOD.replace("    severity: medium\n", "").replace("    owner: Customer Data Science lead\n", "")
    loose = loose.replace(", population: annual-plan customers", "")
    assert problems(loose) == []
    found = problems(loose, strict=True)
    paths = {p for _, p, _ in found}
    assert {"findings[0].severity", "findings[0].owner", "findings[0].metrics[1].population"} <= paths


def test_yaml_syntax_error_names_its_line():
    text = GOOD.replace("severity: medium", "severity: [medium")
    found = problems(text)
    assert len(found) == 1 and found[0][1] == "(syntax)" and found[0][0] in (7, 8)


def test_duplicate_yaml_keys_are_an_error():
    found = problems(GOOD.replace("    severity: medium\n", "    severity: medium\n    severity: high\n"))
    assert found and found[0][0] in (7, 8)


def test_json_findings_with_line_numbers(tmp_path):
    data = json.loads(json.dumps(load_text(GOOD).model_dump(mode="json")))
    data["findings"][0]["metrics"][1]["value"] = 164
    p = write(tmp_path, "doc.json", json.dumps(data, indent=2))
    with pytest.raises(FindingsError) as e:
        load_findings(p)
    (prob,) = e.value.problems
    assert prob.path == "findings[0].metrics[1].value"
    assert p.read_text().splitlines()[prob.line - 1].strip().startswith('"value": 164')


def test_json_syntax_error(tmp_path):
    p = write(tmp_path, "doc.json", '{\n  "schema_version": 1,\n  "system": {"name": "x",}\n}\n')
    with pytest.raises(FindingsError) as e:
        load_findings(p)
    assert e.value.problems[0].line == 3


def test_cli_reports_every_file_and_exits_2(tmp_path, cli):
    good = write(tmp_path, "good.yaml", GOOD)
    bad = write(tmp_path, "bad.yaml", GOOD.replace("value: 64", "value: 164"))
    r = cli("validate", good, bad)
    assert r.exit_code == 2
    assert f"{bad}:12: findings[0].metrics[1].value:" in r.stderr
    assert "Traceback" not in r.stderr
    r = cli("validate", good)
    assert r.exit_code == 0


def test_cli_missing_file(tmp_path, cli):
    r = cli("validate", tmp_path / "nope.yaml")
    assert r.exit_code == 2 and "no such file" in r.stderr


def test_examples_are_strictly_valid(example_files, cli):
    r = cli("validate", "--strict", *example_files)
    assert r.exit_code == 0, r.stderr


def test_schema_command_writes_json_schemas(tmp_path, cli):
    r = cli("schema", "--out", tmp_path)
    assert r.exit_code == 0
    for name in ("findings", "brief", "eval"):
        schema = json.loads((tmp_path / f"{name}.schema.json").read_text())
        assert schema["type"] == "object" and schema["properties"]
    findings = json.loads((tmp_path / "findings.schema.json").read_text())
    assert findings["additionalProperties"] is False


def test_an_impossible_date_names_its_line_and_field_and_other_problems_still_show():
    text = GOOD.replace("due: 2027-01-31", "due: 2027-13-31").replace("baseline: rec_monthly", "baseline: rec_weekly")
    found = problems(text)
    assert [(line, path) for line, path, _ in found] == [(12, "findings[0].metrics[1].baseline"),
                                                         (17, "findings[0].mitigations[0].due")]
    assert "month" in found[1][2]


def test_an_unknown_key_that_would_break_the_problem_line_is_written_quoted(tmp_path):
    """`FILE:LINE: field.path: message` splits at the first ": " after the line: a key with ": "
    in it is quoted with that escaped; one with a bare colon ("12:30:00") stays as written."""
    doc = GOOD.replace("    impact:", '    "due: soon": 2027-01-31\n    "12:30:00": daily\n    impact:')
    got = {path: line for line, path, _ in problems(doc)}
    assert got == {'findings[0]["due:\\u0020soon"]': 13, "findings[0].12:30:00": 14}
    path = write(tmp_path, "keys.yaml", doc)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(str(path))]
    assert len(lines) == 2
    for ln in lines:
        field, message = ln[len(str(path)) + 1:].split(": ", 1)[1].split(": ", 1)
        assert field in got and message.startswith("unknown field")
