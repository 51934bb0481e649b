"""Model cards (Mitchell et al., 2019) from a findings document.

Two forms: Google Model Card Toolkit JSON (schema v0.0.2) and a Hugging Face
model card (Markdown with YAML metadata). Both say only what the findings say;
what they do not say is marked as missing ("[More Information Needed]", the
Hugging Face template's own convention), never filled in.
"""

from __future__ import annotations

import io

from engine.artifacts.facts import datasets, metric_value, mitigation_text
from engine.render.md_text import md_cell
from schemas.findings import Finding, FindingsDocument, Tradeoff

MCT_SCHEMA_VERSION = "0.0.2"
MISSING = "[More Information Needed]"


def _risk_name(f: Finding) -> str:
    sev = f.severity.value if f.severity else "severity not yet assessed"
    lik = f.likelihood.value.replace("_", " ") if f.likelihood else "likelihood not yet assessed"
    return f"{f.id}: {f.title} ({sev}; {lik})"


def _mitigation_strategy(f: Finding) -> str:
    if not f.mitigations:
        return "No mitigation yet."
    return "; ".join(mitigation_text(m) for m in f.mitigations) + "."


def _tradeoff_text(t: Tradeoff) -> str:
    parts = [f"{t.id}: {t.question}"]
    for o in t.options:
        metrics = ", ".join(f"{m.name} {metric_value(m)}" for m in o.metrics)
        line = f"Option {o.id} ({o.name})"
        if metrics:
            line += f": {metrics}"
        if o.pros:
            line += f"; gains: {', '.join(o.pros)}"
        if o.cons:
            line += f"; costs: {', '.join(o.cons)}"
        parts.append(line)
    if t.recommendation:
        chosen = t.option(t.recommendation)
        rec = f"Recommended: option {t.recommendation}" + (f" ({chosen.name})" if chosen else "")
        parts.append(rec + (f", because {t.rationale[0].lower()}{t.rationale[1:]}" if t.rationale else ""))
    return " ".join(p if p.endswith(("?", ".")) else p + "." for p in parts)


def model_card_mct(doc: FindingsDocument) -> dict:
    """A Model Card Toolkit v0.0.2 card (validates against its JSON Schema)."""
    s = doc.system
    details: dict = {"name": s.name}
    overview = s.purpose or f"{s.name}: {len(doc.findings)} risk finding(s) recorded."
    details["overview"] = overview
    details["documentation"] = " ".join(
        [f"{f.id}: {f.summary}" for f in doc.findings]
    )
    if s.owner:
        details["owners"] = [{"name": s.owner}]
    if s.version:
        details["version"] = {"name": s.version}
    data = []
    for ds in datasets(doc):
        desc = "Evaluation data named in the findings, used for " + ", ".join(
            f"{m.name} ({f.id}.{m.id}{f', n={m.n}' if m.n else ''})" for f, m in ds.uses)
        data.append({"name": ds.name, "description": desc + "."})
    metrics = []
    for f in doc.findings:
        for m in f.metrics:
            pm: dict = {"type": f"{m.name} ({f.id}.{m.id})", "value": metric_value(m)}
            if m.population:
                pm["slice"] = m.population
            if m.ci:
                pm["confidence_interval"] = {"lower_bound": f"{m.ci[0]:g}", "upper_bound": f"{m.ci[1]:g}"}
            metrics.append(pm)
    considerations: dict = {}
    ctx = doc.context
    # MCT's users are the model's intended users; the decision's stakeholders are another group.
    if s.users:
        considerations["users"] = [{"description": who} for who in s.users]
    use_cases = [u for u in (s.purpose, ctx.business_goal if ctx else None) if u]
    if use_cases:
        considerations["use_cases"] = [{"description": u} for u in use_cases]
    limitations = [{"description": f"{f.id}: {f.title}. {f.summary}"} for f in doc.findings]
    limitations += [{"description": f"Caveat on {f.id}: {c}"} for f in doc.findings for c in f.caveats]
    considerations["limitations"] = limitations
    if doc.tradeoffs:
        considerations["tradeoffs"] = [{"description": _tradeoff_text(t)} for t in doc.tradeoffs]
    considerations["ethical_considerations"] = [
        {"name": _risk_name(f), "mitigation_strategy": _mitigation_strategy(f)} for f in doc.findings
    ]
    card: dict = {"schema_version": MCT_SCHEMA_VERSION, "model_details": details}
    if data:
        card["model_parameters"] = {"data": data}
    if metrics:
        card["quantitative_analysis"] = {"performance_metrics": metrics}
    card["considerations"] = considerations
    return card


def _yaml_metadata(doc: FindingsDocument) -> str:
    from ruamel.yaml import YAML

    meta: dict = {"model_name": doc.system.name, "tags": ["riskbrief", "risk-assessment"]}
    if doc.system.version:
        meta["model_version"] = doc.system.version
    yaml = YAML()
    yaml.default_flow_style = False
    buf = io.StringIO()
    yaml.dump(meta, buf)
    return buf.getvalue()


def _md(text: str) -> str:
    """Findings text for the card's Markdown: inert markup, and safe inside a table cell."""
    return md_cell(text)


def model_card_hf(doc: FindingsDocument) -> str:
    """A Hugging Face model card: YAML metadata, then the card's usual sections."""
    s, ctx = doc.system, doc.context
    out = ["---", _yaml_metadata(doc).rstrip("\n"), "---", "", f"# Model Card for {_md(s.name)}", ""]
    out += [_md(s.purpose) if s.purpose else MISSING, "", "## Model Details", "", "### Model Description", ""]
    out += [f"- **Developed by:** {_md(s.owner) if s.owner else MISSING}",
            f"- **Model version:** {_md(s.version) if s.version else MISSING}",
            f"- **Model type:** {MISSING}", f"- **License:** {MISSING}", ""]
    out += ["## Uses", "", "### Direct Use", ""]
    uses = [u for u in (s.purpose, ctx.business_goal if ctx else None) if u]
    out += [f"- {_md(u)}" for u in uses] or [MISSING]
    if s.users:
        out += ["", "Intended users named in the findings: " + _md(", ".join(s.users)) + "."]
    out += ["", "### Out-of-Scope Use", "", MISSING, ""]
    out += ["## Bias, Risks, and Limitations", ""]
    for f in doc.findings:
        out.append(f"- **{_md(_risk_name(f))}** — {_md(f.summary)}" + (f" Impact: {_md(f.impact)}" if f.impact else ""))
    out += ["", "### Recommendations", ""]
    for f in doc.findings:
        out.append(f"- {_md(f.id)}: {_md(_mitigation_strategy(f))}"
                   + (f" Owner: {_md(f.owner)}." if f.owner else " No owner named."))
    out += ["", "## Evaluation", "", "### Testing Data", ""]
    ds = datasets(doc)
    for d in ds:
        sizes = ", ".join(f"n={n}" for n in d.sizes)
        out.append(f"- {_md(d.name)}" + (f" ({sizes})" if sizes else ""))
    if not ds:
        out.append(MISSING)
    out += ["", "### Results", ""]
    rows = [(f, m) for f in doc.findings for m in f.metrics]
    if rows:
        out += ["| Metric | Value | Population | n | Source |", "|---|---|---|---|---|"]
        for f, m in rows:
            ci = f" (CI {m.ci[0]:g}–{m.ci[1]:g})" if m.ci else ""
            out.append(f"| {_md(m.name)} | {_md(metric_value(m))}{ci} | {_md(m.population or 'not stated')} | "
                       f"{m.n or '—'} | {_md(f'{f.id}.{m.id}')} |")
    else:
        out.append(MISSING)
    if doc.tradeoffs:
        out += ["", "## Trade-offs", ""] + [f"- {_md(_tradeoff_text(t))}" for t in doc.tradeoffs]
    caveats = [(f.id, c) for f in doc.findings for c in f.caveats]
    if caveats:
        out += ["", "## Caveats", ""] + [f"- {_md(c)} ({_md(fid)})" for fid, c in caveats]
    out += ["", "## Training Details", "", MISSING, "",
            "## Model Card Contact", "", _md(s.owner) if s.owner else MISSING, ""]
    return "\n".join(out)
