"""Pairs of findings documents (OLD, NEW) built from the examples, for change-brief tests and benchmarks."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path

import yaml

from engine.changes import load_side
from engine.render.json_brief import render_json
from schemas.loading import FindingsError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BASES = ("sentiment", "credit", "agent")


def example(name: str = "sentiment") -> dict:
    return yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))


def sides(tmp_path: Path, old: dict, new: dict):
    (tmp_path / "old.yaml").write_text(yaml.safe_dump(old, sort_keys=False), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(yaml.safe_dump(new, sort_keys=False), encoding="utf-8")
    return load_side(tmp_path / "old.yaml"), load_side(tmp_path / "new.yaml")


def random_edit(rng: random.Random, doc: dict) -> None:
    """A few random edits of the kinds a second assessment brings."""
    levels = {"severity": ["low", "medium", "high", "critical"],
              "likelihood": ["rare", "unlikely", "possible", "likely", "almost_certain"]}
    for _ in range(rng.randint(0, 4)):
        f = rng.choice(doc["findings"])
        what = rng.randrange(17)
        if what == 0 and f.get("metrics"):
            m = rng.choice(f["metrics"])
            m.pop("ci", None)
            hi = 100 if m["unit"] == "percent" else 1 if m["unit"] == "ratio" else max(abs(m["value"]) * 3, 10)
            m["value"] = round(rng.uniform(0, hi), rng.choice([0, 1, 2]))
            for other in f["metrics"]:
                other.pop("ci", None)
        elif what == 1:
            key = rng.choice(list(levels))
            f[key] = rng.choice(levels[key])
        elif what == 2 and f.get("mitigations"):
            rng.choice(f["mitigations"])["status"] = rng.choice(["planned", "in_progress", "done"])
        elif what == 3:
            f["owner"] = rng.choice(["Head of Risk", "ML Platform lead", "Data office", "Trust and safety team",
                                     "Head of Risk (EMEA)", "J. O'Neil", "Fraud, Risk & Compliance (FRC) team",
                                     'Dana "DJ" Jones', "the “Red Team” guild"])
        elif what == 4:
            f.setdefault("caveats", []).append(rng.choice(["Measured on one week of traffic", "Labels come from one annotator"]))
        elif what == 5 and len(doc["findings"]) > 1:
            doc["findings"].remove(f)
        elif what == 6:
            f["id"] = f["id"] + "R"
        elif what == 7:
            doc["date"] = rng.choice(["2026-11-01", "2026-12-31", "2027-06-30"])
        elif what == 8:
            n = len(doc["findings"]) + rng.randint(10, 99)
            doc["findings"].append({
                "id": f"F{n}", "title": rng.choice(["Logs keep personal data", "Model drifts after retraining"]) + f" ({n})",
                "category": rng.choice(["privacy", "reliability"]), "severity": rng.choice(levels["severity"]),
                "likelihood": rng.choice(levels["likelihood"]), "summary": "Found in the second review.",
                "owner": rng.choice(["Data office", "ML Platform lead"]),
                "mitigations": [{"action": f"Review item {n}", "owner": "Data office", "due": "2026-12-20",
                                 "status": rng.choice(["planned", "in_progress", "done"])}]})
        elif what == 9:
            f.setdefault("mitigations", []).append({"action": rng.choice(["Add a weekly audit", "Cap daily volume"]),
                                                    "owner": "Risk office", "due": "2027-01-31", "status": "planned"})
        elif what == 10 and f.get("mitigations"):
            rng.choice(f["mitigations"])["due"] = rng.choice(["2026-10-01", "2027-02-15", "2027-05-01"])
        elif what == 11 and f.get("metrics"):
            m = f["metrics"][-1]
            if not any(o.get("baseline") == m["id"] for o in f["metrics"]):
                f["metrics"].remove(m)
        elif what == 12 and f.get("mitigations"):
            m = rng.choice(f["mitigations"])
            owner = rng.choice(["Head of Risk (EMEA)", "J. O'Neil", "R&D / Platform-2", "the Trust and Safety team",
                                'the "Red Team" guild', "'t Hooft Lab", None])
            m.pop("owner", None) if owner is None else m.update(owner=owner)
        elif what == 13 and doc.get("tradeoffs"):
            t = rng.choice(doc["tradeoffs"])
            choice = rng.choice([o["id"] for o in t["options"]] + [None])
            t.pop("recommendation", None) if choice is None else t.update(recommendation=choice)
        elif what == 14:
            doc.setdefault("tradeoffs", []).append(new_tradeoff(rng, len(doc.get("tradeoffs", [])) + rng.randint(10, 99)))
        elif what == 15 and doc.get("tradeoffs"):
            doc["tradeoffs"].remove(rng.choice(doc["tradeoffs"]))
        elif what == 16 and doc.get("tradeoffs"):
            rng.choice(doc["tradeoffs"])["id"] += "R"  # same question: the same decision, not one removed and one added


def new_tradeoff(rng: random.Random, n: int) -> dict:
    """A decision a second assessment puts on the table: two or three options, a recommended one or none."""
    question, names = rng.choice([
        ("Do we launch in the EU this quarter?", ["Launch now", "Wait for the audit", "Launch in one country, then expand"]),
        ("Which review process do we fund?", ["Human review of every flag", "Sampled review (10%)", "No extra review"]),
        ("How do we handle posts in other languages?", ["Translate, then score", "Route to people", "Do not score them"]),
    ])
    options = [{"id": chr(65 + i), "name": name} for i, name in enumerate(names[:rng.choice([2, 3])])]
    t = {"id": f"T{n}", "question": question, "options": options}
    if rng.random() < 0.7:
        t["recommendation"] = rng.choice(options)["id"]
    return t



def generated_pairs(tmp_path: Path, seeds):
    """(seed, OLD side, NEW side) for each seed whose random edits leave valid findings."""
    for seed in seeds:
        old = example(BASES[seed % len(BASES)])
        new = copy.deepcopy(old)
        random_edit(random.Random(seed), new)
        try:
            o, n = sides(tmp_path, old, new)
        except FindingsError:  # e.g. an edit the schema rejects; not a pair to compare
            continue
        yield seed, o, n


def mutated(brief, old: str, new: str) -> str:
    """The brief's JSON with `old` replaced by `new` in every sentence that says it (at least one)."""
    data = json.loads(render_json(brief))
    hits = 0
    for sec in data["sections"]:
        for s in sec["sentences"]:
            if old in s["text"]:
                s["text"] = s["text"].replace(old, new)
                hits += 1
    assert hits, f"{old!r} is not in the brief"
    return json.dumps(data)
