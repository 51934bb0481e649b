"""One population spelled two ways in a findings document ('the cards issued after 2020' and
'cards issued after 2020'): the offline briefs pass their own check, and edits are still caught."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.narrator import narrate
from engine.pipeline import render_bytes
from evals.faithfulness import check_brief, error_codes
from schemas.audience import load_profile
from schemas.loading import load_findings

DOC = Path(__file__).parent / "data" / "spellings" / "cards.yaml"


def _markdown(audience: str) -> str:
    doc = load_findings(DOC)
    data = render_bytes(narrate(doc, load_profile(audience)), doc, "md")
    return data.decode() if isinstance(data, bytes) else data


@pytest.mark.parametrize("audience", ["executive", "legal", "product", "engineering"])
def test_offline_briefs_pass_their_own_check(audience):
    doc = load_findings(DOC)
    brief = narrate(doc, load_profile(audience))
    for checked in (brief, _markdown(audience)):
        result = check_brief(doc, checked)
        assert result.passed, [(c.text, c.error) for c in result.claims if c.verdict != "supported"]


@pytest.mark.parametrize("old, new, code", [
    ("It is rated low-severity", "It is rated high-severity", "severity"),
    ("with the Payments team as owner", "with Fraud analytics as owner", "owner"),
    ("stands at 2.5% (1 in 40)", "stands at 3.5%", "number"),
])
def test_edits_to_the_second_finding_are_caught(old, new, code):
    text = _markdown("executive")
    assert old in text
    assert error_codes(check_brief(load_findings(DOC), text.replace(old, new))) == [code]
