"""FMEA: each finding as a failure mode with Severity, Occurrence and Detection
on 1-10 scales, and RPN = S x O x D.

The findings record severity and likelihood as words and detectability as a
number; the mapping below turns them into the 1-10 scales FMEA uses. A value
the findings do not give is reported as missing, never filled in, and the row
gets no RPN.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from schemas.findings import Finding, FindingsDocument, Likelihood, MitigationStatus, Severity

SEVERITY_SCALE: dict[Severity, int] = {
    Severity.low: 3,
    Severity.medium: 5,
    Severity.high: 8,
    Severity.critical: 10,
}
OCCURRENCE_SCALE: dict[Likelihood, int] = {
    Likelihood.rare: 2,
    Likelihood.unlikely: 4,
    Likelihood.possible: 6,
    Likelihood.likely: 8,
    Likelihood.almost_certain: 10,
}
DETECTION_NOTE = "Detection = the finding's detectability (1 = caught at once, 10 = hardest to detect), as given."

# Prefer the action already under way, then the planned one; done actions are history.
_ACTION_ORDER = {MitigationStatus.in_progress: 0, MitigationStatus.planned: 1, None: 2}


def scale_notes() -> list[str]:
    sev = ", ".join(f"{k.value} {v}" for k, v in SEVERITY_SCALE.items())
    occ = ", ".join(f"{k.value} {v}" for k, v in OCCURRENCE_SCALE.items())
    return [f"Severity (S) from severity: {sev}.", f"Occurrence (O) from likelihood: {occ}.", DETECTION_NOTE,
            "RPN = S x O x D (1-1000); rows without all three are listed last, unscored."]


@dataclass
class FmeaRow:
    id: str
    failure_mode: str
    category: str
    effect: str | None
    severity: int | None
    occurrence: int | None
    detection: int | None
    rpn: int | None
    action: str
    action_owner: str | None
    action_due: str | None
    action_status: str | None
    finding_owner: str | None
    open_actions: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def _recommended(f: Finding) -> tuple[str, str | None, str | None, str | None, list[str]]:
    outstanding = [m for m in f.mitigations if m.status is not MitigationStatus.done]
    outstanding.sort(key=lambda m: (_ACTION_ORDER[m.status], m.due or dt.date.max))
    names = [m.action for m in outstanding]
    if outstanding:
        m = outstanding[0]
        return m.action, m.owner, m.due.isoformat() if m.due else None, m.status.value if m.status else None, names
    if f.status is not None and f.status.value == "accepted":
        return ("Risk accepted: no further action listed; review at the next checkpoint", f.owner, None, None, names)
    if f.mitigations:
        return ("All listed mitigations are done; review the remaining risk", f.owner, None, None, names)
    return ("No mitigation yet: the owner should propose one", f.owner, None, None, names)


def fmea_rows(doc: FindingsDocument) -> list[FmeaRow]:
    """Rows sorted by RPN, highest first; unscored rows last, in document order."""
    rows = []
    for f in doc.findings:
        s = SEVERITY_SCALE.get(f.severity) if f.severity else None
        o = OCCURRENCE_SCALE.get(f.likelihood) if f.likelihood else None
        d = f.detectability
        missing = [name for name, v in (("severity", s), ("likelihood", o), ("detectability", d)) if v is None]
        action, owner, due, status, names = _recommended(f)
        rows.append(FmeaRow(
            id=f.id, failure_mode=f.title, category=f.category.value, effect=f.impact,
            severity=s, occurrence=o, detection=d, rpn=s * o * d if not missing else None,
            action=action, action_owner=owner, action_due=due, action_status=status,
            finding_owner=f.owner, open_actions=names, missing=missing,
        ))
    scored = sorted((r for r in rows if r.rpn is not None), key=lambda r: -r.rpn)
    return scored + [r for r in rows if r.rpn is None]


def fmea_json(doc: FindingsDocument) -> dict:
    return {
        "system": doc.system.name,
        "scales": {
            "severity": {k.value: v for k, v in SEVERITY_SCALE.items()},
            "occurrence": {k.value: v for k, v in OCCURRENCE_SCALE.items()},
            "detection": DETECTION_NOTE,
            "rpn": "severity x occurrence x detection",
        },
        "rows": [asdict(r) for r in fmea_rows(doc)],
    }


def _num(v: int | None) -> str:
    return "—" if v is None else str(v)


def render_table(doc: FindingsDocument, *, width: int = 140, color: bool | None = None) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"FMEA: {doc.system.name}", box=box.SIMPLE_HEAVY, show_lines=False)
    for name, kw in (("#", {"justify": "right"}), ("ID", {}), ("Failure mode", {"ratio": 3}),
                     ("S", {"justify": "right"}), ("O", {"justify": "right"}), ("D", {"justify": "right"}),
                     ("RPN", {"justify": "right", "style": "bold"}), ("Recommended action", {"ratio": 3}),
                     ("Action owner", {"ratio": 2})):
        table.add_column(name, **kw)
    rows = fmea_rows(doc)
    for i, r in enumerate(rows, 1):
        owner = r.action_owner or "no owner named"
        if r.action_due:
            owner += f" (due {r.action_due})"
        rpn = _num(r.rpn) if r.rpn is not None else "not scored"
        table.add_row(str(i), r.id, r.failure_mode, _num(r.severity), _num(r.occurrence), _num(r.detection),
                      rpn, r.action, owner)
    console = Console(width=width, record=True, force_terminal=color, no_color=color is False, highlight=False)
    with console.capture() as cap:
        console.print(table)
        for r in rows:
            if r.missing:
                console.print(f"{r.id}: {', '.join(r.missing)} not yet assessed, so no RPN.", markup=False)
        console.print("How the scores are set:", markup=False)
        for line in scale_notes():
            console.print(f"  {line}", markup=False)
    return cap.get()
