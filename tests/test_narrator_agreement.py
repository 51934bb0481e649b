"""The offline narrator and the faithfulness checker agree on documents neither was written for.

Documents come from the benchmark's seeded generator (varied systems, metrics, units,
slices, owners and statuses), from the practice bank, from the freely written documents of
tests/data/written and from tests/data/fresh_docs (rich documents written without the narrator in
mind: long populations with commas and years, option ids in words, zero-valued options, several
trade-offs); every brief, as JSON and as Markdown, must pass the gate.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.narrator import narrate
from engine.render.markdown import render_markdown
from evals.bench.docs import generate, to_document
from evals.faithfulness import check_brief
from schemas.audience import load_profile
from schemas.loading import load_findings

AUDIENCES = ["executive", "legal", "product", "engineering"]
BANK = sorted((Path(__file__).resolve().parent.parent / "prompts" / "practice" / "findings").glob("*.yaml"))
DATA = Path(__file__).resolve().parent / "data"
WRITTEN = sorted([*(DATA / "fresh_docs").glob("*.yaml"), *(DATA / "written").glob("*.yaml")])


def _failures(doc) -> list[str]:
    out = []
    for a in AUDIENCES:
        brief = narrate(doc, load_profile(a))
        for form, subject in (("json", brief), ("md", render_markdown(brief))):
            result = check_brief(doc, subject)
            if not result.passed:
                bad = [f"{c.error.value}: {c.text}" for c in result.failing] + [f"caveat: {c}" for c in result.missing_caveats]
                out.append(f"{a}/{form}: {bad[:3]}")
    return out


@pytest.mark.parametrize("seed", [3, 29])
def test_generated_documents(seed):
    failures = {}
    for spec in generate(seed, 25):
        doc = to_document(spec)
        if bad := _failures(doc):
            failures[doc.system.name] = bad
    assert not failures, failures


@pytest.mark.parametrize("path", BANK, ids=[p.stem for p in BANK])
def test_practice_bank_documents(path):
    assert _failures(load_findings(path)) == []


@pytest.mark.parametrize("path", WRITTEN, ids=[f"{p.parent.name}/{p.stem}" for p in WRITTEN])
def test_documents_written_without_the_narrator_in_mind(path):
    assert _failures(load_findings(path)) == []
