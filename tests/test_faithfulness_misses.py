"""Claims the checker let through although the findings contradict them: options whose figures are
also finding metrics swapped, an action's owner named as the finding's, overgeneralisations over
slices, denials of what a finding counts, and slices named by a close variant of the findings' words.
Each case is a sentence checked on its own or as an edit of an offline brief."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.pipeline import generate_brief, render_bytes
from evals.faithfulness import numbers as nums
from evals.faithfulness.caveats import caveat_coverage
from evals.faithfulness.harness import check_brief
from evals.faithfulness.index import index_for
from schemas.findings import FindingsDocument
from schemas.loading import load_findings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GAPS = ROOT / "tests" / "data" / "gaps"
MISSES = ROOT / "tests" / "data" / "misses"


def _failing(doc, text: str) -> list[str]:
    """The error codes of the claims of text that are not supported (caveats are not the point here)."""
    return [c.error.value for c in check_brief(doc, text, fmt="text", memo=False).claims if c.error]


def _md(doc, audience: str = "executive") -> str:
    data = render_bytes(generate_brief(doc, audience), doc, "md")
    return data.decode() if isinstance(data, bytes) else data


def _edited(doc, md: str, old: str, new: str) -> list[str]:
    assert old in md, old
    assert check_brief(doc, md, fmt="md").passed
    return [c.error.value for c in check_brief(doc, md.replace(old, new, 1), fmt="md").claims if c.error]


# --------------------------------------------------------------------- options whose figures are finding metrics too

# credit.yaml: option A (gradient-boosted ensemble) 86% accuracy, option B (scorecard) 84%; F1 measures the
# same two figures as acc_a and acc_b. The findings recommend B.
CREDIT = [
    ("Option A has accuracy of 84%.", ["slice"]),
    ("Option B reaches 86% accuracy and option A 84%.", ["slice"]),
    ("The scorecard reaches 86% accuracy.", ["slice"]),
    ("We recommend the gradient-boosted ensemble.", ["slice"]),
    ("The recommendation is the gradient-boosted ensemble.", ["slice"]),
    ("We would go with the gradient-boosted ensemble.", ["slice"]),
    # the same facts the right way round, and a denial
    ("Option B has accuracy of 84%.", []),
    ("Option A reaches 86% accuracy and option B 84%.", []),
    ("The gradient-boosted ensemble reaches 86% accuracy.", []),
    ("The gradient-boosted ensemble is 2 points more accurate, 86% against 84%.", []),
    ("We recommend the scorecard.", []),
    ("The gradient-boosted ensemble has accuracy of 86% (n = 40,000) on 2025 holdout applications, against 84% (n = 40,000) "
     "for the scorecard.", []),
    ("Choosing the scorecard over the gradient-boosted ensemble costs 2 points of accuracy (84% instead of 86%).", []),
    ("We do not recommend the gradient-boosted ensemble.", []),
]


@pytest.fixture(scope="module")
def credit():
    return load_findings(EXAMPLES / "credit.yaml")


@pytest.mark.parametrize(("text", "codes"), CREDIT)
def test_an_option_named_by_letter_or_name_keeps_its_own_figures_and_recommendation(credit, text, codes):
    assert _failing(credit, text) == codes


@pytest.mark.parametrize(("old", "new"), [
    ("option A (86%) is 2 percentage points higher than option B (84%)",
     "option A (84%) is 2 percentage points higher than option B (86%)"),
    ("The recommendation is option B, the scorecard:", "The recommendation is the gradient-boosted ensemble:"),
])
def test_swapping_the_options_in_the_offline_trade_off_brief_fails(credit, old, new):
    md = _md(credit)
    assert _edited(credit, md, old, new) == ["slice"]


# --------------------------------------------------------------------- the owner of an action is not the finding's

# fraud.yaml: F1 (false declines abroad) is owned by Customer operations, its passcode step by Payments Risk;
# F2 (fraud at new merchants) by Payments Risk, its payout hold by Finance.
FRAUD_OWNERS = [
    ("False declines abroad are owned by Payments Risk.", ["owner"]),
    ("Fraud caught on new merchants is owned by Finance.", ["owner"]),
    ("False declines abroad are owned by Customer operations.", []),
    ("Fraud caught on new merchants is owned by Payments Risk.", []),
    ("Payments Risk owns the passcode step.", []),
    ("Payments Risk owns the mitigation for false declines abroad.", []),
    ("The passcode work is owned by Payments Risk.", []),
]


@pytest.mark.parametrize(("text", "codes"), FRAUD_OWNERS)
def test_owned_by_names_the_owner_of_the_finding(text, codes):
    assert _failing(load_findings(GAPS / "fraud.yaml"), text) == codes


def test_owned_by_an_action_owner_fails_as_an_edit_of_the_offline_brief():
    doc = load_findings(GAPS / "fraud.yaml")
    md = _md(doc)
    old = "It is open, with Customer operations as owner."
    assert _edited(doc, md, old, "It is open and owned by Payments Risk.") == ["owner"]
    assert _edited(doc, md, old, "Payments Risk owns the mitigation.") == []


# --------------------------------------------------------------------- claims over every (or most) slices

# helpdesk.yaml: p95 reply time (lower is better) 2.1 s North America, 2.6 s Latin America, 3.4 s Europe,
# 4.8 s Asia-Pacific, against a 3 s target. screening.yaml: shortlist rate ratio 0.74, 0.78, 0.86, 0.92
# against the 0.8 four-fifths threshold. dialects.yaml: word error rate better for Spanish and Hindi,
# worse for Welsh and Basque than the last release.
OVER_SLICES = [
    ("helpdesk", "Reply times meet the target in every region.", ["direction"]),
    ("helpdesk", "Every region meets the 3 s target.", ["direction"]),
    ("helpdesk", "Reply times meet the target in most regions.", ["direction"]),
    ("helpdesk", "The p95 reply time is under 4 s in every region.", ["direction"]),
    ("helpdesk", "No region meets the target.", ["direction"]),
    ("helpdesk", "Across the board, reply times exceed the target.", ["direction"]),
    ("screening", "The shortlist rate ratio falls below the threshold in most groups.", ["direction"]),
    ("screening", "Every group clears the four-fifths threshold.", ["direction"]),
    ("screening", "No group falls below the four-fifths threshold.", ["direction"]),
    ("screening", "The shortlist rate ratio is below 0.8 for every group.", ["direction"]),
    ("dialects", "Word error rate improves in every language.", ["direction"]),
    ("dialects", "Word error rate falls in most languages.", ["direction"]),
    ("dialects", "Word error rate is below 15% in every language.", ["direction"]),
    ("transcribe", "Word error rate is below 10% in every group.", ["direction"]),
    # what the slices bear out, and what they are too few to settle
    ("helpdesk", "The p95 reply time is under 5 s in every region.", []),
    ("helpdesk", "Not every region meets the target.", []),
    ("screening", "The shortlist rate ratio is above 0.7 for every group.", []),
    ("screening", "No group has a shortlist rate ratio below 0.7.", []),
    ("dialects", "Word error rate is below 20% in every language.", []),
    # release 6.4's figures are what release 7.0 is measured against, not slices of their own
    ("dialects", "Word error rate is below 12% in three of the four languages.", ["number"]),
    ("transcribe", "Word error rate is below 20% in every group.", []),
    ("transcribe", "Word error rate is above 10% in most groups.", []),
    ("transcribe", "No accent group has a word error rate above 16%.", []),
    ("sentiment", "Accuracy is above 60% on every slice.", []),
]


def _load(name: str):
    for folder in (MISSES, GAPS, EXAMPLES):
        if (folder / f"{name}.yaml").exists():
            return load_findings(folder / f"{name}.yaml")
    raise FileNotFoundError(name)


def test_an_overgeneralisation_fails_as_an_edit_of_the_offline_brief():
    doc = _load("helpdesk")
    md = _md(doc, "product")
    lines = md.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("**"))
    edited = "\n".join([*lines[: head + 1], "", "Reply times meet the target in most regions.", *lines[head + 1:]])
    result = check_brief(doc, edited, fmt="md")
    assert [c.error.value for c in result.claims if c.error] == ["direction"]
    kept = "\n".join([*lines[: head + 1], "", "The p95 reply time is under 5 s in every region.", *lines[head + 1:]])
    assert check_brief(doc, kept, fmt="md").passed


# --------------------------------------------------------------------- denials of what a finding counts

DENIALS = [
    ("transcribe", "No transcripts contain card numbers.", ["negation"]),
    ("transcribe", "None of the transcripts contain a card number.", ["negation"]),
    ("transcribe", "Not a single transcript contained a card number.", ["negation"]),
    ("helpdesk", "No customer was affected.", ["negation"]),
    ("helpdesk", "Customers were not affected.", ["negation"]),
    ("helpdesk", "None of the replies leaked customers' personal data.", ["negation"]),
    # conditions, time after a fix, another slice, or another thing: not judged
    ("transcribe", "No transcripts contain card numbers once masking is in place.", []),
    ("helpdesk", "No personal data is logged.", []),
    ("helpdesk", "Personal data was not encrypted.", []),
]


def test_a_denial_the_findings_bear_out_passes():
    doc = _load("helpdesk")
    data = doc.model_dump(mode="json", exclude_none=True)
    data["findings"][1]["metrics"][1]["value"] = 0
    zero = type(doc).model_validate(data)
    assert _failing(zero, "No customer was affected.") == []
    assert _failing(doc, "No customer was affected.") == ["negation"]


# --------------------------------------------------------------------- slices named by a close variant

VARIANTS = [
    ("sentiment", "Accuracy is 90% on short-sarcastic social posts.", ["slice"]),
    ("sentiment", "Accuracy is 90% on Short-Sarcastic social-posts.", ["slice"]),
    ("sentiment", "Accuracy is 90% on social posts that are short and sarcastic.", ["slice"]),
    ("sentiment", "Short-sarcastic posts are classified more accurately than the balanced test set.", ["direction"]),
    ("loans", "The approval rate is 61% for men owned businesses.", ["slice"]),
    ("loans", "The approval rate is 74% for Women Owned Businesses.", ["slice"]),
    ("helpdesk", "The p95 reply time is 2.1 s for chats from Asia Pacific.", ["slice"]),
    ("helpdesk", "The p95 reply time is 2.1 s for chats from asia-pacific.", ["slice"]),
    # the same variants with their own figures, and a slice the findings never name
    ("sentiment", "Accuracy is 65% on short-sarcastic social posts.", []),
    ("loans", "The approval rate is 61% for Women Owned Businesses.", []),
    ("helpdesk", "The p95 reply time is 4.8 s for chats from Asia Pacific.", []),
    ("sentiment", "Accuracy is 90% on long posts.", []),
]


# --------------------------------------------------------------------- found on the new findings documents

# ranking.yaml: options A (transformer, 180 ms, NDCG 0.61) and B (gradient-boosted, 95 ms, 0.57) whose
# figures are also K1's and K2's metrics on "queries ranked by model A/B"; K1 is owned by Site Reliability,
# the system and K1's action by Search Relevance. claims.yaml: median days to payment 9 in manual review,
# 2 on the fast track, in a document with two findings.
FOUND = [
    ("ranking", "On p99 latency, option A is 85 ms higher than option B (95 ms against 180 ms), so behind.", ["slice"]),
    ("ranking", "The gradient-boosted ranker answers in 180 ms at p99.", ["slice"]),
    ("ranking", "We recommend the transformer ranker.", ["slice"]),
    ("ranking", "The transformer ranker is slower than the page budget allows; it is owned by Search Relevance.", ["owner"]),
    ("claims", "Claims wait a median 2 days in manual review.", ["slice"]),
    ("claims", "No fraudulent claims were paid.", ["negation"]),
    # exceptions, counts of slices, and changes from one release to the next (dialects.yaml)
    ("dialects", "Word error rate improved in every language but Welsh.", ["direction"]),
    ("dialects", "Word error rate got worse in three of the four languages.", ["number"]),
    ("helpdesk", "Reply times miss the target in 3 of 4 regions.", ["number"]),
    ("dialects", "Welsh word error rate fell from 11.0% to 14.2%.", ["direction"]),
    ("dialects", "Welsh word error rate fell from 14.2% to 11.0%.", ["direction"]),
    ("dialects", "Spanish word error rate improved from 6.1% to 7.4%.", ["direction"]),
    # one slice against the target the findings measure
    ("screening", "The shortlist rate ratio for applicants over 50 clears the four-fifths threshold.", ["direction"]),
    ("helpdesk", "The p95 reply time for chats from Europe meets the target.", ["direction"]),
    ("agent", "The p95 response time is within the target.", ["direction"]),
    ("screening", "Only applicants educated abroad clear the four-fifths threshold.", ["direction"]),
    ("helpdesk", "Chats from Europe meet the service target.", ["direction"]),
    ("helpdesk", "North America and Europe miss the target.", ["direction"]),
    ("helpdesk", "Only Europe misses the target.", ["direction"]),
    # a bound word turned round in a slice's name
    ("screening", "The shortlist rate ratio is 0.74 for applicants under 50.", ["slice"]),
    ("triage", "Urgent cases are missed 9% of the time for patients under 75.", ["slice"]),
    # the right way round
    ("screening", "The shortlist rate ratio is 0.74 for applicants over 50.", []),
    ("screening", "Applicants over 50 fall below the four-fifths threshold.", []),
    ("helpdesk", "Chats from Europe miss the service target.", []),
    ("helpdesk", "Only Europe and Asia Pacific miss the target.", []),
    # slices set against the target are not compared with each other
    ("screening", "Applicants over 50 and women fall below the four-fifths threshold.", []),
    ("helpdesk", "Asia-Pacific misses the target.", []),
    ("helpdesk", "The p95 reply time for chats from Latin America meets the target.", []),
    ("screening", "The shortlist rate ratio for applicants educated abroad clears the four-fifths threshold.", []),
    ("dialects", "Word error rate improved in every language except Welsh and Basque.", []),
    ("dialects", "Word error rate got worse in two of the four languages.", []),
    ("helpdesk", "Reply times miss the target in 2 of the 4 regions.", []),
    ("dialects", "Welsh word error rate rose from 11.0% to 14.2%.", []),
    ("dialects", "Spanish word error rate improved from 7.4% to 6.1%.", []),
    ("dialects", "Welsh word error rate ranges from 14.2% to 11.0% across releases.", []),
    ("sentiment", "Accuracy rises from 65% on short sarcastic posts to 90% on the balanced test set.", []),
    ("ranking", "On p99 latency, option A is 85 ms higher than option B (180 ms against 95 ms), so behind.", []),
    ("ranking", "The transformer ranker is slower than the page budget allows; it is owned by Site Reliability.", []),
    ("claims", "Claims wait a median 9 days in manual review.", []),
    ("claims", "Fast-tracked claims are paid in a median 2 days.", []),
]


# --------------------------------------------------------------------- a finding named by one word of its own

# A rating or a status said of a finding named by one word no other finding uses ("timeouts" only in
# S1 of peak_search.yaml, high and mitigating; S2, the ranking model, is low and open) is judged
# against that finding, not against the finding of the sentence before, nor against any finding at all.
ONE_WORD = [
    ("peak_search", "The timeout problem is low severity.", ["severity"]),
    ("peak_search", "The new ranking model raises click-through by 1.2 points. The timeout problem is low severity.",
     ["severity"]),
    ("peak_search", "The peak-hour timeouts are resolved.", ["status"]),
    ("peak_search", "The click-through finding is a high-severity risk.", ["severity"]),
    ("helpdesk", "Some replies leak personal data. The slow replies are high severity.", ["severity"]),
    ("helpdesk", "The privacy problem is a medium-severity one.", ["severity"]),
    # the same, said right
    ("peak_search", "The new ranking model raises click-through by 1.2 points. The timeout problem is high severity.",
     []),
    ("peak_search", "The timeout problem is being mitigated.", []),
    ("helpdesk", "Some replies leak personal data. The slow replies are medium severity.", []),
    # rating words name no finding ("critical" in one summary); nor does a word of another matter
    ("agent", "Nobody is on call for the agent. We rate that critical and likely.", []),
    ("helpdesk", "No personal data is logged.", []),
]


# --------------------------------------------------------------------- owners and ratings said in shorthand

# agent.yaml: F1 is owned by the Head of Digital Support, its action by Digital Support operations; F3 by
# the Digital Support engineering lead: three roles of one team, none of them another. F1 is critical and
# likely, F2 high and possible. holiday_fraud.yaml: the rules for new categories are Fraud operations'
# action on D2, owned by the Fraud modelling lead; peak_search.yaml: caching is Search Platform's.
SHORTHAND = [
    ("agent", "F1 (critical, likely; open; owner: Digital Support engineering lead): there is no incident playbook.",
     ["owner"]),
    ("agent", "F1 is owned by the Digital Support engineering lead.", ["owner"]),
    ("agent", "F2 (low, possible; being mitigated; owner: Security engineering lead): prompt injection made the "
              "agent attempt an action outside its allowed list.", ["severity"]),
    ("agent", "Nobody is on call for the agent; the finding is low and likely.", ["severity"]),
    ("holiday_fraud", "Fraud modelling lead is adding rules for the five new categories with the most losses, "
                      "due 5 December 2026.", ["owner"]),
    ("peak_search", "- Cache the top 10,000 queries (Ranking team lead; in progress; due 31 January 2027).", ["owner"]),
    # the same, said right; the team for one of its roles; one who watches over an action is no owner of it
    ("agent", "F1 (critical, likely; open; owner: Head of Digital Support): there is no incident playbook.", []),
    ("agent", "F1 is owned by Digital Support.", []),
    ("agent", "F2 (high, possible; being mitigated; owner: Security engineering lead): prompt injection made the "
              "agent attempt an action outside its allowed list.", []),
    ("agent", "Nobody is on call for the agent. We rate that critical and likely.", []),
    ("holiday_fraud", "Fraud operations is adding rules for the five new categories with the most losses, "
                      "due 5 December 2026.", []),
    ("holiday_fraud", "The Head of Payments Risk is tracking the new rules for the five new categories.", []),
    ("peak_search", "- Cache the top 10,000 queries (Search Platform; in progress; due 31 January 2027).", []),
    # "likely because" gives a cause, not a likelihood
    ("agent", "Answers are slow in the pilot, likely because of load.", []),
    # procurement_agent.yaml: A1 is the Finance Automation lead's, A2 the Head of Finance Automation's, and
    # both actions Finance Automation's: two roles of one team are two owners
    ("procurement_agent", "A1 (high, possible, being mitigated; owner: Head of Finance Automation).", ["owner"]),
    ("procurement_agent", "A2 (critical, unlikely, open; owner: Finance Automation lead).", ["owner"]),
    ("procurement_agent", "A1 is owned by the Head of Finance Automation.", ["owner"]),
    ("procurement_agent", "A1 (high, possible, being mitigated; owner: Finance Automation lead).", []),
    ("procurement_agent", "A2 (critical, unlikely, open; owner: Head of Finance Automation).", []),
    ("procurement_agent", "A1 is owned by Finance Automation.", []),
    # who runs the system itself (er_triage: Clinical AI; cv_screening: Talent Acquisition Analytics)
    ("er_triage", "The emergency triage assistant (version 2.3), owned by Clinical Safety Officer, suggests an urgency "
                  "level for patients.", ["owner"]),
    ("cv_screening", "Assessment product manager runs the CV screening model (version 3.2), which ranks job "
                     "applications for recruiter review.", ["owner"]),
    ("comment_moderation", "The comment moderation classifier (version 11), run by Trust and Safety operations, hides "
                           "abusive comments before they are published.", ["owner"]),
    ("er_triage", "The emergency triage assistant (version 2.3), owned by Clinical AI, suggests an urgency level for "
                  "patients.", []),
    ("cv_screening", "Talent Acquisition Analytics runs the CV screening model (version 3.2), which ranks job "
                     "applications for recruiter review.", []),
    ("agent", "Security engineering lead owns the agent takes unapproved actions in red-team tests finding.", []),
]


# --------------------------------------------------------------------- gaps and changes said of one figure

# peak_search.yaml: p99 at peak 2,400 ms against a 1,000 ms budget; option NEW 1,900 ms against OLD's
# 2,400 ms; click-through change +1.2 points; compute per query 3.1x. holiday_fraud.yaml: false declines
# 0.4% in November (the baseline), 1.1% in December.
GAPS_SAID = [
    ("peak_search", "On A/B test traffic click-through falls by 1.2 percentage points.", ["direction"]),
    ("peak_search", "Compute per query is 3.1 times lower.", ["direction"]),
    ("peak_search", "The new ranking model with a smaller candidate set brings p99 to 1,900 ms, 500 ms higher.",
     ["direction"]),
    ("peak_search", "At peak hours p99 latency is 2,400 ms against a 1,000 ms budget, 1,400 ms under budget.",
     ["direction"]),
    ("holiday_fraud", "The false decline rate rose from 0.4% of legitimate payments in November to 1.1% in December, "
                      "a decrease of 0.7 percentage points.", ["direction"]),
    # the right way round
    ("peak_search", "On A/B test traffic click-through rises by 1.2 percentage points.", []),
    ("peak_search", "Compute per query is 3.1 times higher.", []),
    ("peak_search", "The new ranking model with a smaller candidate set brings p99 to 1,900 ms, 500 ms lower.", []),
    ("peak_search", "At peak hours p99 latency is 2,400 ms against a 1,000 ms budget, 1,400 ms over budget, or 2.4 "
                    "times the budget.", []),
    ("holiday_fraud", "The false decline rate rose from 0.4% of legitimate payments in November to 1.1% in December, "
                      "an increase of 0.7 percentage points.", []),
    ("holiday_fraud", "In December the false decline rate is 1.1%, against 0.4% in November, a rise of 0.7 points.", []),
    # an option said to meet or miss the target its own pros and cons speak of (policy_assistant.yaml:
    # FULL "Meets the ticket target", HRONLY "Misses the ticket target")
    ("policy_assistant", "Launching HR policy only (option HRONLY) cuts tickets by an expected 22%, and meets the "
                         "target.", ["direction"]),
    ("policy_assistant", "Option FULL misses the ticket target.", ["direction"]),
    ("policy_assistant", "Launching HR policy only (option HRONLY) cuts tickets by an expected 22%, and misses the "
                         "target.", []),
    ("policy_assistant", "Launching all policies to all employees (option FULL) is expected to cut HR tickets by 35%, "
                         "which meets the target.", []),
    # a figure with a decimal point counts nothing (cv_screening.yaml has two findings: "2" is a count)
    ("cv_screening", "Women are shortlisted at 0.74 times the rate of men, below the four-fifths benchmark of 2.0.",
     ["extrinsic"]),
    ("cv_screening", "Women are shortlisted at 0.74 times the rate of men, below the four-fifths benchmark of 0.8.", []),
]


# Each table: (findings document, sentence, the codes its claims fail with).
TABLES = {"over_slices": OVER_SLICES, "denials": DENIALS, "variants": VARIANTS, "found": FOUND, "one_word": ONE_WORD,
          "shorthand": SHORTHAND, "gaps": GAPS_SAID}


@pytest.mark.parametrize(("name", "text", "codes"), [
    pytest.param(*case, id=f"{table}-{i}") for table, cases in TABLES.items() for i, case in enumerate(cases)])
def test_each_sentence_fails_with_its_codes_or_passes(name, text, codes):
    assert _failing(_load(name), text) == codes


# --------------------------------------------------------------------- a finding id that is a status word

def test_a_finding_id_that_is_a_status_word_is_a_name_not_a_status():
    from schemas.findings import FindingsDocument

    doc = FindingsDocument.model_validate({
        "schema_version": 1, "system": {"name": "dashboard"},
        "findings": [{"id": "RESOLVED", "title": "Stale figures on the dashboard", "category": "performance",
                      "summary": "The dashboard shows figures a day old.", "status": "open", "owner": "Data Platform"}]})
    for audience in ("executive", "legal", "product", "engineering"):
        assert check_brief(doc, _md(doc, audience), fmt="md").passed, audience
    assert _failing(doc, "Finding RESOLVED is open.") == []
    assert _failing(doc, "Finding RESOLVED (stale figures on the dashboard) is resolved.") == ["status"]


# --------------------------------------------------------------------- an option put ahead or behind

LEADS = [
    ("On accuracy, option A (86%) is 2 percentage points higher than option B (84%), so option A is ahead.", []),
    ("On accuracy, option A (86%) is 2 percentage points higher than option B (84%), so option A is behind.", ["direction"]),
    ("On accuracy, option A (86%) is 2 percentage points higher than option B (84%), so option B is ahead.", ["direction"]),
    ("Option B is behind on accuracy.", []),
    ("Option A is behind on accuracy.", ["direction"]),
    ("It is not true that option A is behind on accuracy.", []),
]


@pytest.mark.parametrize(("text", "codes"), LEADS)
def test_an_option_put_ahead_or_behind_follows_the_options_figures(credit, text, codes):
    assert _failing(credit, text) == codes


def test_ahead_means_lower_on_a_measure_where_lower_is_better():
    from schemas.findings import FindingsDocument

    data = load_findings(EXAMPLES / "credit.yaml").model_dump(mode="json", exclude_none=True)
    for option in data["tradeoffs"][0]["options"]:
        for m in option["metrics"]:
            m["higher_is_better"] = False  # read as an error rate: the lower figure is ahead
    doc = FindingsDocument.model_validate(data)
    assert _failing(doc, "On accuracy, option B (84%) is 2 percentage points lower than option A (86%), so option B is ahead.") == []
    assert _failing(doc, "On accuracy, option A (86%) is 2 percentage points higher than option B (84%), so option A is ahead.") == ["direction"]


# --------------------------------------------------------------------- superlatives with no metric named, hyphenated slices

# helpdesk.yaml: "replies" also names another finding's metric (replies with personal data), so a
# superlative about speed is judged on the slice's reply time; "Asia-Pacific" is the slice whose
# metric id says "apac".
SPEED_AND_NAMES = [
    ("Replies are slowest in North America.", ["direction"]),
    ("North America has the slowest replies.", ["direction"]),
    ("Replies are fastest in Asia-Pacific.", ["direction"]),
    ("Reply times are best in Asia-Pacific.", ["direction"]),
    ("The p95 reply time in Asia-Pacific is 2.0 s.", ["number"]),
    ("Replies are slowest in Asia-Pacific.", []),
    ("Replies are fastest in North America.", []),
    ("The p95 reply time in Asia-Pacific is 4.8 s.", []),
    ("In APAC the p95 reply time is 4.8 s.", []),
]


@pytest.mark.parametrize(("text", "codes"), SPEED_AND_NAMES)
def test_speed_superlatives_and_hyphenated_slices_are_judged(text, codes):
    assert _failing(_load("helpdesk"), text) == codes


def test_a_reference_line_is_named_once_and_its_gap_still_judged():
    # agent.yaml's target is "target p95 response time" on the population "service target". (The
    # seeded documents of test_narrator_agreement hold the same shape with dollars: "against a
    # monthly budget of $8,000: $10,370 higher", a clause that opens on "$".)
    doc = load_findings(EXAMPLES / "agent.yaml")
    md = _md(doc, "engineering")
    assert "against a target p95 response time of 3 s: 5.2 s higher" in md
    assert "on the service target" not in md
    assert check_brief(doc, md, fmt="md").passed
    assert _edited(doc, md, "3 s: 5.2 s higher", "3 s: 5.2 s lower") == ["direction"]


# --------------------------------------------------------------------- a proportion against a percentage

# routing.yaml: routing accuracy 0.92 (a ratio) on March tickets against 85% (a percentage) on January tickets.
MIXED_SCALES = [
    ("Routing accuracy on March tickets is 92%, against 85% on January tickets: a 7-point rise.", []),
    ("Routing accuracy on March tickets is higher than on January tickets.", []),
    ("Routing accuracy rose from 85% to 92%.", []),
    ("Routing accuracy on March tickets is 92%, against 85% on January tickets: a 9-point rise.", ["derived"]),
    ("Routing accuracy on March tickets is lower than on January tickets.", ["direction"]),
    ("Routing accuracy fell from 85% to 92%.", ["direction"]),
    ("Routing accuracy is best on January tickets.", ["direction"]),
]


@pytest.mark.parametrize(("text", "codes"), MIXED_SCALES)
def test_a_ratio_and_a_percentage_compare_on_one_scale(text, codes):
    assert _failing(_load("routing"), text) == codes


@pytest.mark.parametrize("audience", ["executive", "legal", "product", "engineering"])
def test_the_offline_brief_of_mixed_scales_passes_its_own_check(audience):
    doc = _load("routing")
    assert check_brief(doc, _md(doc, audience), fmt="md").passed


# --------------------------------------------------------------------- options measured apart from the findings' slices

def _ranking_remeasured():
    """ranking.yaml with the findings' p99 latencies measured again (200 and 120 ms) while the
    trade-off keeps its options' load-test figures (180 and 95 ms)."""
    data = _load("ranking").model_dump(mode="json", exclude_none=True)
    for f in data["findings"]:
        for m in f["metrics"]:
            m["value"] = {"p99_a": 200, "p99_b": 120}.get(m["id"], m["value"])
    return FindingsDocument.model_validate(data)


@pytest.mark.parametrize("audience", ["executive", "legal", "product", "engineering"])
def test_options_figures_are_judged_as_the_options_own(audience):
    doc = _ranking_remeasured()
    md = _md(doc, audience)
    assert check_brief(doc, md, fmt="md").passed


@pytest.mark.parametrize(("text", "codes"), [
    ("On p99 latency, option A (180 ms) is 85 ms higher than option B (95 ms), so option A is behind.", []),
    ("On p99 latency, option A (180 ms) is 85 ms lower than option B (95 ms), so option A is ahead.", ["direction"]),
    ("On p99 latency, option A (180 ms) is 60 ms higher than option B (95 ms), so option A is behind.", ["derived"]),
])
def test_a_comparison_of_options_uses_their_figures(text, codes):
    assert _failing(_ranking_remeasured(), text) == codes


# --------------------------------------------------------------------- figures followed by their own slice

def _without_baselines(name: str):
    data = _load(name).model_dump(mode="json", exclude_none=True)
    for f in data["findings"]:
        for m in f["metrics"]:
            m.pop("baseline", None)
    return FindingsDocument.model_validate(data)


@pytest.mark.parametrize(("name", "text", "codes"), [
    # credit.yaml: accuracy 86% for model A, 84% for model B (also the options' figures)
    ("credit", "Accuracy is 86% (n = 40,000) on 2025 holdout applications scored by model A and 84% (n = 40,000) "
               "on 2025 holdout applications scored by model B.", []),
    ("credit", "Accuracy is 84% (n = 40,000) on 2025 holdout applications scored by model A and 86% (n = 40,000) "
               "on 2025 holdout applications scored by model B.", ["slice"]),
    # ranking.yaml: p99 latency 180 ms for model A, 95 ms for model B
    ("ranking", "p99 latency is 180 ms (n = 200,000) on the queries ranked by model A and 95 ms (n = 200,000) on "
                "the queries ranked by model B.", []),
    ("ranking", "On p99 latency, option A (180 ms) is 85 ms higher than option B (95 ms), so option A is behind.", []),
    ("ranking", "On p99 latency, option A (180 ms) is 85 ms higher than option B (95 ms), so option A is ahead.",
     ["direction"]),
])
def test_a_figure_followed_by_its_own_slice_is_that_slices(name, text, codes):
    assert _failing(_without_baselines(name), text) == codes


def test_a_figure_followed_by_a_slice_no_option_owns_is_not_an_options():
    # ranking.yaml with model B's p99 latency measured on the night shift instead: 95 ms is that slice's.
    data = _without_baselines("ranking").model_dump(mode="json", exclude_none=True)
    for f in data["findings"]:
        for m in f["metrics"]:
            if m["id"] == "p99_b":
                m["population"] = "night shift"
    doc = FindingsDocument.model_validate(data)
    said = "p99 latency is 180 ms (n = 200,000) on the queries ranked by model A and 95 ms (n = 200,000) during the night shift."
    assert _failing(doc, said) == []
    assert _failing(doc, said.replace("180 ms", "X").replace("95 ms", "180 ms").replace("X", "95 ms")) == ["slice"]
    for audience in ("executive", "legal", "product", "engineering"):
        assert check_brief(doc, _md(doc, audience), fmt="md").passed, audience


@pytest.mark.parametrize("name", ["credit", "ranking"])
@pytest.mark.parametrize("audience", ["executive", "legal", "product", "engineering"])
def test_offline_briefs_without_baselines_pass_their_own_check(name, audience):
    doc = _without_baselines(name)
    assert check_brief(doc, _md(doc, audience), fmt="md").passed


def test_a_figure_followed_by_a_stretch_of_time_is_that_stretchs():
    data = load_findings(ROOT / "tests" / "data" / "decision_docs" / "forecast.yaml").model_dump(mode="json", exclude_none=True)
    for f in data["findings"]:
        for m in f["metrics"]:
            m.pop("baseline", None)
    doc = FindingsDocument.model_validate(data)
    said = "Mean absolute error is $1,840 during regular weeks and $4,120.75 during promotion weeks."
    assert _failing(doc, said) == []
    assert _failing(doc, said.replace("$1,840", "$X").replace("$4,120.75", "$1,840").replace("$X", "$4,120.75")) == ["slice"]


def test_a_relative_change_is_a_gap_even_when_another_finding_has_the_same_figure():
    # agree2's findings_sharing_title_and_population with M2's holiday accuracy at 0% and M1's at 100%:
    # "100% lower in relative terms" is M2's change, not M1's accuracy.
    path = ROOT / "tests" / "data" / "agree2" / "findings_sharing_title_and_population.yaml"
    data = load_findings(path).model_dump(mode="json", exclude_none=True)
    for f in data["findings"]:
        for m in f["metrics"]:
            m["value"] = {("M1", "acc"): 100, ("M2", "acc_h"): 0}.get((f["id"], m["id"]), m["value"])
    doc = FindingsDocument.model_validate(data)
    for audience in ("executive", "legal", "product", "engineering"):
        brief = generate_brief(doc, audience)
        assert brief.eval.passed, (audience, [(c.text, c.error) for c in brief.eval.failing])
        assert check_brief(doc, render_bytes(brief, doc, "md").decode(), fmt="md").passed, audience
    said = ("On mobile users, accuracy is 72%; on mobile users in the holiday season it is 0%: "
            "a 72-point drop (100% lower in relative terms).")
    assert _failing(doc, said) == []
    assert _failing(doc, said.replace("100% lower", "90% lower")) == ["derived"]


@pytest.mark.parametrize("audience", ["executive", "legal", "product", "engineering"])
def test_a_parity_ratios_scale_is_a_definition_not_a_figure(audience):
    # lending_fairness.yaml: adverse impact ratios 0.68 and 0.77, and no count of 1 anywhere in it.
    doc = _load("lending_fairness")
    brief = generate_brief(doc, audience)
    text = render_bytes(brief, doc, "md").decode()
    assert audience in ("legal", "engineering") or "1.0 would mean parity" in text
    assert brief.eval.passed, [(c.text, c.error) for c in brief.eval.failing]
    assert check_brief(doc, text, fmt="md").passed
    assert _failing(doc, "The adverse impact ratio for applicants over 60 is 1.0.") != []


# --------------------------------------------------------------------- the four-fifths line, and findings that repeat a measure

# credit.yaml: adverse impact ratio 0.71 (model A) and 0.83 (model B) for applicants aged 18-25.
@pytest.mark.parametrize(("text", "codes"), [
    ("On applicants aged 18-25 under model A, the adverse impact ratio is 0.71 (below the four-fifths benchmark).", []),
    ("On applicants aged 18-25 under model B, the adverse impact ratio is 0.83, above the four-fifths benchmark.", []),
    ("On applicants aged 18-25 under model A, the adverse impact ratio is 0.71 (above the four-fifths benchmark).",
     ["direction"]),
    ("On applicants aged 18-25 under model B, the adverse impact ratio is 0.83, below the four-fifths benchmark.",
     ["direction"]),
])
def test_a_ratio_above_or_below_the_four_fifths_line_is_judged_against_it(text, codes):
    assert _failing(_load("credit"), text) == codes


def _second_site(doc: FindingsDocument) -> FindingsDocument:
    """The document with every finding repeated for a second site (figures 10% lower, no intervals)."""
    data = doc.model_dump(mode="json", exclude_none=True)
    data["findings"] += [
        {**f, "id": f["id"] + "x", "title": "Second site: " + f["title"],
         "metrics": [{**{k: v for k, v in m.items() if k != "ci"}, "value": round(m["value"] * 0.9, 4)} for m in f["metrics"]]}
        for f in data["findings"]]
    return FindingsDocument.model_validate(data)


@pytest.mark.parametrize("doc", [_load("credit"), load_findings(ROOT / "tests" / "data" / "decision_docs" / "speech.yaml")],
                         ids=["credit", "speech"])
@pytest.mark.parametrize("audience", ["executive", "legal", "product", "engineering"])
def test_offline_briefs_of_findings_repeated_for_a_second_site_pass_their_own_check(doc, audience):
    brief = generate_brief(_second_site(doc), audience)
    assert brief.eval.passed, [(c.text, c.error, c.evidence) for c in brief.eval.failing]


# --------------------------------------------------------------------- options named by codes, not letters

# acceptance/feed_tradeoffs.yaml: options ENG (CTR 6.1%, retention 41%), BAL (5.4%, 45%) and CHR (3.2%, 43%).
FEED = ROOT / "tests" / "data" / "acceptance" / "feed_tradeoffs.yaml"


@pytest.mark.parametrize(("text", "codes"), [
    ("On click-through rate, option ENG (6.1%) is 0.7 percentage points higher than option BAL (5.4%), so option ENG is ahead.", []),
    ("On click-through rate, option ENG (5.4%) is 0.7 percentage points lower than option BAL (6.1%), so option ENG is behind.",
     ["slice"]),
    ("On 30-day retention, option CHR (45%) is 4 percentage points higher than option ENG (41%), so option CHR is ahead.",
     ["slice"]),
    ("On click-through rate, option ENG (6.1%) is 0.7 percentage points higher than option BAL (5.4%), so option ENG is behind.",
     ["direction"]),
    ("We recommend option BAL.", []),
    ("We recommend option ENG.", ["slice"]),
])
def test_options_named_by_codes_keep_their_own_figures(text, codes):
    assert _failing(load_findings(FEED), text) == codes


@pytest.mark.parametrize("audience", ["executive", "legal", "product", "engineering"])
def test_offline_briefs_with_a_fourth_coded_option_pass_their_own_check(audience):
    data = load_findings(FEED).model_dump(mode="json", exclude_none=True)
    options = data["tradeoffs"][0]["options"]
    fourth = {**options[1], "id": "PHASE", "name": "Phased balanced ranking",
              "metrics": [{**m, "value": round(m["value"] * 0.9, 2)} for m in options[1]["metrics"]]}
    options.append(fourth)
    doc = FindingsDocument.model_validate(data)
    brief = generate_brief(doc, audience)
    assert brief.eval.passed, [(c.text, c.error, c.evidence) for c in brief.eval.failing]


def test_a_figure_both_sides_of_a_bound_share_is_in_place_on_either():
    # shared_owners_and_caveats.yaml with the shortlist rate at 50% for applicants under and over 50.
    path = ROOT / "tests" / "data" / "agree2" / "shared_owners_and_caveats.yaml"
    data = load_findings(path).model_dump(mode="json", exclude_none=True)
    for f in data["findings"]:
        for m in f["metrics"]:
            if m["id"] in ("y", "o"):
                m["value"] = 50
                m.pop("baseline", None)
    doc = FindingsDocument.model_validate(data)
    assert _failing(doc, "The shortlist rate is 50% on applicants under 50 and 50% on applicants over 50.") == []
    assert _failing(doc, "The shortlist rate is 20% on applicants over 50.") == ["number"]
    for audience in ("executive", "legal", "product", "engineering"):
        assert generate_brief(doc, audience).eval.passed, audience


def test_no_difference_between_two_equal_figures_is_not_a_denial_of_the_finding():
    # regions2.yaml ("Routing quality differs between regions") with queue coverage at 90% in both regions.
    data = load_findings(GAPS / "regions2.yaml").model_dump(mode="json", exclude_none=True)
    for f in data["findings"]:
        for m in f["metrics"]:
            if m["id"] in ("cov_n", "cov_s"):
                m["value"] = 90
    doc = FindingsDocument.model_validate(data)
    said = ("On tickets from the North region, queue coverage is 90%; on tickets from the South region it is 90%, "
            "no difference.")
    assert _failing(doc, said) == []
    assert _failing(doc, "There is no difference between the regions.") == ["negation"]
    for audience in ("executive", "legal", "product", "engineering"):
        assert generate_brief(doc, audience).eval.passed, audience


def test_a_population_spelled_singular_and_plural_is_one_slice():
    # fraud_cards.yaml with the ordinary-week false positive rate measured on "weekends", beside the
    # fraud losses measured on "the weekend".
    data = load_findings(ROOT / "tests" / "data" / "decision_docs" / "fraud_cards.yaml").model_dump(mode="json", exclude_none=True)
    for f in data["findings"]:
        for m in f["metrics"]:
            m["population"] = {"fpr_norm": "weekends", "fpr_bf": "Spanish-language tickets"}.get(m["id"], m.get("population"))
    doc = FindingsDocument.model_validate(data)
    for audience in ("executive", "legal", "product", "engineering"):
        brief = generate_brief(doc, audience)
        assert brief.eval.passed, (audience, [(c.text, c.error) for c in brief.eval.failing])
        assert check_brief(doc, render_bytes(brief, doc, "md").decode(), fmt="md").passed, audience
    assert _failing(doc, "On weekends, the false positive rate is 2.9%.") == ["slice"]


# --------------------------------------------------------------------- words a claim borrows from the findings

# holiday_fraud.yaml: D1 (false declines rise in the holiday period) has no mitigation; D2 (fraud losses from
# new merchant categories) has "Add rules for the five new categories with most losses".
# cv_screening.yaml: FA1's selection rate ratio is 0.74 on engineering roles and 0.93 on other roles; FA2's word
# error rate for non-native speakers is 14.2% (so 85.8% of words are right).
BORROWED = [
    ("holiday_fraud", "For the false declines rise in the holiday period problem, the fix is to add rules for the five "
                      "new categories with most losses.", ["mitigation"]),
    ("holiday_fraud", "For the fraud losses from new merchant categories problem, the fix is to add rules for the five "
                      "new categories with most losses.", []),
    ("holiday_fraud", "Fraud operations is adding rules for the five new categories with most losses.", []),
    # comment_moderation.yaml: human review of Tagalog removals is M1's step; M2 (abusive comments still get
    # through in Portuguese) shares most of its words with M1, so only its title names it.
    ("comment_moderation", "For the abusive comments still get through in Portuguese problem, the fix is to keep human "
                           "review for Tagalog removals for the first three months.", ["mitigation"]),
    ("comment_moderation", "For the legitimate comments removed more often in Tagalog problem, the fix is to keep human "
                           "review for Tagalog removals for the first three months.", []),
    # policy_assistant.yaml: the Knowledge Platform lead owns H1 (unsupported answers on travel policy questions);
    # the Data Protection Officer owns H2 (personal data appears in answers): the owner's own words are H2's.
    ("policy_assistant", "Data Protection Officer owns the unsupported answers on travel policy questions finding, "
                         "which is open.", ["owner"]),
    ("policy_assistant", "The Knowledge Platform lead owns the unsupported answers on travel policy questions finding, "
                         "which is open.", []),
    ("policy_assistant", "The Data Protection Officer owns the personal data finding.", []),
    ("cv_screening", "The selection rate ratio is 0.86 on engineering roles.", ["number"]),
    ("cv_screening", "The selection rate ratio is 0.74 on engineering roles.", []),
    ("cv_screening", "On non-native speakers, 85.8% of words are transcribed correctly.", []),
]


@pytest.mark.parametrize("name, text, codes", BORROWED)
def test_words_and_figures_of_another_finding_do_not_vouch_for_a_claim(name, text, codes):
    # An action's own words ("new categories") do not make its finding the one a sentence names, and the
    # other side of another finding's share (85.8% for a 14.2% error rate) is no figure of this one.
    assert _failing(load_findings(MISSES / f"{name}.yaml"), text) == codes


# peak_search.yaml: p99 latency 2,400 ms at peak hours on n = 250,000 queries; a click-through change of 1.2 points
# and 3.1 times the compute per query.
ROUNDED = [
    ("This affects about 250,700 merchants every month.", ["extrinsic"]),  # precise to the hundred: not 250,000
    ("The sample held about 250,000 queries.", []),
    ("The sample held about 249,000 queries.", []),  # a round figure is loose
    ("The click-through rate change is 1.2 on A/B test traffic.", []),  # points left unsaid
    ("Compute per query is 3.1 on A/B test traffic.", []),
    ("The click-through rate change is 2.1 on A/B test traffic.", ["extrinsic"]),
]


@pytest.mark.parametrize("text, codes", ROUNDED)
def test_about_a_precise_figure_is_that_figure_and_a_measures_unit_may_go_unsaid(text, codes):
    assert _failing(load_findings(MISSES / "peak_search.yaml"), text) == codes


# comment_moderation.yaml: the false removal rate is 1.1% on English comments, 4.8% on Tagalog comments.
COMPARED = [
    ("Legitimate Tagalog comments are wrongly removed far more often than English ones: 4.8% of them, against 1.1% "
     "for English comments.", []),
    ("Legitimate Tagalog comments are wrongly removed far more often than English ones: 1.1% of them, against 4.8% "
     "for English comments.", ["slice"]),
    ("Tagalog comments fare far worse than English comments, at 4.8%.", []),
    ("Tagalog comments fare far worse than English comments, at 1.1%.", ["slice"]),
]


@pytest.mark.parametrize("text, codes", COMPARED)
def test_a_figure_after_a_comparison_belongs_to_its_subject_not_to_what_it_is_compared_with(text, codes):
    assert _failing(load_findings(MISSES / "comment_moderation.yaml"), text) == codes


# --------------------------------------------------------------------- briefs written the way a model writes them

WRITTEN = sorted(MISSES.glob("*.faithful.md"))


@pytest.mark.parametrize("path", WRITTEN, ids=[p.name.removesuffix(".faithful.md") for p in WRITTEN])
def test_briefs_written_in_a_models_own_words_pass(path):
    # Each states its findings faithfully in words of its own: "3 of 50 attempts (6%)" (a count as a share of
    # its sample, and "3.5% of 400, which is 14" the other way), "5.2 s too slow" (a gap), "payments that are
    # likely fraudulent" (the system's purpose, no rating),
    # "4.2%, less than half the 9.5% seen before it, a drop" (a change runs from the baseline),
    # "should not rank ... until the gap is closed" (a condition), "still 900 ms over the budget" (an option
    # against the findings' line), "3.2% for HR policy answers" (an id word every slice shares names none of them),
    # "Cache ...; the new ranking model does not fix latency" (a clause about another finding), "are putting a review in place" (in progress),
    # "until a field mapping was fixed" (the summary's event, not the finding's status), "1.1% in December"
    # (the slice said short), "merchant categories added this year" (the summary's wording), "owned by Clinical
    # AI" of the system, "Confirm by ... that ... stays in place" under "Decision needed".
    doc = _named(path.name.split(".")[0])
    result = check_brief(doc, path.read_text(encoding="utf-8"), fmt="md")
    assert result.passed and result.score == 1.0, [(c.error, c.text) for c in result.failing] + result.missing_caveats


TOLD_SHORT = [
    ("er_triage", "Emergency nursing leads have put a nurse review of every non-urgent suggestion for patients over 75 "
                  "in place.", ["status"]),
    ("er_triage", "Suggestions drift after software updates to the record system; this has been fixed.", ["status"]),
    ("holiday_fraud", "The false decline rate is 1.1% in November.", ["slice"]),
    ("holiday_fraud", "The false decline rate is 1.1% in December weeks.", ["slice"]),
    ("holiday_fraud", "Fraud recall is 62% on merchant categories.", ["scope"]),
    # procurement_agent.yaml: 3 of 50 red-team attempts split an order (6%); 14 duplicate orders in 2,000 sandbox runs
    ("procurement_agent", "In 3 of 50 red-team attempts (8%), the agent split an order.", ["extrinsic"]),
    ("procurement_agent", "The agent split orders in 6% of sandbox runs.", ["extrinsic"]),
    ("cv_screening", "The shortlisting gap for women in engineering roles is closed.", ["status"]),
    # peak_search.yaml: option NEW's p99 is 1,900 ms against S1's 1,000 ms budget
    ("peak_search", "The new ranking model brings p99 to 1,900 ms, still 700 ms over the budget.", ["derived"]),
    ("peak_search", "For the new ranking model, the fix is to cache the top 10,000 queries.", ["mitigation"]),
    # policy_assistant.yaml: 11.5% on travel policy questions, 3.2% on HR policy questions (metric ids halluc_*)
    ("policy_assistant", "The unsupported answer rate is 11.5% for HR policy answers.", ["slice"]),
    # banking_chatbot.yaml: the attack success rate fell from 9.5% (before the new system prompt) to 4.2%
    ("banking_chatbot", "4.2% succeeded with the new system prompt, less than half the 9.5% seen before it, a rise of "
                        "5.3 points.", ["direction"]),
    ("banking_chatbot", "This is a high-severity risk, and the red-team suite now runs before every release, owned by "
                        "Security testing, done.", []),
    ("banking_chatbot", "This is a high-severity risk, and a prompt firewall is being built by Security testing.",
     ["mitigation"]),
    # agent.yaml (examples): 3.5% of 400 red-team conversations (14); p95 response time 8.2 s against a 3 s target
    ("agent", "Prompt injection made the agent attempt an unapproved action in 3.5% of 400 conversations, which is 18 "
              "conversations.", ["number"]),
    ("agent", "The p95 response time is 8.2 s, 4.2 s too slow.", ["derived"]),
    # holiday_fraud.yaml: D2 is possible; the system blocks "card payments that are likely fraudulent"
    ("holiday_fraud", "Fraud losses from new merchant categories are likely.", ["severity"]),
    # the one who accepted a risk is its finding's owner
    ("holiday_fraud", "The risk in D1 was accepted by the fraud modelling lead.", ["owner"]),
    ("holiday_fraud", "The risk in D1 was accepted by the Head of Payments Risk.", []),
    # a period that names no slice of the figure's
    ("holiday_fraud", "The false decline rate was 0.4% of legitimate payments in October.", ["slice"]),
    ("holiday_fraud", "The false decline rate was 0.4% of legitimate payments in November.", []),
    # er_triage.yaml: 81% of urgent cases caught for patients over 75 (about one in five missed)
    ("er_triage", "About one urgent elderly patient in three is not flagged as urgent.", ["extrinsic"]),
    ("er_triage", "About one urgent elderly patient in five is not flagged as urgent.", []),
    # banking_chatbot.yaml: J1 is owned by the Head of Digital Channels
    ("banking_chatbot", "The jailbreak risk is being mitigated under the Conversational AI lead.", ["owner"]),
    ("banking_chatbot", "The jailbreak risk is being mitigated under the Head of Digital Channels.", []),
    # cv_screening.yaml: women are shortlisted at 0.74 times the rate of men for engineering roles
    ("cv_screening", "For every 100 men shortlisted for engineering roles, about 64 women are.", ["number"]),
    ("cv_screening", "For every 100 men shortlisted for engineering roles, about 74 women are.", []),
    ("cv_screening", "Finish removing university names from the model's inputs (Recruiting operations, in progress, due "
                     "10 January 2027).", ["owner"]),
]


@pytest.mark.parametrize("name, text, codes", TOLD_SHORT)
def test_what_a_model_says_in_its_own_words_is_still_judged(name, text, codes):
    assert _failing(_named(name), text) == codes


def _named(stem: str):
    """A document of tests/data/misses, else of the examples."""
    path = MISSES / f"{stem}.yaml"
    return load_findings(path if path.exists() else EXAMPLES / f"{stem}.yaml")


def test_a_figure_of_a_metric_without_a_population_stated_on_another_slice_is_a_slice_error():
    doc = FindingsDocument.model_validate({"schema_version": 1, "system": {"name": "Scorer"}, "findings": [
        {"id": "F1", "title": "Accuracy is low", "category": "performance", "summary": "Accuracy is low.",
         "metrics": [{"id": "a", "name": "accuracy", "value": 70, "unit": "percent"},
                     {"id": "b", "name": "accuracy", "value": 80, "unit": "percent", "population": "weekday posts"},
                     {"id": "c", "name": "share flagged", "value": 12, "unit": "percent", "population": "weekend posts"}]}]})
    assert _failing(doc, "Accuracy is 70% on weekend posts.") == ["slice"]
    assert _failing(doc, "Accuracy is 80% on weekday posts.") == []


# --------------------------------------------------------------------- several steps in one sentence; gaps set against a figure

WRITTEN = ROOT / "tests" / "data" / "written"
_HOTEL_STEPS = ("Two fixes are coming: the Pricing data science team is stripping device type and age-correlated features "
                "out of the model (in progress, due 15 April 2027), and the Revenue Management systems team {} personalised "
                "rates at no more than 3% over the public rate ({}, due 20 April 2027).")
_FILTER = ("The filter for these is {}, built by {} (due 15 October 2026), and Security operations is checking whether "
           "any of the 14 was a live credential that needs rotating (in progress, due 20 December 2026).")
_SCOPES = ("Scanning everything takes p95 to 1,600 ms and scanning only C and C++ takes it to 1,350 ms — {} ms and 100 ms "
           "more than today.")
# hotel_pricing.yaml: removing features is in progress, the rate cap planned. code_assistant.yaml: Platform
# Security's filter is done, Security operations' check in progress; p95 is 1,250 ms today against an 800 ms
# budget, 1,600 ms and 1,350 ms with the two scan scopes.
STEPS_AND_GAPS = [
    ("hotel_pricing", _HOTEL_STEPS.format("will cap", "planned"), []),
    ("hotel_pricing", _HOTEL_STEPS.format("has capped", "done"), ["status"]),
    ("code_assistant", _FILTER.format("already in place", "Platform Security"), []),
    ("code_assistant", _FILTER.format("still only planned", "Platform Security"), ["status"]),
    ("code_assistant", _SCOPES.format(350), []),
    ("code_assistant", _SCOPES.format(340), ["derived"]),
    ("code_assistant", "The p95 completion latency is 1,250 ms, 450 ms over the 800 ms budget.", []),
    ("code_assistant", "The p95 completion latency is 1,250 ms, 350 ms over the 800 ms budget.", ["number"]),
    # scanner_vendors.yaml counts missed nodules per 1,000 positive studies: 190 on Vendor C
    ("scanner_vendors", "On Vendor C images, 190 nodules per 1,000 positive studies go unflagged.", []),
    ("scanner_vendors", "On Vendor C images, 170 nodules per 1,000 positive studies go unflagged.", ["number"]),
]



# --------------------------------------------------------------------- conditions, directives and names the findings use

# warehouse_robots.yaml: the speed cap is in progress, the mirrors and lights planned, the network split in progress;
# W4 is mitigating. fall_cameras.yaml: dated 20 November 2026; sensitivity by room planned, infrared illuminators in
# progress. churn_offers.yaml: CH2 open, CH3 mitigating. court_transcripts.yaml: options ALL and CARVE_OUT.
CONDITIONS_AND_NAMES = [
    ("warehouse_robots", "Route robots through the mixed aisles only when the speed cap, the blind-corner mirrors and "
                         "lights, and the separate robot network are all in place.", []),
    ("warehouse_robots", "Open the mixed aisles only once Robotics engineering has capped robot speed at 0.8 metres per "
                         "second in mixed aisles.", []),
    ("warehouse_robots", "Robotics engineering has capped robot speed at 0.8 metres per second in mixed aisles.", ["status"]),
    ("warehouse_robots", "In a penetration test, all 240 robots accepted an unsigned route command.", []),
    ("warehouse_robots", "The risk of unsigned route commands has been accepted.", ["status"]),
    ("warehouse_robots", "There were 37 near misses in mixed aisles during the four-week trial.", []),
    ("warehouse_robots", "Over the trial, robots in mixed aisles came close to people 2.4 times per 1,000 robot-hours.", []),
    ("warehouse_robots", "Over the trial, robots in mixed aisles came close to people 3.4 times per 1,000 robot-hours.",
     ["number"]),
    ("fall_cameras", "Night checks stay in place until the infrared illuminators are fitted (Care Technology engineers, "
                     "in progress, due 28 February 2027).", []),
    ("fall_cameras", "The infrared illuminators are fitted (Care Technology engineers, done, due 28 February 2027).",
     ["status"]),
    ("fall_cameras", "A fix is planned but not yet under way: Care Technology engineers will set alert sensitivity room "
                     "by room from each resident's mobility assessment, due 31 January 2027.", []),
    ("fall_cameras", "The fix is under way: Care Technology engineers are setting alert sensitivity room by room from "
                     "each resident's mobility assessment, due 31 January 2027.", ["status"]),
    ("fall_cameras", "The findings below were assessed on 20 November 2026.", []),
    ("fall_cameras", "The findings below were assessed on 21 November 2026.", ["extrinsic"]),
    ("churn_offers", "Do not treat CH2 as resolved until the Model Risk team's proxy test is complete.", []),
    ("churn_offers", "CH2 is resolved.", ["status"]),
    # a limit of the evidence, a risk's acceptance, and how to speak of a step are no invented steps
    ("warehouse_robots", "How far to trust the numbers: the near misses were taken from the robots' own lidar logs, and "
                         "people outside the sensor's field of view would not have been counted, so the true figure could "
                         "be higher.", []),
    ("churn_offers", "The Commercial Finance director has accepted this overspend; no further action is listed.", []),
    ("churn_offers", "In any external statement, describe the removal of the transcript features as in progress, not "
                     "done.", []),
    ("churn_offers", "The Commercial Finance director has capped discounts at $95 per customer (done, due 1 March "
                     "2027).", ["extrinsic"]),
    ("card_fraud", "Exposure: older customers, some of them possibly vulnerable, left unable to pay at the till.", []),
    ("court_transcripts", "A monthly audit of a random 5% of certified transcripts, reported to the Chief Clerk, is "
                          "already running (Transcription Services, done, due 1 February 2027).", []),
    ("court_transcripts", "A monthly audit of a random 5% of certified transcripts, reported to the Chief Clerk, is "
                          "already running (Transcription Services, planned, due 1 February 2027).", ["status"]),
    ("court_transcripts", "Legal Services is due to have amended the contract by 31 May 2027 so that audio stays "
                          "in-country.", []),
    ("court_transcripts", "Legal Services has amended the contract so that audio stays in-country and is deleted within "
                          "24 hours of the draft coming back.", ["status"]),
    # the system named by its own first name, or as "the system"; its owner is the system's
    ("court_transcripts", "The proposal is that CourtScribe 3.0, owned by Courts Digital Services, produce the first draft "
                          "of the transcript.", []),
    ("court_transcripts", "CourtScribe, owned by the Data Protection Officer, drafts transcripts.", ["owner"]),
    ("fall_cameras", "The system is owned by Care Technology and used by night care staff.", []),
    ("fall_cameras", "The system is owned by the Director of Care Quality.", ["owner"]),
    # a labelled owner in a rating row is the finding's (W4 is owned by the IT Security lead; Network
    # engineering owns one of its steps)
    ("warehouse_robots", "Robots obey commands from any device on the Wi-Fi; Rating: High, unlikely; Status: Mitigating; "
                         "Owner: IT Security lead", []),
    ("warehouse_robots", "Robots obey commands from any device on the Wi-Fi; Rating: High, unlikely; Status: Mitigating; "
                         "Owner: Network engineering lead", ["owner"]),
    # a share of a sample said roughly; a threshold's "or above"; multiples of complements (mortgage_ocr.yaml:
    # income accuracy 98.6% on PDFs, 91.2% on phone photos, 83% handwritten; error 2.9% against 0.5% implied)
    ("fall_cameras", "An audit found 3% of 4,100 stored alert clips kept past the 30-day limit, roughly 120 clips.", []),
    ("fall_cameras", "An audit found 3% of 4,100 stored alert clips kept past the 30-day limit, roughly 150 clips.",
     ["number"]),
    ("mortgage_ocr", "For the 11,800 income fields the extractor scored at 0.95 confidence or above, the actual error "
                     "rate was 2.9%; the score implies 0.5%.", []),
    ("mortgage_ocr", "A handwritten payslip is misread about twelve times as often as a PDF (17% of the time against "
                     "1.4%).", []),
    ("mortgage_ocr", "A handwritten payslip is misread about twenty times as often as a PDF (17% of the time against "
                     "1.4%).", ["derived"]),
    ("mortgage_ocr", "The phone-photo error rate (8.8%) is more than six times the PDF error rate (1.4%).", []),
    ("mortgage_ocr", "The PDF error rate (1.4%) is more than six times the phone-photo error rate (8.8%).", ["direction"]),
    # a gap from an interval's bound (fall_cameras.yaml: 79% in the dark, interval 74-84%, against 94% lit);
    # slices told apart by a one-letter label (scanner_vendors.yaml: sensitivity 94% on Vendor A, 81% on Vendor C)
    ("fall_cameras", "Even the top of the confidence interval (74–84%) sits 10 points below the lit-room figure.", []),
    ("fall_cameras", "Even the top of the confidence interval (74–84%) sits 12 points below the lit-room figure.",
     ["derived"]),
    ("scanner_vendors", "Vendor C sits 13 points below Vendor A.", []),
    ("scanner_vendors", "Vendor C sits 13 points above Vendor A.", ["direction"]),
    ("scanner_vendors", "Sensitivity is 81% on Vendor A scanner images.", ["slice"]),
    ("court_transcripts", "On share of hearings drafted by CourtScribe, option ALL (100%) is 17 percentage points higher "
                          "than option CARVE_OUT (83%).", []),
    ("court_transcripts", "On share of hearings drafted by CourtScribe, option ALL (83%) is 17 percentage points lower "
                          "than option CARVE_OUT (100%).", ["slice"]),
]



def test_a_heading_that_rates_its_finding_is_checked():
    doc = load_findings(WRITTEN / "fall_cameras.yaml")
    body = "\n\nIn rooms with the lights off the cameras detect 79% of falls.\n"
    assert _failing(doc, "### 1. Falls in dark rooms are missed far more often (critical, possible; mitigating; owner: "
                         "Director of Care Quality)" + body) == []
    assert _failing(doc, "### 1. Falls in dark rooms are missed far more often (high, possible; mitigating; owner: "
                         "Director of Care Quality)" + body) == ["severity"]
    assert _failing(doc, "### Falls in dark rooms" + body) == []


# --------------------------------------------------------------------- how reports number, date and label things

# invoice_matching.yaml: 9 of 12 altered-bank-detail invoices approved; errors $64,000 a quarter with the cap,
# $240,000 without, against a $100,000 tolerance. brand_images.yaml: blocking prompts that name real people,
# done, due 15 February 2027. sepsis_ews.yaml: lead time 16,200 s; positive predictive value 14% of 2,350 alerts;
# acknowledgement 240 s, then 660 s. collections_calls.yaml: the system is owned by Collections Analytics.
LAYOUTS = [
    ("invoice_matching", "2.1 In Internal Audit's February 2027 test, 12 invoices were submitted in the names of real "
                         "suppliers with altered bank account details.", []),
    ("brand_images", "Prompts that name real people are already blocked (done, 15/02/2027).", []),
    ("brand_images", "Prompts that name real people are already blocked (done, 16/02/2027).", ["extrinsic"]),
    ("sepsis_ews", "Median alert lead time before antibiotics: 16,200 s (4.5 h) over 1,197 flagged episodes.", []),
    ("sepsis_ews", "Median alert lead time before antibiotics: 16,200 s (5.5 h) over 1,197 flagged episodes.", ["number"]),
    ("sepsis_ews", "The positive predictive value was 14%, so on the order of 330 alerts were true positives.", []),
    ("sepsis_ews", "The positive predictive value was 14%, so on the order of 500 alerts were true positives.", ["number"]),
    ("sepsis_ews", "Median acknowledgement time rose from 240 s to 660 s, a factor of 2.75.", []),
    ("sepsis_ews", "Median acknowledgement time rose from 240 s to 660 s, a factor of 3.75.", ["derived"]),
    ("invoice_matching", "A fraudster could divert payments to their own account, and money sent to the wrong account "
                         "is rarely recovered.", []),
    ("invoice_matching", "At the end of the month the engine slows down.", []),
    ("invoice_matching", "Without a cap, estimated errors would run at 2.4 times that tolerance; with the cap they stay "
                         "$36,000 below it.", []),
    ("invoice_matching", "The uncapped option would exceed the tolerance by $150,000 a quarter.", ["derived"]),
    ("collections_calls", "Built and owned by Collections Analytics.", []),
    # round five (chat_safety.yaml: C2 medium, almost certain; voice_clones.yaml: 210 s added to a flagged call,
    # a false alarm rate of 7.1% for customers aged 75 and over; listing_copy.yaml: banned-phrase block in progress)
    ("chat_safety", "The second finding is about ordinary chat being blocked by mistake, which we rate medium severity and "
                    "almost certain.", []),
    ("chat_safety", "The second finding is about ordinary chat being blocked by mistake, which we rate critical severity "
                    "and almost certain.", ["severity"]),
    ("voice_clones", "A flagged caller has to answer security questions, which added a median of three and a half "
                     "minutes to the call.", []),
    ("voice_clones", "A flagged caller has to answer security questions, which added a median of four and a half "
                     "minutes to the call.", ["number"]),
    ("voice_clones", "For customers aged 75 and over the rate was 7.1%.", []),
    ("voice_clones", "For customers aged under 30 the rate was 7.1%.", ["slice"]),
    ("voice_clones", "Decision required by: 15 March 2027 · System owner: Fraud Technology · Stakeholders: Chief Risk "
                     "Officer", []),
    ("listing_copy", "Keep Compliance's review of every listing in place until the banned-phrase block is live.", []),
    ("listing_copy", "Consequence: possible breach of fair housing law, with complaints and penalties.", []),
    # an option told by its own description, whose words are slices' words too (collections_calls.yaml: option
    # SPECIALIST "Send flagged customers to the specialist support team, outside the queue" recovers $463 an hour)
    ("collections_calls", "Specialist support team outside the queue: $463 per agent hour.", []),
    ("collections_calls", "Specialist support team outside the queue: $451 per agent hour.", ["slice"]),
    # a count in words before "of them" (legal_research.yaml: 9 of 6,200 citations to cases that do not exist)
    ("legal_research", "Nine of them pointed to cases that do not exist.", []),
    ("legal_research", "Twenty-nine of them pointed to cases that do not exist.", ["number"]),
    # the words of a metric's name after its measure word (collections_calls.yaml: "share called within 10 days of
    # a missed payment", 38% of flagged customers)
    ("collections_calls", "Only 38% of flagged customers were called within 10 days of a missed payment.", []),
    ("collections_calls", "Only 38% of flagged customers were called within 12 days of a missed payment.", ["number"]),
]


# What the findings say could happen, told as a fact (legal_research.yaml: "... could breach client confidentiality and
# the firm's engagement terms"; chat_safety.yaml: "... could push young players towards chat apps with no moderation")
_HELD = "Client-confidential information held by a third party {} client confidentiality and our engagement terms."
POSSIBILITIES = [
    ("legal_research", _HELD.format("could breach"), []),
    ("legal_research", _HELD.format("may breach"), []),
    ("legal_research", _HELD.format("would breach"), []),
    ("legal_research", "The risk is that information held by a third party breaches client confidentiality.", []),
    ("legal_research", "Breaching client confidentiality is the concern.", []),
    ("legal_research", "If the provider keeps the prompts, that breaches client confidentiality and our engagement terms.",
     []),
    ("legal_research", "What could go wrong: information held by a third party breaches client confidentiality.", []),
    ("legal_research", _HELD.format("breached"), ["hedge"]),
    ("legal_research", _HELD.format("breaches"), ["hedge"]),
    ("chat_safety", "Wrong blocks drive complaints and could push young players towards chat apps with no moderation.", []),
    ("chat_safety", "Wrong blocks drive complaints and push young players towards chat apps with no moderation.", []),
    ("chat_safety", "Wrong blocks drive complaints and have pushed young players towards chat apps with no moderation.",
     ["hedge"]),
    ("chat_safety", "Would wrong blocks push young players towards chat apps with no moderation?", []),
]

# A statement of the findings told the other way round: an option's pro or con, a constraint, the system's purpose,
# a summary's negation (blood_supply.yaml: option RED "Adds no platelet waste"; card_fraud.yaml: option BALANCED
# "Stays within the 1.5% false decline cap"; invoice_matching.yaml: "Accounts Payable headcount is fixed until the
# end of 2027"; warehouse_robots.yaml: "where the planner does not slow down")
POLARITY = [
    ("blood_supply", "Red cells only saves 30 planner hours a week and adds no platelet waste.", []),
    ("blood_supply", "Red cells only saves 30 planner hours a week and also adds platelet waste.", ["negation"]),
    ("blood_supply", "Red cells only saves 30 planner hours a week and keeps platelet waste where it is.", []),
    ("card_fraud", "The balanced threshold stays within the cap.", []),
    ("card_fraud", "The balanced threshold does not stay within the cap.", ["negation"]),
    ("card_fraud", "The strict threshold does not stay within the cap.", []),
    ("invoice_matching", "Accounts Payable headcount is fixed until the end of 2027.", []),
    ("invoice_matching", "Accounts Payable headcount is not fixed until the end of 2027.", ["negation"]),
    ("warehouse_robots", "Most near misses happened at blind aisle ends, where the planner does not slow down.", []),
    ("warehouse_robots", "Most near misses happened at blind aisle ends, where the planner already slows down.", ["negation"]),
    ("warehouse_robots", "Robotics engineering will make the planner slow down at blind aisle ends.", []),
    # advice and contrasts deny nothing: "do not drop the passcode until ...", "yes for red cells, not yet for platelets"
    ("voice_clones", "Do not drop the one-time passcode until monthly retraining is in operation.", []),
    ("blood_supply", "Yes for red cells, not yet for platelets.", []),
]

# Round six of briefs written freely: words and layouts that are no error, each beside the error it could hide
ROUND_SIX = [
    # "fixed", "closed" in another sense than a finding's status
    ("train_maintenance", "Keep fixed inspections on the Series 200 units.", []),
    ("train_maintenance", "Series 200 units have a door-closed switch but no door-motor current sensor.", []),
    ("train_maintenance", "The February 2027 internal safety-case review raised 14 hazards; 9 are closed, 5 open.", []),
    ("train_maintenance", "The safety-case finding is closed.", ["status"]),
    # a version is a name
    ("cv_screening", "By 30 April 2027 we must choose: the vendor's version 4.0, staying on 3.1, or sifting by hand.", []),
    # memo labels run into one line; a question asks
    ("kyc_documents", "To: General Counsel From: Onboarding Risk Subject: Veridoc document checks before the decision", []),
    ("kyc_documents", "Will the logging fix hold?", []),
    # basis points, and rates per 1,000 said as percentages
    ("train_maintenance", "Units on the Hollow Valley branch sent no data for 12.4% of train-hours against 2.9% fleet-wide, "
                          "9.5 percentage points (950 basis points) higher.", []),
    ("train_maintenance", "Units on the Hollow Valley branch sent no data for 12.4% of train-hours against 2.9% fleet-wide, "
                          "9.5 percentage points (850 basis points) higher.", ["derived"]),
    ("clinic_scribe", "A pharmacist audit found 4.1 medication name errors per 1,000 drafted notes (0.41%).", []),
    ("clinic_scribe", "A pharmacist audit found 4.1 medication name errors per 1,000 drafted notes (4.1%).", ["extrinsic"]),
    # a mitigation in its own words, with its owner and date
    ("cv_screening", "Stripping dates of birth and graduation years from CVs before scoring is in place (People Technology, "
                     "done 15 February 2027).", []),
    # a line named by its figure; a multiple after both figures; what an under-marking measure measures
    ("cv_screening", "Version 4.0 improves the impact ratio to 0.68, still below the 0.8 target.", []),
    ("cv_screening", "Version 4.0 improves the impact ratio to 0.68, above the 0.8 target.", ["direction"]),
    ("kyc_documents", "Genuine documents were rejected at 1.6% for UK- or EU-issued documents vs. 9.6% for documents from "
                      "Nigeria, Ghana or Kenya, six times as often.", []),
    ("essay_grader", "For students recorded as having English as an additional language, the model marked 2.6 marks below "
                     "senior examiners on average.", []),
    ("essay_grader", "For students recorded as having English as an additional language, the model marked 2.6 marks above "
                     "senior examiners on average.", ["direction"]),
    # a gap "saved" between options; a gap before "more than", and what it is set against
    ("train_maintenance", "The whole-fleet option saves $3.3m a year.", []),
    ("train_maintenance", "The whole-fleet option saves $3.9m a year.", ["derived"]),
    ("clinic_scribe", "GPs save 120 seconds per consultation, 60 seconds less than the 180 seconds the business case assumed.",
     []),
    ("clinic_scribe", "GPs save 120 seconds per consultation, 60 seconds more than the 180 seconds the business case assumed.",
     ["direction"]),
    ("clinic_scribe", "About two minutes of GP writing-up time saved per consultation, a third less than the business case "
                      "assumed.", []),
    # a figure in the unit of the figure next to it; a gloss of a count is rounded
    ("clinic_scribe", "Median documentation time fell from 250 to 130 seconds, a 120-second saving against the 180 assumed.",
     []),
    ("clinic_scribe", "In consultations covering three or more problems it was a single minute, 410 down to 350 seconds.",
     []),
    ("clinic_scribe", "In consultations covering three or more problems it was a single minute, 420 down to 350 seconds.",
     ["extrinsic"]),
    ("clinic_scribe", "Nine of the 51, roughly one in six, survived into the signed note.", []),
    # ratings said other ways, and words that rate nothing
    ("refund_agent", "Wrongful refunds: we judge this medium in severity and almost certain.", []),
    ("refund_agent", "Wrongful refunds: we judge this low in severity and almost certain.", ["severity"]),
    ("kyc_documents", "Operations Engineering is still reordering the queue so the highest-risk and longest-waiting cases "
                      "come first.", []),
    ("kyc_documents", "Possible indirect discrimination (D2; High/Almost certain; open; Head of Onboarding)", []),
    ("kyc_documents", "Possible indirect discrimination (D2; Medium/Almost certain; open; Head of Onboarding)", ["severity"]),
    # items that passed review, a denial of controls, and "not everything"
    ("kyc_documents", "Only applications that later passed review or appeal count as genuine.", []),
    ("clinic_scribe", "Neither can be described as a control in place today.", []),
    ("cv_screening", "The vendor has not yet supplied everything an audit needs.", []),
    ("cv_screening", "The vendor has not supplied any of the documents an audit needs.", ["negation"]),
]

# Round seven of briefs written freely
ROUND_SEVEN = [
    # a rating said with its owner rates the finding that owner owns
    ("insurance_triage", "The Head of Claims Fraud owns this high-severity, likely risk, and it is being mitigated.", []),
    ("insurance_triage", "The Head of Claims Fraud owns this medium-severity, likely risk, and it is being mitigated.", ["severity"]),
    # dollars are the findings' dollars; a year then the next figure; a year after "in"; a version after a comma
    ("insurance_triage", "Raise the fast-track cap from $10,000 to $15,000, not $25,000.", []),
    ("insurance_triage", "Fraudulent fast-track claims cost $1.1 million in 2026.", []),
    ("insurance_triage", "Fraudulent fast-track claims cost $1.8 million in 2026.", ["number"]),
    ("insurance_triage", "The 2025 and 2026 claims were triaged by different model versions, 1.4 and 1.6.", []),
    # words that rate, compare or deny nothing here
    ("insurance_triage", "FastTrack scores new home-insurance claims and sends small, low-risk ones to a fast track.", []),
    ("insurance_triage", "Flood claims barely reach the fast track.", []),
    ("insurance_triage", "Flood claims often reach the fast track.", ["negation"]),
    ("insurance_triage", "Poorer postcodes are fast-tracked less.", []),
    ("insurance_triage", "(b) Two constraints bind any choice of cap.", []),
    ("pharmacy_chatbot", "Only the 150 best-selling products were tested.", []),
    ("exam_proctoring", "Use ProctorLens for spring 2027 remote finals only if an exam officer reviews every flag first.", []),
    ("exam_proctoring", "Open-book finals without webcam proctoring.", []),
    ("exam_proctoring", "Describe planned fixes as safeguards only once they are done.", []),
    ("exam_proctoring", "Flags fall unevenly on darker-skinned and disabled students.", []),
    ("exam_proctoring", "To: General Counsel and the Board's Audit Committee Re: ProctorLens before the spring decision", []),
    ("fleet_routing", "Near-misses are self-reported by drivers; both counts probably miss some.", []),
    ("fleet_routing", "Verdict: real; the fix is still being built.", []),
    ("loan_collections_chat", "Since routine turns moved to a smaller, faster model (done, 31 July 2027), August's figure was "
                              "1,900 ms.", []),
    # units: metres per second, "a quarter of that", counted hours, "as high" after a multiple
    ("wind_turbine_vision", "In gusts above 12 m/s, 16.8% of images were too blurred to assess.", []),
    ("exam_proctoring", "Darker-skinned honest students recorded in low light were flagged 12.4%; the overall rate is a "
                        "quarter of that.", []),
    ("loan_collections_chat", "No more than 350 extra hours a week are available without new hires.", []),
    ("insurance_triage", "On the fast-tracked claims paid in 2025, confirmed fraud per 10000 fast-tracked claims is 20; on the "
                         "fast-tracked claims paid in 2026 it is 46: 26 higher (2.3 times as high).", []),
    # an option's id holds a number; "should say that" is no slice; a bound of an interval
    ("wind_turbine_vision", "On cracks growing beyond repair before they are found, per 1,000 turbine-years, option M12 (4.9) "
                            "is 2.3 higher than option M9 (2.6), so option M12 is behind.", []),
    ("pharmacy_chatbot", "Any statement that quotes the 25 unsafe dosing answers per 10000 dosing answers should say that it "
                         "does not hold for red-team dosing questions about children under 12.", []),
    # a rate per 10,000 is also a percentage; a negation in an option's pros; a step's own negation
    ("insurance_triage", "On policies less than 60 days old the 2026 rate was 310 per 10,000 (3.1%).", []),
    ("exam_proctoring", "Pros: no recordings, no false flags.", []),
    # a count whose name holds a negation, said in its own words
    ("wind_turbine_vision", "In all blade images taken in 2026, before engineer review, 3.1 images were flagged that showed no "
                            "damage, per 1,000 images.", []),
    # under- and over-: the other prefix says the other way
    ("fleet_routing", "The model underestimates driving time on narrow single-track roads.", []),
    ("fleet_routing", "The model overestimates driving time on narrow single-track roads.", ["direction"]),
]

ROUND_EIGHT = [
    # "gives up" and "a year less saved" state a gap between options' figures
    ("invoice_matching", "The cap gives up 250 clerk hours a month of savings.", []),
    ("invoice_matching", "The cap gives up 300 clerk hours a month of savings.", ["derived"]),
    ("property_valuation", "Going narrow: about $1.9M a year less saved.", []),
    ("property_valuation", "Going narrow: about $2.4M a year less saved.", ["derived"]),
    ("property_valuation", "Going narrow gives up about $1.5 million a year of savings.", ["derived"]),
    # "the last week" of a pilot whose findings say "the last pilot week"; "the last week of" anything
    ("refund_agent", "After order look-ups were cached it was 2,900 ms in the last week.", []),
    ("refund_agent", "It was 2,900 ms in the last week of the pilot.", []),
    ("refund_agent", "It was 2,900 ms last month.", ["extrinsic"]),
    ("voice_clones", "Takeovers fell in the last week.", ["extrinsic"]),
    # what a party has not done yet denies no finding: an owner of the findings, or "we ... yet"
    ("car_voice", "Two engineers reviewed the clips; the Privacy Office has not reviewed them.", []),
    ("car_voice", "The clips were not reviewed.", ["negation"]),
    ("car_voice", "We do not send conversations to the cloud.", ["negation"]),
    ("insurance_triage", "We have not yet seen the postcode retest.", []),
    # a review the findings report as done backs "the review was done"; an audit they never report does not
    ("car_voice", "The clip review was done by two engineers rather than the Privacy Office.", []),
    ("car_voice", "An external audit was completed.", ["extrinsic"]),
    # "not always" is less than certain; "likely higher" and "possibly-sarcastic" rate no risk
    ("support_agent_launch", "The agent did not always say it was automated.", []),
    ("support_agent_launch", "The agent will always say it is automated.", ["hedge"]),
    ("shelf_robot", "Near misses were logged only when staff saw them; the true count is likely higher.", []),
    ("shelf_robot", "Near misses are likely.", ["severity"]),
    # "a quarter of a second" and "half a second" are lengths of time
    ("shelf_robot", "The robot must stop within 600 ms; the slowest one in twenty stops took 850 ms, a quarter of a second "
                    "over the limit.", []),
    ("shelf_robot", "The robot must stop within 600 ms; the slowest one in twenty stops took 850 ms, half a second over "
                    "the limit.", ["derived"]),
    # a step told by its owner and due date, in few of its own words; "X owns it" names X's finding
    ("social_sentiment", "The Head of Marketing Data Science owns it; it is being mitigated: the Social Care team is routing "
                         "short possibly-sarcastic posts to a person before any reply is drafted (in progress, due 30 April "
                         "2027).", []),
    ("social_sentiment", "Human check on short possibly-sarcastic posts before any reply is drafted: Social Care team, due 30 "
                         "April 2027 (planned).", ["status"]),
    # bare numbers listed before a figure with a unit share its unit
    ("social_sentiment", "Median first replies are at 20, 30 and 110 minutes.", []),
    ("social_sentiment", "Median first replies are at 20, 40 and 110 minutes.", ["number"]),
    # turning something down is no fall; a label in quotes is named, not denied
    ("social_sentiment", "Is declining the paid data tier still right?", []),
    ("social_sentiment", 'Sarcastic complaints land in the "thank" pile, not the "help" pile.', []),
    ("social_sentiment", "Short sarcastic complaints are not misread.", ["negation"]),
    # a superlative said of a group of its own ("accents") judges no slice; "the best-served group" does
    ("emergency_calls", "Fine-tuning on the service's own recorded calls, weighted towards the worst-served accents, is in "
                        "progress with the speech vendor.", []),
    ("emergency_calls", "Callers speaking English as a second language are the best-served group.", ["direction"]),
    # "It is open, with X as owner" names the finding's owner, not the owner of the step after it
    ("emergency_calls", "E2 is open, with the Medical Director as owner; the vendor's noise-suppression step is due by end "
                        "of Q3 2027 but has not started.", []),
    ("emergency_calls", "E2 is open, with the Head of Control Rooms as owner; the vendor's noise-suppression step is due by "
                        "end of Q3 2027 but has not started.", ["owner"]),
    # "across" names no slice
    ("hr_policy_rag", "With the citation check on, the 95th percentile time to first words is 2,750 ms across all five "
                      "languages.", []),
]


def test_a_heading_in_its_own_words_is_about_the_finding_its_owner_label_names():
    doc = load_findings(WRITTEN / "shelf_robot.yaml")
    section = ("## Near misses with shoppers\n\n- **Severity:** critical. **Likelihood:** possible.\n"
               "- **Owner:** Health and Safety lead. **Status:** open.\n\n"
               "## Empty shelves the robot does not see\n\n- **Severity:** {}. **Likelihood:** almost certain.\n"
               "- **Owner:** Computer Vision lead. **Status:** being mitigated.\n")
    assert _failing(doc, section.format("medium")) == []
    assert _failing(doc, section.format("critical")) == ["severity"]


def test_a_rating_paragraph_is_about_the_finding_its_owner_label_names():
    doc = load_findings(WRITTEN / "invoice_matching.yaml")
    rated = "## 3. Partial deliveries\n\n**Rating: {}. Status: mitigating. Owner: Accounts Payable manager.**\n"
    assert _failing(doc, rated.format("high, likely")) == []
    assert _failing(doc, rated.format("critical, likely")) == ["severity"]


# Each table: (a document of tests/data/written, sentence, the codes its claims fail with).
ROUND_NINE = [
    # a gloss worked out from the sentence's own figures: the rest of a share, one figure over another
    ("coding_agent", "71.5% in the 9 repositories with auto-merge switched on: more than one in four unapproved.", []),
    ("coding_agent", "Median review time was 95 s on approved agent pull requests against 410 s on approved human-written "
                     "pull requests of similar size, under a quarter of the time.", []),
    # a letter's salutation names whom it is for
    ("coding_agent", "Dear General Counsel,", []),
    # "critical mistranslations" is a measure the findings name so, and '"Critical" means' defines a word
    ("support_translation", "Targeted review cuts critical mistranslations by about 70% against machine translation alone.", []),
    ("support_translation", '"Critical" means a changed amount, date, deadline or instruction, or a reversed meaning.', []),
    ("support_translation", "Critical mistranslations are a critical risk.", ["severity"]),
    # "cannot show" says what the findings' "too short to show" says
    ("news_recommender", "Four weeks cannot show whether the narrowing keeps growing or levels off.", []),
    # "in relative terms" names no population ("marketplace seller terms")
    ("counterfeit_listings", "On counterfeit listings that used the brand owner's original product photos the share removed is "
                             "58%, 33 points lower than on all audited counterfeit listings (36% lower in relative terms).", []),
]


ROUND_TEN = [
    # a numbered thread's "6/" and a note's "[5]" are markers, not figures; "RAG" is the traffic-light status
    ("call_scoring", "6/ Long calls, fixed.", []),
    ("drowsy_drivers", "At $880,000 a year, it fits the cap.[5] Because it makes the camera mandatory, the union must be "
                       "consulted.", []),
    # "2 min 30 s" and "1 h 20 min" are one length of time; "per 1,000 h" is a rate's base
    ("drowsy_drivers", "Missed episodes last a median of 2 min 30 s.", []),
    ("drowsy_drivers", "Missed episodes last a median of 2 min 40 s.", ["number"]),
    ("drowsy_drivers", "Drivers wearing prescription glasses: 8.4 per 1,000 h, 2x the overall rate.", []),
    ("underwriting_summaries", "Full read of every record, as today: median underwriter time 1 h 20 min.", []),
    ("underwriting_summaries", "Full read of every record, as today: median underwriter time 1 h 30 min.", ["number"]),
    # a share of the sentence's own counts; the rest of a rate the findings measure, after "misses"
    ("underwriting_summaries", "Of 38,400 records sent from September 2026 to February 2027, 6,900 (about 18%) were held "
                               "past 30 days.", []),
    ("flood_maps", "It misses about 8 out of every 100 flooded buildings under clear skies.", []),
    ("flood_maps", "It misses about 18 out of every 100 flooded buildings under clear skies.", ["number"]),
    # the figure of a metric without a negation keeps none from another metric's name
    ("flood_maps", "During 2026 flood season, 41 maps were sent to county emergency services.", []),
    # "German 14, French 18": each figure after its slice, the next slice after a comma
    ("support_translation", "Rates per 10,000 replies: German 14, French 18, Spanish 22.", []),
    ("support_translation", "Rates per 10,000 replies: German 18, French 14, Spanish 22.", ["slice"]),
    # "lower-priority findings" is a kind of finding, no comparison of figures
    ("hr_policy_rag", "Lower-priority findings, covered in the full report: Polish answers miss the three-second service "
                      "standard (H4).", []),
]

ROUND_ELEVEN = [
    # all but one of a slice's three qualifiers still name it; a slice cut to its head or to one qualifier does not
    ("fresh_forecast", "In convenience stores under 3,000 square feet the error was 31.0%.", []),
    ("fresh_forecast", "In convenience stores the error was 31.0%.", ["scope"]),
    ("fresh_forecast", "The forecast error was 31.0%.", ["scope"]),
    # "TL;DR" is a layout word; "50 m" is fifty metres, not fifty million
    ("pet_claims", "TL;DR", []),
    ("water_leaks", "Sensors within 50 m of a tram or rail line raise 9.8 false alarms per 1,000 sensor-nights.", []),
    ("water_leaks", "In progress: sensor spacing on plastic mains cut from 200 m to 100 m (Network Maintenance sensor crews, "
                    "due 2027-12-31).", []),
    # a total, a ratio or a margin worked out from the sentence's own figures, or from a limit the constraints give
    ("water_leaks", "In the pilot year crews made 1,180 trips to false alarms at $640 each on average, about $755,000 in "
                    "all.", []),
    ("water_leaks", "In the pilot year crews made 1,180 trips to false alarms at $640 each on average, about $855,000 in "
                    "all.", ["number"]),
    ("water_leaks", "Miss rate goes from 12% to 54%, 4.5× as high.", []),
    ("water_leaks", "Miss rate goes from 12% to 54%, 5.5× as high.", ["derived"]),
    ("water_leaks", "Only the metal-only cut meets both, with $300k and 1 ML/day to spare.", []),
    ("water_leaks", "Only the metal-only cut meets both, with $400k and 1 ML/day to spare.", ["derived"]),
    ("school_attendance", "The low threshold would exceed the hours by 210 a week, and half its flags would be wrong.", []),
    ("school_attendance", "The middle threshold reaches 74%, with 65% of flags correct, for 360 hours.", []),
    # "highest-risk pupils" is a kind of pupil; "the open concern" after a verb's negation is still open
    ("school_attendance", "Flags are now sorted highest-risk first (done by 15 June 2027).", []),
    ("school_attendance", "It does not resolve the open equality concern about free-school-meals pupils.", []),
    ("school_attendance", "The equality concern about free-school-meals pupils is not open.", ["negation"]),
    # a status in a step's own brackets is that step's, whatever verb the clause before it uses
    ("school_attendance", "Year 7 pupils' primary-school attendance records to be loaded from the local authority's transfer "
                          "file (Trust Data and Insight team; in progress; due 30 September 2027).", []),
    ("school_attendance", "Year 7 pupils' primary-school attendance records to be loaded from the local authority's transfer "
                          "file (Trust Data and Insight team; planned; due 30 September 2027).", ["status"]),
    # "the risk is owned by X and being mitigated: Y is ...": X owns the finding, Y the step
    ("pet_claims", "This medium-severity, likely risk is owned by the Head of Claims Automation and being mitigated: Claims "
                   "Operations is routing every rabbit, bird and reptile claim to an assessor (in progress, due 31 August "
                   "2027).", []),
    ("pet_claims", "This medium-severity, likely risk is owned by the Head of Claims Fraud and being mitigated: Claims "
                   "Operations is routing every rabbit, bird and reptile claim to an assessor (in progress, due 31 August "
                   "2027).", ["owner"]),
    # who accepts the risk is the finding's owner, or whom its text names as accepting it
    ("water_leaks", "General Counsel has accepted the risk now that raw clips are deleted after 7 days (done, 30 June 2027).", []),
    ("water_leaks", "The Finance Director has accepted the risk now that raw clips are deleted after 7 days (done, 30 June "
                    "2027).", ["owner"]),
    ("crop_yield_satellite", "Owner: Head of Agricultural Lending; the Chief Credit Officer has accepted the risk for the 2027 "
                             "round.", []),
    # a finding's status with its own owner is no step; a bare status line is the step before it
    ("pet_claims", "The in-app decision delay has been resolved (P4; low, likely; closed by the Claims Platform lead).", []),
    ("pet_claims", "Fraud argues against going higher (P2; high severity, possible likelihood; open; owned by the Head of "
                   "Claims Fraud).", []),
    ("pet_claims", "3. Each invoice over $300 is checked against the clinic's own record of the visit before payment. Claims "
                   "Fraud analytics; planned; due 30 November 2027.", []),
    # "·" parts labelled items; a window the findings' metric names is no date counted from today
    ("parking_cameras", "For: Council legal services · System owner: Parking Services · Decision due: 31 May 2027 — automatic "
                        "issue of penalty notices, or a reviewer's check first, once enforcement goes city-wide.", []),
    ("crop_yield_satellite", "Model plus visits for flagged farms (oilseed rape, heavy cloud, under 50 hectares): 0.41 t/ha, "
                             "1,470 visits, $1,123,500, 78% within 5 days.", []),
    ("crop_yield_satellite", "The model goes live within 3 days.", ["extrinsic"]),
    # "covers one quarter" is three months; "down by more than four-fifths" is a bound
    ("pet_claims", "We estimate $410k was overpaid in 2026, but the audit covers one quarter only.", []),
    ("pet_claims", "The 95th-percentile decision time fell from 340 seconds to 45 seconds in June, down by more than "
                   "four-fifths.", []),
]


def test_a_heading_in_words_no_title_has_names_no_finding():
    # "What the test found" shares only "found" with one finding's text: its sentences keep their own findings
    doc = load_findings(WRITTEN / "news_recommender.yaml")
    text = ("## What the test found\n\n**Feeds narrow.** The share of a reader's feed taken by their most-read topic "
            "rose from 38% to 52%. We rate it {} severity and likely; it is open, owned by the Editor-in-Chief.\n")
    assert _failing(doc, text.format("high")) == []
    assert _failing(doc, text.format("medium")) == ["severity"]


ROUND_TWELVE = [
    # the period right after a figure is its own slice's, not that of the population named before it
    ("insurance_triage", "Confirmed fraud rose from 20 per 10,000 fast-tracked claims paid in 2025 to 46 per 10,000 in 2026.", []),
    ("insurance_triage", "Confirmed fraud rose from 46 per 10,000 fast-tracked claims paid in 2025 to 20 per 10,000 in 2026.",
     ["slice"]),
    ("insurance_triage", "Confirmed fraud rose from 20 per 10,000 fast-tracked claims paid in 2025 to 46 per 10,000 in 2025.",
     ["slice"]),
    # the figures before a bare gap, even in the findings' own words, say which metrics it is between
    ("support_translation", "Satisfaction among Japanese-speaking customers who received machine-translated replies was 71%, "
                            "against 84% among English-speaking customers: 13 points lower.", []),
    ("support_translation", "Satisfaction among Japanese-speaking customers who received machine-translated replies was 71%, "
                            "against 84% among English-speaking customers: 13 points higher.", ["direction"]),
    # a finding's owner named with its status, and a step's owner after it
    ("robo_pension_advice", "This is high severity and possible, owned by the Compliance Director and being mitigated: Digital "
                            "Advice engineering is swapping such answers for a referral (in progress, due 30 April 2027).", []),
    ("baggage_ct_screening", "This high-severity, possible risk is open and owned by the Screening Operations manager; Screening "
                             "Operations rostering plans to rotate screeners off assisted lanes every 20 minutes (planned, due "
                             "15 September 2027).", []),
    # who accepts or closes a finding is its owner, whoever does a step in the same sentence
    ("baggage_ct_screening", "The Terminal 3 engineering lead has accepted this low-severity, almost certain risk until Airport IT "
                             "infrastructure upgrades the servers (planned, due 31 March 2028).", []),
    ("baggage_ct_screening", "The Head of Security Screening has accepted this low-severity, almost certain risk until Airport IT "
                             "infrastructure upgrades the servers (planned, due 31 March 2028).", ["owner"]),
    ("energy_theft", "The Data Protection Officer has closed this medium-severity, unlikely finding.", []),
    ("energy_theft", "General Counsel has closed this medium-severity, unlikely finding.", ["owner"]),
    # the system by its head word and version
    ("city_311_routing", "Board deck · Decision due 30 September 2027 · Router v2.1, owned by Digital Services", []),
    # a tally of the findings by status
    ("baggage_ct_screening", "Of four risks, one is mitigating, one open, one accepted and one closed.", []),
    ("baggage_ct_screening", "Of four risks, two are open, one accepted and one closed.", ["status"]),
    # nothing left open; questions that stay open; "Next step:" as a label
    ("baggage_ct_screening", "### R4 Bag images kept with passenger names (S4)\n\n- **Status:** closed\n- **Next step:** none "
                             "outstanding.", []),
    ("energy_theft", "The Data Protection Officer has closed the finding (medium severity, unlikely), but two points remain "
                     "open [Notes 5 and 6].", []),
    ("baggage_ct_screening", "Next step: Screening Technology team finishes excluding bags with three or more devices from "
                             "auto-clear (in progress, due 31 August 2027).", []),
    ("baggage_ct_screening", "Next step: Screening Technology team finishes excluding bags with three or more devices from "
                             "auto-clear (done, 31 August 2027).", ["status"]),
    # no denial: a relative clause, what a tool may do, a restated negated caveat
    ("meeting_minutes_llm", "The tool also records things nobody said.", []),
    ("robo_pension_advice", "Older members also ask questions the tool may not answer.", []),
    ("trial_matching", "The audit could not count eligible patients never screened by hand.", []),
    ("meeting_minutes_llm", "Two compliance analysts counted omissions without grading how much each one mattered.", []),
    ("city_311_routing", "The contract stops the provider keeping the text.", ["negation"]),
    # a period said before the figure, in its clause
    ("delivery_eta", "In March 2027 the slowest 1% of requests took 850 ms or more.", []),
    ("delivery_eta", "In March 2027 the slowest 1% of requests took 310 ms or more.", ["slice"]),
    # a count per the base a metric's name gives
    ("baggage_ct_screening", "With auto-clear on at the Terminal 1 trial lanes, 6 in every 1,000 seeded threat bags would have "
                             "been cleared with no human look.", []),
    ("baggage_ct_screening", "With auto-clear on at the Terminal 1 trial lanes, 9 in every 1,000 seeded threat bags would have "
                             "been cleared with no human look.", ["number"]),
    # ", three from wheelchair users" begins a part of the count, not the count's slice
    ("selfcheckout_theft", "11 formal complaints of being treated as a thief, three from wheelchair users", []),
    ("selfcheckout_theft", "11 formal complaints of being treated as a thief from wheelchair users", ["slice"]),
    # a count done in a span of time is no share
    ("trial_matching", "Monthly, hand screening covers 120 cardiology patients in 150 nurse hours.", []),
    ("trial_matching", "Monthly, hand screening covers 140 cardiology patients in 150 nurse hours.", ["number"]),
]

ROUND_THIRTEEN = [
    # "marks likely duplicates": what the system picks out, not how likely the risk is
    ("city_311_routing", "The router reads 311 requests in several languages, routes them and marks likely duplicates.", []),
    ("city_311_routing", "The router flags likely duplicates, and closing them automatically would shut genuine new reports: "
                         "a high-severity, likely risk.", ["severity"]),
    ("city_311_routing", "The router flags likely duplicates, and closing them automatically would shut genuine new reports: "
                         "a high-severity, almost certain risk.", []),
    # capitals take a plain "s" for the plural: "GPs" for the findings' "GP"
    ("discharge_summaries", "Private notes reached GPs; now fixed.", []),
    ("discharge_summaries", "Private notes reached GPs and the local NHS trust.", ["extrinsic"]),
    # where the system accepts lines, "lines accepted" is its work; who accepted a risk is still a status
    ("customs_tariff_codes", "A, wide auto-accept: 62% of lines accepted, 41,000 officer hours saved and $2.1 million of "
                             "underpaid duty a year.", []),
    ("customs_tariff_codes", "C, suggestions only: nothing accepted automatically, 9,000 hours saved.", []),
    ("customs_tariff_codes", "The flagging of small importers is medium severity, and the Trade facilitation lead has accepted "
                             "this risk.", ["status"]),
    # "the cameras caught only 68%": what the system is names no measure ("false alarms per 1,000 camera-hours")
    ("wildfire_cameras", "Within an hour of sunrise or sunset, glare and long shadows hide thin plumes, and the cameras caught "
                         "only 68%, about two in three, a 25-point drop.", []),
    # how steps may be spoken of, and the findings' steps counted together, claim no step
    ("discharge_summaries", "The two planned controls fall due after the decision date, so they cannot be cited as safeguards "
                            "for a rollout approved in May.", []),
    ("city_311_routing", "Both are only planned, so neither can yet be cited as a control.", []),
    ("discharge_summaries", "The two planned controls fall due after the decision date, and Pharmacy will also audit every GP "
                            "letter weekly from June 2027.", ["owner"]),
    # a superlative in a slice's own name ("lowest-income"), and "falls hardest on", compare nothing
    ("ride_surge_pricing", "Planned: a driver pickup bonus at evening peak in the lowest-income fifth of neighbourhoods (Driver "
                           "Supply team, due 15 September 2027).", []),
    ("ride_surge_pricing", "Surge falls hardest on lower-income neighbourhoods.", []),
    ("ride_surge_pricing", "The median surge multiplier is lowest in the lowest-income fifth of neighbourhoods.", ["direction"]),
    # every word said is the figure's own slice's, though shorter slices fit so few words better
    ("ride_surge_pricing", "At evening peak the 90th-percentile pickup wait is 780 seconds in the lowest-income fifth against "
                           "420 seconds in the highest.", []),
    ("ride_surge_pricing", "At evening peak the 90th-percentile pickup wait is 780 seconds in the highest-income fifth against "
                           "420 seconds in the lowest.", ["slice"]),
    # "48 percentage points lower than option B": a gap's word, not the slice "reworded to lower the duty"
    ("customs_tariff_codes", "On lines accepted without an officer check, option C (0%) is 48 percentage points lower than "
                             "option B (48%), so option C is behind.", []),
    ("customs_tariff_codes", "On lines accepted without an officer check, option C (0%) is 48 percentage points higher than "
                             "option B (48%).", ["direction"]),
    # where a measure counts calls "resolved", the word is its; said of the finding, it is still a status
    ("tax_helpline_bot", '"Resolved" means the caller did not ring back within seven days, not that the answer was checked.', []),
    ("tax_helpline_bot", "Wrong deduction answers for the self-employed are high severity and likely, and the finding has been "
                         "resolved.", ["status"]),
    ("school_attendance", "The equality concern about free-school-meals pupils is not open.", ["negation"]),
    # a comparative that says which group ("on lower towers") compares no figures
    ("wildfire_cameras", "On towers above 1,500 m the detector raises 11.4 false alarms per 1,000 camera-hours: more than four "
                         "times the 2.6 on lower towers.", []),
    # a multiple whose figures the sentence states runs the way they do
    ("subtitle_translation", "In 1.8 lines per 1,000 from children's and family titles, the engine slipped in an offensive "
                             "word, three times the 0.6 per 1,000 seen in general-audience titles.", []),
    ("subtitle_translation", "In 1.8 lines per 1,000 from children's and family titles, the engine slipped in an offensive "
                             "word, four times the 0.6 per 1,000 seen in general-audience titles.", ["derived"]),
    ("customs_tariff_codes", "The flagging model flags 12.5% of lines from importers filing fewer than 10 declarations a year "
                             "and 5.2% from those filing 500 or more, 2.4 times the rate.", []),
    ("customs_tariff_codes", "The flagging model flags 12.5% of lines from importers filing fewer than 10 declarations a year "
                             "and 5.2% from those filing 500 or more, 3.4 times the rate.", ["direction"]),
    # hours of work are counted as often as timed: "1,400 reviewer hours" for a capacity of "1,400 hours a week"
    ("parcel_damage_claims", "B fits within our peak capacity of 1,400 reviewer hours a week.", []),
    ("parcel_damage_claims", "B fits within our peak capacity of 1,500 reviewer hours a week.", ["number"]),
    # "250 hours spare" is a gap, as "250 to spare" is
    ("parcel_damage_claims", "The recommendation is B: 3.1 points fewer wrongful rejections than A, inside capacity with 250 "
                             "hours spare.", []),
    ("parcel_damage_claims", "The recommendation is B: 3.1 points fewer wrongful rejections than A, inside capacity with 350 "
                             "hours spare.", ["derived"]),
    # options named by their letter alone ("B costs ... than A"); "A review" is an article
    ("parcel_damage_claims", "B costs $1.55 more per claim than A.", []),
    ("parcel_damage_claims", "B costs $1.55 less per claim than A.", ["direction"]),
    ("parcel_damage_claims", "A review of the audit sample found the model rejects 4.2% of genuine claims.", []),
    # a step made up beside a real one, after "and" or "plus", in words no step of the findings has
    ("parcel_damage_claims", "Claims Automation has finished a check of every photo against earlier claim photos (done, 31 July "
                             "2027).", []),
    ("parcel_damage_claims", "Claims Automation has finished a check of every photo against earlier claim photos and against "
                             "stock images on the web (done, 31 July 2027).", ["mitigation"]),
    # "followed by 13 events" is a count, not a gap "by 13"
    ("insulin_dose_app", "In the pilot, doses based on photos were followed by 11 level 2 low-blood-sugar events per 1,000 "
                         "doses.", []),
    ("insulin_dose_app", "In the pilot, doses based on photos were followed by 13 level 2 low-blood-sugar events per 1,000 "
                         "doses.", ["number"]),
    # two steps in one sentence, each with its own status: each clause's status is its own step's
    ("wildfire_cameras", "Masking of homes in public images is done; cutting retention from 90 to 30 days is planned by the "
                         "Fire Service privacy officer for 30 June 2027.", []),
    ("wildfire_cameras", "Masking of homes in public images is planned; cutting retention from 90 to 30 days is planned by "
                         "the Fire Service privacy officer for 30 June 2027.", ["status"]),
    ("subtitle_translation", "Localization Operations has already taken the 310 out of machine translation (done), and Legal "
                             "and Business Affairs is reviewing the 190 (in progress, due 1 March 2027).", []),
    ("subtitle_translation", "Localization Operations has already taken the 310 out of machine translation (done), and Legal "
                             "and Business Affairs has finished reviewing the 190 (done, 1 March 2027).", ["status"]),
    ("parcel_damage_claims", "Fixes: a flash retake prompt when the image is too dark (Customer App team, in progress, due 15 "
                             "August 2027) and routing of low-light claims the model would reject to a reviewer (Customer "
                             "Operations, planned, due 1 September 2027).", []),
    ("parcel_damage_claims", "Fixes: a flash retake prompt when the image is too dark (Customer App team, in progress, due 15 "
                             "August 2027) and routing of low-light claims the model would reject to a reviewer (Customer "
                             "Operations, in progress, due 1 September 2027).", ["status"]),
    # a hyphenated measure is named by its parts: "Missed: 24%" for the "missed-drowsiness rate"
    ("drowsy_drivers", "Night, cab lights off; Missed: 24%", []),
    ("drowsy_drivers", "Night, cab lights off; False alarms: 24%", ["slice"]),
    # the noun after the figure before a comma is that figure's: "1,470 visits, $1,123,500"
    ("crop_yield_satellite", "Model plus visits for flagged farms (oilseed rape, heavy cloud, under 50 hectares): 0.41 t/ha, "
                             "1,470 visits, $1,123,500, 78% within 5 days.", []),
    ("ride_surge_pricing", "In the 90 minutes after the 12 May 2027 subway outage, surge reached 3.8x; 1,240 riders complained "
                           "about prices and we refunded $86,000.", []),
    # a public body named in lower case that no finding names
    ("ride_surge_pricing", "In the 90 minutes after the 12 May 2027 subway outage, surge reached 3.8x; 1,240 riders complained "
                           "about prices and we refunded $86,000; the state transport commission has since opened an "
                           "inquiry.", ["extrinsic"]),
    ("churn_offers", "The regulator could see the offers as unfair to loyal customers.", []),
    ("churn_offers", "The national consumer regulator could see the offers as unfair to loyal customers.", ["extrinsic"]),
    # in the findings' own words, a tail after a real step that claims an action of its own and covers no step
    ("delivery_eta", "Live rain radar for each district is being added to the model (in progress, due 15 July 2027).", []),
    ("delivery_eta", "Live rain radar for each district is being added to the model (in progress, due 15 July 2027), and "
                     "rainy-evening orders will be capped in the worst-hit districts.", ["mitigation"]),
    # a sentence's own two figures against its own word: "from 2.0% to 3.0%, down", "34 ..., down from 21"
    ("theatre_scheduling", "On-the-day cancellations for lack of time went from 2.0% of booked cases to 3.0%, up by half.", []),
    ("theatre_scheduling", "On-the-day cancellations for lack of time went from 2.0% of booked cases to 3.0%, down by half.",
     ["direction"]),
    ("fresh_forecast", "But pilot stores had 34 stock-outs per 1,000 store-item-days, up from 21.", []),
    ("fresh_forecast", "But pilot stores had 34 stock-outs per 1,000 store-item-days, down from 21.", ["direction"]),
    ("underwriting_summaries", "The average summary cost $1.20 in January 2027, under the $2.00 budget.", []),
    ("underwriting_summaries", "The average summary cost $1.20 in January 2027, over the $2.00 budget.", ["direction"]),
    # a possibility told as a fact: "without consent" says how, and a modal before "and" does not govern "amounts"
    ("news_recommender", "Inferring these without consent could breach data protection law.", []),
    ("news_recommender", "Inferring these without consent breaches data protection law.", ["hedge"]),
    ("call_scoring", "Same work, lower score: that could hurt reviews and bonuses and could amount to indirect "
                     "discrimination.", []),
    ("call_scoring", "Same work, lower score: that could hurt reviews and bonuses and amounts to indirect discrimination.",
     ["hedge"]),
]


ROUND_FOURTEEN = [
    # "11 times in 2026": how often, a count over a period, no multiple
    ("lift_faults", "Those lifts trapped passengers 11 times in 2026.", []),
    ("lift_faults", "Those lifts trapped passengers 29 times in 2026.", ["extrinsic"]),
    # "95% now arrive within 95 seconds" tells the 95th percentile in words
    ("lift_faults", "A low-severity delay in night-time alerts is closed: 95% now arrive within 95 seconds, inside the "
                    "120-second target.", []),
    ("lift_faults", "A low-severity delay in night-time alerts is closed: 95% now arrive within 85 seconds, inside the "
                    "120-second target.", ["number"]),
    # the action's own window in words ("within seven days" for "within 7 days") is no date counted from today
    ("lift_faults", "Alerts that are not safety-related already wait for the next planned visit within seven days (done).", []),
    ("lift_faults", "Alerts that are not safety-related already wait for the next planned visit within six days (done).",
     ["extrinsic"]),
    # "has accepted the false-alarm cost": the finding accepted by its owner, and the step after it has its own owner
    ("lift_faults", "The Head of Property Operations has accepted the false-alarm cost (medium, almost certain), and "
                    "non-safety alerts are already batched into the next planned visit within 7 days (done, Facilities "
                    "Engineering).", []),
    ("lift_faults", "The Head of Property Operations has accepted the false-alarm cost (medium, almost certain), and "
                    "non-safety alerts are already batched into the next planned visit within 7 days (done, Tenant "
                    "Services).", ["owner"]),
    # "roads of 40 mph or more" sets the bound of "roads with a 40 mph or higher limit"
    ("pothole_survey", "A low-severity issue, 4.2 dropped frames per 1,000 on roads of 40 mph or more, is accepted by the "
                       "Fleet Services manager.", []),
    ("pothole_survey", "A low-severity issue, 4.2 dropped frames per 1,000 on roads of 40 mph or less, is accepted by the "
                       "Fleet Services manager.", ["scope"]),
    # steps counted together claim none; "rests on" is no "rest of the wards"
    ("pothole_survey", "RoadScan pothole detector: uneven detection and footage of the public create exposure; several key "
                       "controls are still planned, not in place", []),
    ("pothole_survey", "The 47% rests on 260 potholes from one week of heavy rain in April 2027.", []),
    ("pothole_survey", "In the rest of the wards it finds 47%.", ["slice"]),
    # "faster routes": the findings' own "faster roads", a kind of road; an issue the manager "has accepted" is the finding
    ("pothole_survey", "In place: blurring on the truck before upload (Highways Data Team, done); processing every second "
                       "frame above 40 mph, for a low-severity dropped-frame issue the Fleet Services manager has accepted "
                       "(done; the dropped-frame figure comes from 2 trucks on faster routes).", []),
    # "2.1% of the time": how often, not the slice "cases opened at all other times"
    ("dispute_assistant", "Across all 9,400 trial disputes, the assistant recommended refusing a claim the customer should "
                          "have won 2.1% of the time.", []),
    # "is mitigating it": the finding's status with its owner; the step's own status follows
    ("dispute_assistant", "The Disputes Compliance lead is mitigating it: Card Operations Technology has switched on a block "
                          "that stops any draft citing a document missing from the file (done, 20 April 2027).", []),
    ("dispute_assistant", "The Disputes Compliance lead is mitigating it: Card Operations Technology plans a block that "
                          "stops any draft citing a document missing from the file (planned, 20 April 2027).", ["status"]),
    # one option id under two names ("wrongful denial recommendation rate", "wrongful denial rate") is one measure
    ("dispute_assistant", "Wrongful denial recommendations would be 1.4%, only 0.2 points above the 1.2% for manual "
                          "decisions.", []),
    # "the slowest 5% of films": a percentile's tail, no slice ranked slowest
    ("xray_triage", "Scoring is also slow overnight: the slowest 5% of films arriving between midnight and 6 am wait 95 "
                    "seconds for a score, against 14 seconds by day.", []),
    # "ICU" for the findings' "intensive care" (unit)
    ("xray_triage", "Chest X-ray triage v2.1: sensitivity drops on portable ICU films.", []),
    ("xray_triage", "The NICE guidance applies to portable ICU films.", ["extrinsic"]),
    # a caveat told as a denial ("No outage ... ran past two hours") denies no finding
    ("xray_triage", "No outage in the trial ran past two hours, so behaviour in a longer one is untested.", []),
    ("xray_triage", "No outage left studies unscored.", ["negation"]),
    # "we cannot yet say the problem is fixed": still open
    ("job_ad_writer", "The 2.9% leak rate predates that change and has not been measured since, so we cannot yet say the "
                      "problem is fixed.", []),
    ("job_ad_writer", "The 2.9% leak rate predates that change and has not been measured since, but the problem is fixed.",
     ["status"]),
    ("job_ad_writer", "Job ad writer: three legal exposures before the agency-wide rollout, and only one control actually in "
                      "place", []),
    # "about a seventh as many": a multiple of the other option's figure, not a share
    ("courier_fraud", "Holding the payout cuts honest couriers waiting over a day to 1.2 per 1,000, about a seventh as many.",
     []),
    # "the fixes under way" names no step; "all confirmed fraud cases" is the population measured whole
    ("courier_fraud", "Below are the weak slices and the fixes under way.", []),
    ("courier_fraud", "Recall is 82% on all confirmed fraud cases.", []),
    ("courier_fraud", "Recall is 47% across all delivery types.", ["scope"]),
    # "across the pilot cities" for "pilot cities in January-April 2027", the only period that measure has
    ("courier_fraud", "The payouts missed are estimated at $96,000 a month across the pilot cities.", []),
    # the items' own noun left out, what restricts them said ("scoring requests during the Monday payout run")
    ("courier_fraud", "Scoring is also slow in the Monday payout run (the slowest 5% take 1,400 ms or more, against a 300 ms "
                      "target), which could delay some payouts: medium severity, possible, accepted.", []),
    # "children's trails" is a noun; "has accepted it" is the finding's status, the step's is "in progress"
    ("museum_guide", "Medium severity, likely; the Head of Learning and Access has accepted it, with question cards for "
                     "children's trails in progress (due 28 May 2027).", []),
    ("museum_guide", "Medium severity, likely; the Head of Learning and Access has accepted it, with question cards for "
                     "children's trails done (due 28 May 2027).", ["status"]),
    # "6.8 seconds ..., now 2.6": the new value in the unit of the old
    ("museum_guide", "Slow answers in the lower-ground galleries (6.8 seconds for the slowest 5%, now 2.6) are fixed and "
                     "closed.", []),
    ("museum_guide", "Slow answers in the lower-ground galleries (6.8 seconds for the slowest 5%, now 3.6) are fixed and "
                     "closed.", ["number"]),
    # an option told in words of its own ("an open model on our servers") owns the figure after it
    ("museum_guide", "The hosted vendor model errs least (6.5% on staff test questions), and it costs $18 per 1,000 "
                     "questions, three times an open model on our servers that errs more (11.2%).", []),
    # what a condition needs ("launch once ... are in place") states no step done
    ("museum_guide", "Choose the hosted model; launch once the \"I don't know\" behaviour, curator checks and scripted answers "
                     "for sensitive objects are in place.", []),
    ("museum_guide", "The \"I don't know\" behaviour, curator checks and a staff hotline are in place.", ["mitigation"]),
    # "declined 38% of applicants": the system's act on items, no fall
    ("rental_screening", "At the pilot branches the model automatically declined 38% of applicants whose income includes "
                         "housing benefit, against 14% of salaried applicants.", []),
    # all words of a long slice but one said ("joint student applications", the holdout said before)
    ("rental_screening", "In the 2025 holdout the model spots 71% of tenancies that fall into arrears, but only 48%, under "
                         "half, on joint student applications: 23 points lower.", []),
    # "automatic deletion switched on" is the action's own verb, not its status
    ("rental_screening", "- Deletion of statements older than 90 days, with automatic deletion switched on: in progress, IT "
                         "Operations, due 10 April 2027.", []),
    ("rental_screening", "- Deletion of statements older than 90 days, with automatic deletion switched on: done, IT "
                         "Operations, due 10 April 2027.", ["status"]),
    # a step claimed after the finding's own state, where the findings give none like it
    ("legal_research", "The Knowledge and Innovation product manager has accepted this as a low-severity, almost-certain "
                       "risk, and answers will move to a faster model by the end of March to bring them under the target.",
     ["mitigation"]),
]

ROUND_FIFTEEN = [
    # "one answer in twenty takes 9.4 seconds or more": the 95th percentile told in words
    ("energy_bill_chatbot", "In the three days after monthly bills are issued, one answer in twenty takes 9.4 seconds or more, "
                            "three times the 3.1 seconds on other days.", []),
    ("energy_bill_chatbot", "In the three days after monthly bills are issued, one answer in twenty takes 7.4 seconds or more.",
     ["number"]),
    # "the controls that would address it": the findings' steps, together, no step named
    ("energy_bill_chatbot", "Bill Help chatbot: the way it handles customers who cannot pay is our main exposure, and the controls "
                            "that would address it are not yet operating.", []),
    # "had fewer registered nurses than the ward minimum": what the measure counts ("below the minimum")
    ("shift_scheduler", "On RotaBuilder rotas, 7 in every 1,000 night shifts had fewer registered nurses than the ward minimum, "
                        "against 3 on the same wards' hand-built rotas: more than twice as often.", []),
    # "the tool had counted ...": what the system did, the finding's evidence, no step done
    ("shift_scheduler", "In about three quarters of those short nights, the tool had counted a newly qualified nurse in their "
                        "supernumerary weeks as part of the team.", []),
    ("shift_scheduler", "Workforce Informatics has changed the rules so supernumerary nurses count as extra to the minimum.",
     ["status"]),
    # two of the sentence's figures are one finding's own: "500 packs" is that finding's audit set
    ("loan_doc_summaries", "In an audit of 500 packs, the memo captured 94% of adverse items such as liens, tax arrears and "
                           "returned payments, but only 76% in packs over 80 pages.", []),
    ("loan_doc_summaries", "In an audit of 600 packs, the memo captured 94% of adverse items, but only 76% in packs over 80 pages.",
     ["number"]),
    # "A privacy lapse has been fixed": the finding closed, no step
    ("crowd_density", "A privacy lapse has been fixed.", []),
    # "Guardrails: ... is finished first": what is required, not a status
    ("grant_reviewer", "Guardrails: reviewers set every score, every early-career application goes to a human reviewer, and "
                       "hidden-text stripping is finished first.", []),
    ("grant_reviewer", "Hidden-text stripping is finished.", ["status"]),
    # "stripping" for the action's "Strip": each of two steps judged on its own status
    ("grant_reviewer", "The Chief Information Security Officer is mitigating it: PDF metadata no longer reaches the assistant "
                       "(done), and stripping hidden text is in progress, due 26 February 2027.", []),
    ("grant_reviewer", "The Chief Information Security Officer is mitigating it: PDF metadata no longer reaches the assistant "
                       "(done), and stripping hidden text is done.", ["status"]),
    # "the 310 ms figure": a figure named, no slice given it; "with no fuel-receipt check": what the cases lacked
    ("fleet_fuel", "The 310 ms figure covers only two weeks of March 2027.", []),
    ("fleet_fuel", "Nine disciplinary cases in January to March 2027 were opened on an alert with no fuel-receipt check.", []),
    ("fleet_fuel", "Approve the rollout with three guardrails: the second-manager check in place before any alert can lead to "
                   "discipline, off-shift GPS masked before new depots go live, and refrigerated vans kept out of alerts until "
                   "the chiller fix is live.", []),
]

def test_a_short_heading_in_words_of_one_finding_only_names_it():
    # "R3 - Motorcycles under-enforced": the register's own number, then words only P3 has; its rating
    # lines are P3's. "The small print" shares "small" with the small-farm finding, yet names no finding.
    doc = load_findings(WRITTEN / "parking_cameras.yaml")
    text = "### R3 - Motorcycles under-enforced\n\nLikelihood x Impact: almost certain x low. Status: {}.\n"
    assert _failing(doc, text.format("accepted")) == []
    assert _failing(doc, text.format("closed")) == ["status"]
    crops = load_findings(WRITTEN / "crop_yield_satellite.yaml")
    small_print = "## The small print\n\nDecember's loading times reflect about a third of the expected spring-peak request volume.\n"
    assert _failing(crops, small_print) == []


ROUND_SIXTEEN = [
    # "the assistant": the head word of the system's name ("Triage disposition assistant") after "the" names
    # the system, not the slice "call transcripts in the assistant's debug log"
    ("nurse_triage_line", "On interpreter calls the assistant agreed with the panel 74% of the time, against 88% overall.", []),
    ("nurse_triage_line", "The assistant's debug log kept 1,500 call transcripts.", ["number"]),
    # "it falls for interpreter calls": after a figure, where it changes is where it does not hold
    ("nurse_triage_line", "Any external statement quoting 88% agreement should say that it falls for interpreter calls.", []),
    # "the Monday peak" names the slice "calls during the Monday 8-11 am peak"; its hours say when the peak is
    ("nurse_triage_line", "At the Monday morning peak, one suggestion in twenty takes 9.4 seconds or more, over twice the "
                          "4-second target.", []),
    ("nurse_triage_line", "At the Monday peak, one suggestion in twenty takes 7.4 seconds or more.", ["number"]),
    # "audited" says which calls were checked, not which calls: "calls through a telephone interpreter" names them
    ("nurse_triage_line", "On calls through a telephone interpreter, agreement with the panel drops to 74% from 88% overall.", []),
    # "1,240 transcripts kept for up to 45 days": the items of the figure's own population, not another measure
    ("nurse_triage_line", "A low-severity lapse, 1,240 transcripts kept for up to 45 days against a 30-day limit, is closed.", []),
    # "6.4 in 1,000" is 0.64%, not "4 in 1,000"
    ("library_recs", "When a child uses a shared family device the figure rises to 6.4 in 1,000, nearly four times as high, "
                     "because the adult's borrowing history leaks into the child's suggestions.", []),
    # "wrongly flagged" is the "false flag" of the false flag rate, not the slice "wrongly flagged genuine documents"
    ("visa_documents", "The checker wrongly flagged 2.1% of 48,000 genuine documents, about one in fifty.", []),
    ("visa_documents", "Detection on other documents stays at 91%, with 1.8% of other genuine documents wrongly flagged.", []),
    ("visa_documents", "The checker wrongly flagged 2.1% of genuine handwritten birth and marriage certificates.", ["slice"]),
    ("visa_documents", "The checker wrongly flagged 9.4% of genuine documents at the two pilot consulates.", ["slice"]),
    # "four times higher" says a number, no word of an invented step
    ("solar_inspection", "The miss rate goes from 6% to 24%, four times higher, and 22% of planned summer flights fall in "
                         "these conditions.", []),
    # "passed 93% of" leaves the rest not passed, as "some calls for help are not passed" says
    ("bus_stop_asr", "In a scripted test the assistant passed 93% of spoken emergency requests to a control-room operator, "
                     "six points short of the 99% target.", []),
    ("bus_stop_asr", "In a scripted test the assistant passed spoken emergency requests to a control-room operator.",
     ["negation"]),
]


ROUND_SEVENTEEN = [
    # "MEMO —": the form of the brief, no body or name the findings lack
    ("allergen_labels", "MEMO — Allergen Label Drafter for the autumn range", []),
    # "; newer ones were not": the clause after denies what this one says, its verb left out
    ("dating_app_moderation", "Only three public image generators were tested; newer ones were not.", []),
    ("dating_app_moderation", "Newer generators were tested.", ["negation"]),
    # what brackets add to a slice explains it ("(Monk scale 8-10)"): the slice is named without it
    ("dating_app_moderation", "Non-explicit profile photos of people with darker skin tones are wrongly flagged as nudity at "
                              "6.8%, against 2.1% for lighter skin tones.", []),
    ("dating_app_moderation", "Non-explicit profile photos of people with darker skin tones are wrongly flagged as nudity at "
                              "2.1%.", ["slice"]),
    # "being mitigated under the Head of X: ... (Team A, done)": the owner before the colon is the finding's
    ("mortgage_chat", "It is being mitigated under the Head of Conversational AI: a pointer to the latest statement now sits "
                      "under every payment answer (Digital Banking content team, done), and pulling rates and payments "
                      "straight from the core mortgage system is in progress (Conversational AI engineering, due 20 March 2027).",
     []),
    # "falls after the decision date": when a step lands, no decrease
    ("rail_ticket_refunds", "The whole-journey data fix falls after the decision date.", []),
    # a caveat's own comparison ("may bring longer outages"), in a sentence restating it
    ("bridge_sensors", "These figures cover three autumn months; winter storms may bring longer outages.", []),
    # "could open it": the verb, not the status "open"
    ("nurse_triage_line", "1,240 call transcripts sat in an access-controlled debug log for up to 45 days, beyond the 30-day "
                          "retention policy; only four platform engineers could open it.", []),
    ("nurse_triage_line", "The transcript retention lapse is still open.", ["status"]),
    # an option told in its own words: its name's hyphenated parts ("cold" of "cold-weather"), its figures'
    # populations, a verb for its name's noun ("flagging at the default" for "Default threshold" flagging)
    ("bridge_sensors", "Manual review of cold readings costs $96,000 and 60 engineer hours a week.", []),
    ("bridge_sensors", "Manual review of cold readings costs $140,000 and 60 engineer hours a week.", ["slice"]),
    ("solar_inspection", "Of three settings, flagging at the default finds 91% of damaged panels but wastes about $41,000 a "
                         "month; raising the threshold to 0.7 cuts waste to about $16,500 but finds only 84%.", []),
    ("solar_inspection", "Of three settings, flagging at the default finds 84% of damaged panels.", ["slice"]),
    ("port_crane_vision", "A more sensitive setting lifts night-rain detection to 96.8% but roughly doubles false stops.", []),
]


WRITTEN_TABLES = {"steps_and_gaps": STEPS_AND_GAPS, "conditions_and_names": CONDITIONS_AND_NAMES, "layouts": LAYOUTS,
                  "possibilities": POSSIBILITIES, "polarity": POLARITY, "round_six": ROUND_SIX,
                  "round_seven": ROUND_SEVEN, "round_eight": ROUND_EIGHT, "round_nine": ROUND_NINE,
                  "round_ten": ROUND_TEN, "round_eleven": ROUND_ELEVEN, "round_twelve": ROUND_TWELVE,
                  "round_thirteen": ROUND_THIRTEEN, "round_fourteen": ROUND_FOURTEEN,
                  "round_fifteen": ROUND_FIFTEEN, "round_sixteen": ROUND_SIXTEEN,
                  "round_seventeen": ROUND_SEVENTEEN}


@pytest.mark.parametrize(("name", "text", "codes"), [
    pytest.param(*case, id=f"{table}-{i}") for table, cases in WRITTEN_TABLES.items() for i, case in enumerate(cases)])
def test_sentences_about_the_written_documents_fail_with_their_codes_or_pass(name, text, codes):
    assert _failing(load_findings(WRITTEN / f"{name}.yaml"), text) == codes


def test_a_low_severity_finding_left_out_needs_none_of_its_caveats():
    # A board brief may leave out a low-severity finding; once it says anything about it, the caveats hold.
    doc = load_findings(WRITTEN / "wildfire_cameras.yaml")
    brief = (WRITTEN / "wildfire_cameras.faithful1.md").read_text(encoding="utf-8")
    delay_caveat = "Delay was measured in winter, when the satellite links carry little other traffic"
    assert "satellite" not in brief and check_brief(doc, brief, fmt="md").missing_caveats == []
    told = brief + "\n\nAlerts from the 6 satellite-linked towers took 41 seconds or more to arrive for the slowest 5%.\n"
    assert check_brief(doc, told, fmt="md").missing_caveats == [delay_caveat]
    # a caveat of a finding above low severity is required whatever the brief says of it
    dawn = [c for f in doc.findings if f.id == "F1" for c in f.caveats][0]
    first_words = " ".join(dawn.split()[:4])
    cut = "\n".join(line for line in brief.splitlines() if first_words.lower() not in line.lower())
    assert cut != brief and dawn in check_brief(doc, cut, fmt="md").missing_caveats


@pytest.mark.parametrize(("name", "caveat", "restated"), [
    # what the figure rests on, in other words ("rests on" for "covers"), numbers in words
    ("lift_faults", "The after-change figure covers six weeks", "The night-time improvement rests on six weeks of alerts."),
    ("pothole_survey", "Measured on the 2 trucks", "The dropped-frame figure comes from the 2 trucks on faster routes."),
    # "nearly all" for "almost all", "paediatric" for "children's"
    ("xray_triage", "Almost all children's films",
     "The paediatric sample is nearly all emergency-department films, so other settings are barely represented."),
    # "untested" for "not tested"
    ("xray_triage", "Every outage in the silent trial", "No outage in the trial ran past two hours, so behaviour in a longer one is untested."),
    # "may be overstated" for "the real miss rate may be higher"
    ("courier_fraud", "Spoofing cases include only",
     "The positives here are only the cases investigators found, so recall on this slice may be overstated."),
    ("courier_fraud", "Whether a flagged courier was honest", "Labels come from reviewer decisions that have not been audited."),
])
def test_a_caveat_told_in_other_words_is_stated(name, caveat, restated):
    doc = load_findings(WRITTEN / f"{name}.yaml")
    text = next(c for f in doc.findings for c in f.caveats if c.startswith(caveat))
    idx = index_for(doc)
    assert caveat_coverage(idx, text, restated) >= 0.5
    # the same words without what limits the figure do not state it
    assert caveat_coverage(idx, text, "The model was tested on films and alerts from trucks, outages and cases.") < 0.5


def test_what_a_caveat_needs_is_not_met_by_counts_dates_or_two_other_caveats():
    # "one urgent film in five" is no "single radiologist"; two bullets that each state a caveat state no third
    doc = load_findings(WRITTEN / "xray_triage.yaml")
    brief = (WRITTEN / "xray_triage.faithful1.md").read_text(encoding="utf-8")
    line = "- Each film's urgent label was set by a single radiologist.\n"
    assert line in brief and check_brief(doc, brief, fmt="md").missing_caveats == []
    assert check_brief(doc, brief.replace(line, ""), fmt="md").missing_caveats == [
        "Each film's urgent label was set by a single radiologist"]
    # a decision's date names no finding: the low-severity finding it recalls ("Decisions are slow") stays unmentioned
    rental = load_findings(WRITTEN / "rental_screening.yaml")
    legal = (WRITTEN / "rental_screening.faithful2.md").read_text(encoding="utf-8")
    assert "14 May 2027" in legal and check_brief(rental, legal, fmt="md").missing_caveats == []



def test_a_rate_per_thousand_with_a_decimal_keeps_its_decimal():
    # "6.4 in 1,000" is 0.64%, not the "4 in 1,000" after its decimal point
    assert [(q.text, round(q.value, 4)) for q in nums.extract("the figure rises to 6.4 in 1,000")] == [("6.4 in 1,000", 0.64)]
    assert [(q.text, q.value) for q in nums.extract("about one in four")] == [("about one in four", 25.0)]
