"""Briefs written freely, the way a model writes them, for findings of fields the examples do not cover.

tests/data/written holds twelve findings documents (motor claim pricing, chest X-ray scanners, a code
assistant, a tutoring chatbot, a grid load forecaster, border e-gates, tenant complaint replies, wildfire
smoke alerts, a drug-interaction checker, contract clauses, crop disease, hotel pricing), two faithful briefs for each
(an executive one, and a legal, product or engineering one) with headings, tables, shorthand ratings
("(high, likely; open; owner: X)"), rounded and derived figures and every caveat, and EDITS_*.md:
one-error edits of the first brief of each, with the error each makes.

A faithful brief passes but for the sentences listed in KNOWN_FALSE_ALARMS, and every edit is caught
(a claim newly failing, or a caveat newly missing) but for those in KNOWN_MISSES; each entry says why
it is still read wrong. A new false alarm, or an edit no longer caught, fails; so does a listed miss
that is caught now (its entry is then out of date).
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
    ("claims_pricing.faithful1.md", "Sending every electric-vehicle claim to an adjuster"):
        "an option named by its description only: the multiple is set the other way round",
    ("contract_clauses.faithful1.md", "The hosted model provider keeps every prompt"):
        "'every prompt' for the slice 'prompts sent to the hosted model'",
    ("contract_clauses.faithful1.md", "The associate check of liability caps"):
        "a condition in a numbered list ('on three conditions:') read as a statement",
    ("contract_clauses.faithful2.md", "The hosted model provider retains every prompt"):
        "'every prompt' for the slice 'prompts sent to the hosted model'",
    ("crop_disease.faithful1.md", "We rate this high severity"):
        "'this' after a paragraph that names two findings",
    ("crop_disease.faithful2.md", "The app's advice for that class is to uproot"):
        "the slice's qualifier ('at 2026 prices') is in the next sentence",
    ("drug_interactions.faithful1.md", "Put the other way, it misses about one"):
        "a ratio of two miss rates, each the complement of a measured rate",
    ("drug_interactions.faithful1.md", "The pilot shows progress: pharmacists received"):
        "a relative cut between two counts the findings do not pair",
    ("drug_interactions.faithful2.md", "Planned fix: the Pharmacy Practice lead"):
        "a sentence that names the action's owner and, to tell them apart, the finding's",
    ("drug_interactions.faithful2.md", "Medication review by a pharmacist"):
        "'pharmacist' names the option here and a slice elsewhere",
    ("grid_load.faithful1.md", "The slowest 5% of intraday refreshes"):
        "the month of the measurement ('in March 2027') is left to the caveat",
    ("grid_load.faithful1.md", "Done: the weather feed is now signed"):
        "a list of done steps after a paragraph about another finding",
    ("hotel_pricing.faithful2.md", "Medium severity, possible, and accepted"):
        "'the coming week' is the action's own wording ('the next week'), read as a relative date",
    ("scanner_vendors.faithful1.md", "In a reader study, radiologists missed 7.5%"):
        "'images the detector had called negative' for 'images the detector marked negative'",
    ("scanner_vendors.faithful2.md", "Even the top of the Vendor C confidence interval"):
        "a gap from an interval's bound",
    ("smoke_alerts.faithful2.md", "Recall drops by 25 points in the valleys"):
        "the slice after 'in' is not taken as the subject of a change with no figure before it",
    ("tenant_replies.faithful1.md", "Allow the light-touch check only once"):
        "a condition ('only once ... are forced') read as a status",
}

# (brief, start of the edited text): why the error is not caught
KNOWN_MISSES = {
    ("claims_pricing.faithful1.md", "added to the estimator for the rural gap"): "a step moved to another finding's slice",
    ("scanner_vendors.faithful1.md", "about one nodule in five on a Vendor C image"): "a complement moved to another slice",
    ("scanner_vendors.faithful1.md", "It is open, with the Paediatric radiology"): "an invented step named 'the planned fix'",
    ("code_assistant.faithful1.md", "Python suggestions fared much better"): "'fared better' with one figure",
    ("code_assistant.faithful1.md", "Comparable C and C++ code written without"): "a baseline moved to a slice never measured",
    ("code_assistant.faithful1.md", "could leak to another team or end up in a pub"): "an invented incident with no figure or name",
    ("code_assistant.faithful1.md", "Both options are slower than today's 1,250 ms"): "options compared with a finding's figure",
    ("tutoring_chatbot.faithful1.md", "Across 400 test conversations, 36 disclosures"): "another finding's step as 'the planned fix'",
    ("tutoring_chatbot.faithful1.md", "Full answers also conflict with the partner s"): "a denial of an option's con",
    ("grid_load.faithful1.md", "and not one of the injections was caught"): "'every one was caught' against 0 of 20 in words",
    ("border_egates.faithful1.md", "cuts the false match rate for the darkest ski"):
        "a change between two options' figures, neither the other's baseline",
    ("border_egates.faithful1.md", "The Gate Systems engineering manager owns it,"): "an invented step named 'the mitigation'",
    ("border_egates.faithful1.md", "keeps the overall rate well inside the securi"): "a denial of an option's pro",
    ("tenant_replies.faithful1.md", "Those tenants wait longer and get poorer repl"): "a comparison with no figure",
    ("tenant_replies.faithful1.md", "and work to contain it has started"): "'fully contained' is no status word",
    ("tenant_replies.faithful1.md", "and nothing has been done about it yet"): "another finding's step as 'the planned fix'",
    ("smoke_alerts.faithful1.md", "It sits with the Head of Environmental Health"):
        "the action's owner named for the finding with 'sits with'",
    ("smoke_alerts.faithful1.md", "The Environmental Health Analytics manager ha"): "'still open' fits an accepted risk",
    ("smoke_alerts.faithful1.md", "a public advisory must go out whenever the me"): "a denial of a constraint",
    ("drug_interactions.faithful1.md", "12% of severe alerts were overridden"): "'all alerts' for 'severe alerts'",
    ("drug_interactions.faithful1.md", "Pharmacy Informatics lead; in progress"): "a status in a list after its owner",
    ("drug_interactions.faithful1.md", "Most of the misses involve a third drug."): "an invented step in a sentence's second clause",
    ("drug_interactions.faithful1.md", "real harm, and a regulatory investigation."): "an invented incident with no name",
    ("drug_interactions.faithful1.md", "costs nothing extra but leaves the gap open f"): "a denial of an option's con",
    ("contract_clauses.faithful1.md", "In the test, 174 of 600 scanned clauses were "): "a count moved to another slice",
    ("crop_disease.faithful1.md", "About three in five of the phones registered "): "a gloss moved to another slice",
    ("crop_disease.faithful1.md", "It is open; the Head of Agronomy Data owns it"): "another finding's step added to a clause",
    ("crop_disease.faithful1.md", "with no laboratory confirmation"): "a caveat's negation turned round",
    ("hotel_pricing.faithful1.md", "it is open, and the Head of Pricing is accoun"): "another finding's step added to a clause",
    ("hotel_pricing.faithful1.md", "so this could bring regulatory penalties as w"): "an invented investigation",
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
                marks = [pytest.mark.xfail(reason=KNOWN_MISSES[k], strict=True)
                         for k in KNOWN_MISSES if k[0] == brief and old.startswith(k[1])]
                out.append(pytest.param(brief, old, new, code, marks=marks, id=f"{brief.split('.')[0]}-{code}-{old[:24]}"))
    return out


def test_the_material_is_all_there():
    assert len(BRIEFS) == 24
    assert len(_edits()) >= 130


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


def test_a_table_row_reads_with_its_columns_names():
    from evals.faithfulness.text import markdown_blocks

    text = ("| Option | Severe interactions flagged | Cost a year |\n|---|---|---|\n"
            "| Both checkers side by side | 95% | $180,000 |\n\nAfter the table.\n\n| a | b |\n| c | d |\n")
    blocks = [p for _, p in markdown_blocks(text)]
    assert "Both checkers side by side; Severe interactions flagged: 95%; Cost a year: $180,000" in blocks
    # a header row itself, and rows of a table with no rule line, read as before
    assert "Option, Severe interactions flagged, Cost a year" in blocks
    assert "c, d" in blocks
