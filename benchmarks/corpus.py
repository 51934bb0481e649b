"""Findings documents for the batch benchmarks: variations of the three reference scenarios.

Each document is one of examples/*.yaml with a different system name,
version, owners, deadline and finding order, so every document has its own
content hash and input hash while staying a realistic, valid findings file.
"""

from __future__ import annotations

import copy
import random
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
TEAMS = ["Payments", "Growth", "Trust and Safety", "Search", "Care", "Risk", "Platform", "Data Science",
         "Retail", "Claims", "Onboarding", "Fraud"]


def _templates() -> list[dict]:
    from schemas.loading import load_findings

    return [load_findings(p).model_dump(mode="json", exclude_none=True) for p in EXAMPLES]


def variant(template: dict, index: int, rng: random.Random) -> dict:
    doc = copy.deepcopy(template)
    team = rng.choice(TEAMS)
    doc["system"]["name"] = f"{doc['system']['name']} for {team} #{index}"
    doc["system"]["version"] = f"{rng.randint(1, 9)}.{rng.randint(0, 20)}"
    if doc.get("context", {}).get("deadline"):
        doc["context"]["deadline"] = (date(2027, 1, 1) + timedelta(days=rng.randint(0, 300))).isoformat()
    for f in doc["findings"]:
        if f.get("owner"):
            f["owner"] = f"{team} {f['owner']}"
    if not doc.get("tradeoffs"):
        rng.shuffle(doc["findings"])
    return doc


def write_corpus(directory: str | Path, count: int, *, seed: int = 7) -> list[Path]:
    """`count` findings files in `directory` (YAML), the same files for the same seed."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    templates = _templates()
    paths = []
    for i in range(count):
        doc = variant(templates[i % len(templates)], i, rng)
        path = out / f"system-{i:05d}.yaml"
        path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    return paths
