"""Findings documents changed in ways a real one may differ, for checking that the offline
narrator and the faithfulness checker still agree on them.

Each perturbation changes a document's data (the dict `FindingsDocument.model_dump` gives) in
place and says whether it changed anything: figures held as ratios instead of percentages, in
milliseconds instead of seconds, other values and directions, baselines dropped, findings
repeated for a second site, other statuses, owners, slices, titles, contexts and trade-offs.
`agreement_failures` narrates a document for every audience and checks each brief as JSON and
as Markdown: every failing claim and missing caveat is a disagreement.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Callable

from pydantic import ValidationError

from engine.narrator import narrate
from engine.render.markdown import render_markdown
from evals.faithfulness import check_brief
from schemas.audience import load_profile
from schemas.findings import FindingsDocument
from schemas.loading import FindingsError, load_findings

ROOT = Path(__file__).resolve().parent.parent
AUDIENCES = ("executive", "legal", "product", "engineering")

Data = dict
Perturbation = Callable[[Data, random.Random], bool]


def _metrics(data: Data):
    for f in data.get("findings", []):
        yield from f.get("metrics", [])


def as_ratios(data: Data, rng: random.Random) -> bool:
    """Some percentages held as ratios (85 -> 0.85), so a ratio may meet a percentage."""
    changed = False
    for m in _metrics(data):
        if m.get("unit") == "percent" and not m.get("ci") and rng.random() < 0.5:
            m["unit"], m["value"], changed = "ratio", round(m["value"] / 100, 6), True
    return changed


def as_milliseconds(data: Data, rng: random.Random) -> bool:
    changed = False
    for m in _metrics(data):
        if m.get("unit") == "s" and not m.get("ci") and rng.random() < 0.5:
            m["unit"], m["value"], changed = "ms", round(m["value"] * 1000, 6), True
    return changed


def other_values(data: Data, rng: random.Random) -> bool:
    """Other figures: shares anywhere from 0 to 100%, times, counts and money scaled up or down."""
    changed = False
    for m in _metrics(data):
        if m.get("unit") == "percent" and rng.random() < 0.6:
            m["value"] = round(rng.choice([0.0, 0.1, 0.5, 1.0, 5.0, 33.3, 50.0, 99.0, 99.9, 100.0, rng.uniform(0, 100)]),
                               rng.choice([0, 1, 2]))
        elif m.get("unit") in ("s", "ms", "count", "usd") and rng.random() < 0.6:
            m["value"] = round(m["value"] * rng.choice([0.001, 0.1, 0.5, 2, 10, 1000]), 3)
        else:
            continue
        m.pop("ci", None)
        changed = True
    return changed


def flipped_directions(data: Data, rng: random.Random) -> bool:
    changed = False
    for m in _metrics(data):
        if rng.random() < 0.5:
            m["higher_is_better"], changed = not m.get("higher_is_better", True), True
    return changed


def without_baselines(data: Data, rng: random.Random) -> bool:
    changed = False
    for m in _metrics(data):
        if m.get("baseline") and rng.random() < 0.5:
            m.pop("baseline")
            changed = True
    return changed


def second_site(data: Data, rng: random.Random) -> bool:
    """Every finding repeated for a second site (figures 10% lower), all rated high, each with two steps."""
    if not data.get("findings"):
        return False
    extra = copy.deepcopy(data["findings"])
    for f in extra:
        f["id"] += "x"
        f["title"] = "Second site: " + f["title"]
        for m in f.get("metrics", []):
            m["value"] = round(m["value"] * 0.9, 4)
            m.pop("ci", None)
    data["findings"] += extra
    for f in data["findings"]:
        while len(f.setdefault("mitigations", [])) < 2:
            f["mitigations"].append({"action": f"Review the {f['id']} dashboard every {('week', 'month')[len(f['mitigations'])]}",
                                     "owner": "Model Risk", "status": "planned"})
        f["severity"], f["likelihood"] = "high", "likely"
    return True


def other_plans(data: Data, rng: random.Random) -> bool:
    """Other statuses, severities and owners, for findings and their steps."""
    changed = False
    for f in data.get("findings", []):
        if rng.random() < 0.7:
            f["status"] = rng.choice(["open", "mitigating", "accepted", "closed"])
            f["severity"] = rng.choice(["low", "medium", "high", "critical"])
            f["likelihood"] = rng.choice(["rare", "unlikely", "possible", "likely", "almost_certain"])
            f["owner"] = rng.choice(["CRO", "Risk & Compliance", "Dr. Amara Okafor", "the ML platform team", "Legal (EU)"])
            for m in f.get("mitigations", []):
                m["status"] = rng.choice(["planned", "in_progress", "done"])
                if rng.random() < 0.5:
                    m["owner"] = rng.choice(["SRE on-call", "Data Protection Officer", "J. Smith", "Product Ops"])
            changed = True
    return changed


def other_slices(data: Data, rng: random.Random) -> bool:
    """Populations renamed: places, codes, stretches of time, age bands, qualified groups."""
    names = ["Brazil", "users in Brazil", "EU customers", "the United States", "Site B", "the night shift",
             "new accounts (under 30 days)", "customers aged 65 and over", "Q3 2026", "Android app users",
             "Spanish-language tickets", "high-value transactions over $10,000"]
    taken = {m.get("population") for m in _metrics(data)}
    changed = False
    for m in _metrics(data):
        free = [n for n in names if n not in taken]
        if m.get("population") and free and rng.random() < 0.5:
            m["population"] = rng.choice(free)
            taken.add(m["population"])
            changed = True
    return changed


def other_titles_and_context(data: Data, rng: random.Random) -> bool:
    """Titles and summaries with figures of their own, and other decisions (or none)."""
    for f in data.get("findings", []):
        if rng.random() < 0.7:
            f["title"] = f["title"].rstrip(".") + rng.choice([" in 3 of 4 regions", " (up 12% since March)",
                                                               ", affecting 1,200 customers a week", " after release 2.4"])
        if rng.random() < 0.6:
            f["summary"] = f["summary"].rstrip(".") + rng.choice([". Measured on 14 days of traffic.", "; 3 of 5 reviewers agreed."])
    r = rng.random()
    if r < 0.3:
        data.pop("context", None)
    elif r < 0.7:
        data.setdefault("context", {})["decision"] = rng.choice(
            ["Do we launch in the EU this quarter?", "Go/no-go for the Q3 rollout", "Whether to ship the new model to all users"])
    return True


def other_tradeoffs(data: Data, rng: random.Random) -> bool:
    """No recommendation, another option recommended, or a further option with figures of its own."""
    changed = False
    for t in data.get("tradeoffs", []):
        r = rng.random()
        if r < 0.3 and t.get("recommendation"):
            t.pop("recommendation")
            t.pop("rationale", None)
        elif r < 0.6 and len(t["options"]) > 1:
            t["recommendation"] = rng.choice([o["id"] for o in t["options"] if o["id"] != t.get("recommendation")])
            t.pop("rationale", None)  # the reasons were the first option's: kept, they would contradict the findings
        else:
            extra = copy.deepcopy(t["options"][-1])
            extra["id"], extra["name"] = "PHASED", "a phased rollout of " + extra.get("name", "it")
            for m in extra.get("metrics", []):
                if m.get("unit") != "ratio":
                    m["value"] = round(m["value"] * 1.1, 2)
                m.pop("ci", None)
            t["options"].append(extra)
        changed = True
    return changed


PERTURBATIONS: dict[str, Perturbation] = {
    "ratios": as_ratios,
    "milliseconds": as_milliseconds,
    "values": other_values,
    "directions": flipped_directions,
    "no-baselines": without_baselines,
    "second-site": second_site,
    "plans": other_plans,
    "slices": other_slices,
    "titles-context": other_titles_and_context,
    "tradeoffs": other_tradeoffs,
}


def documents() -> list[Path]:
    """The findings documents the perturbations start from: the examples, the test documents and the practice bank."""
    return sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/data/*/*.yaml"), *ROOT.glob("prompts/practice/findings/*.yaml")])


def perturbed(path: Path, names: list[str], rng: random.Random) -> FindingsDocument | None:
    """The document with each named perturbation applied, or None when it does not load, none changed
    it or the result is not a valid document."""
    try:
        data = load_findings(path).model_dump(mode="json", exclude_none=True)
    except FindingsError:
        return None
    changed = [PERTURBATIONS[n](data, rng) for n in names]
    if not any(changed):
        return None
    try:
        return FindingsDocument.model_validate(data)
    except ValidationError:
        return None


def agreement_failures(doc: FindingsDocument) -> list[str]:
    """'audience/form: code: sentence' for each claim of an offline brief its check does not support,
    and each caveat it misses."""
    out: list[str] = []
    for audience in AUDIENCES:
        brief = narrate(doc, load_profile(audience))
        for form, subject in (("json", brief), ("md", render_markdown(brief))):
            result = check_brief(doc, subject)
            out += [f"{audience}/{form}: {c.error.value}: {c.text}" for c in result.failing]
            out += [f"{audience}/{form}: caveat: {c}" for c in result.missing_caveats]
    return out
