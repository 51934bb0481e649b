"""Seeded findings documents for the benchmark: varied systems, metrics, units and slices.

Each finding keeps the parts the brief writer needs to phrase it (the slice's
qualifiers separately from its head noun, a short topic, an impact clause) in
a :class:`Spec` beside the schema object, so the writer and the error injector
never have to parse the findings back out of prose.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from schemas.findings import FindingsDocument

SYSTEMS = [
    ("Fraud screening model", "Flag card payments for manual review", "payments", "Payments Risk"),
    ("Resume ranking model", "Rank job applications for recruiters", "applications", "Talent Systems"),
    ("X-ray triage model", "Prioritise chest X-rays for radiologist review", "scans", "Clinical AI"),
    ("Support chatbot", "Answer customer questions in the banking app", "conversations", "Conversational AI"),
    ("Comment moderation classifier", "Hide abusive comments on the community forum", "comments", "Trust and Safety"),
    ("Invoice extraction pipeline", "Read totals and dates from supplier invoices", "invoices", "Finance Automation"),
    ("Call transcription service", "Transcribe recorded support calls", "calls", "Voice Platform"),
    ("Claims triage model", "Route insurance claims to the right handler", "claims", "Claims Analytics"),
]
QUALIFIERS = [
    ["handwritten", "scanned"], ["low-light", "blurred"], ["non-English", "mixed-language"], ["night-time", "weekend"],
    ["rural", "small-business"], ["first-time", "overseas"], ["elderly", "paediatric"], ["accented", "noisy"],
    ["short", "informal"], ["high-value", "cross-border"],
]
TEAMS = ["Data Science", "Model Risk", "Platform Engineering", "Customer Operations", "Quality Assurance",
         "Product Analytics", "Security Operations", "Legal Review", "Responsible AI", "Service Desk",
         "Labelling Operations", "Infrastructure"]
ACTIONS = [
    ("Send {slice} to a second human reviewer", "slice"), ("Collect and label more {slice}", "slice"),
    ("Add a confidence threshold that holds back uncertain {items}", "any"), ("Retrain the model on recent {items}", "any"),
    ("Publish a monthly dashboard of error rates by segment", "any"), ("Cache frequent answers to cut response time", "latency"),
    ("Move inference to a larger server pool", "latency"), ("Recalibrate decision thresholds per applicant group", "ratio"),
    ("Add an appeal route for declined cases", "ratio"), ("Cap spending with a daily budget alert", "cost"),
]
CAVEATS = [
    "The {slice} sample is {n} {items} from one region",
    "Results come from a {weeks}-week pilot",
    "Only English-language {items} were tested",
    "Labels for the {slice} were produced by a single annotator",
    "The test period excludes the holiday peak",
]
IMPACTS = {
    "slice": "{slice} would be handled wrongly more often than others",
    "error": "reviewers would spend time on {items} that need no action",
    "latency": "customers would wait longer and abandon more requests",
    "ratio": "one group of applicants would be selected less often than others",
    "cost": "running costs would exceed the agreed budget",
}


@dataclass
class MetricSpec:
    mid: str
    name: str  # "recall"
    value: float
    unit: str
    pop: str  # full population text
    quals: list[str] = field(default_factory=list)  # qualifiers of a slice population
    head: str = ""  # head noun of the population
    n: int | None = None
    baseline: str | None = None
    higher_is_better: bool = True


@dataclass
class FindingSpec:
    fid: str
    kind: str  # slice | error | latency | ratio | cost
    topic: str  # short noun phrase for the finding ("recall on handwritten scanned invoices")
    metrics: list[MetricSpec]
    severity: str
    likelihood: str
    owner: str
    status: str
    impact: str
    mitigations: list[dict]
    caveats: list[str]


@dataclass
class OptionSpec:
    oid: str
    name: str
    value: float
    pop: str = "the release test set"


@dataclass
class Spec:
    name: str
    purpose: str
    items: str
    system_owner: str
    deadline: dt.date | None
    decision: str
    findings: list[FindingSpec]
    options: list[OptionSpec]
    recommendation: str | None
    doc: FindingsDocument | None = None


def _date(rng: random.Random, start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(days))


def _finding(rng: random.Random, i: int, items: str, kind: str, used_quals: set[str], teams: list[str], used: set[str]) -> FindingSpec:
    fid = f"F{i}"
    quals = next(q for q in rng.sample(QUALIFIERS, len(QUALIFIERS)) if not used_quals & set(q))
    used_quals.update(quals)
    slice_pop = f"{quals[0]} {quals[1]} {items}"
    n_slice = rng.choice([300, 450, 600, 800, 1200, 1500])
    n_all = rng.choice([5000, 8000, 12000, 20000, 40000])
    ms: list[MetricSpec]
    if kind == "slice":
        name = rng.choice(["accuracy", "recall", "precision", "detection rate"])
        overall = round(rng.uniform(84, 97), rng.choice([0, 0, 1]))
        gap = round(rng.uniform(9, 32), rng.choice([0, 0, 1]))
        ms = [MetricSpec(f"{name.split()[0]}_all", name, overall, "percent", f"all {items} in the test set", head=items, n=n_all),
              MetricSpec(f"{name.split()[0]}_slice", name, round(overall - gap, 1), "percent", slice_pop, quals, items, n_slice,
                         baseline=f"{name.split()[0]}_all")]
        topic = f"{name} on {slice_pop}"
    elif kind == "error":
        name = rng.choice(["false positive rate", "error rate", "false alarm rate"])
        base = round(rng.uniform(2, 9), 1)
        mult = rng.uniform(2.2, 4.5)
        ms = [MetricSpec("err_all", name, base, "percent", f"all {items} in the test set", head=items, n=n_all, higher_is_better=False),
              MetricSpec("err_slice", name, round(base * mult, 1), "percent", slice_pop, quals, items, n_slice, baseline="err_all",
                         higher_is_better=False)]
        topic = f"{name} on {slice_pop}"
    elif kind == "latency":
        unit = rng.choice(["s", "ms"])
        if unit == "s":
            target = rng.choice([1.0, 2.0, 3.0])
            val = round(target * rng.uniform(1.8, 3.6), 1)
        else:
            target = float(rng.choice([200, 300, 500]))
            val = float(round(target * rng.uniform(1.8, 3.6) / 10) * 10)
        ms = [MetricSpec("p95", "p95 response time", val, unit, f"{quals[0]} {quals[1]} requests", quals, "requests", n_all,
                         baseline="target", higher_is_better=False),
              MetricSpec("target", "target response time", target, unit, "the service target", head="target", higher_is_better=False)]
        topic = f"response time on {quals[0]} {quals[1]} requests"
    elif kind == "ratio":
        group = rng.choice(["applicants over 60", "applicants under 25", "part-time workers", "recent movers"])
        a = round(rng.uniform(0.58, 0.76), 2)
        b = round(rng.uniform(0.84, 0.95), 2)
        ms = [MetricSpec("ratio_now", "selection rate ratio", a, "ratio", f"{group} under the current threshold", [group], "", n_slice),
              MetricSpec("ratio_fix", "selection rate ratio", b, "ratio", f"{group} under recalibrated thresholds", [group], "", n_slice,
                         baseline="ratio_now")]
        topic = f"selection rate ratio for {group}"
    else:
        budget = float(rng.choice([2000, 5000, 8000]))
        spend = float(round(budget * rng.uniform(1.3, 2.4) / 10) * 10)
        ms = [MetricSpec("cost", "monthly running cost", spend, "usd", f"{quals[0]} {quals[1]} {items}", quals, items, higher_is_better=False,
                         baseline="budget"),
              MetricSpec("budget", "monthly budget", budget, "usd", "the agreed budget", head="budget", higher_is_better=False)]
        topic = f"running cost for {quals[0]} {quals[1]} {items}"
    action_kind = {"slice": "slice", "error": "slice", "latency": "latency", "ratio": "ratio", "cost": "cost"}[kind]
    acts = [a for a, k in ACTIONS if k in (action_kind, "any") and a not in used]
    mits = []
    for j, act in enumerate(rng.sample(acts, min(len(acts), rng.choice([1, 2])))):
        used.add(act)
        mits.append({"action": act.format(slice=slice_pop, items=items), "owner": rng.choice(teams),
                     "due": _date(rng, dt.date(2027, 1, 5), 150), "status": rng.choice(["planned", "in_progress", "done"])})
    free = [c for c in CAVEATS if c not in used]
    cav_templates = rng.sample(free, min(len(free), rng.choice([1, 2])))
    used.update(cav_templates)
    cavs = [c.format(slice=slice_pop, n=n_slice, items=items, weeks=rng.choice([3, 4, 6, 8])) for c in cav_templates]
    impact = IMPACTS[kind].format(slice=slice_pop, items=items)
    impact = impact[0].upper() + impact[1:]
    return FindingSpec(fid, kind, topic, ms, rng.choice(["low", "medium", "high", "critical"]),
                       rng.choice(["rare", "unlikely", "possible", "likely", "almost_certain"]),
                       rng.choice(teams), rng.choice(["open", "mitigating", "accepted", "closed"]), impact, mits, cavs)


def make_spec(rng: random.Random, number: int) -> Spec:
    name, purpose, items, owner = SYSTEMS[number % len(SYSTEMS)]
    teams = rng.sample(TEAMS, 6)
    kinds = rng.sample(["slice", "error", "latency", "ratio", "cost"], rng.choice([2, 3]))
    used: set[str] = set()
    used_texts: set[str] = set()
    findings = [_finding(rng, i + 1, items, k, used, teams, used_texts) for i, k in enumerate(kinds)]
    options: list[OptionSpec] = []
    rec = None
    if rng.random() < 0.4:
        a = round(rng.uniform(86, 94), 0)
        b = a - rng.choice([2, 3, 4, 5])
        options = [OptionSpec("A", "Deep ensemble", a), OptionSpec("B", "Rules-plus-model hybrid", b)]
        rec = "B"
    deadline = _date(rng, dt.date(2027, 2, 1), 120)
    return Spec(name, purpose, items, owner, deadline, f"Approve the next release of the {name.lower()}", findings, options, rec)


def to_document(spec: Spec) -> FindingsDocument:
    data: dict = {
        "schema_version": 1,
        "system": {"name": spec.name, "version": "1.0", "owner": spec.system_owner, "purpose": spec.purpose},
        "context": {"decision": spec.decision, "deadline": spec.deadline, "stakeholders": ["Executive committee"]},
        "findings": [],
    }
    for f in spec.findings:
        data["findings"].append({
            "id": f.fid, "title": f.topic[0].upper() + f.topic[1:] + " misses the mark",
            "category": {"ratio": "fairness", "latency": "reliability", "cost": "reliability"}.get(f.kind, "performance"),
            "severity": f.severity, "likelihood": f.likelihood, "summary": f"Measured {f.topic}.",
            "metrics": [{"id": m.mid, "name": m.name, "value": m.value, "unit": m.unit, "population": m.pop,
                         **({"n": m.n} if m.n else {}), **({"baseline": m.baseline} if m.baseline else {}),
                         "higher_is_better": m.higher_is_better} for m in f.metrics],
            "impact": f.impact, "owner": f.owner, "status": f.status,
            "mitigations": [dict(m) for m in f.mitigations], "caveats": list(f.caveats),
        })
    if spec.options:
        data["tradeoffs"] = [{
            "id": "T1", "question": "Which model do we release?",
            "options": [{"id": o.oid, "name": o.name, "metrics": [{"id": "acc", "name": "accuracy", "value": o.value, "unit": "percent",
                                                                    "population": "the release test set"}]} for o in spec.options],
            "recommendation": spec.recommendation,
        }]
    return FindingsDocument.model_validate(data)


def generate(seed: int, count: int) -> list[Spec]:
    rng = random.Random(seed)
    specs = []
    for k in range(count):
        spec = make_spec(rng, k)
        spec.doc = to_document(spec)
        specs.append(spec)
    return specs
