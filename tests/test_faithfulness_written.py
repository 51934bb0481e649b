"""Briefs written freely, the way a model writes them, for findings of fields the examples do not cover.

tests/data/written holds six findings documents (motor claim pricing, chest X-ray scanners, a code
assistant, a tutoring chatbot, a grid load forecaster, border e-gates), two faithful briefs for each
(an executive one, and a legal, product or engineering one) with headings, tables, shorthand ratings
("(high, likely; open; owner: X)"), rounded and derived figures and every caveat, and EDITS_*.md:
one-error edits of the first brief of each, with the error each makes.

A faithful brief passes but for the sentences listed in KNOWN_FALSE_ALARMS, and every edit is caught
(a claim newly failing, or a caveat newly missing) but for those in KNOWN_MISSES; each entry says why
it is still read wrong. A new false alarm, or an edit no longer caught, fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.faithfulness import check_brief
from schemas.loading import load_findings

WRITTEN = Path(__file__).parent / "data" / "written"
BRIEFS = sorted(WRITTEN.glob("*.faithful*.md"))

# (brief, start of the sentence): why the checker still fails it
KNOWN_FALSE_ALARMS = {
    ("border_egates.faithful2.md", "The stricter threshold would bring"):
        "two changes from one option to the other in one sentence: the second change's slice is taken for the first's",
    ("claims_pricing.faithful1.md", "In a load test, the slowest 5%"):
        "'a load test' for the 'mobile app load test' the paragraph's heading named",
    ("claims_pricing.faithful1.md", "Every EV claim handled by an adjuster, 3%, 540"):
        "a table row is read without its header, so the option's own description is taken for another metric's name",
    ("claims_pricing.faithful1.md", "Sending every electric-vehicle claim to an adjuster"):
        "the option is named by its description only, so the multiple is set the other way round",
    ("code_assistant.faithful2.md", "Of the two scan scopes on the table"):
        "a gap against today's latency, a metric of a finding, from an option's figure",
    ("code_assistant.faithful2.md", "The filter for these is already in place"):
        "two actions, one done and one in progress, in one sentence: the first's status is read for the second",
    ("grid_load.faithful1.md", "The slowest 5% of intraday refreshes"):
        "the month of the measurement ('in March 2027') is left to the caveat",
    ("grid_load.faithful1.md", "Done: the weather feed is now signed"):
        "a list of done steps after a paragraph about another finding: the step is taken as that finding's",
    ("scanner_vendors.faithful1.md", "In a reader study, radiologists missed 7.5%"):
        "'images the detector had called negative' for 'images the detector marked negative'",
    ("scanner_vendors.faithful2.md", "Even the top of the Vendor C confidence interval"):
        "a gap from an interval's bound is not among the gaps the findings give",
}

# (brief, start of the edited text): why the error is not caught
KNOWN_MISSES = {
    ("claims_pricing.faithful1.md", "added to the estimator for the rural gap"):
        "a step moved to another finding, named only by its gap's slice",
    ("scanner_vendors.faithful1.md", "about one nodule in five on a Vendor C image"):
        "a complement said as 'one in five' of another slice",
    ("scanner_vendors.faithful1.md", "It is open, with the Paediatric radiology lead as owner."):
        "an invented step named as 'the planned fix' beside a real owner",
    ("code_assistant.faithful1.md", "Python suggestions fared much better"):
        "'fared better' with one figure: what it is compared with is left unsaid",
    ("code_assistant.faithful1.md", "Comparable C and C++ code written without"):
        "a baseline moved to another language, which the findings never measured",
    ("code_assistant.faithful1.md", "could leak to another team or end up in a public repository."):
        "an invented incident in words with no figure and no name",
    ("code_assistant.faithful1.md", "Both options are slower than today's 1,250 ms."):
        "options compared with a finding's figure",
    ("tutoring_chatbot.faithful1.md", "Across 400 test conversations, 36 disclosures"):
        "another finding's step named as 'the planned fix' after a clause about this one",
    ("tutoring_chatbot.faithful1.md", "Full answers also conflict with"):
        "a denial of an option's con",
    ("grid_load.faithful1.md", "and not one of the injections was caught"):
        "'every one was caught' against a detection count of 0 of 20 in the summary's words",
    ("border_egates.faithful1.md", "cuts the false match rate for the darkest skin tones"):
        "a change between two options' figures, neither of them the other's baseline",
    ("border_egates.faithful1.md", "The Gate Systems engineering manager owns it, and it is being mitigated."):
        "an invented step named as 'the mitigation'",
    ("border_egates.faithful1.md", "keeps the overall rate well inside the security policy's 0.1% limit"):
        "a denial of an option's pro",
}


def _doc(brief: Path):
    return load_findings(WRITTEN / f"{brief.name.split('.')[0]}.yaml")


def _known(brief: str, text: str, table: dict) -> bool:
    return any(b == brief and text.startswith(start) for b, start in table)


def _edits() -> list:
    out = []
    for path in sorted(WRITTEN.glob("EDITS_*.md")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = [p.strip() for p in line.split("|")]
            if len(parts) == 4 and parts[0].endswith(".md"):
                brief, old, new, code = parts
                marks = [pytest.mark.xfail(reason=KNOWN_MISSES[k], strict=False)
                         for k in KNOWN_MISSES if k[0] == brief and old.startswith(k[1])]
                out.append(pytest.param(brief, old, new, code, marks=marks, id=f"{brief.split('.')[0]}-{code}-{old[:24]}"))
    return out


def test_the_material_is_all_there():
    assert len(BRIEFS) == 12
    assert len(_edits()) >= 60


@pytest.mark.parametrize("brief", BRIEFS, ids=[b.stem for b in BRIEFS])
def test_a_faithful_brief_passes_but_for_its_known_false_alarms(brief):
    result = check_brief(_doc(brief), brief.read_text(encoding="utf-8"), fmt="md")
    unexpected = [(c.error.value if c.error else c.verdict.value, c.text) for c in result.failing
                  if not _known(brief.name, c.text, KNOWN_FALSE_ALARMS)]
    assert unexpected == []
    assert result.missing_caveats == []


@pytest.mark.parametrize(("brief", "old", "new", "code"), _edits())
def test_a_single_error_edit_is_caught(brief, old, new, code):
    doc = _doc(WRITTEN / brief)
    text = (WRITTEN / brief).read_text(encoding="utf-8")
    assert text.count(old) == 1
    before = check_brief(doc, text, fmt="md")
    after = check_brief(doc, text.replace(old, new), fmt="md")
    newly = [c for c in after.failing if c.text not in {b.text for b in before.failing}]
    dropped = set(after.missing_caveats) - set(before.missing_caveats)
    assert newly or dropped, f"expected a {code} error to be caught"
