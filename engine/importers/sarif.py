"""SARIF 2.1 logs (Bandit, Semgrep, CodeQL and other scanners) -> security findings.

One finding per result that reports a problem. Severity comes from the
`security-severity` score when the tool gives one (the bands GitHub code
scanning uses), otherwise from the result's `level`; both are tool settings,
not risk assessments, so the review list asks for confirmation. Rule, location,
code flow, CWE taxa and suggested fixes become evidence.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from engine.importers.base import (
    NUMBER, TEXT, Imported, SourceError, check_shape, clean, line_of, parse_source, read_text, short_title,
)

# Results of these kinds are not problems (SARIF 2.1 §3.27.9).
NOT_PROBLEMS = {"pass", "notApplicable", "informational"}
LEVEL_SEVERITY = {"error": "high", "warning": "medium", "note": "low"}
CWE_TAG = re.compile(r"(?:^|/)cwe[-_/](\d+)$", re.IGNORECASE)


_MESSAGE = {"text": str, "id": str, "arguments": [TEXT]}
_LOCATION = {"physicalLocation": {"artifactLocation": {"uri": str}, "region": {"startLine": int, "startColumn": int}},
             "logicalLocations": [{"fullyQualifiedName": str, "name": str}]}
_RULE = {"id": str, "name": str, "shortDescription": _MESSAGE, "messageStrings": {"*": _MESSAGE}, "helpUri": str,
         "defaultConfiguration": {"level": str}, "properties": {"tags": [TEXT], "security-severity": NUMBER},
         "relationships": [{"target": {"id": TEXT, "toolComponent": {"name": str}}}]}
_RESULT = {"ruleId": str, "ruleIndex": int, "rule": {"id": str, "index": int}, "kind": str, "level": str,
           "message": _MESSAGE, "locations": [_LOCATION],
           "codeFlows": [{"threadFlows": [{"locations": [{"location": _LOCATION}]}]}],
           "taxa": [{"id": TEXT, "guid": str, "toolComponent": {"name": str}}],
           "suppressions": [{"status": str, "justification": str}], "fixes": [{"description": _MESSAGE}],
           "properties": {"security-severity": NUMBER}, "baselineState": str}
SHAPE = {"version": str, "runs": [{
    "tool": {"driver": {"name": TEXT, "version": TEXT, "rules": [_RULE]}},
    "results": [_RESULT],
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


def _text(msg: Any, rule: dict | None) -> str | None:
    """A message's text, filling `{0}` placeholders from a rule's messageStrings when needed."""
    if not isinstance(msg, dict):
        return None
    text = msg.get("text")
    if text is None and rule and isinstance(msg.get("id"), str):
        template = (rule.get("messageStrings") or {}).get(msg["id"]) or {}
        text = template.get("text")
    if not isinstance(text, str):
        return None
    args = msg.get("arguments") or []
    for i, arg in enumerate(args):
        text = text.replace("{" + str(i) + "}", str(arg))
    return clean(text)


def _location(loc: Any) -> str | None:
    if not isinstance(loc, dict):
        return None
    phys = loc.get("physicalLocation") or {}
    uri = (phys.get("artifactLocation") or {}).get("uri")
    region = phys.get("region") or {}
    if uri:
        out = str(uri)
        if region.get("startLine"):
            out += f":{region['startLine']}"
            if region.get("startColumn"):
                out += f":{region['startColumn']}"
        return out
    for logical in loc.get("logicalLocations") or []:
        name = logical.get("fullyQualifiedName") or logical.get("name")
        if name:
            return str(name)
    return None


def _taxonomies(run: dict) -> tuple[dict[str, dict], dict[str, str]]:
    """(taxonomy name -> {taxon id -> taxon name}, taxonomy guid -> taxonomy name)."""
    names: dict[str, dict] = {}
    by_guid: dict[str, str] = {}
    for tax in run.get("taxonomies") or []:
        if not isinstance(tax, dict):
            continue
        name = str(tax.get("name", ""))
        names[name] = {str(t.get("id")): clean((t.get("shortDescription") or {}).get("text") or t.get("name") or "")
                       for t in tax.get("taxa") or [] if isinstance(t, dict)}
        if tax.get("guid"):
            by_guid[str(tax["guid"]).lower()] = name
    return names, by_guid


def _taxon_refs(result: dict, rule: dict | None, taxonomies: tuple[dict[str, dict], dict[str, str]]) -> list[str]:
    names, by_guid = taxonomies
    refs: list[str] = []

    def add(component: str, tid: str) -> None:
        label = f"CWE-{tid}" if component.upper() == "CWE" else f"{component} {tid}"
        taxon_name = (names.get(component) or {}).get(tid)
        if any(r == label or r.startswith(label + ":") for r in refs):
            return
        refs.append(f"{label}: {taxon_name}" if taxon_name else label)

    for taxon in result.get("taxa") or []:
        if not isinstance(taxon, dict) or taxon.get("id") is None:
            continue
        # A taxon reference names its taxonomy by name, or only by guid.
        comp = (taxon.get("toolComponent") or {}).get("name") or by_guid.get(str(taxon.get("guid", "")).lower(), "taxon")
        add(comp, str(taxon["id"]))
    for rel in (rule or {}).get("relationships") or []:
        target = rel.get("target") or {}
        comp = (target.get("toolComponent") or {}).get("name") or ""
        if comp and target.get("id") is not None:
            add(comp, str(target["id"]))
    for tag in ((rule or {}).get("properties") or {}).get("tags") or []:
        m = CWE_TAG.search(str(tag))
        if m:
            add("CWE", str(int(m.group(1))))
    return refs


def _rules(run: dict) -> tuple[dict[str, dict], list[dict]]:
    driver = (run.get("tool") or {}).get("driver") or {}
    rules = [r for r in driver.get("rules") or [] if isinstance(r, dict)]
    return {str(r.get("id")): r for r in rules if r.get("id") is not None}, rules


def _rule_for(result: dict, by_id: dict[str, dict], rules: list[dict]) -> dict | None:
    idx = result.get("ruleIndex", (result.get("rule") or {}).get("index"))
    if isinstance(idx, int) and 0 <= idx < len(rules):
        return rules[idx]
    rid = result.get("ruleId") or (result.get("rule") or {}).get("id")
    if rid is None:
        return None
    # "CA2101/1" is a sub-rule of CA2101 (SARIF 2.1 §3.27.5).
    return by_id.get(str(rid)) or by_id.get(str(rid).split("/")[0])


def _severity(result: dict, rule: dict | None) -> tuple[str | None, str | None]:
    """(severity, where it came from)."""
    for props, whose in ((result.get("properties") or {}, "result"), ((rule or {}).get("properties") or {}, "rule")):
        raw = props.get("security-severity")
        if raw is not None:
            try:
                score = float(raw)
            except (TypeError, ValueError):
                continue
            sev = security_severity(score)
            return sev, f"security-severity {score:g} on the {whose}"
    level = result.get("level") or ((rule or {}).get("defaultConfiguration") or {}).get("level")
    if level in LEVEL_SEVERITY:
        return LEVEL_SEVERITY[level], f"SARIF level '{level}'"
    return None, None


def _suppressed(result: dict) -> bool:
    # A suppression without a status counts as accepted (SARIF 2.1 §3.35.3).
    return any(isinstance(s, dict) and s.get("status", "accepted") == "accepted"
               for s in result.get("suppressions") or [])


def import_sarif(path: str | Path, *, system: str | None = None) -> Imported:
    file = str(path)
    root = parse_source(read_text(path), file, is_json=True)
    if not isinstance(root, dict) or not isinstance(root.get("runs"), list):
        raise SourceError(file, 1, "runs", "not a SARIF log: there is no `runs` list (is KIND right for this file?)")
    check_shape(root, SHAPE, file)
    version = str(root.get("version", ""))
    imported = Imported("sarif", Path(file).name, {})
    if version and not version.startswith("2.1"):
        imported.warn(f"the log says SARIF version {version}; riskbrief reads 2.1.0 and may miss fields")

    findings: list[dict] = []
    tools: list[str] = []
    skipped = 0
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
        by_id, rules = _rules(run)
        taxonomies = _taxonomies(run)
        results = run.get("results") or []
        if not isinstance(results, list):
            raise SourceError(file, line_of(run, "results"), f"runs[{r_i}].results", "expected a list of results")
        for i, result in enumerate(results):
            loc = f"runs[{r_i}].results[{i}]"
            if not isinstance(result, dict):
                raise SourceError(file, line_of(results, i), loc, "expected an object")
            if result.get("kind", "fail") in NOT_PROBLEMS:
                skipped += 1
                continue
            rule = _rule_for(result, by_id, rules)
            message = _text(result.get("message"), rule)
            if not message:
                raise SourceError(file, line_of(result, "message") or line_of(results, i), f"{loc}.message.text",
                                  "missing; a SARIF result needs a message")
            findings.append(_finding(len(findings) + 1, result, rule, message, tool, taxonomies, imported))

    if not findings:
        findings.append({
            "id": "F1",
            "title": f"No problems reported by {', '.join(tools)}",
            "category": "security",
            "summary": f"The scan by {', '.join(tools)} reported no results that indicate a problem.",
            "caveats": ["A scan that finds nothing covers only the rules the tool ran; it is not proof the code is secure."],
        })
        imported.review.append("the log has no problem results; F1 records the clean scan")
    if skipped:
        imported.review.append(f"{skipped} result(s) of kind pass, notApplicable or informational were not imported")

    name = system or repo
    if not name:
        name = f"Code scanned by {', '.join(tools)}"
        imported.review.append("system.name: the SARIF log does not name the system; replace it or pass --system")
    imported.data = {"schema_version": 1, "system": {"name": name}, "findings": findings}
    return imported


def _finding(n: int, result: dict, rule: dict | None, message: str, tool: str,
             taxonomies: tuple[dict[str, dict], dict[str, str]], imported: Imported) -> dict:
    fid = f"F{n}"
    rule_id = result.get("ruleId") or (rule or {}).get("id")
    rule_title = None
    if rule:
        rule_title = _text(rule.get("shortDescription"), None) or (clean(rule["name"]) if rule.get("name") else None)
    title = short_title(rule_title or message)
    evidence = [f"{tool} rule {rule_id}" if rule_id else f"reported by {tool}"]
    locations = [l for l in (_location(x) for x in result.get("locations") or []) if l]
    evidence += [f"location {l}" for l in locations]
    for flow in result.get("codeFlows") or []:
        for thread in flow.get("threadFlows") or []:
            steps = [l for l in (_location(s.get("location")) for s in thread.get("locations") or []) if l]
            if steps:
                evidence.append("code flow " + " -> ".join(steps))
    evidence += _taxon_refs(result, rule, taxonomies)
    if rule and rule.get("helpUri"):
        evidence.append(f"help {rule['helpUri']}")
    for fix in result.get("fixes") or []:
        desc = _text(fix.get("description"), None)
        if desc:
            evidence.append(f"suggested fix (from the tool): {desc}")
    if result.get("baselineState"):
        evidence.append(f"baseline state {result['baselineState']}")

    finding: dict[str, Any] = {"id": fid, "title": title, "category": "security"}
    severity, why = _severity(result, rule)
    if severity:
        finding["severity"] = severity
        imported.review.append(f"{fid}: severity {severity} comes from the {why} (a tool setting); confirm it")
    finding["summary"] = message
    if _suppressed(result):
        finding["status"] = "accepted"
        just = next((clean(s["justification"]) for s in result["suppressions"] if s.get("justification")), None)
        evidence.append("suppressed in the source" + (f": {just}" if just else ""))
    if result.get("kind") in ("open", "review"):
        imported.review.append(f"{fid}: the tool marks this result '{result['kind']}' (needs a person to decide)")
    finding["evidence"] = evidence
    return finding
