"""The benchmark's own brief writer: statements from a Spec, phrased with a Style.

Written independently of the checker: its own number formatting, its own word
choices. A brief is a list of :class:`Statement` (kind, finding, slots); the
error injector changes exactly one statement's slots or adds/removes one.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace

from evals.bench.docs import FindingSpec, MetricSpec, Spec
from schemas.brief import Brief, Provenance, Section, Sentence

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
GLOSSES = [(1, 2, "one in two"), (2, 3, "two in three"), (3, 4, "three in four"), (4, 5, "four in five"), (9, 10, "nine in ten"),
           (1, 3, "one in three"), (1, 4, "one in four"), (1, 5, "one in five"), (1, 10, "one in ten"), (7, 10, "seven in ten"),
           (3, 10, "three in ten"), (3, 5, "three in five"), (2, 5, "two in five")]
SEVERITY_WORDS = {"low": ["low-severity", "minor"], "medium": ["medium-severity", "moderate"], "high": ["high-severity", "serious"],
                  "critical": ["critical"]}
LIKELIHOOD_WORDS = {"rare": ["rare", "a remote possibility"], "unlikely": ["unlikely", "improbable"], "possible": ["possible", "plausible"],
                    "likely": ["likely", "probable"], "almost_certain": ["almost certain", "near-certain"]}
MODALS = {"rare": ["might", "could"], "unlikely": ["could", "might"], "possible": ["could", "may"], "likely": ["would probably", "could"],
          "almost_certain": ["will", "is almost certain to"]}
FINDING_STATUS = {"open": ["open", "still open"], "mitigating": ["being mitigated"], "accepted": ["accepted"], "closed": ["closed", "resolved"]}
MIT_STATUS = {"planned": ["planned", "scheduled"], "in_progress": ["in progress", "under way"], "done": ["done", "complete"]}


def words_for(n: int) -> str:
    if n < 20:
        return ONES[n]
    t, o = divmod(n, 10)
    return TENS[t] + (f"-{ONES[o]}" if o else "")


def grouped(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"


@dataclass
class Style:
    percent: str = "sym"  # sym | word | percent_words | per_cent
    counts: str = "comma"  # comma | plain | thousand
    money: str = "dollar"  # dollar | words | usd
    time: str = "short"  # short | long | convert
    gloss: bool = False
    rounding: bool = False
    severity_pick: int = 0
    modal_pick: int = 0
    status_pick: int = 0
    merge_caveats: bool = False
    derivations: str = "pp"  # pp | points | rel | times | all
    front_slice: bool = False
    order_seed: int | None = None


def fmt_value(v: float, unit: str, st: Style) -> str:
    if st.rounding and unit in ("percent", "s", "usd") and not float(v).is_integer():
        return "about " + fmt_value(float(round(v)), unit, replace(st, rounding=False))
    if unit == "percent":
        if st.percent == "word" and float(v).is_integer():
            return f"{words_for(int(v))} percent"
        num = f"{v:g}"
        return {"sym": f"{num}%", "word": f"{num} percent", "percent_words": f"{num} percent", "per_cent": f"{num} per cent"}[st.percent]
    if unit == "ratio":
        return f"{v:.2f}"
    if unit == "s":
        if st.time == "convert":
            return f"{grouped(round(v * 1000))} ms"
        return f"{v:g} s" if st.time == "short" else f"{v:g} seconds"
    if unit == "ms":
        if st.time == "convert":
            return f"{v / 1000:g} seconds"
        return f"{v:g} ms" if st.time == "short" else f"{v:g} milliseconds"
    if unit == "usd":
        return {"dollar": f"${grouped(v)}", "words": f"{grouped(v)} dollars", "usd": f"USD {grouped(v)}"}[st.money]
    if unit == "count":
        if st.counts == "thousand" and v >= 1000 and v % 1000 == 0:
            return f"{int(v // 1000)} thousand"
        return grouped(v) if st.counts == "comma" else f"{int(v)}"
    return f"{v:g}"


def gloss(v: float) -> str | None:
    for a, b, text in GLOSSES:
        if abs(100 * a / b - v) <= 1.5:
            return f"about {text}"
    return None


def fmt_date(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


@dataclass
class Statement:
    kind: str
    section: str
    fid: str | None
    slots: dict = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


def statements(spec: Spec, st: Style) -> list[Statement]:
    out: list[Statement] = [Statement("headline", "headline", None, {}, ["context"])]
    for f in spec.findings:
        if len(f.metrics) >= 2:
            a, b = f.metrics[0], f.metrics[1]
            refs = [f"{f.fid}.{a.mid}", f"{f.fid}.{b.mid}"]
            out.append(Statement("values", "findings", f.fid, {"a": a, "b": b}, refs))
            out.append(Statement("gap", "findings", f.fid, {"a": a, "b": b}, refs))
        elif f.metrics:
            out.append(Statement("value", "findings", f.fid, {"a": f.metrics[0]}, [f"{f.fid}.{f.metrics[0].mid}"]))
        if f.severity and f.likelihood:
            out.append(Statement("severity", "findings", f.fid, {"severity": f.severity, "likelihood": f.likelihood}, [f.fid]))
        if f.impact and f.likelihood:
            out.append(Statement("impact", "impact", f.fid, {"likelihood": f.likelihood}, [f.fid]))
        if f.owner and f.status:
            out.append(Statement("owner", "findings", f.fid, {"owner": f.owner, "status": f.status}, [f.fid]))
        for m in f.mitigations:
            out.append(Statement("mitigation", "recommendation", f.fid, dict(m), [f.fid]))
    if spec.options:
        out.append(Statement("options", "options", None, {}, ["T1.A", "T1.B"]))
        if spec.recommendation == "B":
            out.append(Statement("recommend", "options", None, {}, ["T1", "T1.B"]))
    if spec.deadline:
        out.append(Statement("decision", "decision", None, {}, ["context"]))
    cavs = [(f.fid, c) for f in spec.findings for c in f.caveats]
    if st.merge_caveats and len(cavs) > 1:
        out.append(Statement("caveats_merged", "caveats", None, {"caveats": cavs}, sorted({fid for fid, _ in cavs})))
    else:
        out += [Statement("caveat", "caveats", fid, {"text": c}, [fid]) for fid, c in cavs]
    return out


def _finding(spec: Spec, fid: str | None) -> FindingSpec | None:
    return next((f for f in spec.findings if f.fid == fid), None)


def _values(s: Statement, st: Style) -> str:
    a: MetricSpec = s.slots["a"]
    b: MetricSpec = s.slots["b"]
    pa, pb = s.slots.get("pop_a", a.pop), s.slots.get("pop_b", b.pop)
    va, vb = s.slots.get("value_a", a.value), s.slots.get("value_b", b.value)
    ua, ub = s.slots.get("unit_a", a.unit), s.slots.get("unit_b", b.unit)
    name = s.slots.get("name", a.name)
    fa, fb = fmt_value(va, ua, st), fmt_value(vb, ub, st)
    if st.gloss and ub == "percent" and gloss(vb):
        fb += f" ({gloss(vb)})"
    if st.front_slice:
        return f"On {pb}, the {name} is {fb}, against {fa} on {pa}."
    return f"The {name} is {fa} on {pa} and {fb} on {pb}."


def _gap(s: Statement, st: Style) -> str:
    a: MetricSpec = s.slots["a"]
    b: MetricSpec = s.slots["b"]
    diff = b.value - a.value
    word = s.slots.get("word") or ("higher" if diff > 0 else "lower")
    neg = s.slots.get("negate", False)
    pb = s.slots.get("pop_b", b.pop)
    mode = s.slots.get("mode") or ("pp" if st.derivations == "all" else st.derivations)
    if a.unit == "percent":
        pp = s.slots.get("pp", abs(diff))
        rel = s.slots.get("rel", abs(diff) / a.value * 100)
        times = s.slots.get("times", b.value / a.value)
        unit_pp = s.slots.get("pp_unit", "percentage points")
        if mode == "rel":
            amount = f"{round(rel):g}{s.slots.get('rel_unit', '%')}"
        elif mode == "times" and b.value > a.value:
            return f"On {pb}, the {a.name} is {times:.1f} times the rate on {a.pop}."
        elif mode == "points":
            amount = f"{pp:g} points" if s.slots.get("pp_unit") is None else f"{pp:g} {unit_pp}"
        else:
            amount = f"{pp:g}%" if unit_pp == "%" else f"{pp:g} {unit_pp}"
        verb = "is not" if neg else "is"
        return f"On {pb}, the {a.name} {verb} {amount} {word} than on {a.pop}."
    unit = a.unit
    d = s.slots.get("diff", abs(diff))
    dunit = s.slots.get("diff_unit", unit)
    amount = fmt_value(round(d, 2), dunit, replace(st, rounding=False))
    verb = "is not" if neg else "is"
    if unit == "ratio":
        return f"For {pb}, the {a.name} {verb} {d:.2f} {word} than for {a.pop}."
    if mode == "times" or st.derivations == "times":
        t = s.slots.get("times", a.value / b.value)
        return f"At {fmt_value(a.value, unit, st)}, the {a.name} {verb} {t:.1f} times {b.name.replace('target ', 'the target ').replace('monthly budget', 'the monthly budget') if 'the' not in b.name else b.name}."
    w = s.slots.get("word") or ("above" if a.value > b.value else "below")
    return f"The {a.name} for {s.slots.get('pop_a', a.pop)} {verb} {amount} {w} {b.pop}."


def render(spec: Spec, s: Statement, st: Style) -> str:
    f = _finding(spec, s.fid)
    k = s.kind
    if k == "headline":
        return s.slots.get("text") or f"{spec.decision}: proceed only with the safeguards below."
    if k == "values":
        return _values(s, st)
    if k == "value":
        a = s.slots["a"]
        v = fmt_value(s.slots.get("value_a", a.value), s.slots.get("unit_a", a.unit), st)
        return f"The {s.slots.get('name', a.name)} is {v} on {s.slots.get('pop_a', a.pop)}."
    if k == "gap":
        return _gap(s, st)
    if k == "severity":
        sev = s.slots.get("sev_word") or SEVERITY_WORDS[s.slots["severity"]][st.severity_pick % len(SEVERITY_WORDS[s.slots["severity"]])]
        lik = s.slots.get("lik_word") or LIKELIHOOD_WORDS[s.slots["likelihood"]][st.severity_pick % 2]
        art = "an" if sev[0] in "aeiou" else "a"
        if s.slots.get("negate"):
            return f"We do not rate the {f.topic} problem as {art} {sev} risk, and it is {lik}."
        return f"We rate the {f.topic} problem as {art} {sev} risk, and it is {lik}."
    if k == "impact":
        modal = s.slots.get("modal") or MODALS[s.slots["likelihood"]][st.modal_pick % 2]
        text = f.impact[0].lower() + f.impact[1:].rstrip(".")
        if " would " not in f" {text} ":
            return f"The consequence: {text.rstrip('.')}."
        text = text.replace("would", modal, 1)
        if s.slots.get("negate"):
            text = text.replace(modal, f"{modal} not", 1) if " " not in modal else text.replace(modal, "would not", 1)
        return f"If nothing changes, {text}."
    if k == "owner":
        status = s.slots.get("status_word") or FINDING_STATUS[s.slots["status"]][st.status_pick % len(FINDING_STATUS[s.slots["status"]])]
        return f"{s.slots['owner']} owns the {f.topic} finding, which is {status}."
    if k == "mitigation":
        status = s.slots.get("status_word") or (MIT_STATUS[s.slots["status"]][st.status_pick % 2] if s.slots.get("status") else "")
        action = s.slots["action"].rstrip(".")
        prefix = s.slots.get("prefix")
        head = f"{prefix}, the fix is to {action[0].lower() + action[1:]}" if prefix else action
        tail = [status] if status else []
        if s.slots.get("owner"):
            tail.append(f"owned by {s.slots['owner']}")
        if s.slots.get("due"):
            tail.append(f"due {fmt_date(s.slots['due'])}")
        return f"{head}: {', '.join(tail)}." if tail else f"{head}."
    if k == "options":
        a, b = spec.options
        return (f"Option A, the {a.name.lower()}, reaches {fmt_value(s.slots.get('value_a', a.value), 'percent', st)} accuracy on {a.pop}; "
                f"option B, the {b.name.lower()}, reaches {fmt_value(b.value, 'percent', st)}.")
    if k == "recommend":
        b = spec.options[1]
        return f"We recommend option B, the {b.name.lower()}."
    if k == "decision":
        return f"We need a decision by {fmt_date(spec.deadline)}."
    if k == "caveat":
        return f"{s.slots['text']}."
    if k == "caveats_merged":
        parts = [c[0].lower() + c[1:] for _, c in s.slots["caveats"]]
        return "Two limits apply to these figures: " + "; and ".join(parts) + "." if len(parts) == 2 else \
            "Limits of the evidence: " + "; ".join(parts) + "."
    if k == "extra":
        return s.slots["text"]
    raise ValueError(k)


SECTION_TITLES = {"findings": "What we found", "impact": "What it means", "options": "Options", "recommendation": "What we recommend",
                  "decision": "Decision needed", "caveats": "Caveats"}
SECTIONS = ("findings", "impact", "options", "recommendation", "decision", "caveats")


def to_brief(spec: Spec, stmts: list[Statement], st: Style, audience: str = "executive") -> Brief:
    headline = next((render(spec, s, st) for s in stmts if s.kind == "headline"), spec.decision)
    order = list(SECTIONS)
    body = [s for s in stmts if s.kind != "headline"]
    if st.order_seed is not None:
        rng = random.Random(st.order_seed)
        rng.shuffle(order)
        body = sorted(body, key=lambda s: rng.random())
    sections = []
    for sid in order:
        sents = [Sentence(text=render(spec, s, st), sources=s.sources or ["system"]) for s in body if s.section == sid]
        if sents:
            sections.append(Section(id=sid, title=SECTION_TITLES[sid], sentences=sents))
    caveats = [render(spec, s, st) for s in stmts if s.kind in ("caveat", "caveats_merged")]
    return Brief(audience=audience, title=spec.name, headline=headline, headline_sources=["context"], sections=sections, caveats=caveats,
                 provenance=Provenance(provider="bench", model="generator", prompt_hash="-", input_hash="-",
                                       created_at="2026-01-01T00:00:00Z"))


def to_markdown(brief: Brief) -> str:
    lines = [f"# {brief.title}", "", f"**{brief.headline}**", ""]
    for sec in brief.sections:
        lines += [f"## {sec.title}", "", " ".join(s.text for s in sec.sentences), ""]
    return "\n".join(lines)
