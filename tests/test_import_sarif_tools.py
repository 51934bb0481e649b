"""`riskbrief import sarif` on the shapes CodeQL, Semgrep and multi-run logs really take."""

from __future__ import annotations

import json

import pytest

from tests.conftest import write
from tests.import_support import imported, review_block


def _log(*runs: dict) -> str:
    return json.dumps({"version": "2.1.0", "runs": list(runs)})


def test_codeql_rules_in_a_query_pack_extension(tmp_path):
    # CodeQL puts its rules in tool.extensions[] and points at them with rule.toolComponent.index;
    # ruleIndex counts within that extension, not within driver.rules.
    run = {
        "tool": {"driver": {"name": "CodeQL", "rules": [{"id": "js/unused-local-variable",
                                                         "shortDescription": {"text": "Unused variable"}}]},
                 "extensions": [{"name": "codeql/javascript-queries", "rules": [
                     {"id": "js/sql-injection", "shortDescription": {"text": "Database query built from user-controlled sources"},
                      "properties": {"tags": ["security", "external/cwe/cwe-089"], "security-severity": "8.8"}}]}]},
        "artifacts": [{"location": {"uri": "src/db.js"}}],
        "results": [{"ruleId": "js/sql-injection", "ruleIndex": 0,
                     "rule": {"id": "js/sql-injection", "index": 0, "toolComponent": {"index": 0}},
                     "message": {"text": "This query depends on a [user-provided value](1)."},
                     "locations": [{"physicalLocation": {"artifactLocation": {"index": 0}, "region": {"startLine": 12}}}]}],
    }
    doc, _, _ = imported("sarif", write(tmp_path, "codeql.sarif", _log(run)))
    (f,) = doc.findings
    assert f.title == "Database query built from user-controlled sources"
    assert f.severity.value == "high"
    assert "CWE-89" in f.evidence
    # An embedded link keeps its text only; the location comes from run.artifacts by index.
    assert f.summary == "This query depends on a user-provided value."
    assert "location src/db.js:12" in f.evidence


def test_semgrep_cwe_tags_and_uninformative_short_description(tmp_path):
    rule_id = "python.lang.security.audit.subprocess-shell-true.subprocess-shell-true"
    run = {"tool": {"driver": {"name": "Semgrep OSS", "rules": [{
        "id": rule_id, "shortDescription": {"text": f"Semgrep Finding: {rule_id}"},
        "fullDescription": {"text": "Found subprocess call with shell=True."},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["CWE-78: Improper Neutralization of Special Elements used in an OS Command", "security"]}}]}},
        "results": [{"ruleId": rule_id, "message": {"text": "Detected subprocess function with shell=True"}}]}
    doc, _, _ = imported("sarif", write(tmp_path, "semgrep.sarif", _log(run)))
    (f,) = doc.findings
    assert f.title == "Found subprocess call with shell=True."
    assert "CWE-78" in f.evidence
    assert f.severity.value == "medium"


def test_taxon_reference_by_tool_component_guid(tmp_path):
    guid = "a8e38d2e-2bca-4a2f-9a5f-3f1e8d3b0c55"
    run = {"tool": {"driver": {"name": "A"}},
           "taxonomies": [{"name": "CWE", "guid": guid, "taxa": [{"id": "328", "shortDescription": {"text": "Use of Weak Hash"}}]}],
           "results": [{"ruleId": "A1", "level": "note", "message": {"text": "md5 used"},
                        "taxa": [{"id": "328", "toolComponent": {"guid": guid.upper()}}]}]}
    doc, _, _ = imported("sarif", write(tmp_path, "taxa.sarif", _log(run)))
    assert "CWE-328: Use of Weak Hash" in doc.findings[0].evidence


def test_absent_level_is_sarif_default_warning(tmp_path):
    run = {"tool": {"driver": {"name": "A", "rules": [{"id": "A1"}]}},
           "results": [{"ruleId": "A1", "message": {"text": "no level anywhere"}},
                       {"ruleId": "A1", "level": "none", "message": {"text": "level none"}}]}
    doc, text, _ = imported("sarif", write(tmp_path, "levels.sarif", _log(run)))
    default, none = doc.findings
    assert default.severity.value == "medium"
    assert none.severity is None
    assert any("F1: severity medium comes from SARIF's default level 'warning'" in r for r in review_block(text))


def test_results_absent_from_the_current_run_are_not_open_problems(tmp_path):
    run = {"tool": {"driver": {"name": "A"}},
           "results": [{"ruleId": "A1", "level": "error", "message": {"text": "still here"}, "baselineState": "unchanged"},
                       {"ruleId": "A1", "level": "error", "message": {"text": "fixed since"}, "baselineState": "absent"}]}
    doc, text, _ = imported("sarif", write(tmp_path, "baseline.sarif", _log(run)))
    (f,) = doc.findings
    assert f.summary == "still here"
    assert any("1 result(s) with baselineState absent" in r for r in review_block(text))


def test_a_failed_run_is_not_reported_as_a_clean_scan(tmp_path):
    ok = {"tool": {"driver": {"name": "Good"}}, "results": []}
    failed = {"tool": {"driver": {"name": "Broken"}},
              "invocations": [{"executionSuccessful": False}], "results": []}
    doc, text, warnings = imported("sarif", write(tmp_path, "failed.sarif", _log(ok, failed)))
    (f,) = doc.findings
    assert "Broken" not in f.title and f.title == "No problems reported by Good"
    assert any("Broken" in w and "did not complete" in w for w in warnings)
    assert any("Broken" in r for r in review_block(text))


def test_only_failed_runs_say_so(tmp_path):
    failed = {"tool": {"driver": {"name": "Broken"}}, "invocations": [{"executionSuccessful": False}]}
    doc, _, _ = imported("sarif", write(tmp_path, "failed.sarif", _log(failed)))
    (f,) = doc.findings
    assert "No problems" not in f.title and "did not complete" in f.summary


def test_more_results_than_the_findings_limit_is_a_clear_error(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("RISKBRIEF_MAX_LIST_ITEMS", "3")
    run = {"tool": {"driver": {"name": "A"}},
           "results": [{"ruleId": "A1", "message": {"text": f"m{i}"}} for i in range(5)]}
    src = write(tmp_path, "many.sarif", _log(run))
    out = tmp_path / "out.yaml"
    result = cli("import", "sarif", src, "-o", out)
    assert result.exit_code == 2
    assert "RISKBRIEF_MAX_LIST_ITEMS" in result.output and "bug" not in result.output
    assert not out.exists()


def test_a_log_without_runs_is_refused(tmp_path, cli):
    src = write(tmp_path, "empty-runs.sarif", '{"version": "2.1.0", "runs": []}')
    r = cli("import", "sarif", src, "-o", tmp_path / "out.yaml")
    assert r.exit_code == 2 and f"{src}:1: runs: the log has no runs" in r.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_a_security_severity_that_is_not_a_score_is_reported(tmp_path):
    run = {"tool": {"driver": {"name": "A", "rules": [{"id": "A1", "properties": {"security-severity": "High"}}]}},
           "results": [{"ruleId": "A1", "level": "error", "message": {"text": "m"}}]}
    doc, text, _ = imported("sarif", write(tmp_path, "sev.sarif", _log(run)))
    assert doc.findings[0].severity.value == "high"  # from the level
    assert any("security-severity 'High'" in r and "not a 0-10 score" in r for r in review_block(text))


def test_rule_index_and_rule_id_that_disagree_are_reported(tmp_path):
    run = {"tool": {"driver": {"name": "A", "rules": [{"id": "A1", "shortDescription": {"text": "Weak hash"}},
                                                      {"id": "A2", "shortDescription": {"text": "Hard-coded secret"}}]}},
           "results": [{"ruleId": "A2", "ruleIndex": 0, "level": "error", "message": {"text": "key in config"}}]}
    doc, text, warnings = imported("sarif", write(tmp_path, "mismatch.sarif", _log(run)))
    assert doc.findings[0].title == "Hard-coded secret"  # the id names the rule outright
    assert any("ruleIndex 0" in w and "A1" in w and "A2" in w for w in warnings)


def test_a_level_sarif_does_not_define_is_reported(tmp_path):
    run = {"tool": {"driver": {"name": "A"}},
           "results": [{"ruleId": "A1", "level": "high", "message": {"text": "m"}}]}
    doc, text, _ = imported("sarif", write(tmp_path, "level.sarif", _log(run)))
    assert doc.findings[0].severity is None
    assert any("level 'high' is not a SARIF level" in r for r in review_block(text))
