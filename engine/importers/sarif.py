"""SARIF 2.1 logs (Bandit, Semgrep, CodeQL and other scanners) -> security findings.

One finding per result that reports a problem. Severity comes from the
`security-severity` score when the tool gives one (the bands GitHub code
scanning uses), otherwise from the result's `level` (SARIF's default level is
`warning` when neither the result nor its rule gives one); both are tool settings,
not risk assessments, so the review list asks for confirmation. Rule, location,
code flow, CWE taxa and suggested fixes become evidence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.importers.base import (
    NUMBER, TEXT, Imported, SourceError, check_findings_count, check_shape, clean, line_of, parse_source, read_text,
    short_title,
)
from engine.importers.sarif_run import RunIndex, message_text, rule_title

# Results of these kinds are not problems (SARIF 2.1 §3.27.9).
NOT_PROBLEMS = {"pass", "notApplicable", "informational"}
LEVEL_SEVERITY = {"error": "high", "warning": "medium", "note": "low"}
# Results that say the problem is gone from the scanned code (§3.27.24).
GONE = {"absent"}


_MESSAGE = {"text": str, "id": str, "arguments": [TEXT]}
_LOCATION = {"physicalLocation": {"artifactLocation": {"uri": str, "index": int},
                                   "region": {"startLine": int, "startColumn": int}},
             "logicalLocations": [{"fullyQualifiedName": str, "name": str}]}
_COMPONENT = {"name": str, "guid": str, "index": int}
_RULE = {"id": str, "name": str, "shortDescription": _MESSAGE, "fullDescription": _MESSAGE, "messageStrings": {"*": _MESSAGE}, "helpUri": str,
         "defaultConfiguration": {"level": str}, "properties": {"tags": [TEXT], "security-severity": NUMBER},
         "relationships": [{"target": {"id": TEXT, "toolComponent": {"name": str}}}]}
_RESULT = {"ruleId": str, "ruleIndex": int, "rule": {"id": str, "index": int, "toolComponent": _COMPONENT},
           "kind": str, "level": str,
           "message": _MESSAGE, "locations": [_LOCATION],
           "codeFlows": [{"threadFlows": [{"locations": [{"location": _LOCATION}]}]}],
           "taxa": [{"id": TEXT, "guid": str, "toolComponent": _COMPONENT}],
           "suppressions": [{"status": str, "justification": str}], "fixes": [{"description": _MESSAGE}],
           "properties": {"security-severity": NUMBER}, "baselineState": str}
SHAPE = {"version": str, "runs": [{
    "tool": {"driver": {"name": TEXT, "version": TEXT, "rules": [_RULE]},
             "extensions": [{"name": TEXT, "rules": [_RULE]}]},
    "results": [_RESULT],
    "artifacts": [{"location": {"uri": str}}],
    "invocations": [{"executionSuccessful": bool}],
    "taxonomies": [{"name": str, "guid": str, "taxa": [{"id": TEXT, "name": str, "shortDescription": _MESSAGE}]}],
    "versionControlProvenance": [{"repositoryUri": str}],
}]}


def security_severity(score: float) -> str | None:
    """GitHub code scanning's bands for a CVSS-like 0-10 score."""
    if score >= 9.0:
        return "critical"
    if score >= 7.0:
        return "high"
    if score >= 4.0:
        return "medium"
    if score > 0:
        return "low"
    return None


def _severity(result: dict, rule: dict | None, notes: list[str]) -> tuple[str | None, str | None]:
    """(severity, where it came from). Only a result of kind `fail` takes the default level.

    A security-severity that is not a number is named in ``notes`` and passed over.
    """
    for props, whose in ((result.get("properties") or {}, "result"), ((rule or {}).get("properties") or {}, "rule")):
        raw = props.get("security-severity")
        if raw is not None:
            try:
                score = float(raw)
            except (TypeError, ValueError):
                notes.append(f"the {whose}'s security-severity {str(raw)!r} is not a 0-10 score; it was not used")
                continue
            sev = security_severity(score)
            return sev, f"the security-severity {score:g} on the {whose} (a tool setting)"
    level = result.get("level") or ((rule or {}).get("defaultConfiguration") or {}).get("level")
    if level is None and result.get("kind", "fail") == "fail":
        # §3.27.10: with no level on the result or its rule, a problem result's level is "warning".
        return LEVEL_SEVERITY["warning"], "SARIF's default level 'warning' (the log states no level)"
    if level in LEVEL_SEVERITY:
        return LEVEL_SEVERITY[level], f"the SARIF level '{level}' (a tool setting)"
    if level not in (None, "none"):
        notes.append(f"level {level!r} is not a SARIF level (error, warning, note, none); no severity set")
    return None, None


def _suppressed(result: dict) -> bool:
    # A suppression without a status counts as accepted (SARIF 2.1 §3.35.3).
    return any(isinstance(s, dict) and s.get("status", "accepted") == "accepted"
               for s in result.get("suppressions") or [])


def _run_failed(run: dict) -> bool:
    return any(isinstance(i, dict) and i.get("executionSuccessful") is False for i in run.get("invocations") or [])


def import_sarif(path: str | Path, *, system: str | None = None) -> Imported:
    file = str(path)
    root = parse_source(read_text(path), file, is_json=True)
    if not isinstance(root, dict) or not isinstance(root.get("runs"), list):
        raise SourceError(file, 1, "runs", "not a SARIF log: there is no `runs` list (is KIND right for this file?)")
    check_shape(root, SHAPE, file)
    if not root["runs"]:
        raise SourceError(file, 1, "runs", "the log has no runs, so there is no scan to import")
    version = str(root.get("version", ""))
    imported = Imported("sarif", Path(file).name, {})
    if version and not version.startswith("2.1"):
        imported.warn(f"the log says SARIF version {version}; riskbrief reads 2.1.0 and may miss fields")

    findings: list[dict] = []
    tools: list[str] = []
    scanned: list[str] = []  # tools whose run completed and reported a results list
    not_scanned: list[str] = []
    skipped = gone = 0
    repo = None
    for r_i, run in enumerate(root["runs"]):
        if not isinstance(run, dict):
            raise SourceError(file, line_of(root["runs"], r_i), f"runs[{r_i}]", "expected an object")
        driver = (run.get("tool") or {}).get("driver")
        if not isinstance(driver, dict) or not driver.get("name"):
            raise SourceError(file, line_of(run, "tool") or line_of(run), f"runs[{r_i}].tool.driver.name",
                              "missing; every SARIF run names the tool that produced it")
        tool = str(driver["name"]) + (f" {driver['version']}" if driver.get("version") else "")
        if tool not in tools:
            tools.append(tool)
        for vcp in run.get("versionControlProvenance") or []:
            repo = repo or vcp.get("repositoryUri")
        results = run.get("results")
        if _run_failed(run):
            imported.warn(f"runs[{r_i}]: the {tool} run did not complete (executionSuccessful is false); "
                          "its results, if any, are partial")
            not_scanned.append(tool)
        elif results is None:
            # A run without a results list exports rules only; it is not a scan that found nothing.
            imported.review.append(f"runs[{r_i}]: the {tool} run has no results list, so it reports no scan")
            not_scanned.append(tool)
        elif tool not in scanned:
            scanned.append(tool)
        index = RunIndex(run)
        for i, result in enumerate(results or []):
            loc = f"runs[{r_i}].results[{i}]"
            if not isinstance(result, dict):
                raise SourceError(file, line_of(results, i), loc, "expected an object")
            if result.get("kind", "fail") in NOT_PROBLEMS:
                skipped += 1
                continue
            if result.get("baselineState") in GONE:
                gone += 1
                continue
            rule, mismatch = index.rule_for(result)
            if mismatch:
                imported.warn(f"{loc}: {mismatch}")
            message = message_text(result.get("message"), rule)
            if not message:
                raise SourceError(file, line_of(result, "message") or line_of(results, i), f"{loc}.message.text",
                                  "missing; a SARIF result needs a message")
            check_findings_count(file, len(findings) + 1, "runs[].results")
            findings.append(_finding(len(findings) + 1, result, rule, message, tool, index, imported))

    if not findings:
        findings.append(_no_findings(scanned, not_scanned))
        imported.review.append("the log has no problem results; F1 records " +
                               ("the clean scan" if scanned else "that no scan completed"))
    if skipped:
        imported.review.append(f"{skipped} result(s) of kind pass, notApplicable or informational were not imported")
    if gone:
        imported.review.append(f"{gone} result(s) with baselineState absent (no longer found by the scan) were not imported")

    name = system or repo
    if not name:
        name = f"Code scanned by {', '.join(tools)}"
        imported.review.append("system.name: the SARIF log does not name the system; replace it or pass --system")
    imported.data = {"schema_version": 1, "system": {"name": name}, "findings": findings}
    return imported


def _no_findings(scanned: list[str], not_scanned: list[str]) -> dict:
    if scanned:
        finding = {
            "id": "F1", "title": f"No problems reported by {', '.join(scanned)}", "category": "security",
            "summary": f"The scan by {', '.join(scanned)} reported no results that indicate a problem.",
            "caveats": ["A scan that finds nothing covers only the rules the tool ran; it is not proof the code is secure."],
        }
        if not_scanned:
            finding["caveats"].append(f"The log also holds runs of {', '.join(not_scanned)} that did not complete "
                                      "or reported no results list.")
        return finding
    return {
        "id": "F1", "title": f"Scan by {', '.join(not_scanned)} did not complete", "category": "security",
        "summary": f"The SARIF log records that the run of {', '.join(not_scanned)} did not complete or reported "
                   "no results list, so it gives no scan results to rely on.",
        "caveats": ["No result in this log shows whether the code has problems or not."],
    }


def _finding(n: int, result: dict, rule: dict | None, message: str, tool: str,
             index: RunIndex, imported: Imported) -> dict:
    fid = f"F{n}"
    rule_id = result.get("ruleId") or (result.get("rule") or {}).get("id") or (rule or {}).get("id")
    title = short_title(rule_title(rule, rule_id) or message)
    evidence = [f"{tool} rule {rule_id}" if rule_id else f"reported by {tool}"]
    locations = [l for l in (index.location(x) for x in result.get("locations") or []) if l]
    evidence += [f"location {l}" for l in locations]
    for flow in result.get("codeFlows") or []:
        for thread in flow.get("threadFlows") or []:
            steps = [l for l in (index.location(s.get("location")) for s in thread.get("locations") or []) if l]
            if steps:
                evidence.append("code flow " + " -> ".join(steps))
    evidence += index.taxon_refs(result, rule)
    if rule and rule.get("helpUri"):
        evidence.append(f"help {rule['helpUri']}")
    for fix in result.get("fixes") or []:
        desc = message_text(fix.get("description"), None)
        if desc:
            evidence.append(f"suggested fix (from the tool): {desc}")
    if result.get("baselineState"):
        evidence.append(f"baseline state {result['baselineState']}")

    finding: dict[str, Any] = {"id": fid, "title": title, "category": "security"}
    notes: list[str] = []
    severity, why = _severity(result, rule, notes)
    imported.review.extend(f"{fid}: {note}" for note in notes)
    if severity:
        finding["severity"] = severity
        imported.review.append(f"{fid}: severity {severity} comes from {why}; confirm it")
    finding["summary"] = message
    if _suppressed(result):
        finding["status"] = "accepted"
        just = next((clean(s["justification"]) for s in result["suppressions"] if s.get("justification")), None)
        evidence.append("suppressed in the source" + (f": {just}" if just else ""))
    if result.get("kind") in ("open", "review"):
        imported.review.append(f"{fid}: the tool marks this result '{result['kind']}' (needs a person to decide)")
    finding["evidence"] = evidence
    return finding
