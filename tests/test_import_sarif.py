"""`riskbrief import sarif`: scanner results become security findings; nothing is invented."""

from __future__ import annotations

import json

import pytest

from tests.conftest import write
from tests.import_support import DATA, imported, review_block


def test_tutorial_taxonomy_sample_keeps_rule_and_cwe(realdata):
    doc, text, _ = imported("sarif", realdata / "sarif-tutorials-standard-taxonomy.sarif")
    (f,) = doc.findings
    assert f.category.value == "security"
    assert f.summary == "Memory allocated in variable 'p' was not released."
    assert f.title == "Failed to release dynamic memory."
    assert "CodeScanner rule CA2101" in f.evidence
    assert any(e.startswith("CWE-401") for e in f.evidence)
    # No level and no security-severity: SARIF's default level `warning` applies (said for review).
    assert f.severity.value == "medium" and f.owner is None and f.likelihood is None
    review = review_block(text)
    assert any("F1: severity medium comes from SARIF's default level 'warning'" in line for line in review)
    assert any("F1: not in the source: likelihood" in line for line in review)


def test_tutorial_code_flow_becomes_evidence(realdata):
    doc, _, _ = imported("sarif", realdata / "sarif-tutorials-bad-eval-with-code-flow.sarif")
    (f,) = doc.findings
    assert "location 3-Beyond-basics/bad-eval-with-code-flow.py:8" in f.evidence
    flow = next(e for e in f.evidence if e.startswith("code flow"))
    assert flow.endswith("bad-eval-with-code-flow.py:38") and flow.count("->") == 2


def test_severity_level_suppression_and_skipped_passes():
    doc, text, _ = imported("sarif", DATA / "scan.sarif")
    assert doc.system.name == "https://example.org/acme/loan-scoring-api"
    sql, password = doc.findings  # the `pass` result is not a finding
    # security-severity 8.8 wins over the result's level: GitHub's band 7.0-8.9 is high.
    assert sql.severity.value == "high"
    assert "CWE-89" in sql.evidence
    assert "suggested fix (from the tool): Use a parameterised query." in sql.evidence
    assert sql.mitigations == []  # a tool's suggestion is not a planned mitigation
    # No security-severity: the rule's default level `note` maps to low.
    assert password.severity.value == "low"
    assert password.status.value == "accepted"
    assert "CWE-259" in password.evidence
    review = review_block(text)
    assert any("F1: severity high comes from the security-severity 8.8" in r for r in review)
    assert any("1 result(s) of kind pass" in r for r in review)


def test_clean_scan_is_recorded_not_invented(tmp_path):
    log = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "Bandit"}}, "results": []}]}
    doc, text, _ = imported("sarif", write(tmp_path, "clean.sarif", json.dumps(log)))
    (f,) = doc.findings
    assert f.title == "No problems reported by Bandit" and f.severity is None
    assert "system.name: the SARIF log does not name the system" in "\n".join(review_block(text))


@pytest.mark.parametrize("content, line, field", [
    ('{"version": "2.1.0", "runs": [\n', 2, "(syntax)"),
    ('{"version": "2.1.0"}', 1, "runs"),
    ('{"runs": [{"tool": {"driver": {"name": "X"}},\n "results": [{"ruleId": "R1"}]}]}', 2, "runs[0].results[0].message.text"),
])
def test_bad_sarif_is_reported_with_line_and_field(tmp_path, cli, content, line, field):
    src = write(tmp_path, "bad.sarif", content)
    out = tmp_path / "out.yaml"
    r = cli("import", "sarif", src, "-o", out)
    assert r.exit_code == 2
    assert f"{src}:{line}: {field}:" in r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists()


def test_message_strings_arguments_and_open_results(tmp_path):
    log = {"version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "CodeQL", "rules": [{
            "id": "py/path-injection",
            "messageStrings": {"default": {"text": "This path depends on a {0} ({1})."}},
            "properties": {"security-severity": "9.3"}}]}},
        "results": [{"ruleId": "py/path-injection", "kind": "review",
                     "message": {"id": "default", "arguments": ["user-provided value", "request.args"]},
                     "locations": [{"logicalLocations": [{"fullyQualifiedName": "app.views.download"}]}]}]}]}
    doc, text, _ = imported("sarif", write(tmp_path, "codeql.sarif", json.dumps(log)))
    (f,) = doc.findings
    assert f.summary == "This path depends on a user-provided value (request.args)."
    assert f.severity.value == "critical"  # 9.3 is in GitHub's critical band
    assert "location app.views.download" in f.evidence
    assert any("F1: the tool marks this result 'review'" in r for r in review_block(text))
