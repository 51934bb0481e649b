"""Turn any findings document (the examples) into a benchmark Spec the writer can phrase.

The slice qualifiers of a population are its words that the system's purpose
and name do not already use: "short sarcastic social posts" for a system that
scores social posts has qualifiers "short" and "sarcastic".
"""

from __future__ import annotations

import re

from evals.bench.docs import FindingSpec, MetricSpec, OptionSpec, Spec
from schemas.findings import FindingsDocument

_GENERIC = {"set", "data", "test", "the", "a", "an", "of", "on", "in", "for", "by", "under", "and", "all", "with"}


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9][A-Za-z0-9-]*", text)


def _quals(pop: str, background: set[str]) -> tuple[list[str], str]:
    """Qualifiers are the modifiers before the head noun (the first plural noun, else the last word)."""
    ws = _words(pop)
    head_at = next((i for i, w in enumerate(ws) if len(w) > 3 and w.endswith("s") and not w.endswith("ss")), len(ws) - 1)
    quals = [w for w in ws[:head_at] if w.lower() not in background and w.lower() not in _GENERIC and not w[0].isdigit()]
    return quals, ws[head_at] if ws else ""


def _kind(unit: str, higher: bool) -> str:
    return {"s": "latency", "ms": "latency", "usd": "cost", "ratio": "ratio"}.get(unit, "slice" if higher else "error")


def spec_from_document(doc: FindingsDocument) -> Spec:
    background = {w.lower() for w in _words(f"{doc.system.name} {doc.system.purpose or ''}")}
    findings: list[FindingSpec] = []
    for f in doc.findings:
        ms = []
        for m in f.metrics:
            quals, head = _quals(m.population or "", background)
            ms.append(MetricSpec(m.id, m.name, m.value, m.unit.value, m.population or "the measured population", quals, head, m.n,
                                 m.baseline, m.better_when_higher))
        ordered = ms
        with_base = next((m for m in ms if m.baseline), None)
        if with_base:
            base = next(m for m in ms if m.mid == with_base.baseline)
            kind = _kind(with_base.unit, with_base.higher_is_better)
            ordered = [with_base, base] if kind in ("latency", "cost") else [base, with_base]
            ordered += [m for m in ms if m not in ordered]
        kind = _kind(ordered[0].unit, ordered[0].higher_is_better) if ordered else "none"
        mits = [{"action": m.action, "owner": m.owner, "due": m.due, "status": m.status.value if m.status else None}
                for m in f.mitigations]
        findings.append(FindingSpec(f.id, kind, f.title[0].lower() + f.title[1:], ordered[:2] if with_base else ordered[:1],
                                    f.severity.value if f.severity else "", f.likelihood.value if f.likelihood else "",
                                    f.owner or "", f.status.value if f.status else "", f.impact or "", mits, list(f.caveats)))
    options: list[OptionSpec] = []
    rec = None
    for t in doc.tradeoffs[:1]:
        if len(t.options) == 2 and all(o.metrics for o in t.options) and t.options[0].metrics[0].unit.value == "percent" \
                and t.options[0].metrics[0].name == "accuracy" and [o.id for o in t.options] == ["A", "B"]:
            options = [OptionSpec(o.id, o.name, o.metrics[0].value, o.metrics[0].population or "the test set") for o in t.options]
            rec = t.recommendation
    ctx = doc.context
    spec = Spec(doc.system.name, doc.system.purpose or "", "", doc.system.owner or "",
                ctx.deadline if ctx and ctx.deadline else None, (ctx.decision if ctx and ctx.decision else "Decide"),
                findings, options, rec if rec == "B" else None)
    spec.doc = doc
    return spec
