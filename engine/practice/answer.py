"""Model answers: a strong STAR-L answer written from a scenario's findings.

Situation, Task and Action are written from the findings file (system, decision,
deadline, the metrics the scenario names, mitigations with owners and dates,
caveats); Result and Learning come from the scenario's story, whose numbers are
placeholders filled from the findings. Every number is therefore the findings'
own, and the same scenario always gives the same answer.
"""

from __future__ import annotations

import re

from engine.errors import RiskbriefError
from engine.narrator.wording import indefinite_article
from engine.practice.bank import findings_for, load_scenario
from evals.starl import check_cues
from evals.starl.grounding import format_value, resolve_metric
from schemas.audience import load_profile
from schemas.findings import Finding, FindingsDocument, Metric, MitigationStatus, Unit
from schemas.practice import Scenario

PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\}")


def _date(d) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _lower_first(text: str) -> str:
    # Keep acronyms ("CV screener", "AI agent") as they are.
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


class _Plain:
    """Replaces jargon with the audience's plain words, so the answer passes its own rubric."""

    def __init__(self, audience: str):
        try:
            avoid = load_profile(audience).avoid
        except KeyError:
            avoid = {}
        pairs = [(rf"\b{re.escape(k)}\b", v) for k, v in avoid.items()]
        pairs += [(rf"\b(?:{rx})\b", v) for rx, v in check_cues.TECH_JARGON.items()]
        self.rules = [(re.compile(rx, re.IGNORECASE), v) for rx, v in pairs]

    def __call__(self, text: str) -> str:
        for rx, plain in self.rules:
            text = rx.sub(plain, text)
        # "red-team tests" -> "adversarial test tests" -> "adversarial tests"
        return re.sub(r"\b(\w+) \1(s?)\b", r"\1\2", text)


def _metric_text(m: Metric, plain: _Plain, name: bool = True) -> str:
    if m.unit == Unit.count and m.n and m.population:
        where = f" of {m.n:,} {plain(m.population)}"  # "12 of 4,000 red-team attempts"
    else:
        where = f" for {plain(m.population)}" if m.population else ""
    return f"{plain(m.name) + ' ' if name else ''}{format_value(m)}{where}".strip()


def _numbers_sentence(doc: FindingsDocument, refs: list[str], plain: _Plain) -> str:
    """The scenario's metrics, a measured value next to its baseline when both are named."""
    metrics = {ref: resolve_metric(doc, ref) for ref in refs}

    def partner(ref: str) -> str | None:
        fid, m = ref.split(".")[0], metrics[ref]
        if m.baseline and f"{fid}.{m.baseline}" in metrics:
            return f"{fid}.{m.baseline}"
        return next((r for r, o in metrics.items() if r.startswith(fid + ".") and o.baseline == ref.split(".", 1)[1]), None)

    used: set[str] = set()
    clauses: list[str] = []
    for ref in refs:
        if ref in used:
            continue
        other = partner(ref)
        m = metrics[ref]
        if other and other not in used:
            # The measured value first, then what it is compared with.
            measured, base = (m, metrics[other]) if m.baseline else (metrics[other], m)
            clause = f"{plain(measured.name)}, {_metric_text(measured, plain, False)} against {_metric_text(base, plain, False)}"
            if measured.unit == base.unit == Unit.percent:
                gap = f"{abs(base.value - measured.value):g}"
                clause += f", {indefinite_article(gap)} {gap}-point gap"
            used.update({ref, other})
        else:
            clause = f"{plain(m.name)}, {_metric_text(m, plain, False)}"
            used.add(ref)
        clauses.append(clause)
    return "; ".join(clauses)


def _findings_of(doc: FindingsDocument, refs: list[str]) -> list[Finding]:
    ids = list(dict.fromkeys(r.split(".")[0] for r in refs))
    return [f for f in (doc.finding(i) for i in ids) if f is not None]


def _mitigation_text(m, plain: _Plain) -> str:
    text = _lower_first(plain(m.action))
    details = []
    if m.owner:
        details.append(f"owned by {m.owner}")
    if m.due:
        details.append(f"by {_date(m.due)}")
    if m.status == MitigationStatus.done:
        details.append("already in place")
    elif m.status == MitigationStatus.in_progress:
        details.append("under way")
    return text + (f" ({', '.join(details)})" if details else "")


def _fill(template: str, doc: FindingsDocument, where: str) -> str:
    def sub(m: re.Match[str]) -> str:
        try:
            return format_value(resolve_metric(doc, m.group(1)))
        except KeyError:
            raise RiskbriefError(f"{where}: placeholder {{{m.group(1)}}} names no metric in the findings file")

    return " ".join(PLACEHOLDER.sub(sub, template).split())


_TITLES = ("head", "vp", "chief", "coo", "cto", "cfo", "ceo", "general", "clinical", "hr", "board", "director")


def _addressee(stakeholders: list[str]) -> str:
    if not stakeholders:
        return "the decision-makers"
    first = stakeholders[0]
    return f"the {first}" if first.split()[0].lower() in _TITLES else first


# Optional sentences dropped, in this order, until the answer fits two spoken minutes.
_TRIM_ORDER = ("owner", "third_mitigation", "goal", "third_metric")
WORD_BUDGET = 300


def write_model_answer(scenario: Scenario, doc: FindingsDocument) -> str:
    """The model answer, trimmed of optional detail until it fits in two spoken minutes."""
    dropped: set[str] = set()
    text = _compose(scenario, doc, dropped)
    for item in _TRIM_ORDER:
        if len(text.split()) <= WORD_BUDGET:
            break
        dropped.add(item)
        text = _compose(scenario, doc, dropped)
    return text


def _compose(scenario: Scenario, doc: FindingsDocument, dropped: set[str]) -> str:
    plain = _Plain(scenario.audience)
    ctx = doc.context
    story = scenario.model_answer
    refs = scenario.covers.metrics[:2] if "third_metric" in dropped and len(scenario.covers.metrics) == 3 else scenario.covers.metrics
    findings = _findings_of(doc, refs)
    # Lead with a critical finding when there is one (an agent with no playbook), else the measured one.
    lead = next((f for f in doc.findings if f.severity and f.severity.value == "critical"), findings[0])
    if lead not in findings:
        findings = [lead] + findings

    decision = _lower_first(ctx.decision) if ctx and ctx.decision else f"use the {doc.system.name.lower()}"
    by = f" by {_date(ctx.deadline)}" if ctx and ctx.deadline else ""
    goal = f", to {_lower_first(ctx.business_goal)}" if ctx and ctx.business_goal and "goal" not in dropped else ""
    situation = (
        f"In my last role I was {story.role}. The business wanted to {decision}{by}{goal}. "
        f"Testing of the {doc.system.name.lower() if doc.system.name[1:2].islower() else doc.system.name} "
        f"showed a problem: {_lower_first(plain(lead.title))}."
    )

    who = _addressee(ctx.stakeholders if ctx else [])
    before = f" before {_date(ctx.deadline)}" if ctx and ctx.deadline else ""
    task = f"My job was to give {who} a recommendation they could act on{before}."

    mitigations = [m for f in findings for m in f.mitigations][: 2 if "third_mitigation" in dropped else 3]
    action = [
        f"First, I put the finding in business terms: {scenario.covers.framing.rstrip('.')}.",
        f"I showed the numbers side by side on one slide: {_numbers_sentence(doc, refs, plain)}.",
    ]
    if mitigations:
        action.append(
            "Rather than a bare yes or no, I proposed a guarded path: "
            + "; ".join(_mitigation_text(m, plain) for m in mitigations)
            + "."
        )
    if lead.owner and "owner" not in dropped:
        action.append(f"I named the {lead.owner} as the risk's owner.")
    caveats = [c for f in findings for c in f.caveats][:1]
    if caveats:
        action.append(f"I was open about the limits: {_lower_first(plain(caveats[0]).rstrip('.'))}.")

    where = f"prompts/practice/scenarios/{scenario.id}.yaml"
    result = _fill(story.outcome, doc, where)
    lesson = _fill(story.lesson, doc, where)
    return "\n\n".join([situation, task, " ".join(action), result, lesson]) + "\n"


def model_answer(scenario: str | Scenario) -> str:
    """A strong STAR-L answer for a scenario of the bank, written from its findings."""
    s = load_scenario(scenario) if isinstance(scenario, str) else scenario
    return write_model_answer(s, findings_for(s))
