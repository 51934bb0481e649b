"""Offline briefs of documents with unusual shapes pass their own check: a finding id that reads
like a date ('2024-07'), options whose shared metric carries a different id on each option, and a
population ('United States') whose word 'states' the narrator also uses ('not yet been stated')."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.narrator import narrate
from engine.pipeline import render_bytes
from evals.faithfulness import check_brief, error_codes
from schemas.audience import load_profile
from schemas.loading import load_findings

DATA = Path(__file__).parent / "data" / "agree2"
DOCS = sorted(DATA.glob("*.yaml"))
AUDIENCES = ["executive", "legal", "product", "engineering"]


def _markdown(doc, brief) -> str:
    data = render_bytes(brief, doc, "md")
    return data.decode() if isinstance(data, bytes) else data


@pytest.mark.parametrize("path", DOCS, ids=[p.stem for p in DOCS])
def test_offline_briefs_pass_their_own_check(path):
    doc = load_findings(path)
    for audience in AUDIENCES:
        brief = narrate(doc, load_profile(audience))
        for checked in (brief, _markdown(doc, brief)):
            result = check_brief(doc, checked)
            assert result.passed, (audience, [(c.text, c.error) for c in result.claims if c.verdict != "supported"])


@pytest.mark.parametrize("name, old, new, code", [
    ("option_metrics_with_own_ids", "option A is 0.5 percentage points higher", "option A is 1.5 percentage points higher", "derived"),
    ("option_metrics_with_own_ids", "(4.1% against 3.6%)", "(4.4% against 3.6%)", "number"),
    ("finding_id_like_a_date", "due 1 February 2027", "due 1 March 2027", "number"),
    ("finding_id_like_a_date", "planned, not yet in place", "done and already in place", "status"),
    ("population_word_states", "on the Brazil (Portuguese) it is 54%", "on the Brazil (Portuguese) it is 68%", "slice"),
    ("population_word_states", "with Support AI as owner", "with the Speech team as owner", "extrinsic"),
])
def test_edits_are_still_caught(name, old, new, code):
    doc = load_findings(DATA / f"{name}.yaml")
    text = _markdown(doc, narrate(doc, load_profile("engineering")))
    assert old in text
    assert error_codes(check_brief(doc, text.replace(old, new, 1))) == [code]
