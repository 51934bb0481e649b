"""The register as CSV, Markdown or JSON, and one risk as readable text."""

from __future__ import annotations

import csv
import io
import json

from engine.register.models import Risk, RiskEvent
from engine.render.md_text import md_cell

COLUMNS = ("id", "system", "finding_id", "title", "category", "severity", "likelihood", "status", "owner",
           "impact", "open_mitigations", "version", "updated_at")
EXPORT_FORMATS = ("csv", "md", "json")


def mitigations(risk: Risk) -> list[dict]:
    return json.loads(risk.mitigations or "[]")


def _open_mitigations(risk: Risk) -> str:
    return "; ".join(m["action"] for m in mitigations(risk) if m.get("status") != "done")


def risk_record(risk: Risk, display_id: str) -> dict:
    return {
        "id": display_id,
        "system": risk.system,
        "finding_id": risk.finding_id,
        "title": risk.title,
        "category": risk.category,
        "severity": risk.severity,
        "likelihood": risk.likelihood,
        "status": risk.status,
        "owner": risk.owner,
        "impact": risk.impact,
        "mitigations": mitigations(risk),
        "open_mitigations": _open_mitigations(risk),
        "source_file": risk.source_file,
        "created_at": risk.created_at,
        "updated_at": risk.updated_at,
        "version": risk.version,
    }


def event_record(e: RiskEvent) -> dict:
    return {"version": e.version, "at": e.at, "by": e.by, "action": e.action,
            "changes": json.loads(e.changes or "{}"), "note": e.note}


def _md_cell(v) -> str:
    return md_cell("" if v is None else str(v))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(v):
    """A cell a spreadsheet shows as text: findings text opening like a formula ("=HYPERLINK(...)",
    "@SUM(...)") gets a leading apostrophe, so opening the export never runs it."""
    if v is None:
        return ""
    if isinstance(v, str) and v.startswith(_FORMULA_START):
        return "'" + v
    return v


def export(records: list[dict], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in records:
            w.writerow({k: _csv_cell(r.get(k)) for k in COLUMNS})
        return buf.getvalue()
    if fmt == "md":
        heads = ("ID", "System", "Risk", "Severity", "Likelihood", "Status", "Owner", "Open mitigations", "Updated")
        keys = ("id", "system", "title", "severity", "likelihood", "status", "owner", "open_mitigations", "updated_at")
        lines = ["# Risk register", "", "| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        for r in records:
            cells = [_md_cell(r.get(k) if r.get(k) not in (None, "") else "—") for k in keys]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"
    raise ValueError(fmt)


_MITIGATION_FIELDS = ("due", "owner", "status")


def mitigation_changes(old: str | None, new: str | None) -> list[str]:
    """What changed between two stored mitigation lists, one phrase per mitigation, matched by action."""
    before = {m["action"]: m for m in json.loads(old or "[]")}
    after = {m["action"]: m for m in json.loads(new or "[]")}
    out = []
    for action, m in after.items():
        if action not in before:
            out.append(f"mitigation added: “{action}”")
            continue
        moves = [f"{k} {before[action].get(k) or '—'} → {m.get(k) or '—'}" for k in _MITIGATION_FIELDS
                 if before[action].get(k) != m.get(k)]
        if moves:
            out.append(f"mitigation “{action}”: " + "; ".join(moves))
    out.extend(f"mitigation removed: “{a}”" for a in before if a not in after)
    return out or ["mitigations reworded"]


def describe_changes(changes: dict) -> str:
    if changes and all(old is None for old, _ in changes.values()):
        return "created"
    parts = []
    for field, (old, new) in sorted(changes.items()):
        if field == "mitigations":
            parts.extend(mitigation_changes(old, new))
        else:
            parts.append(f"{field}: {old if old is not None else '—'} → {new if new is not None else '—'}")
    return "; ".join(parts)


def show_text(record: dict, events: list[dict]) -> str:
    none = "not yet assessed"
    lines = [
        f"{record['id']}  {record['title']}",
        f"  System:      {record['system']} (finding {record['finding_id']})",
        f"  Category:    {record['category']}",
        f"  Severity:    {record['severity'] or none}",
        f"  Likelihood:  {record['likelihood'] or none}",
        f"  Status:      {record['status'] or 'no status given'}",
        f"  Owner:       {record['owner'] or 'no owner named'}",
        f"  Impact:      {record['impact'] or 'not stated'}",
        f"  Version:     {record['version']} (updated {record['updated_at']})",
        "  Mitigations:",
    ]
    if not record["mitigations"]:
        lines.append("    no mitigation yet")
    for number, m in enumerate(record["mitigations"], 1):  # the numbers `update --mitigation` takes
        extra = ", ".join(x for x in (m.get("status"), m.get("owner") and f"owner {m['owner']}",
                                      m.get("due") and f"due {m['due']}") if x)
        lines.append(f"    {number}. {m['action']}" + (f" ({extra})" if extra else ""))
    if events:
        last = events[-1]
        lines.append(f"  Last change: v{last['version']} by {last['by']} at {last['at']}"
                     + (f": {last['note']}" if last.get("note") else ""))
    return "\n".join(lines) + "\n"


def history_text(display_id: str, events: list[dict]) -> str:
    lines = [f"History of {display_id} ({len(events)} change(s), oldest first)"]
    for e in events:
        what = describe_changes(e["changes"]) or "no field changed"
        line = f"  v{e['version']}  {e['at']}  {e['by']}  {e['action']}: {what}"
        if e.get("note"):
            line += f" — note: {e['note']}"
        lines.append(line)
    return "\n".join(lines) + "\n"
