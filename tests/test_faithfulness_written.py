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

    # round three
    ("card_fraud.faithful2.md", "The rules engine's false decline rate for this age group"):
        "'was not measured' said of a slice the findings never measured for the rules engine",
    ("card_fraud.faithful2.md", "The strict threshold would exceed the cap by 0.6 points"):
        "a gap from a limit the constraints state in words",
    ("card_fraud.faithful2.md", "Against 380 replayed card-testing bursts"):
        "a bracketed gloss of the slice ('runs of payments under $2') read as a metric's name",
    ("court_transcripts.faithful2.md", "More errors in certified transcripts; Rating"):
        "a risk table row under a heading that names no finding, aligned by its title words to another finding",
    ("court_transcripts.faithful2.md", "Faster transcripts come with a small rise in errors"):
        "'from machine drafts' and 'from manual drafts' for the findings' 'CourtScribe-drafted' and 'manually drafted'",
    ("court_transcripts.faithful2.md", "Hearings drafted by CourtScribe; All hearings"):
        "an option's name as a table column ('Carve-out for ... non-native witness hearings') read as a slice",
    ("court_transcripts.faithful2.md", "Transcriber hours saved per month (estimate)"):
        "an option's name as a table column read as a slice",
    ("warehouse_robots.faithful1.md", "Since Site facilities replaced the markers"):
        "'the zone D rate' with 'since ... replaced' for the slice 'after the markers were replaced'",
    ("warehouse_robots.faithful2.md", "Rated critical severity, possible likelihood"):
        "a rating line under a heading that names its finding by two words only",
    ("warehouse_robots.faithful2.md", "High severity, unlikely; mitigating"):
        "a rating line under a heading that names its finding by two words only",
    ("warehouse_robots.faithful2.md", "A penetration tester on a laptop"):
        "'that every one of the 240 robots accepted': robots accepting a command read as a risk accepted",
    ("warehouse_robots.faithful2.md", "Robots in zone D used to stop"):
        "'Robots in zone' fits the slice 'the whole robot fleet' better than zone D's, whose letter is no word",
    ("warehouse_robots.faithful2.md", "Site facilities replaced the markers"):
        "'the zone D rate is now' for the slice 'after the markers were replaced'",
    ("churn_offers.faithful1.md", "The model ranks customers with more than a year's tenure"):
        "'more than a year's tenure' for the findings' 'more than 12 months' tenure'",
    ("churn_offers.faithful1.md", "Agents keep deciding for first-year customers"):
        "a step named in a condition ('until the new first-year features are in') by few of its words",
    ("churn_offers.faithful2.md", "The only remedy on the table is still planned"):
        "'will test ... and remove' read as two statuses, future and done",
    ("churn_offers.faithful2.md", "Each retained customer cost $132"):
        "the same figure for a finding's slice and an option: the option's population is taken",
    ("churn_offers.faithful2.md", "Hybrid — the model for tenured customers"):
        "an option's description ('agents for first-year customers') read as a slice",
    ("churn_offers.faithful2.md", "Agents decide for everyone, as today"):
        "an option's description read as a slice",
    ("churn_offers.faithful2.md", "Approve the default only for a model version without"):
        "'without the transcript features' read as denying the finding's 'without a recorded notice'",
    ("fall_cameras.faithful1.md", "With the lights off, they detect 79%"):
        "the slice said before the figure in other words ('with the lights off')",
    ("fall_cameras.faithful1.md", "That is 15 points lower than in lit rooms"):
        "a gap from an interval's bound",
    ("fall_cameras.faithful1.md", "Stay with the 6 pilot homes until infrared"):
        "an option's name with a figure of its own ('6 pilot homes') read as a slice",
    ("fall_cameras.faithful2.md", "Stay with the 6 pilot homes: nothing changes"):
        "an option's name with a figure of its own read as a slice",
    ("fall_cameras.faithful2.md", "The recommended option gives up 20 staff hours"):
        "a gap between two options' figures with the other option named by what it does",
    ("mortgage_ocr.faithful1.md", "The fix, recalibrating the score on 2026 applications"):
        "a step of one finding offered as the way through another's decision",
    ("mortgage_ocr.faithful1.md", "The in-house fraud team submitted 40"):
        "'more than three in four' for 31 of 40, a share the findings give only as two counts",
    ("mortgage_ocr.faithful1.md", "Defer the switch-off until the recalibrated"):
        "a step of one finding offered as the way through another's decision",
    ("mortgage_ocr.faithful1.md", "Complete the accent-aware name matching"):
        "a step named in other words ('accent-aware name matching')",
    ("mortgage_ocr.faithful2.md", "Income accuracy is 98.6% on digital PDFs"):
        "'phone photos' for 'payslips photographed on a phone'",
    ("mortgage_ocr.faithful2.md", "The extracted name fails to match the application"):
        "'whose names include accents' for 'whose names carry accents'",
}

# (brief, start of the caveat): why the brief's own words for it are not recognised
KNOWN_MISSING_CAVEATS = {
    ("court_transcripts.faithful2.md", "Error rates are measured against certified transcripts"):
        "'judged against certified transcripts, which are not error-free themselves': two caveats in one sentence, "
        "each in other words",
    ("court_transcripts.faithful2.md", "Whether a witness is a native English speaker"):
        "'clerks, not the witnesses, recorded who was a native speaker'",
    ("warehouse_robots.faithful2.md", "The finding comes from a one-day penetration test"):
        "'the test lasted one day, and no one has yet looked through older network logs'",
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
    # round three
    ("card_fraud.faithful1.md", "and that could lead to complaints about unfair"): "an invented step in a sentence of its own with no owner or date",
    ("card_fraud.faithful1.md", "and the bank bears those losses along with th"): "an invented rule with no figure or name",
    ("card_fraud.faithful1.md", "The balanced threshold stays within the cap"): "a denial of a constraint",
    ("card_fraud.faithful1.md", "payments at merchants onboarded in the last 9"): "a gap's slice dropped, the gap kept",
    ("court_transcripts.faithful1.md", "0.8 points more"): "'fewer' for a rise in the share with errors",
    ("court_transcripts.faithful1.md", "is already running (Transcription Services, "): "an invented step in a sentence's second clause",
    ("court_transcripts.faithful1.md", "could be relied on in an appeal."): "an invented incident with no figure or name",
    ("court_transcripts.faithful1.md", "A certified transcriber would still correct a"): "a denial of the decision's own terms",
    ("court_transcripts.faithful1.md", "keeping the audio abroad may conflict with"): "'is in breach of' for a possible conflict",
    ("warehouse_robots.faithful1.md", "- The trial ran on day shifts only."): "the caveat is also told in the text above",
    ("warehouse_robots.faithful1.md", "where the planner does not slow down"): "a denial of what the summary says in words",
    ("warehouse_robots.faithful1.md", "Anyone on that network could send robots"): "a scope widened with no figure",
    ("fall_cameras.faithful1.md", "so a real fall can wait longer for help."): "an invented step in a sentence of its own with no owner or date",
    ("fall_cameras.faithful1.md", "Every resident is still seen at least every t"): "a denial of an option's terms",
    ("churn_offers.faithful1.md", "there is no record that they were told"): "a denial of the summary's 'without a recorded notice'",
    ("churn_offers.faithful1.md", "The gap appears to be driven by lower app and"): "a cause stated as certain",
    ("churn_offers.faithful1.md", "for 27% of customers in the training data"): "'all our customers' for the training data",
    ("mortgage_ocr.faithful1.md", "About one handwritten payslip in six is misre"): "a complement moved to another slice",
    ("mortgage_ocr.faithful1.md", "Tamper detection is outside the extractor's d"): "a denial of the summary's words",
    ("mortgage_ocr.faithful1.md", "Income fields scored 0.95 or higher are wrong"): "a threshold's slice dropped",
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
    assert len(BRIEFS) == 36
    assert len(_edits()) >= 200


@pytest.mark.parametrize("brief", BRIEFS, ids=[b.stem for b in BRIEFS])
def test_a_faithful_brief_passes_but_for_its_known_false_alarms(brief):
    result = check_brief(_doc(brief), brief.read_text(encoding="utf-8"), fmt="md")
    unexpected = [(c.error.value if c.error else c.verdict.value, c.text) for c in result.failing
                  if not _known(brief.name, c.text, KNOWN_FALSE_ALARMS)]
    assert unexpected == []
    assert [c for c in result.missing_caveats if not _known(brief.name, c, KNOWN_MISSING_CAVEATS)] == []


def test_every_listed_false_alarm_still_occurs():
    # a false alarm the checker no longer raises is out of date in the list
    raised = set()
    for brief in BRIEFS:
        result = check_brief(_doc(brief), brief.read_text(encoding="utf-8"), fmt="md")
        raised |= {k for k in KNOWN_FALSE_ALARMS for c in result.failing if k[0] == brief.name and c.text.startswith(k[1])}
        raised |= {k for k in KNOWN_MISSING_CAVEATS for c in result.missing_caveats if k[0] == brief.name and c.startswith(k[1])}
    assert sorted(set(KNOWN_FALSE_ALARMS) | set(KNOWN_MISSING_CAVEATS)) == sorted(raised)


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
