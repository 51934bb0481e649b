"""Briefs written freely, the way a model writes them, for findings of fields the examples do not cover.

tests/data/written holds one hundred and fourteen findings documents (motor claim pricing, chest X-ray scanners, a code
assistant, a tutoring chatbot, ..., CV screening, a refund agent, train maintenance, a clinical scribe, identity
documents, essay grading, a collections chatbot, wind-turbine inspection, exam proctoring, parcel routing, a
pharmacy chatbot, home-insurance triage), two faithful briefs for each
(an executive one, and a legal, product or engineering one) with headings, tables, shorthand ratings
("(high, likely; open; owner: X)"), rounded and derived figures and every caveat, and EDITS_*.md:
one-error edits of the first brief of each of the first ninety-eight, with the error each makes.

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
    ("hospital_bed_forecast.faithful1.md", "In respiratory surge alert weeks the error more th"):
        "'in respiratory surge alert weeks' for the slice 'in surge alert weeks, winter 2025-26': the season said before",
    ("hospital_bed_forecast.faithful1.md", "At the four hospitals with fewer than 100 beds the"):
        "'the 3.4% at larger hospitals' for 'hospitals with 300 or more beds', read against another metric's name",
    ("hospital_bed_forecast.faithful2.md", "In respiratory surge alert weeks of winter 2025-26"):
        "'above the all-year figure' read against a count of beds short in the same weeks",
    ("hospital_bed_forecast.faithful2.md", "MAPE on stale-feed forecasts is 10.4% (n = 23) ver"):
        "'stale-feed forecasts' for the two hospitals' forecasts built on a late feed: the hospitals' names left out",
    ("mortgage_chat.faithful1.md", "Until both are done, keep the assistant to the pil"):
        "a launch condition in the brief's own words ('accept longer evening waits until the new shifts start')",
    ("pay_equity_tool.faithful1.md", "Replaying 2026 store associate hires through it, i"):
        "'96 cents on the dollar' for a ratio of 0.96, read as a count",
    ("pay_equity_tool.faithful1.md", "Decision needed by 1 March 2027: approve rollout t"):
        "'on condition that both fixes are complete': a condition of the approval, read as a status",
    ("port_crane_vision.faithful1.md", "At the busiest network times, the 99th-percentile "):
        "'at the busiest network times' for 'vessel changeover', with the normal-load figure after it",
    ("port_crane_vision.faithful1.md", "Adding night signallers brings no extra false stop"):
        "an option told by its action, its cost read against the finding's false-stop slice",
    ("port_crane_vision.faithful2.md", "Ship at the current threshold with night-shift sig"):
        "the recommendation in the brief's own words ('while the fixes land between mid-May and mid-June')",
    ("port_crane_vision.faithful2.md", "p99 detection-to-stop latency; Slice: Vessel chang"):
        "a table row whose last cell ('180 ms at normal load') drops 'network' from the slice",
    ("port_crane_vision.faithful2.md", "At normal load there is 120 ms of headroom under t"):
        "'120 ms of headroom': the gap between the requirement and the normal-load figure, not a figure of its own",
    ("rail_ticket_refunds.faithful1.md", "In 300 test claims from our security team, text in"):
        "'test claims from our security team' for 'red-team claims': the slice in other words",
    ("rail_ticket_refunds.faithful2.md", "In a claims-handler audit, the agent wrongly rejec"):
        "'wrongly rejected': what the audit found, read as the status of a step",
    ("rail_ticket_refunds.faithful2.md", "Only the last two are in place, and they cover the"):
        "'slow decisions on days of major disruption' listed before the other finding's 0.8%",
    ("soil_moisture_irrigation.faithful1.md", "On blocks with a drifting probe, watering volumes "):
        "'blocks with a drifting probe' for 'block-weeks on field blocks with a probe flagged as drifting'",
    ("soil_moisture_irrigation.faithful1.md", "In a replay of 2026, 3 of 58 farms would have exce"):
        "'the worst by 7%' for a multiple of 1.07: the excess told as a percentage",
    ("bridge_sensors.faithful1.md", "In the replay it lifted cold-weather recall by 2"):
        "a gap between an option's replayed recall (84%) and the finding's cold-weather figure (61%)",
    ("bridge_sensors.faithful1.md", "Bridges on cellular links lose 3.9% of their sen"):
        "'0.64 seconds' for 640 ms after a share of sensor-hours, read against the share",
    ("bus_stop_asr.faithful1.md", "Approve the rollout with two conditions, both own"):
        "a lead-in to a list of the findings' steps ('two conditions'), read as a step of its own",
    ("bus_stop_asr.faithful2.md", "In a scripted test at 12 stops, the assistant es"):
        "'21 were handled as ordinary route queries': a count of missed requests read as a figure of route queries",
    ("library_recs.faithful1.md", "Switch on reading suggestions for children in th"):
        "a launch condition in the brief's own words ('fix the language gap alongside')",
    ("library_recs.faithful1.md", "Members who mostly borrow in a language other th"):
        "'members who mostly borrow in' for 'members whose loans are mostly in': the slice in other words",
    ("library_recs.faithful2.md", "This is our critical item (possible likelihood),"):
        "a rating line whose 'item' is read as a step's word",
    ("library_recs.faithful2.md", "Until October, children on shared devices would "):
        "'but not titles with no rating': what the filter leaves, read as denying the finding's title",
    ("nurse_triage_line.faithful2.md", "This finding is high in severity, likely, and op"):
        "'this finding' after a sentence about the interpreter finding, read as the paragraph's first (critical) one",
    ("probate_letters.faithful1.md", "This is open, owned by the Registry Operations m"):
        "the finding's owner, then a step planned by another team: the first owner read as the step's",
    ("probate_letters.faithful2.md", "Probate letter assistant: the privacy exposure h"):
        "a summary of the controls ('a control in place', 'still being built') read as a new step",
    ("probate_letters.faithful2.md", "Drafting is now limited to a single case file (d"):
        "a done step, then what the retest found ('no recurrence'), read as a step of its own",
    ("probate_letters.faithful2.md", "An audit of 2,400 pilot drafts found a factual e"):
        "'estate value' (what the errors were in) read as the slice 'estates with more than one executor'",
    ("ticket_scalping.faithful1.md", "In a load test, 6 in every 1,000 checkouts timed"):
        "'a load test' for 'the peak load test': the one qualifier dropped is what the test simulated",
    ("visa_documents.faithful1.md", "Option B, higher sensitivity everywhere, would c"):
        "'wrongly flag' beside an option's recall, read as the slice 'wrongly flagged genuine documents'",
    ("border_egates.faithful2.md", "The stricter threshold would bring"):
        "two changes from one option to the other in one sentence: the second change's slice is taken for the first's",
    ("claims_pricing.faithful1.md", "In a load test, the slowest 5%"):
        "'a load test' for the 'mobile app load test' the paragraph's heading named",
    ("claims_pricing.faithful1.md", "Sending every electric-vehicle claim to an adjuster"):
        "an option named by its description only: the multiple is set the other way round",
    ("contract_clauses.faithful1.md", "The associate check of liability caps"):
        "a condition in a numbered list ('on three conditions:') read as a statement",

    ("drug_interactions.faithful2.md", "Planned fix: the Pharmacy Practice lead"):
        "a sentence that names the action's owner and, to tell them apart, the finding's",

    ("hotel_pricing.faithful2.md", "Medium severity, possible, and accepted"):
        "'the coming week' is the action's own wording ('the next week'), read as a relative date",

    ("smoke_alerts.faithful2.md", "Recall drops by 25 points in the valleys"):
        "the slice after 'in' is not taken as the subject of a change with no figure before it",

    # round three
    ("card_fraud.faithful2.md", "The rules engine's false decline rate for this age group"):
        "'was not measured' said of a slice the findings never measured for the rules engine",

    ("court_transcripts.faithful2.md", "Faster transcripts come with a small rise in errors"):
        "'from machine drafts' and 'from manual drafts' for the findings' 'CourtScribe-drafted' and 'manually drafted'",


    ("warehouse_robots.faithful1.md", "Since Site facilities replaced the markers"):
        "'the zone D rate' with 'since ... replaced' for the slice 'after the markers were replaced'",


    ("warehouse_robots.faithful2.md", "Robots in zone D used to stop"):
        "'Robots in zone' fits the slice 'the whole robot fleet' better than zone D's, whose letter is no word",
    ("warehouse_robots.faithful2.md", "Site facilities replaced the markers"):
        "'the zone D rate is now' for the slice 'after the markers were replaced'",
    ("churn_offers.faithful1.md", "The model ranks customers with more than a year's tenure"):
        "'more than a year's tenure' for the findings' 'more than 12 months' tenure'",
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

    ("fall_cameras.faithful1.md", "Stay with the 6 pilot homes until infrared"):
        "an option's name with a figure of its own ('6 pilot homes') read as a slice",
    ("fall_cameras.faithful2.md", "Stay with the 6 pilot homes: nothing changes"):
        "an option's name with a figure of its own read as a slice",
    ("mortgage_ocr.faithful1.md", "Complete the accent-aware name matching"):
        "a step named in other words ('accent-aware name matching')",
    ("mortgage_ocr.faithful2.md", "Income accuracy is 98.6% on digital PDFs"):
        "'phone photos' for 'payslips photographed on a phone'",
    # round four
    ("car_voice.faithful1.md", "Fixes for the first and the last are under way but"):
        "'the first and the last' for two findings' steps, read as a new step",
    ("car_voice.faithful1.md", "With the radio on or passengers talking, the assis"):
        "'about once every 37 hours': the inverse of a rate per 100 hours",

    ("car_voice.faithful2.md", "Compared with the cloud it cuts the weak-signal p9"):
        "'nearly two thirds' for a relative cut the sentence states in seconds",

    ("collections_calls.faithful1.md", "Payback will take longer than planned, although th"):
        "'will take longer' said of payback, read as certainty about the risk",
    ("collections_calls.faithful1.md", "Since Collections Platform engineering began preco"):
        "'the median has been 45 seconds' after a step's date: the slice 'after the fix' said as 'since'",
    ("collections_calls.faithful1.md", "It reaches the most flagged customers early, 53 po"):
        "'$17 per agent hour, under 4%': a gap between options said with its share, read as another unit",
    ("collections_calls.faithful2.md", "The prioritiser (v2.0) lifts recovery per agent ho"):
        "'about 14% over the days-past-due queue': a relative gain between options read against the slices named",
    ("collections_calls.faithful2.md", "It still beats the current queue, but payback will"):
        "'will take longer' said of payback, read as certainty about the risk",
    ("collections_calls.faithful2.md", "Called within 10 days of a missed payment: 38% of"):
        "'everyone in arrears' for the findings' 'all customers in arrears'",
    ("collections_calls.faithful2.md", "The Customer Remediation team will go through all"):
        "'all 212 cases' after a team named as the step's owner: the team read as a slice",

    ("collections_calls.faithful2.md", "The floor rule gets more than twice as many flagge"):
        "'$17 an agent hour, or 3.6%': a gap between options said with its share, read as another unit",
    ("collections_calls.faithful2.md", "The specialist team does almost as well on early c"):
        "'$12 better on recovery' with the hours named after it: the comparison read on the hours",
    ("collections_calls.faithful2.md", "Finish the 212-case remediation (Customer Remediat"):
        "a step's '212-case' label after its owner team, read as that team's slice",
    ("collections_calls.faithful2.md", "Thirty shifts are behind the post-fix queue time."):
        "'Thirty shifts are behind the post-fix queue time': 'behind' as 'underlie', read as a comparison",
    ("legal_research.faithful1.md", "Every new user has completed the verification trai"):
        "'every new user has completed the training' for a step the findings give as planned but done for new users",
    ("legal_research.faithful2.md", "We recommend approving the extension to all fee-ea"):
        "a condition on approval ('on condition that ... every user has been trained') read as a status",
    ("legal_research.faithful2.md", "Across 1,500 benchmark questions, 9 out of 6,200 c"):
        "'across 1,500 benchmark questions' before a count of citations: the questions read as the count's slice",
    ("legal_research.faithful2.md", "For questions that turn on an authority less than"):
        "'less than three months old' for 'under three months old', and '81% overall' beside it",
    ("legal_research.faithful2.md", "It is due on 15 March, about three and a half week"):
        "'about three and a half weeks before the deadline': date arithmetic in weeks",
    ("brand_images.faithful2.md", "In the January 2027 audit, 184 of 8,000 generated"):
        "'generated images' of the audit read as the slice 'generated images containing people'",
    ("brand_images.faithful2.md", "Low severity, likely, accepted by the Marketing Te"):
        "'Low severity, likely' after a paragraph about another finding",
    ("invoice_matching.faithful1.md", "The engine approved 9 of them, three in four, for"):
        "'9 of them' after a team named in the sentence before, the team read as a slice",
    ("invoice_matching.faithful2.md", "Estimated overpayment on the partly delivered invo"):
        "'partly delivered invoices' for 'invoices against partly delivered purchase orders in the shadow run'",
    ("sepsis_ews.faithful1.md", "For patients within 48 hours of an operation it fl"):
        "'would not be flagged' read as denying the finding's title",
    # round five
    ("chat_safety.faithful1.md", "During the four-week beta GuardChat wrongly blocke"):
        "'about four times' after a clause about another slice: the multiple set against the nearest slices the other way round",
    ("chat_safety.faithful1.md", "At the proposed score of 0.5, GuardChat would send"):
        "'across three shifts' for the capacity's 'current moderation staff across three shifts'",
    ("chat_safety.faithful1.md", "We therefore recommend switching on blocking and e"):
        "a guardrail list after 'we recommend', one step of another finding among them",
    ("chat_safety.faithful2.md", "Forecast at 0.5: 41,000 escalations/day vs capacit"):
        "'capacity of 26,000/day over three shifts' for the capacity's population",
    ("chat_safety.faithful2.md", "0.5 (current proposal): recall 88% · 41,000/day ·"):
        "'15,000/day over capacity': a gap between a forecast and a capacity the findings give as two metrics of different findings",
    ("property_valuation.faithful1.md", "The Head of Valuation Analytics owns this finding"):
        "'below 0.7' in a step's own words read as a figure of a slice",
    ("property_valuation.faithful1.md", "The guardrails we would attach are the ones alread"):
        "several steps listed with their dates in one sentence after 'already under way'",
    ("property_valuation.faithful2.md", "Full appraisal for plots over 2 acres or confidenc"):
        "'below 0.7' in a step's own words read as a figure of a slice",
    ("theatre_scheduling.faithful1.md", "For the 610 cases in patients with a body mass ind"):
        "'27 minutes' for a metric given in seconds, with its interval in minutes too",
    ("theatre_scheduling.faithful2.md", "Median error: 11 min across 9,400 shadow-run cases"):
        "'CI 23–31' in minutes for an interval held in seconds",
    ("theatre_scheduling.faithful2.md", "On-the-day cancellations for lack of time: 2.0% →"):
        "'2.0% → 3.0% of booked cases' for the slices 'before' and 'during the pilot'",
    ("theatre_scheduling.faithful2.md", "BMI buffer stays until the BMI/ASA retraining land"):
        "'BMI buffer stays until the retraining lands': a step named in other words inside a condition",
    ("blood_supply.faithful1.md", "Their average error was 11.2%, roughly two and a h"):
        "'their average error' for platelets, said after the red-cell figure, read as the overall figure",
    ("blood_supply.faithful1.md", "When we replayed the forecasts through the stock m"):
        "'at least one blood group on 0.6% of hospital-days overall' for the slice 'hospital-days across all 14 hospitals'",
    ("blood_supply.faithful2.md", "That is 1.6 points more, roughly 770 extra expired"):
        "'roughly 770 extra expired units': units worked out from a rate and a volume the findings do not give together",
    ("listing_copy.faithful1.md", "Ask for the neighbourhood length and amenity gap t"):
        "a request to measure again once a planned step runs, read as a new step",
    ("listing_copy.faithful2.md", "Version 1.2 was at 3.6% in September 2026, so the"):
        "'or a third': a relative fall said after the gap in points",
    ("voice_clones.faithful1.md", "Confirmed cloned-voice account takeovers on the ph"):
        "'roughly $40,000 per takeover': losses divided by takeovers",
    ("voice_clones.faithful1.md", "In a labelled sample of 20,000 genuine pilot calls"):
        "'in a labelled sample of 20,000 genuine pilot calls' for the sample's own population",
    ("voice_clones.faithful1.md", "The speed problem has been fixed."):
        "'the speed problem' for the finding on scoring time, read as another finding",
    # round six
    ("clinic_scribe.faithful1.md", "No. In 1,270 reviewed consultations, the word erro"):
        "three slices in one sentence, the third's words taken as the first's",
    ("clinic_scribe.faithful2.md", "Of 12,400 pilot consultations recorded from Octobe"):
        "a shortfall from a share the findings give only as a count (1,116 of 12,400)",
    ("cv_screening.faithful1.md", "Version 4.0 with conditions; Career-break shortlis"):
        "a table cell's bracketed slice ('50+ v. under 40') read as the figure's slice",
    ("cv_screening.faithful2.md", "The model we use today (version 3.1) shortlists ol"):
        "'lower rates' between slices with no figure, set against the options' figures",
    ("cv_screening.faithful2.md", "C1; Issue: Lower shortlisting of applicants aged 5"):
        "'Lower shortlisting of applicants aged 50 and over': the slice after 'of' is not taken as the subject",
    ("cv_screening.faithful2.md", "Version 4.0 matched recruiters' own shortlisting d"):
        "an option's figure with the other option's in brackets, read against another finding's 81%",
    ("cv_screening.faithful2.md", "The risk is accepted; the Talent Acquisition team "):
        "'those roles' after a paragraph about two findings: the accepted one is not told apart",
    ("essay_grader.faithful2.md", "From the 2027 series, MarkWell 2.0 (Assessment Tec"):
        "the system's owner in brackets after the system's name and version",
    ("essay_grader.faithful2.md", "Schools Liaison has published a plain-language exp"):
        "an action's owner and the finding's owner who accepted the risk, in one sentence",
    ("kyc_documents.faithful1.md", "D2; Risk: Genuine Nigerian, Ghanaian and Kenyan do"):
        "'Ghanaian' and 'Kenyan' for the findings' 'Ghana' and 'Kenya'",
    ("kyc_documents.faithful1.md", "March's median wait for a decision was 19 hours vs"):
        "'March's median wait' for the slice 'applications sent to manual review in March 2027', named the sentence before",
    ("kyc_documents.faithful1.md", "Template forgeries caught; Stay with Veridoc: 82%;"):
        "a table row of the options' figures whose first option is told by name, not id",
    ("kyc_documents.faithful2.md", "In trial, Clearline caught 93% of the template for"):
        "'under a third of Veridoc's rate' set against the overall rate, not the slice's",
    ("refund_agent.faithful1.md", "An audit of 1,500 of the agent's 21,400 refunds ov"):
        "two rates per 1,000 in one sentence, the second's slice taken for the first's",
    ("refund_agent.faithful1.md", "The Head of Application Security owns it, and it i"):
        "'it is being mitigated' (the finding) read as the status of the done step after it",
    ("refund_agent.faithful2.md", "Before the agent takes 100% of chats, both that li"):
        "'100% of chats' (all of them) read as a figure",
    ("refund_agent.faithful2.md", "R3 Slow hand-overs out of hours; Rating: Medium / "):
        "a register row whose heading names the slice ('out of hours') in other words",
    ("train_maintenance.faithful1.md", "Simulated door failures in service reach 3.2 per 1"):
        "'1.7 on Series 400' with a fleet's name that holds a number, after another fleet's slice",
    ("train_maintenance.faithful1.md", "The whole-fleet switch saves most, about $3.3m a y"):
        "'saves most, about $3.3m': a gap between options with words between the verb and the figure",
    ("train_maintenance.faithful2.md", "Under simulated model-only maintenance, door failu"):
        "'1.7 on Series 400' with a fleet's name that holds a number, after another fleet's slice",
    # round seven
    ("insurance_triage.faithful1.md", "Confirmed fraud per 10,000 fast-tracked claims; Fr"):
        "a 'From / To / Change' table row whose change is read as a gap between options",
    ("insurance_triage.faithful1.md", "Its expected losses are $1.35 million, up from $1."):
        "'up from $1.1 million' (this year's losses) set against an option's population",
    ("insurance_triage.faithful2.md", "(e) Controls: diverting claims on policies under 6"):
        "'diverting claims ... to the Claims Fraud team' for the action in other words",
    ("loan_collections_chat.faithful2.md", "Controls: a check that blocks any reply offering s"):
        "'has not yet been re-tested' read as the status of the done step before it",
    ("loan_collections_chat.faithful2.md", "Live handoff from 8am to 8pm meets both, needing 2"):
        "'(from a one-week trial)' for the option's population 'estimated from the pilot's one-week live-handoff trial'",
    ("pharmacy_chatbot.faithful1.md", "Unsafe dosing answers per 10,000; Comparison group"):
        "a table row's multiple between two slices read as a gap between options",
    ("pharmacy_chatbot.faithful1.md", "That is about one children's answer in 50."):
        "'one children's answer in 50' (two words inside the gloss) for 210 per 10,000",
    ("pharmacy_chatbot.faithful1.md", "With the label check live, answering everything gi"):
        "an option's figures whose population ('Pharmacy Operations') names no slice, after another's",
    ("pharmacy_chatbot.faithful1.md", "We have not yet got the label check running, and t"):
        "'the label check' and 'the Spanish fix lands' for two steps in few of their words, read as a new step",
    ("pharmacy_chatbot.faithful2.md", "(a) With the label check, answering all questions "):
        "an option's figures whose population ('Pharmacy Operations') names no slice, after another's",
    # round eight
    ("credit_limits.faithful1.md", "For customers with under 12 months of credit histo"):
        "'7.7pp below its overall rate': a slice of one finding set against the overall rate another finding gives",
    ("credit_limits.faithful1.md", "It keeps reasons for every decision and recovers a"):
        "'1.1 of the 2.0 points': gaps between options' figures in brackets, read as figures of their own",
    ("emergency_calls.faithful1.md", "The cardiac-arrest alert was missed on 11 per 1,00"):
        "'noisy ones' for the slice 'with heavy background noise': 'noisy' and 'noise' are not one word to the checker",
    ("emergency_calls.faithful1.md", "A privacy lapse is closed."):
        "'a privacy lapse' for the finding on transcripts copied into debugging logs, read as another finding",
    ("emergency_calls.faithful1.md", "Everything, everywhere: a median 26 seconds saved "):
        "'everywhere' for the option that covers all three control rooms, read as a claim beyond the slices measured",
    ("emergency_calls.faithful1.md", "Transcript only, everywhere: 9 seconds saved, abou"):
        "'everywhere' for the option that covers all three control rooms, read as a claim beyond the slices measured",
    ("emergency_calls.faithful2.md", "Cardiac-arrest alerts missed: 11 per 1,000 recorde"):
        "'with heavy noise' after a slice named in full: the second figure taken for the first slice's",
    ("emergency_calls.faithful2.md", "Full features, all rooms; Median time saved confir"):
        "'everywhere' in an option's row that covers all rooms, read as a claim beyond the slices measured",
    ("shelf_robot.faithful1.md", "Fourteen, about three in five, were in aisles narr"):
        "'Fourteen, about three in five': a gloss of a count in words whose whole (23) the sentence before gives",
    ("shelf_robot.faithful1.md", "Against staff walk-throughs, the robot found 93% o"):
        "three slices in one sentence, 'in glass-door chillers' for 'chilled cabinets with glass doors'",
    ("shelf_robot.faithful1.md", "Overnight, one run while closed, in 118 stores (re"):
        "'under three fifths of the daytime figure': a fraction between options read as a comparison the wrong way round",
    ("shelf_robot.faithful2.md", "Decision due: 1 August 2027: extend from 12 pilot "):
        "'to 140' after 'pilot stores': the rollout's store count read with the pilot stores' slice",
    ("shelf_robot.faithful2.md", "On the pilot business case NIGHT recovers about $2"):
        "'about $2.8 million a year across 118 stores': an option's per-store figure times its store count",
    ("support_agent_launch.faithful1.md", "In a shadow trial, 31 per 1,000 of the agent's pro"):
        "'over two and a half times the rate' after a bracketed interval, set against the options' chat counts",
    # round nine
    ("counterfeit_listings.faithful1.md", "Its blind spot is fakes that use the brand owner's"):
        "'fakes that use the brand owner's own product photos' for 'counterfeit listings that used the brand owner's original product photos'",
    ("counterfeit_listings.faithful1.md", "It keeps most of the speed of automatic removal (8"):
        "two options' figures in brackets ('84% against 88%'), the second option named by what it does",
    ("counterfeit_listings.faithful2.md", "Appeals are not decided within the promised period"):
        "'not decided within the promised period' read as denying that appeals are decided",
    ("counterfeit_listings.faithful2.md", "Counterfeits will continue to reach buyers."):
        "'will continue': a fact the measures show (58% caught), read as certainty about a possible risk",
    ("counterfeit_listings.faithful2.md", "Your view on our exposure from the gap between act"):
        "a request for advice on how planned controls may be described, read as a new step",
    ("fresh_forecast.faithful1.md", "A holiday uplift model trained on three years of h"):
        "an option's figure 'in a back-test' set against another option's back-test population",
    ("fresh_forecast.faithful2.md", "26.5% on in-store bakery lines (n = 260,000): +8.3"):
        "'in-store bakery lines' without 'across all pilot stores', which the whole deck is about",
    ("fresh_forecast.faithful2.md", "Waste, share of units received: 9.4% → 7.1% (40 ha"):
        "two slices in brackets with an arrow, matched to the figures in the wrong order",
    ("fresh_forecast.faithful2.md", "Recommended: uplift model, 3.1 pts behind hand adj"):
        "'3.1 pts behind' on forecast error, read against the options' planner hours",
    ("news_recommender.faithful1.md", "The share of a reader's feed taken by their most-r"):
        "'rose from 38% to 52%' for the control and test groups, read against the politics slice",
    ("news_recommender.faithful1.md", "Personalisation engineering plans to reserve 3 of "):
        "'in 30 days' (the step's own 'in the last 30 days') read as a date counted from today",
    ("news_recommender.faithful1.md", "Medium severity, almost certain; owned by the Head"):
        "a rating line whose owner names the finding, after a paragraph about another",
    ("news_recommender.faithful1.md", "The diverse form keeps about two-thirds of the rea"):
        "'72 of 108 extra seconds': gaps worked out from two options' reading times",
    ("news_recommender.faithful2.md", "Readers on the new ranker spent 672 seconds a day "):
        "'about 9 and a half' (minutes) with the unit given only in the gloss before it",
    ("news_recommender.faithful2.md", "A privacy issue, now closed."):
        "'a privacy issue' for the finding on health and religion signals, read as another finding",
    ("news_recommender.faithful2.md", "Offline replays of test sessions estimate 636 seco"):
        "an option's figures introduced by their source only, read against a finding's slices",
    ("news_recommender.faithful2.md", "Reserve 3 of every 20 slots for topics a reader ha"):
        "'the last 30 days' of the step's own wording read as a figure",
    ("support_translation.faithful1.md", "Polish fares worst, at about five times the German"):
        "two figures in brackets ('72 vs 14 per 10,000') after two slices named in the other order",
    ("support_translation.faithful1.md", "Japanese is next at 46 per 10,000, then Spanish at"):
        "a list of slices each before its figure, the first figure taken for the second slice",
    ("support_translation.faithful2.md", "Relative to the agency: German is 75% higher, Fren"):
        "relative gaps from a baseline listed after their slices, read as the politeness shares",
    ("support_translation.faithful2.md", "March 2027: 1,300 ms across 180,000 translated rep"):
        "'45% over' the budget, set against the options' error rates",
    ("support_translation.faithful2.md", "Targeted review meets both and cuts critical error"):
        "'critical errors' for the measure 'critical mistranslations', read as a rating",
    ("support_translation.faithful2.md", "Are translation times outside Europe within the 2,"):
        "a question naming a place the findings do not",
    ("symptom_checker.faithful1.md", "By age the rate ranged between 1.0% and 9.5%:"):
        "'by age' before a range of the age slices' figures, read as an overall figure",
    ("symptom_checker.faithful2.md", "Our clinical safety case requires under-triage bel"):
        "a constraint's limit ('below 3%') read as a figure of the slice that happens to meet it",
    ("symptom_checker.faithful2.md", "Under-triage was 1.0% (7 of 700) for ages 18 to 39"):
        "'for ages 18 to 39' after the figure and its count in brackets",
    ("symptom_checker.faithful2.md", "A: Emergency advice rises from 118 to 164 per 1,00"):
        "a change between two options' figures, the second option's population in brackets",
    ("symptom_checker.faithful2.md", "That is less safe advice and more users leaving wi"):
        "'leaving with none' read as denying the finding's title",
    # round ten
    ("call_scoring.faithful2.md", "Agents appealed 1,180 AI scores from January to Ma"):
        "'AI scores' for 'AI-scored calls': the hyphenated population word not split",
    ("drowsy_drivers.faithful1.md", "The camera missed 8% in daylight, 24% at night wit"):
        "'missed' read as the slice 'episodes the camera missed' before the first figure",
    ("drowsy_drivers.faithful1.md", "Fleet Engineering is fitting a stronger infrared l"):
        "'a stronger infrared light' (a step's description) read as a comparison of the options' costs",
    ("drowsy_drivers.faithful1.md", "A false alarm can startle a driver at speed, and f"):
        "'a false alarm' for the impact's 'an alarm when nothing is wrong': the negation said in other words",
    ("drowsy_drivers.faithful1.md", "Alarm speed is fixed."):
        "'alarm speed' for the finding on alarm delay, read as the false-alarm finding",
    ("drowsy_drivers.faithful2.md", "All trial driving: 4.2 false alarms per 1,000 driv"):
        "'(265,000 h)': a sample counted in hours, read as a length of time",
    ("drowsy_drivers.faithful2.md", "Drivers wearing prescription glasses: 8.4 per 1,00"):
        "'(58,000 h; ...)': a sample counted in hours, read as a length of time",
    ("drowsy_drivers.faithful2.md", "Risk: a false alarm can startle a driver at speed,"):
        "'a false alarm' for the impact's 'an alarm when nothing is wrong': the negation said in other words",
    ("flood_maps.faithful1.md", "Map speed is fixed."):
        "'map speed' for the finding on map delivery time, read as another finding",
    ("flood_maps.faithful1.md", "Free public radar would find 79% of flooded buildi"):
        "an option named by its name's words, its figure read against another option's",
    ("flood_maps.faithful1.md", "In them, 76 of the 200 scenes taken within a day of"):
        "'within a day of peak flooding' (a slice) read as a date counted from today",
    ("flood_maps.faithful2.md", "Replayed on 11 past flood events, flooded-building "):
        "'replayed on 11 past flood events' before the figure, read as its slice",
    ("flood_maps.faithful2.md", "Free public radar: 79%; p95 7.0 h on cloudy scenes"):
        "'on cloudy scenes' for 'scenes more than half covered by cloud in replayed 2026 events'",
    ("underwriting_summaries.faithful1.md", "Long records (Amber - being mitigated)."):
        "'long records' names two findings (length and cost); the one being mitigated is not told apart",
    ("underwriting_summaries.faithful1.md", "The vendor keeps every record for 180 days for \"s"):
        "'service improvement', the vendor's purpose, read as a comparison of options",
    ("underwriting_summaries.faithful1.md", "The Underwriting Finance lead has accepted this, w"):
        "'this' after a paragraph about another finding",
    ("underwriting_summaries.faithful1.md", "A serious condition buried in a long record might "):
        "a pre-mortem's possibilities read as a new step",
    ("underwriting_summaries.faithful2.md", "The vendor keeps every record it receives for 180 "):
        "'service improvement', the vendor's purpose, read as a comparison of options",
    ("underwriting_summaries.faithful2.md", "The Underwriting Finance lead has accepted this lo"):
        "'this' after a paragraph about another finding",
    ("kyc_documents.faithful1.md", "D3; Risk: Manual review queue far over target; Rat"):
        "'Queue reordering' for the action 'reorder the manual review queue' in other words",
    # round eleven
    ("airline_rebooking.faithful1.md", "Partner-airline connections; What we measured: Va"):
        "a table row's slice told in other words ('connecting to a partner flight')",
    ("airline_rebooking.faithful1.md", "Needless cabin downgrades; What we measured: Busin"):
        "a table row's list of slices, each figure after its slice without a preposition",
    ("airline_rebooking.faithful1.md", "On light days (fewer than 20 cancellations) the me"):
        "'heavy days' for 'days with 100 or more cancellations'",
    ("airline_rebooking.faithful2.md", "Refund any amount: 90%; 120; $115,000."):
        "an option's table row of bare figures, the measure named only in the table's heading",
    ("airline_rebooking.faithful2.md", "We recommend the cap: it stays within desk capacit"):
        "a ratio of two options' costs in words ('under a quarter of the unlimited option's')",
    ("benefit_screening.faithful1.md", "On the Spanish, Vietnamese and Somali forms the fi"):
        "a gap from the figure of the sentence before",
    ("benefit_screening.faithful1.md", "In a May–June 2027 shadow test, 14 in every 1,000 "):
        "'it would have approved' for 'the pre-screener would have auto-approved'",
    ("crop_yield_satellite.faithful1.md", "About 1 in 7 of this year's applicants (14%) farm "):
        "'this year' for the year the findings' applications are expected in",
    ("crop_yield_satellite.faithful1.md", "Nearly 1 in 5 applications this year (18%) are fro"):
        "'this year' for the year the findings' applications are expected in",
    ("crop_yield_satellite.faithful1.md", "Its estimates are off by 0.41 tonnes per hectare, "):
        "an option's figures in brackets after its description",
    ("crop_yield_satellite.faithful2.md", "A visit to every farm: 0.48 t/ha, 4,200 visits, $2"):
        "'t/ha' for the metric named 'in tonnes per hectare'",
    ("drug_safety_signals.faithful1.md", "Patients describe events in everyday words, such "):
        "a ratio of complements ('land in the bottom half nearly five times as often') across slices",
    ("drug_safety_signals.faithful2.md", "Serious reports the ranked queue would leave unrev"):
        "a long comparison of four figures: one is matched to the wrong slice",
    ("drug_safety_signals.faithful2.md", "Serious reports the model placed in the bottom hal"):
        "'the published literature' for 'reports found in the published medical literature'",
    ("drug_safety_signals.faithful2.md", "In the December 2026 pilot, scoring of reports wit"):
        "a design setting (the time-out) in a sentence about the pilot",
    ("parking_cameras.faithful1.md", "At night in the rain, headlight glare and wet plate"):
        "a multiple of misread rates, the complements of the accuracies the findings give",
    ("parking_cameras.faithful1.md", "Once four temporary reviewers joined (done, 15 Jan"):
        "'late notices ... for February 2027' for 'notices for February 2027 contraventions'",
    ("parking_cameras.faithful1.md", "On a projected 180,000 notices a year, issuing eve"):
        "an option's figures after 'issuing everything automatically', the option in its own words",
    ("parking_cameras.faithful1.md", "Don't say the cameras \"never get it wrong\": at ni"):
        "a gloss of the misread rate, the complement of an accuracy, taken for another metric",
    ("pet_claims.faithful1.md", "In the last week of March 2027 the slowest 5% of d"):
        "a relative change from a figure given as a bound ('340 seconds or more')",
    ("pet_claims.faithful1.md", "Keeping $500 means about 118,000 auto-approvals a "):
        "an option named by its ceiling ('Keeping $500')",
    ("school_attendance.faithful1.md", "With no attendance history for pupils new to the t"):
        "'less than half as long' read as 'less' alone",
    ("school_attendance.faithful2.md", "The assessment was completed by the Data Protectio"):
        "a data protection impact assessment the findings report done, named as 'the assessment'",
    ("school_attendance.faithful2.md", "Officers in the large schools held a median of 34 "):
        "'the large schools' for 'the two pilot schools with more than 1200 pupils'",
    ("support_translation.faithful2.md", "Satisfaction: 71% among Japanese-speaking customer"):
        "'or 15% below' after a bare gap: the figures before the first gap are not carried to the second",
    # round twelve
    ("baggage_ct_screening.faithful1.md", "At Terminal 3, whose CT units are older, the slowe"):
        "'six times' the belt stops of Terminal 1, set against the options' queue waits",
    ("baggage_ct_screening.faithful1.md", "A privacy lapse from the trial has been fixed."):
        "a closed finding said 'fixed' in words of its own, read as a step done",
    ("baggage_ct_screening.faithful2.md", "Screener detection is 9 points lower on flagged ba"):
        "'4.5 s shorter' review time set against the options' queue waits",
    ("baggage_ct_screening.faithful2.md", "CT images of 212,000 trial-lane bags sat in the ve"):
        "'trial-lane bags' before the figure read as the trial-lanes slice, not 'bag images in the vendor's cloud'",
    ("city_311_routing.faithful1.md", "31 in 1,000 were genuine new problems, about 440 r"):
        "'about 440' worked out from 31 per 1,000 of the 14,200 requests the caveat gives",
    ("city_311_routing.faithful1.md", "Vietnamese or Tagalog misrouted nearly one time in"):
        "'nearly one time in three' misrouted: the complement of 71% routed right",
    ("city_311_routing.faithful1.md", "Standard: routed within 120 seconds; June weekday "):
        "a table cell 'June weekday' for 'ordinary weekdays in June 2027'",
    ("city_311_routing.faithful1.md", "Close every marked duplicate: $620,000 a year; 31 "):
        "'over three times' the agents' 9 per 1,000, paired with the options' figures the other way",
    ("city_311_routing.faithful1.md", "Recommended, all but streetlights and signals, wit"):
        "'almost three times' the agents' rate, paired with the options' figures the other way",
    ("city_311_routing.faithful2.md", "Even with the exclusion, the estimated rate is 25 "):
        "'almost three times' the agents' rate, paired with the options' figures the other way",
    ("city_311_routing.faithful2.md", "The one reported has been closed."):
        "a reported incident said closed, read as the accepted finding's status",
    ("city_311_routing.faithful2.md", "After the Digital Services platform team made the "):
        "'the same storm traffic' for 'replay of the 9 January 2027 storm traffic after the fix'",
    ("delivery_eta.faithful1.md", "One problem, speed, is fixed."):
        "a finding named by one word ('speed'), the sentence aligned to another finding",
    ("delivery_eta.faithful2.md", "Uneven penalties (high, likely; open; Head of Cour"):
        "a short label in other words than the title, aligned to another finding than its owner's",
    ("delivery_eta.faithful2.md", "Default promise at checkout (medium, possible; clo"):
        "a short label in other words than the title, aligned to another finding",
    ("delivery_eta.faithful2.md", "The recommended option cuts late orders from 14% t"):
        "an option's effect on penalties said of all couriers, read against the hilly-district slice",
    ("delivery_eta.faithful2.md", "Couriers would no longer be charged lateness penal"):
        "what an option would change, read as denying the system's purpose",
    ("delivery_eta.faithful2.md", "Done: the evening rain buffer (Logistics Data Scie"):
        "two steps of two findings under one 'Done:' label, the second read as attached to the first's finding",
    ("energy_theft.faithful1.md", "Until 14 February 2027 the scorer used half-hourly"):
        "'customers who had opted out' for 'smart-meter customers who chose not to share half-hourly data'",
    ("energy_theft.faithful1.md", "Against direct dispatch, it cuts visits that find "):
        "'$65,000 a month' worked out as the gap between two options' revenue",
    ("energy_theft.faithful2.md", "Until 14 February 2027 the scorer used half-hourly"):
        "'customers who had opted out' for 'smart-meter customers who chose not to share half-hourly data'",
    ("energy_theft.faithful2.md", "Monthly projections for the five districts (capaci"):
        "three options' figures in one run-on list, a count read against a finding's slice",
    ("meeting_minutes_llm.faithful1.md", "The most serious problem: in drafts of 40 replayed"):
        "'four times' the omission rate, paired with the misattribution figures of the same clause",
    ("meeting_minutes_llm.faithful1.md", "Assisted drafting saves 95 hours a month ($125,000"):
        "'almost 60% of the time' worked out from two options' hours",
    ("meeting_minutes_llm.faithful2.md", "Invented statements; Evidence: Per 1,000 draft sen"):
        "'4.2 in English-only meetings' after the mixed-language slice, the slice after it not read as its own",
    ("meeting_minutes_llm.faithful2.md", "Committee secretaries get a discussion draft with "):
        "how an option works, told in the present, read as a planned step done",
    ("robo_pension_advice.faithful1.md", "Yet 46 in every 1,000 pilot sessions of members ag"):
        "'71% of them': the pronoun's questions not read as the figure's population",
    ("robo_pension_advice.faithful1.md", "Opening it to everyone aged 55 and over reaches 31"):
        "'the 9.6% unsuitable rate' set against the defined-benefit slice named after it",
    ("robo_pension_advice.faithful2.md", "R3 is closed, R4 accepted."):
        "the brief's own register labels (R3 for P3), read as findings by position",
    ("robo_pension_advice.faithful2.md", "p95 response time (budget 2,500 ms); Population: S"):
        "'6,200 / 1,100 ms': a table cell of two figures with one unit",
    ("robo_pension_advice.faithful2.md", "Older members raise the topic about nine times as "):
        "'about nine times' 5 per 1,000, paired with the options' counts",
    ("selfcheckout_theft.faithful1.md", "Must arrive within 1,500 ms, so the till pauses be"):
        "a limit told as 'must arrive within', the alert time's name read instead",
    ("selfcheckout_theft.faithful2.md", "With deliberate concealment caught little more tha"):
        "'will' in a forecast of losses read as stating the finding's likelihood",
    ("selfcheckout_theft.faithful2.md", "It did; this is fixed."):
        "an FAQ answer about the closed alert-speed finding, aligned to another finding",
    ("trial_matching.faithful1.md", "An audit of 12 oncology trials found TrialMatch ha"):
        "the cause ('referral letters ... are scanned') in a step's words, read as the step done",
    # round thirteen
    ("discharge_summaries.faithful1.md", "Doctors' own summaries on the same wards in 2026 m"):
        "'so the drafter is 2.6 points worse': the clause's own subject, the drafter, read as the doctors' summaries the sentence opens with",
    ("discharge_summaries.faithful1.md", "About 7 drafts in 1,000 contained a result, diagno"):
        "'rising to 19 in 1,000 for stays longer than 14 days' after a rate said with no slice of its own: the rise read from the long stays",
    ("customs_tariff_codes.faithful1.md", "In a red-team test, descriptions reworded to cut d"):
        "'descriptions reworded to cut duty' for the slice 'reworded to lower the duty', with 'neutral rewording' nearer the figure",
    ("customs_tariff_codes.faithful1.md", "B, as A but never for chemical lines or short desc"):
        "an option told by what it leaves out ('never for chemical lines or short descriptions'), whose words are slices' words",
    ("customs_tariff_codes.faithful2.md", "Planned: the Tariff Classification Unit will route"):
        "'below 0.9 confidence' in a step's own words read as a figure of a slice",
    ("wildfire_cameras.faithful1.md", "When they did, the first alert took a median of 9 "):
        "'when they did' carries the low-sun slice of the sentence before; the 9 minutes read as said of all smoke events",
    ("wildfire_cameras.faithful1.md", "Decision needed by 15 May 2027: approve the 52-tow"):
        "'the 52-tower extension' in the decision read as the slice of the desk's $380,000",
    ("wildfire_cameras.faithful2.md", "The recommended routing adds a verification desk ("):
        "'rises from 120 s (640 pilot alerts) to 210 s': today's pilot figure, read as another option's",
    ("wildfire_cameras.faithful2.md", "Transport (F4, low, accepted): satellite-linked to"):
        "'satellite-linked towers deliver alerts' for 'alerts from the 6 satellite-linked towers', the count of the slice's name left out",
    ("insulin_dose_app.faithful1.md", "Approve the extension on condition that the check-"):
        "a condition of approval that lists guardrails of two findings: one read as a step of the other",
    ("insulin_dose_app.faithful2.md", "Before 1.4, 212 Android dose history exports were "):
        "'none since': no more such exports since the fix, read as denying the finding",
    ("ride_surge_pricing.faithful1.md", "Option C brings the premium to $2.30 and cuts that"):
        "'$140,000 more than the flat cap' of the weekly cost, judged on the premium the sentence named first",
    ("parcel_damage_claims.faithful1.md", "48,000 claim photos from 2026 were kept past the 9"):
        "'claim photos from 2026' for 'claim photos from 2026 in the image archive'",
    ("parcel_damage_claims.faithful1.md", "Having people check every claim the model would re"):
        "'about a quarter of A's rate' (1.1% against 4.2%): a ratio between options, read against the finding's slices",
    ("parcel_damage_claims.faithful1.md", "Reviewing only claims above $200 (C) costs $1.05 a"):
        "'with small dark-photo claims still refused' after the option's figure: the low-light slice read as the 2.9%'s",
    # round fourteen
    ("lift_faults.faithful2.md", "Backtest figures over all 96 lifts; costs projecte"):
        "'the $212 rate-card charge' for the '2027 contractor rate card': one qualifier of two left out, as a dropped slice word is",
    ("pothole_survey.faithful1.md", "Blurring on the truck is in place but misses 2.3% "):
        "'Blurring' stems to 'blurr', not the step's 'blur', so the clause is read as the sentence's other step (retention, planned)",
    ("rental_screening.faithful1.md", "The 27-per-1,000 rate comes from one reviewer read"):
        "'2,000 statements' for the 'review sample of stored bank statements', in a caveat's restatement",
    # round fifteen
    ("energy_bill_chatbot.faithful1.md", "When customers told the chatbot they could not aff"):
        "'customers told the chatbot they could not afford their bill' for 'chats in which the customer said ...': the words too far apart to name the slice",
    ("shift_scheduler.faithful1.md", "Ward managers already sign off every night below t"):
        "'so supernumerary nurses never count towards the minimum', the step's own 'never', read against the summary's 'counting ... towards the minimum'",
    ("shift_scheduler.faithful2.md", "Build time on large wards (medium, likely; accepte"):
        "a heading's rating read as the finding its words recall ('large wards'), not the build-time finding",
    ("loan_doc_summaries.faithful1.md", "About one memo in eleven (9%) for packs with scann"):
        "'packs with scanned statements' for 'packs that include scanned bank statements': 'bank' left out",
    ("loan_doc_summaries.faithful2.md", "Figures read from scanned bank statements are wron"):
        "'memos for packs with scanned statements' for 'summaries of packs that include scanned bank statements'",
    ("crowd_density.faithful1.md", "A privacy lapse has been fixed."):
        "'a privacy lapse' after a paragraph on another finding: the closed privacy finding not recognised by its category",
    ("hearing_screening.faithful1.md", "Babies screened within 24 hours of birth are refer"):
        "'babies screened later' for 'screened 24 hours or more after birth': 'later' is a word of another slice",
    ("hearing_screening.faithful2.md", "F2; Slice: Screened within 24 hours of birth; Metr"):
        "a table row's slice whose words '24 hours' are read as a length of time, not the slice's name",
    ("hearing_screening.faithful2.md", "The under-24-hour refer rate is 6.7 points higher "):
        "'over three times as high' after 'than the later rate': the multiple set against the slices the wrong way",
    ("grant_reviewer.faithful1.md", "Use the assistant's summaries in the spring round,"):
        "'use the assistant' read as option MANUAL's name ('Do not use the assistant this round') said without its 'not'",
    ("grant_reviewer.faithful1.md", "Showing pre-scores would be quicker still (13 minu"):
        "'quicker' of the option named after it, set against the option of the sentence before",
    ("grant_reviewer.faithful1.md", "Decision needed by 12 March 2027: approve summarie"):
        "'use for the spring 2027 round' read as option MANUAL's name said without its 'not'",
    ("fleet_fuel.faithful1.md", "A low-severity problem, card checks timing out at "):
        "'card checks' shares 'card' with the 'card processor limit', read as the 310 ms's slice",
    ("fleet_fuel.faithful2.md", "Recall on small repeated theft trails large single"):
        "'trails' with both slices named, read with the later one as its subject",
    ("fleet_fuel.faithful2.md", "Card-check latency at the 6 to 8 am peak was 2,400"):
        "'card processor's 1,500 ms timeout' in the same sentence: the 2,400 ms read as the limit's slice",
    ("fleet_fuel.faithful2.md", "The Payments integration team moved checks to a ri"):
        "'measured over two weeks of March 2027' names a period another slice's name has",
}

# (brief, start of the caveat): why the brief's own words for it are not recognised
KNOWN_MISSING_CAVEATS = {
    ("hospital_bed_forecast.faithful1.md", "Load times were measured on hospital office networ"):
        "a sentence read as about the low-severity dashboard finding, which the brief leaves out, so its caveat is asked for",
    ("mortgage_chat.faithful2.md", "Wait times come from the six-week pilot, before an"):
        "the legal brief leaves out the medium-severity evening-wait finding and with it its caveat",
    ("bridge_sensors.faithful1.md", "The 61% figure is uncertain; its confidence inter"):
        "'the 61% could be anywhere from 47% to 74%': the interval given without the word",
    ("bridge_sensors.faithful2.md", "The 61% figure is uncertain; its confidence inter"):
        "'the interval on the 61% is wide': the interval named without its bounds",
    ("bridge_sensors.faithful2.md", "The figures were measured before the heavy-vehic"):
        "the engineering brief leaves out a caveat of the false-alarm finding it covers",
    ("solar_inspection.faithful2.md", "Only 60 junction-box hotspots were seen in the p"):
        "'the hotspot figures rest on just 60 cases': 'rough' and 'seen in the pilot' in other words",
    ("visa_documents.faithful2.md", "Timings were taken at the two pilot consulates, "):
        "the legal brief leaves out the medium-severity timing finding and with it its caveat",
    ("energy_bill_chatbot.faithful2.md", "Response times were measured in the pilot, which s"):
        "the legal brief leaves out the medium-severity response-time finding and with it its caveat",
    ("shift_scheduler.faithful2.md", "The manually built rotas used for comparison cover"):
        "the months given ('from November 2026 to January 2027') but not that they differ from the model's",
    ("fleet_fuel.faithful2.md", "Confirmed cases are ones investigators already fou"):
        "'Recall is measured only on thefts investigators already found': half the caveat, not that uncaught thefts are not counted",
    ("museum_guide.faithful2.md", "The after-fix timings cover one week of the soft l"):
        "'measured over one week' at the end of a sentence on the caching fix: neither 'after-fix' nor 'soft launch' said",
    ("fresh_forecast.faithful1.md", "Only three holiday weeks fell inside the pilot, so"):
        "only the second half said ('the holiday figures rest on a single season'), not that three holiday weeks fell in the pilot",
    ("call_scoring.faithful1.md", "The rescoring after the fix used the same 700 long"):
        "'reuses the same 700 calls', without 'not new calls', in a terse list item",
    ("drowsy_drivers.faithful1.md", "Drowsy episodes were confirmed by reviewers watchi"):
        "'How many drowsy episodes the footage reviewers missed too' in a list of unknowns: the caveat as a question",
    ("drowsy_drivers.faithful2.md", "Drivers were not asked why they opted out, so we d"):
        "'opt-out reasons were not collected, so filming and false alarms ...': the caveat in other words",
    ("underwriting_summaries.faithful2.md", "Only English-language handwriting was tested"):
        "'Non-English handwriting: not tested': the caveat said the other way round",
    ("credit_limits.faithful1.md", "Length of credit history comes from one credit bur"):
        "'Credit history comes from one bureau only': 'length of' dropped and 'bureau' alone for 'credit bureau's records'",
    ("exam_proctoring.faithful1.md", "Only students registered with Disability Services "):
        "'students with unregistered conditions sit, unidentified, in the comparison group' for 'are counted among the others'",
    ("exam_proctoring.faithful1.md", "The 40 false flags are too few to break down by ty"):
        "'too few to split by disability' in a sentence that also tells another caveat",
    ("exam_proctoring.faithful1.md", "Pilot cases went to misconduct without human revie"):
        "'a review step would change appeal numbers', the caveat's reason without its cause",
    ("loan_collections_chat.faithful2.md", "Customers chose their channel themselves, so chat "):
        "'(d) customers chose their own channel, so the groups may differ' inside a list of six caveats in one sentence",
    ("court_transcripts.faithful2.md", "Error rates are measured against certified transcripts"):
        "'judged against certified transcripts, which are not error-free themselves': two caveats in one sentence, "
        "each in other words",
    ("warehouse_robots.faithful2.md", "The finding comes from a one-day penetration test"):
        "'the test lasted one day, and no one has yet looked through older network logs'",
    # round four
    ("car_voice.faithful1.md", "Language background was self-reported"):
        "'language background came from the sign-up survey, as drivers stated it'",
    ("car_voice.faithful2.md", "Errors were judged by annotators"):
        "'annotators judged errors by ear, against what they thought the driver meant'",
    ("collections_calls.faithful2.md", "A vulnerability flag is recorded only when"):
        "the caveat told in other words over a bullet of its own",
    ("collections_calls.faithful2.md", "The hardship comparison uses a 2026 control group"):
        "the caveat told in other words over a bullet of its own",
    ("invoice_matching.faithful2.md", "The test invoices were written by Internal Audit"):
        "'the invoices were prepared by Internal Audit rather than by actual fraudsters'",
    ("sepsis_ews.faithful2.md", "Acknowledgement times come from the alert system log"):
        "the caveat told in other words",
    ("sepsis_ews.faithful2.md", "The role of pulse oximeters in the gap is suspected"):
        "the caveat told in other words",
    # round five
    ("chat_safety.faithful2.md", "The coded-language set contains English conversations only"):
        "the caveat told in other words on a slide",
    ("property_valuation.faithful1.md", "The gap is measured against sale prices"):
        "the caveat told in other words in a memo paragraph",
    ("property_valuation.faithful2.md", "The gap is measured against sale prices"):
        "the caveat told in other words on a slide",
    ("theatre_scheduling.faithful2.md", "No fasting time was measured for older patients"):
        "the caveat told in other words as an answer",
    ("theatre_scheduling.faithful2.md", "The post-fix check covered a sample of 20,000"):
        "the caveat told in other words as an answer",
    # round eleven
    ("water_leaks.faithful1.md", "Only the 5,000 sampled clips were checked for speec"):
        "told across two sentences: 'two staff heard ... in 5,000 clips' and 'No other clips were checked for speech'",
    # round twelve
    ("robo_pension_advice.faithful2.md", "Suitability was judged by advisers reading the fil"):
        "'advisers judged files, not members' actual outcomes' in a terse caveat line",
    # round thirteen
    ("ride_surge_pricing.faithful2.md", "This is one outage in one city; other events may b"):
        "'the outage figures describe one outage in one city', in a list of limits, without 'other events may behave differently'",
}

# (brief, start of the edited text): why the error is not caught
KNOWN_MISSES = {
    ("claims_pricing.faithful1.md", "added to the estimator for the rural gap"): "a step moved to another finding's slice",
    ("code_assistant.faithful1.md", "Python suggestions fared much better"): "'fared better' with one figure",
    ("code_assistant.faithful1.md", "Comparable C and C++ code written without"): "a baseline moved to a slice never measured",
    ("code_assistant.faithful1.md", "could leak to another team or end up in a pub"): "an invented incident with no figure or name",
    ("code_assistant.faithful1.md", "Both options are slower than today's 1,250 ms"): "options compared with a finding's figure",
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
    ("drug_interactions.faithful1.md", "Most of the misses involve a third drug."): "an invented step in a sentence's second clause",
    ("drug_interactions.faithful1.md", "real harm, and a regulatory investigation."): "an invented incident with no name",
    ("contract_clauses.faithful1.md", "In the test, 174 of 600 scanned clauses were "): "a count moved to another slice",
    ("contract_clauses.faithful1.md", "and zero retention is not offered on our curr"): "a denial removed from a constraint the findings state in other words",
    ("scanner_vendors.faithful1.md", "close to double"): "a wrong ratio in words ('close to triple' for 7.5% against 4.0%)",
    ("crop_disease.faithful1.md", "About three in five of the phones registered "): "a gloss moved to another slice",
    ("crop_disease.faithful1.md", "It is open; the Head of Agronomy Data owns it"): "another finding's step added to a clause",
    ("crop_disease.faithful1.md", "with no laboratory confirmation"): "a caveat's negation turned round",
    ("hotel_pricing.faithful1.md", "it is open, and the Head of Pricing is accoun"): "another finding's step added to a clause",
    ("hotel_pricing.faithful1.md", "so this could bring regulatory penalties as w"): "an invented investigation",
    # round three
    ("card_fraud.faithful1.md", "and that could lead to complaints about unfair"): "an invented step in a sentence of its own with no owner or date",
    ("card_fraud.faithful1.md", "and the bank bears those losses along with th"): "an invented rule with no figure or name",
    ("card_fraud.faithful1.md", "payments at merchants onboarded in the last 9"): "a gap's slice dropped, the gap kept",
    ("court_transcripts.faithful1.md", "0.8 points more"): "'fewer' for a rise in the share with errors",
    ("court_transcripts.faithful1.md", "is already running (Transcription Services, "): "an invented step in a sentence's second clause",
    ("court_transcripts.faithful1.md", "could be relied on in an appeal."): "an invented incident with no figure or name",
    ("court_transcripts.faithful1.md", "keeping the audio abroad may conflict with"): "'is in breach of' for a possible conflict",
    ("warehouse_robots.faithful1.md", "- The trial ran on day shifts only."): "the caveat is also told in the text above",
    ("warehouse_robots.faithful1.md", "Anyone on that network could send robots"): "a scope widened with no figure",
    ("fall_cameras.faithful1.md", "so a real fall can wait longer for help."): "an invented step in a sentence of its own with no owner or date",
    ("fall_cameras.faithful1.md", "Every resident is still seen at least every t"): "a denial of an option's terms",
    ("churn_offers.faithful1.md", "there is no record that they were told"): "a denial of the summary's 'without a recorded notice'",
    ("churn_offers.faithful1.md", "The gap appears to be driven by lower app and"): "a cause stated as certain",
    ("churn_offers.faithful1.md", "for 27% of customers in the training data"): "'all our customers' for the training data",
    ("mortgage_ocr.faithful1.md", "About one handwritten payslip in six is misre"): "a complement moved to another slice",
    ("mortgage_ocr.faithful1.md", "Tamper detection is outside the extractor's d"): "a denial of the summary's words",
    ("mortgage_ocr.faithful1.md", "Income fields scored 0.95 or higher are wrong"): "a threshold's slice dropped",
    # round four
    ("car_voice.faithful1.md", "it gives up only 0.6 points of accuracy against"): "'gains ... over' for a loss between options, said as accuracy the options give as errors",
    ("car_voice.faithful1.md", "This risk has been accepted as it stands; the pr"): "an invented step in a sentence's second clause",
    ("car_voice.faithful1.md", "and a trust problem if it becomes public."): "an invented incident with no figure or name",
    ("car_voice.faithful1.md", "It also means less audio leaves the vehicle."): "a denial of an option's pro",
    ("collections_calls.faithful1.md", "a gain of about 14%"): "'a loss of' for a relative gain between options",
    ("collections_calls.faithful1.md", "Mitigating. Owner: Compliance director."): "an owner label in a sentence of its own, with no rating beside it",
    ("collections_calls.faithful1.md", "Complaints about call frequency went from"): "a count's slice dropped, the count kept",
    ("legal_research.faithful1.md", "Nine of them pointed to cases that do not exist"): "'Nineteen' is another figure of the document (a median of 19 days), so the count reads as that one",
    ("legal_research.faithful1.md", "- One professional support lawyer judged each ci"): "the caveat is also told in the text above",
    ("legal_research.faithful1.md", "Of the questions that took longer than 30 second"): "a threshold's slice dropped",
    ("sepsis_ews.faithful1.md", "Nurses also became slower to respond as the pilo"): "'quicker' for a rise in response time, with no figure in the sentence",
    ("sepsis_ews.faithful1.md", "One possible contributor:"): "'the proven cause' for a suspected one",
    ("invoice_matching.faithful1.md", "with the cap they stay $36,000 below it"): "'above' a constraint's limit: gaps from a constraint carry no direction",
    ("invoice_matching.faithful1.md", "It checks amounts and references, but it does n"): "an invented control with no owner or date",
    ("invoice_matching.faithful1.md", "and 6% of month-end invoices hit the limit"): "a slice dropped, the figure kept",
    ("brand_images.faithful1.md", "The only fix is planned: a logo and watermark de"): "an invented step in a sentence's second half",
    ("brand_images.faithful1.md", "which pure self-serve does not give us"): "a denial of an option's con",
    # round five
    ("grid_load.faithful1.md", "and 12% of refreshes arrive after the trading g"): "a slice moved to words of the measure's own name ('forecasts')",
    ("property_valuation.faithful1.md", "with homes in majority-Black tracts undervalued"): "a slice swapped for its counterpart in a sentence with a multiple and no figure",
    ("theatre_scheduling.faithful1.md", "For the 610 cases in patients with a body mass "): "a slice moved to one the findings never measured, in a sentence already flagged",
    ("theatre_scheduling.faithful1.md", "The pilot covered only six theatres over eight "): "the caveat is also told in the text above",
    ("theatre_scheduling.faithful1.md", "Coordinators will keep the final say on every l"): "a denial of the decision's own terms",
    ("theatre_scheduling.faithful1.md", "on-the-day cancellations for lack of time went "): "a slice dropped, the figures kept",
    ("chat_safety.faithful1.md", "But on the 540 conversations that use coded lan"): "a slice moved to another slice the findings measure, with its count kept",
    ("chat_safety.faithful1.md", "One-tap appeals, answered within 24 hours, are "): "an invented step added to a list of steps",
    ("chat_safety.faithful1.md", "Players in Brazil filed 4,700 appeals against b"): "an invented incident with no figure of the findings",
    ("chat_safety.faithful1.md", "which fits inside today's capacity with 2,000 t"): "a denial in a sentence already flagged",
    ("chat_safety.faithful1.md", "could push young players towards chat apps with"): "'will push' for a possible outcome, with no likelihood word",
    ("blood_supply.faithful1.md", "The six hospitals with fewer than 200 beds ran "): "'more than 200 beds' for 'fewer than 200 beds' where no slice has the other bound",
    ("blood_supply.faithful1.md", "a step the Hospital Services planning team comp"): "an invented step in a sentence's second clause",
    ("blood_supply.faithful1.md", "Only six small hospitals took part."): "the caveat is also told in the text above",
    ("blood_supply.faithful1.md", "the forecaster guessed too low for O-negative t"): "a slice dropped, the figure kept",
    ("listing_copy.faithful1.md", "That is down by a third from 3.6% for version 1"): "'up by a third' for a fall, told against the earlier figure",
    ("listing_copy.faithful1.md", "on the approval screen by 31 May 2027."): "an invented step in a sentence's second clause",
    ("listing_copy.faithful1.md", "which hurts their sellers and could be seen as "): "'amounts to' for 'could be seen as'",
    ("voice_clones.faithful1.md", "it misses about two newer-tool clones in five"): "a gloss's slice dropped",
    ("voice_clones.faithful1.md", "by calling the customer back on their registered"): "an invented step in a sentence's second clause",
    ("sepsis_ews.faithful1.md", "after a nurse has acknowledged and reviewed one,"): "an invented step in a sentence's second clause",
    ("drug_interactions.faithful1.md", "fell from 91% to 78%"): "'rose from 78% to 91%': the figures turned round with the verb",
    # round six
    ("cv_screening.faithful1.md", "a condition of signing (due 15 April 2027)."): "an invented step in a sentence's second clause",
    ("cv_screening.faithful1.md", "- Only 540 of the 6,000 shadow-test applications"): "the caveat is also told in the text above",
    ("cv_screening.faithful1.md", "which no longer scores time out of work"): "'still scores' for 'no longer scores', a step's effect in words",
    ("cv_screening.faithful1.md", "Eight in 10 of them who gave their sex were wome"): "a gloss's slice dropped",
    ("refund_agent.faithful1.md", "The daily cap costs two points of automation"): "'adds' for 'costs' of an option's gap, with no comparison word",
    ("refund_agent.faithful1.md", "and 16% of those customers, about one in six, le"): "a slice said in other words ('handed-over customers')",
    ("train_maintenance.faithful1.md", "fault records from Eastgate depot by the end of "): "an invented step in a sentence's second clause",
    ("train_maintenance.faithful1.md", "and the model raises no alerts while a unit's da"):
        "'still raises alerts' for the findings' 'cannot be flagged', in other words",
    ("train_maintenance.faithful1.md", "and false alarms may erode staff trust"): "'are eroding' for 'may erode', with no likelihood word",
    ("clinic_scribe.faithful1.md", "switch the scribe off in interpreted consultatio"): "a step widened to another slice",
    ("clinic_scribe.faithful1.md", "which miss time GPs spend re-checking notes late"): "'include' for 'miss': a caveat turned round in other words",
    ("clinic_scribe.faithful1.md", "while only 12 practices, not 22, use the scribe "): "a condition dropped from a caveat",
    ("kyc_documents.faithful1.md", "at 55 cents more per check and a slower check."): "'a faster check' for an option's con, with no figure",
    ("kyc_documents.faithful1.md", "so the highest-risk and longest-waiting cases co"): "an invented step in a sentence's second clause",
    ("kyc_documents.faithful1.md", "so we could not explain them to applicants or au"): "'could still explain' for 'could not': the findings say it in other words",
    ("kyc_documents.faithful1.md", "This could be treated as indirect discrimination"): "'is' for 'could be treated as', with no likelihood word",
    # round seven
    ("loan_collections_chat.faithful1.md", "The 8am–8pm option cuts estimated complaints by "): "'raises' for 'cuts' of an option's relative gap told in words ('more than a quarter')",
    ("loan_collections_chat.faithful1.md", "Chat customers complained at 7.8 per 1,000 again"): "slices swapped for ones the findings never measured, both of them",
    ("loan_collections_chat.faithful1.md", "it misses half the vulnerability signs customers"): "a slice dropped from a gloss ('half')",
    ("wind_turbine_vision.faithful1.md", "nine months stays inside it and cuts downtime by"): "'raises' for 'cuts' of an option's relative gap told in words ('a third')",
    ("wind_turbine_vision.faithful1.md", "About 30% of our onshore blades carry the tape."): "a slice moved to one the findings never measured",
    ("wind_turbine_vision.faithful1.md", "Twelve months breaches that;"): "a denial of an option's breach of a constraint",
    ("wind_turbine_vision.faithful1.md", "In gusts above 12 metres per second"): "'kilometres per hour' is no unit the checker reads",
    ("wind_turbine_vision.faithful1.md", "BladeScan still misses nearly a third of cracks "): "a slice dropped from a gloss ('nearly a third')",
    ("exam_proctoring.faithful1.md", "B fits the $120,000 cap on extra spring staff ti"): "'exceeds the cap' for an option whose figure the sentence does not state",
    ("exam_proctoring.faithful1.md", "Lighter-skinned students in low light were flagg"): "'good light' for 'low light', a slice the findings never measured",
    ("exam_proctoring.faithful1.md", "Academic Registry plans two temporary appeals of"): "an invented step in a sentence's second clause",
    ("exam_proctoring.faithful1.md", "Vendor support staff's access to recordings has "): "'has also been audited' for a caveat's 'has not been audited'",
    ("exam_proctoring.faithful1.md", "About seven in ten of their 40 false flags were "): "a slice dropped from a gloss ('seven in ten')",
    ("fleet_routing.faithful1.md", "five points worse"):
        "'five percent worse' for a 5-point fall from 93.0% to 88.0%, which is also a relative fall of 5.4%, rounded",
    ("fleet_routing.faithful1.md", "Late-delivery complaints ran at 4.6 per 1,000 ru"): "'urban' for 'rural' where the findings measure no urban complaint rate",
    ("fleet_routing.faithful1.md", "one turning van was struck by a car, without inj"): "'with injuries' for 'without injuries', a denial of the words after 'without'",
    ("fleet_routing.faithful1.md", "so some are probably missing from both counts"): "'are missing' for 'are probably missing', with too few words after the verb",
    ("pharmacy_chatbot.faithful1.md", "62 answers in every 10,000 gave a dose above the"): "the overall figure moved to the adults' slice in a rate 'in every 10,000'",
    ("pharmacy_chatbot.faithful1.md", "17% of customers handed over out of hours give u"): "a slice dropped, the figure kept",
    ("insurance_triage.faithful1.md", "Confirmed fraud rose from 20 per 10,000 fast-track"):
        "'fast-tracked' cut from the slice is a word of the measure's own name ('per 10000 fast-tracked claims')",
    ("insurance_triage.faithful1.md", "Fraudulent fast-track claims cost $1.1 million i"): "'$1.4 million' is an option's $1.35 million, rounded",
    ("insurance_triage.faithful1.md", "The $15,000 cap fast-tracks 6,000 more claims an"): "'fewer' for 'more' of an option's count with no figure of its own in the sentence",
    ("scanner_vendors.faithful1.md", "It is open, with the Paediatric radiology"): "an invented step named 'the planned fix'",
    ("kyc_documents.faithful1.md", "Onboarding Engineering is still building NFC chi"):
        "'NFC chip reading' for the action's 'read the chip ... through the phone's NFC reader': too few of its words",
    ("theatre_scheduling.faithful1.md", "to cap proposed lists at 90% of booked theatre ti"): "an invented rule added with 'together with' to a step told by its owner and date",
    # round eight
    ("social_sentiment.faithful1.md", "It is open with the Head of Social Media;"): "'the Head of Customer Care' shares 'Care' with the 'Social Care team', an owner of a step",
    ("social_sentiment.faithful1.md", "when the queue runs more than five minutes behin"): "an invented step after 'and' in a sentence whose first step is told with its date",
    ("social_sentiment.faithful1.md", "which marketing has decided not to pay this year"): "'decided to pay' for a fix the findings say was turned down, in a clause about its cost",
    ("social_sentiment.faithful1.md", "a 24-point drop"): "'a 24% drop' for a 24-point gap: a percentage is accepted for a gap in points",
    ("support_agent_launch.faithful1.md", "where the tester claimed to have lost their phon"): "'lost their password' for 'lost their phone': a slice told apart by one word the sentence has no other use for",
    ("support_agent_launch.faithful1.md", "Director of Billing Operations"): "'Head of Billing Engineering' shares 'Billing Engineering' with the owner of a step",
    ("support_agent_launch.faithful1.md", "- The disclosure re-test used English chats only"): "the caveat is also told in another bullet ('worked only in English')",
    ("support_agent_launch.faithful1.md", "and there is no agreed way to tell customers or "): "'there is an agreed way' for the findings' 'no agreed way', with the negation in the findings' summary only",
    ("support_agent_launch.faithful1.md", "can take at most 20,000 extra chats a month with"): "a capacity's condition ('without new hires') dropped: constraints are not checked for their scope",
    ("credit_limits.faithful1.md", "approved 58.3% of increase requests from 18-to-2"): "'the over-70s' for the slice 'aged 70 and over'",
    ("credit_limits.faithful1.md", "Model Risk Management's test of those reasons, d"): "'is already under way' for a planned step due 'by end of Q3 2027': a quarter is no date to tell it by",
    ("credit_limits.faithful1.md", "It was retrained without them in December 2026 a"): "an invented step in a list of three done ones",
    ("credit_limits.faithful1.md", "Credit history comes from one bureau only."): "the caveat is also told in the sentence after it ('bureau data')",
    ("credit_limits.faithful1.md", "Age comes from the account's date of birth, and "): "'were tested too' for a caveat that says the other characteristics were not tested",
    ("credit_limits.faithful1.md", "which holds down losses but may hold back custom"): "'holds back customers' for 'may hold back': a hedge on a consequence, not on the finding's likelihood",
    ("emergency_calls.faithful1.md", "The speech vendor is fine-tuning the model on 40"): "'has finished fine-tuning': the speech vendor owns two steps and the sentence names this one in few of its words",
    ("emergency_calls.faithful1.md", "Procurement has added a contract clause forbiddi"): "an invented step told as done by an owner the findings never name for a step",
    ("emergency_calls.faithful1.md", "Any option must keep handlers asking every quest"): "'can let handlers skip questions' for the constraint's 'must ask every question', in other words",
    ("emergency_calls.faithful1.md", "but in each day's busiest hour the slowest 5% to"): "the busiest hour dropped from a lag figure: 'the slowest 5%' reads as the slice",
    ("hr_policy_rag.faithful1.md", "About one English answer in thirty (3.2%)"): "'one answer in thirty' with 'English' dropped: the slice is named in the sentence before",
    ("shelf_robot.faithful1.md", "- **Owner:** Health and Safety lead."): "'Robotics engineering lead' as the finding's owner in a label line: the owner of the section's step, taken as the step's",
    ("shelf_robot.faithful1.md", "store managers plan to mark narrowed aisles as n"): "an invented step after a step told with its status and date, in the same clause",
    ("car_voice.faithful1.md", "and 412 of 7,300 weak-signal requests"): "a count's slice ('412 of 7,300 good-signal requests') is not set against the findings' counts",
    # round nine
    ("fresh_forecast.faithful1.md", "Bakery lines were at 26.5%."): "'Dairy lines' for 'bakery lines': a slice the findings never measured, with the figure alone in its sentence",
    ("fresh_forecast.faithful1.md", "at the manager's approved maximum (done, 12 Marc"): "an invented step after 'and' in a sentence whose first step is told with its status and date",
    ("fresh_forecast.faithful1.md", "Missing milk, eggs and salad cost sales and can "): "an invented outside figure in words the checker does not read as a figure or a name",
    ("fresh_forecast.faithful1.md", "We recommend the uplift model:"): "'We do not recommend' the recommended option: a recommendation's negation is not judged",
    ("fresh_forecast.faithful1.md", "Estimated sales lost to stock-outs in the pilot "): "'in those three weeks' for 'in the pilot's three holiday weeks': the slice told by the sentence before",
    ("coding_agent.faithful1.md", "for 760 more reviewer hours a week than auto-mer"): "'fewer' for 'more' of a gap between options' hours, with the other option named by what it does",
    ("coding_agent.faithful1.md", "- Production credentials out of the agent's sand"): "an invented step joined to a done one in one bullet",
    ("coding_agent.faithful1.md", "on 540 agent pull requests touching infrastructu"): "the slice dropped from a figure whose sample size ('540') still names it",
    ("counterfeit_listings.faithful1.md", "(3 in the first month, 5 in the third)"): "two figures swapped inside brackets, each with its month, read as the months' own",
    ("counterfeit_listings.faithful1.md", "38% were upheld and the listing put back; for sm"): "'for high-volume sellers, 52%' for small sellers: a second slice told after a semicolon",
    ("counterfeit_listings.faithful1.md", "which rules out today's process."): "'does not rule out' an option the constraint rules out: constraints are not read for what they rule out",
    ("counterfeit_listings.faithful1.md", "A small seller whose listing was wrongly removed"): "'a seller' for 'a small seller': a slice dropped where the figure is one only that slice has",
    ("symptom_checker.faithful1.md", "outcomes after launch (planned, due 30 June 2027"): "an invented step after 'and' in a sentence whose first step is told with its status and date",
    ("symptom_checker.faithful1.md", "It means 46 more sessions per 1,000 ending in em"): "'46% more' for 46 more per 1,000: a percentage is accepted for a gap between rates",
    ("support_translation.faithful1.md", "but 2,900 ms for replies over 300 words (6% of r"): "'45% under budget' for 45% over: the gap from a budget is not set against the budget's direction",
    ("support_translation.faithful1.md", "That could breach card-industry security rules a"): "an invented consequence ('our acquiring bank could fine us') in words the findings' own vocabulary covers",
    ("support_translation.faithful1.md", "Reviewing everything breaks both limits."): "'breaks neither limit' for 'breaks both': a constraint's breach is not judged",
    ("support_translation.faithful1.md", "Satisfaction among Japanese-speaking customers w"): "the machine-translated replies dropped from a slice whose language still names it",
    ("news_recommender.faithful1.md", "Local articles fell from 11% to 7% of feed impre"): "both the verb and the figures reversed: 'rose from 7% to 11%' reads as a change the findings make backwards",
    ("news_recommender.faithful1.md", "For readers whose most-read topic is politics it"): "'sport' for 'politics' in 'readers whose most-read topic is ...': the slice's one distinct word is a topic the checker does not know",
    ("news_recommender.faithful1.md", "Personalisation engineering removed both groups "): "an invented step after 'and' in a sentence whose first step is told with its date",
    ("news_recommender.faithful1.md", "Its figures are estimates from replaying test se"): "'not estimates ... but live measurements' of an option's figures: their source is not judged",
    ("news_recommender.faithful1.md", "Readers outside the ten largest metro areas lose"): "'across all readers' for the slice outside the big cities, with the figures in brackets after it",
    # round ten
    ("underwriting_summaries.faithful1.md", "against 6% of those under 50"): "'9% of those under 50' in a table cell beside another slice's 22%: the cell's slice is its row's",
    ("underwriting_summaries.faithful1.md", "The medical underwriting team plans to read thes"): "an invented step owned by a team the findings name for the finding, with a real step's status and date",
    ("underwriting_summaries.faithful1.md", "a full read breaks it."): "'does not break it' for a constraint an option breaks: constraints are not judged for which option they rule out",
    ("underwriting_summaries.faithful1.md", "In 2025, 22% of applicants aged 65 and over had "): "the age slice dropped from a share whose population the sentence before names",
    ("drowsy_drivers.faithful1.md", "**False alarms, twice as often for drivers in gl"): "'half as often' in a bold heading line with no figures of its own",
    ("drowsy_drivers.faithful1.md", "An unwarned drowsy driver could end up in a seri"): "'about one in five' crashes: an outside figure as a gloss, read as a share the findings might give",
    ("drowsy_drivers.faithful1.md", "The opt-out option needs no consultation but lea"): "'still needs consultation' for 'needs no consultation': a constraint's scope is not judged",
    ("drowsy_drivers.faithful1.md", "12% of surveyed drivers said they would look for"): "'our drivers' for 'surveyed drivers': the survey's population said in other words",
    ("flood_maps.faithful1.md", "And 38% of scenes captured within 24 hours of pe"): "'more than a week after peak flooding' for 'within 24 hours': a slice whose words the checker reads as a date",
    ("flood_maps.faithful1.md", "With direct download and standby servers, an Apr"): "an invented step in a list of two done ones",
    ("flood_maps.faithful1.md", "covered floods with no declared emergency."): "'with a declared emergency' for 'with no declared emergency', the negation in a metric's name only",
    ("call_scoring.faithful1.md", "CallLens also scored that group 4.6 points below"): "'above' for 'below' a reviewer's score: a gap with no second figure in the sentence",
    ("call_scoring.faithful1.md", "Long calls are about one in eight of all calls."): "'calls under 5 minutes' for long calls: a slice's length said in words the slices do not use",
    ("call_scoring.faithful1.md", "Agent emotion labels are already off team leader"): "an invented step joined with 'and' to a done one",
    ("call_scoring.faithful1.md", "- The post-fix long-call result reuses the same "): "the caveat is already read as missing from the faithful brief (see KNOWN_MISSING_CAVEATS)",
    ("call_scoring.faithful1.md", "and inferring agents' emotions at all could expo"): "'fines of up to 7% of worldwide turnover': an outside figure in a possibility, read as a share",
    ("call_scoring.faithful1.md", "Agents see only their total, not which items wer"): "'see which items were marked missed' for the findings' 'not which items': the negation in prose the findings phrase otherwise",
    ("call_scoring.faithful1.md", "the two differed by more than 10 points on 9% of"): "the slice dropped from a figure told in a list whose first item names it",
    # round eleven
    ("pet_claims.faithful1.md", "An $800 ceiling, exotic pets excluded, would aut"): "a change in claims between options told by one option's condition",
    ("pet_claims.faithful1.md", "but 4.6 per 1,000 for claims between $300 and $5"): "a slice named by a currency range moved to another range",
    ("pet_claims.faithful1.md", "free use of our e-invoicing portal (in progress,"): "an invented step after 'and' in a clause whose first step is real",
    ("pet_claims.faithful1.md", "found 2.4% of dog and cat claims paid in error"): "the slice dropped from a figure the paragraph's heading still names",
    ("school_attendance.faithful1.md", "Removing it cut the share of persistently absent"): "a change from a removed input, which the findings give as a gap",
    ("school_attendance.faithful1.md", "within the 400 staff hours a week we have; the l"): "a denial of an option's fit with a constraint",
    ("school_attendance.faithful1.md", "could be challenged under our equality duties"): "'would breach' for 'could be challenged', said of a legal exposure no finding rates",
    ("school_attendance.faithful1.md", "the model misses about half of Year 7 pupils hea"): "the slice dropped from a gloss ('about half')",
    ("airline_rebooking.faithful1.md", "and sends an estimated 650 requests to the desk "): "an option's figure changed where another option's figure differs by a gap the findings give",
    ("airline_rebooking.faithful1.md", "The cabin rule and the fare-difference message s"): "an invented step after 'and' in a sentence whose first steps are real",
    ("airline_rebooking.faithful1.md", "passengers were not told they were owed the fare"): "a denial removed from an event the findings tell in other words",
    ("drug_safety_signals.faithful1.md", "- Machine-translation quality was not measured s"): "the caveat's words are in another sentence of the brief",
    ("drug_safety_signals.faithful1.md", "which our procedures do not allow"): "a denial removed from a rule the findings state in other words",
    ("drug_safety_signals.faithful1.md", "But 14 per 1,000 non-serious reports would still"): "the slice dropped from an option's figure",
    ("parking_cameras.faithful1.md", "more than nine in ten of the car contraventions"): "a gloss moved to a slice the findings never measured",
    ("parking_cameras.faithful1.md", "nearly twice the $200,000 budget for 2027-28, pl"): "an invented adjudicator's ruling after a sentence's real figures",
    ("parking_cameras.faithful1.md", "after which a notice cannot be enforced"): "a denial removed from a rule the findings state in other words",
    ("parking_cameras.faithful1.md", "at night in the rain about 1 in 14 plates is mis"): "the slice dropped from a gloss",
    ("crop_yield_satellite.faithful1.md", "For farms under 50 hectares the forecast is off "): "a figure in a unit the findings count ('tonnes per hectare') changed to another slice's",
    ("crop_yield_satellite.faithful1.md", "It also comes in low for them, by 0.4 tonnes per"): "'comes in high' for a forecast's bias, with no comparison word",
    ("benefit_screening.faithful1.md", "Finance puts the cost at $1.15 million a year in"): "a figure moved to a slice ('the two pilot counties') the findings never measured",
    ("benefit_screening.faithful1.md", "Caseworker Operations plans to have a bilingual "): "'now has ... look again' for a planned step, with no status word",
    ("water_leaks.faithful1.md", "The recommended option costs $600,000 a year mor"): "an option named only as 'the recommended option'",
    ("water_leaks.faithful1.md", "the 240 needed citywide have not been bought yet"): "an invented supplier's lead time after a sentence's real figures",
    ("water_leaks.faithful1.md", "No sign of outside access was found, though gate"): "a denial removed from an audit's result the findings tell in other words",
    # round twelve
    ("city_311_routing.faithful1.md", "Right department: English / Spanish / Vietnamese"): "two slices swapped in a table header, the figures in the row below",
    ("city_311_routing.faithful1.md", "- Automatic server scaling done (Digital Service"): "an invented step after 'and' in a line whose first step is real",
    ("city_311_routing.faithful1.md", "- Risk: could breach data protection duties and "): "a hedge dropped from an impact line of fragments",
    ("selfcheckout_theft.faithful1.md", "losses fall less than the headline rate suggests"): "'more' for 'less' against a rate named in words, with no figure",
    ("selfcheckout_theft.faithful1.md", "three from wheelchair users"): "'mobility-scooter users' is the other half of the slice's own words",
    ("selfcheckout_theft.faithful1.md", "- In progress: a second camera over the bagging "): "an invented step after 'and' in a line whose first step is real",
    ("selfcheckout_theft.faithful1.md", "- Until June 2027, signs mentioned CCTV, not aut"): "a contrast turned into 'both', with no negation left to compare",
    ("selfcheckout_theft.faithful1.md", "- Risk: deliberate concealment, the costliest th"): "a slice dropped from a fragment with no figure",
    ("selfcheckout_theft.faithful1.md", "- Risk: could amount to discrimination; would da"): "a hedge dropped from an impact line of fragments",
    ("selfcheckout_theft.faithful1.md", "- Limit: timed on the newer till model only, use"):
        "the option row's 'timing measured on these tills', read with the next row's '40 ... stores', still tells half the caveat",
    ("robo_pension_advice.faithful1.md", "For those who also hold a defined benefit pensio"): "a slice named in words no population has ('within five years of their chosen retirement age')",
    ("robo_pension_advice.faithful1.md", "That could amount to advice we may not give"): "a hedge dropped where the findings' impact has no hedge word to compare",
    ("baggage_ct_screening.faithful1.md", "half the rate without it"): "'double' for 'half' of an option against the rate of the finding it fixes",
    ("baggage_ct_screening.faithful1.md", "so a bag carrying a weapon or explosive could re"): "'no bag could' for 'a bag could' in a consequence the findings give in other words",
    ("baggage_ct_screening.faithful1.md", "With auto-clear on at the Terminal 1 trial lanes"): "'Terminal 1 trial lanes' dropped: the figure's other words still name its slice",
    ("baggage_ct_screening.faithful1.md", "which suggests screeners trust the flag and look"): "'shows' for 'suggests' where the findings give the reading in other words",
    ("meeting_minutes_llm.faithful1.md", "the wrong member 31 times per 1,000, against 12 "): "the baseline moved to the mixed-language slice of another metric",
    ("meeting_minutes_llm.faithful1.md", "a review-screen prompt to quote each instruction"): "an invented check after a real step, joined by 'backed by'",
    ("meeting_minutes_llm.faithful1.md", "6.8% of recordings longer than two hours produce"): "'longer than two hours' dropped: the figure is the only one of its kind",
    ("delivery_eta.faithful1.md", "inside the Head of Customer Experience's 2-point"): "'above' a constraint's limit: gaps from a constraint carry no direction",
    ("delivery_eta.faithful1.md", "for bicycle couriers in the three hilliest distr"): "'motorbike couriers' is no slice of the findings, and the rest of the slice is said",
    ("delivery_eta.faithful1.md", "But courier punctuality without a penalty has no"): "a negation dropped from an option's con, said without naming the option",
    ("delivery_eta.faithful1.md", "either window costs an estimated 1.8 points of c"): "'1.8%' for 1.8 points of a share: a unit change read as the same figure",
    ("delivery_eta.faithful1.md", "For orders placed between 6 pm and 9 pm while it"): "'while it was raining' dropped: the rest of the slice's words are said",
    ("energy_theft.faithful1.md", "on weak mobile signal the slowest 5% took 9.5 se"): "the slice moved to the districts, which every metric of the document shares",
    ("energy_theft.faithful1.md", "Figures are monthly projections for the five dis"): "a slice dropped from a sentence with no metric's figure",
    ("trial_matching.faithful1.md", "against 3 for oncologists today"): "'5' is another figure of the document, read as that one",
    ("trial_matching.faithful1.md", "and fits the nurses' 180 hours with 10 to spare"): "'goes over' a constraint's limit: gaps from a constraint carry no direction",
    ("trial_matching.faithful1.md", "In January–June 2027, 214 of 3,150 oncology aler"): "a count's slice moved, the count a share of counts the sentence states",
    ("trial_matching.faithful1.md", "which it does not yet read"): "'already reads' for 'does not yet read', in a clause with no other word of the statement",
    ("trial_matching.faithful1.md", "confirmed eligibility for 64% of oncology alerts"): "'oncology' dropped from a slice whose other words are said",
    # round thirteen
    ("discharge_summaries.faithful1.md", "so roughly three in ten reached GPs"):
        "'roughly one in ten' matches a 10 in the findings' prose; the share left after 71% were removed is not worked out",
    ("discharge_summaries.faithful1.md", "For patients whose medicines changed in hospi"):
        "'across all drafts' for the drafts of patients whose medicines changed, a slice the findings give no overall figure beside",
    ("discharge_summaries.faithful1.md", "Flagged notes are now removed before drafting"):
        "an invented check after 'and' whose words (a team, 'screens', 'letter') the findings use elsewhere",
    ("customs_tariff_codes.faithful1.md", "yet fewer of their flags hold up on inspectio"):
        "'more of their flags hold up (31% against 44%)': a comparison whose figures say the opposite, on a share with no measure named",
    ("customs_tariff_codes.faithful1.md", "so about one chemical line in four is coded w"):
        "'one chemical line in four' cut to 'one line in four': a gloss of a slice's figure without the slice",
    ("customs_tariff_codes.faithful1.md", "That risks wrong duty and missed licence chec"):
        "'That means' for 'That risks': certainty in a verb the hedge check does not read",
    ("wildfire_cameras.faithful1.md", "Across all 52 towers that projects to about 3"):
        "'about 40 false alarms a day' within rounding of the 38 towers an option's con counts",
    ("wildfire_cameras.faithful1.md", "for roughly 90 seconds more before crews are "):
        "'while saving roughly 90 seconds before crews are sent': a delay turned into a saving, with no figure of the findings to compare",
    ("wildfire_cameras.faithful1.md", "Fire Detection Technology plans to retrain th"):
        "'and fit infrared cameras on the high towers': an invented step whose words the findings use elsewhere",
    ("wildfire_cameras.faithful1.md", "enough that dispatchers could start to tune o"):
        "'will tune out real ones' for a finding rated almost certain, whose likelihood allows 'will'",
    ("subtitle_translation.faithful1.md", "A quarter of the children's titles in the pil"):
        "'a quarter of the titles in the pilot, 30 of 120' with the children's titles left out, its count still right",
    ("subtitle_translation.faithful1.md", "an offensive word that was not in the English"):
        "'already in the English' for 'not in the English', in a clause with no other word of the finding's statement",
    ("insulin_dose_app.faithful1.md", "were saved where other Android apps could rea"):
        "'could not read them' for 'could read them', a denial inside a relative clause",
    ("ride_surge_pricing.faithful1.md", "brings the simulated premium down to $3.20"):
        "'pushes the simulated premium up to $3.20' with no figure to rise from in the sentence",
    ("ride_surge_pricing.faithful1.md", "23% of trips starting in the lowest-income fi"):
        "'evening-peak' added to the slice of a figure whose other words are its own slice's",
    ("ride_surge_pricing.faithful1.md", "The Driver Supply team plans to pilot a peak "):
        "', plus a guaranteed hourly minimum for drivers': an invented step whose words the findings use elsewhere",
    ("tax_helpline_bot.faithful1.md", "15 points below the overall figure"):
        "'12 points below' matches another gap of the findings (11.8 points), not the 15 between these two figures",
    ("parcel_damage_claims.faithful1.md", "but 13.5%, roughly one in seven, when the pho"):
        "'for claims above $200', an option's terms, in place of the low-light slice: no population has those words",
    ("parcel_damage_claims.faithful1.md", "The model catches 61% of confirmed fraudulent"):
        "'fraudulent claims' for 'confirmed fraudulent claims', one qualifier of several dropped",
    ("parcel_damage_claims.faithful1.md", "being mitigated by the Fraud Investigations m"):
        "another team as the mitigating owner in 'being mitigated by', read as the owner of a step",
    ("parcel_damage_claims.faithful1.md", "and word that we are an easy target could spr"):
        "'is spreading' for 'could spread': an outcome stated as happening, not a likelihood word",
    ("parcel_damage_claims.faithful1.md", "- The audit sample covers one quarter only, J"):
        "the caveat deleted, while 'Q1 2027 audit sample' elsewhere still names its quarter",
    # round fourteen
    ("flood_maps.faithful1.md", "against 64 out of every 1,000 in suburban and r"):
        "'about a third as many' after the 64 reads as the 64 against the 187, which is true (caught before only as a share)",
    ("lift_faults.faithful1.md", "a gap of 28 points"):
        "'a gap of 28%' between two percentages is also the relative gap (82% to 54% is 34% lower), rounded",
    ("lift_faults.faithful1.md", "Those lifts trapped passengers 11 times in 2026."):
        "'11 times' is also a number of another finding's text ('the other 11 towers'), so the swapped slice is not compared",
    ("lift_faults.faithful1.md", "the model warns of 82% of door faults up to seve"):
        "'faults' for 'door faults': the measure's own word dropped, its population ('all 96 lifts') still said",
    ("lift_faults.faithful1.md", "while the Lift maintenance contractor fits door-"):
        "an invented step after 'and' whose words ('relay controllers') a step of another finding uses",
    ("lift_faults.faithful1.md", "**The model can go blind without anyone knowing."):
        "'will go blind' in a bold headline that shares one word with the finding it rates",
    ("pothole_survey.faithful1.md", "but only 47% of those filled with rainwater"):
        "'those on concrete streets', words of a cause the findings give in prose, not a population they measure",
    ("pothole_survey.faithful1.md", "On residential streets in the four eastern ward"):
        "'residential streets' dropped: both slices compared are residential streets, so neither is told apart by it",
    ("pothole_survey.faithful1.md", "Fleet Services plans to replace the 9 older came"):
        "'and move newer trucks onto the eastern routes': an invented step in words the real step uses ('trucks', 'eastern')",
    ("pothole_survey.faithful1.md", "Drivers and cyclists cannot judge how deep a flo"):
        "'can judge' for 'cannot judge', a statement of the impact's prose in words of its own",
    ("dispute_assistant.faithful1.md", "and 34 in every 1,000, about three times as ofte"):
        "'about four times' for 34 against 11 (3.1 times): a multiple within the loose reading of 'about'",
    ("dispute_assistant.faithful1.md", "On Monday mornings the slowest 5% of drafts take"):
        "'On Monday mornings' dropped from a paragraph whose heading says it",
    ("dispute_assistant.faithful1.md", "Disputes Compliance audits 200 sent denial lette"):
        "'and phones every customer refused ...': an invented step after a real one told in the present tense, with no claim word",
    ("xray_triage.faithful1.md", "For a collapsed lung on a film with a chest drai"):
        "'on a film with a chest drain already in place' dropped: the measure's name says 'collapsed lung', read as the slice",
    ("xray_triage.faithful1.md", "new films are not scored and nothing on the work"):
        "'are still scored' for 'are not scored', against a title that says 'unscored' in one word",
    ("job_ad_writer.faithful1.md", "it was 11%, about one in nine"):
        "'about one in six' for 11%: a gloss checked only against the figure before it within a loose tolerance",
    ("job_ad_writer.faithful1.md", "appear 23 times per 1,000 ads, against 7 per 1,0"):
        "two rates swapped between the system's ads and the recruiters' own, each a rate the findings give",
    ("job_ad_writer.faithful1.md", "Before a prompt fix, 9 of 310 drafts for confide"):
        "'for confidential searches' dropped from a count of drafts that names its own total",
    ("job_ad_writer.faithful1.md", "with recruiter training from Talent Operations ("):
        "'and a monthly audit of published ads': an invented step in words another step uses ('audit', 'published')",
    ("rental_screening.faithful1.md", "At the pilot branches the model automatically de"):
        "'at the pilot branches' dropped: both slices compared share it, so neither is told apart by it",
    ("rental_screening.faithful1.md", "Refusing people for receiving benefits could be "):
        "'is unlawful discrimination' for 'could be': a legal outcome the possibility check reads only after a verb it knows",
    ("rental_screening.faithful1.md", "This breaks our privacy notice and could breach "):
        "an invented fine given as a share of turnover ('up to 4%') in a clause about the law, no measure of the findings",
    ("museum_guide.faithful1.md", "on our servers that errs more (11.2%)"):
        "'errs less' of an option told in words of its own, against the option named before it",
    ("museum_guide.faithful1.md", "About three in ten objects on display have such "):
        "'in the collection' for 'on display': a share's population in words no slice uses",
    ("museum_guide.faithful1.md", "and speaks 24 languages, but visitor questions g"):
        "a denial of an option's con ('without sending visitor questions to the vendor's servers')",
    # round fifteen
    ("energy_bill_chatbot.faithful1.md", "and 11% of those chats are abandoned"):
        "'chats on other days' names its slice in words ('other days') that are stopwords but for 'days'",
    ("energy_bill_chatbot.faithful1.md", "The bot answers 91% of bill questions correctly "):
        "'on flat-rate tariffs' dropped from the first of two figures set against each other",
    ("energy_bill_chatbot.faithful1.md", "Billing Systems is connecting the bot to the liv"):
        "'and adding a warning to every time-of-use answer': an invented step in words the findings use",
    ("energy_bill_chatbot.faithful1.md", "so customers may be quoted wrong rates or peak h"):
        "'are being quoted' for 'may be quoted': an outcome told as happening, no likelihood word",
    ("shift_scheduler.faithful1.md", "more than twice as often"):
        "'more than three times' within the loose reach of a bound ('more than') of another ratio of the findings",
    ("shift_scheduler.faithful1.md", "In about three quarters of those short nights"):
        "'three quarters of its night shifts' for 'of those short nights': a share's base moved, read as the 76% of the findings",
    ("shift_scheduler.faithful1.md", "7 in every 1,000 night shifts had fewer register"):
        "'shifts' for 'night shifts': the measure's own words carry 'night'",
    ("shift_scheduler.faithful1.md", "these builds now run overnight with a longer lim"):
        "'on a larger server': an invented detail of a real step, after 'with'",
    ("shift_scheduler.faithful1.md", "so supernumerary nurses never count towards the "):
        "'always count' for 'never count' in a step's description, whose own words are the step's",
    ("loan_doc_summaries.faithful1.md", "About one memo in eleven (9%) for packs with sca"):
        "the slice dropped from a gloss and its figure, with the slice's words said in the sentence before",
    ("loan_doc_summaries.faithful1.md", "translating documents before summarising is plan"):
        "'and a second review of every flagged Spanish-language pack': an invented step in words the findings use",
    ("crowd_density.faithful1.md", "four and a half times the daytime rate of 0.8"):
        "'three and a half times' within the tolerance of a multiple in words",
    ("crowd_density.faithful1.md", "In weekday peak-hour footage the monitor raises "):
        "'night-time footage' for 'weekday peak-hour footage': a slice of another measure, the 88% no figure of it",
    ("crowd_density.faithful1.md", "Between 22:00 and 05:00 it gives 3.6 false alarm"):
        "'Between 22:00 and 05:00' dropped from a finding whose paragraph says 'at night'",
    ("crowd_density.faithful1.md", "Station Facilities plans extra lighting on platf"):
        "'and infrared cameras': an invented item added to a real step",
    ("return_fraud.faithful1.md", "nearly three times as high"):
        "'nearly twice as high' for 41 against 14 (2.9 times): a multiple read against another pair's ratio",
    ("return_fraud.faithful1.md", "Nearly four in ten wrongly held rural customers "):
        "'rural' dropped from a gloss with no figure of its own",
    ("hearing_screening.faithful1.md", "Slow results on older tablets"):
        "'the ward tablets' for 'older tablets' in a short heading with no figure",
    ("hearing_screening.faithful1.md", "- Hospital IT enforces a screen lock on every wa"):
        "'and remote wipe': an invented item added to a real step",
    ("grant_reviewer.faithful1.md", "falls from 32 minutes to 21, about a third less"):
        "'about half as long' for 21 against 32 minutes: a multiple within the loose reading of 'half'",
    ("grant_reviewer.faithful1.md", "raised the pre-score by at least one band"):
        "'lowered' for 'raised' in a finding's statement with no figure on both sides",
    ("grant_reviewer.faithful1.md", "in 38% of 150 doctored applications"):
        "'early-career applications' for 'doctored applications': the 150 is the count of the red-team set",
    ("grant_reviewer.faithful1.md", "the assistant put 27% of fundable early-career a"):
        "'fundable' dropped: one qualifier of several",
    ("grant_reviewer.faithful1.md", "with a warning now on every summary."):
        "'and staff checking every reference before panels meet': an invented step after a real one, with no claim word of its own",
    ("grant_reviewer.faithful1.md", "The Peer Review Office plans to send every early"):
        "'already sends' for 'plans to send': a present tense after 'already' is no status word",
    ("grant_reviewer.faithful1.md", "pilot reviewers scored without opening the full "):
        "'only after opening' for 'without opening': a statement of the findings turned round in other words",
    ("fleet_fuel.faithful1.md", "opened on an alert alone, with no check of fuel "):
        "'each after a check of fuel receipts' for 'with no check': the negation dropped in other words",
    ("fleet_fuel.faithful1.md", "was confirmed as theft or misuse."):
        "'an industry norm of around 60%': an invented benchmark whose figure matches a slice's rate",
    ("essay_grader.faithful1.md", "the model timed out on 2.7% of 1,850 essays o"):
        "'over 3,000 words' dropped; 'the model' is the system, and 'November 2026' names the slice's run",
    ("tax_helpline_bot.faithful1.md", "fewer than three in five, for callers aged 75 "):
        "'self-employed callers' for 'callers aged 75 and over': no population reads 'self-employed callers'",
    ("robo_pension_advice.faithful1.md", "show a 4.2% unsuitable rate, still above the u"):
        "caught only through a false alarm in the same sentence: 'below the under-55 rate' sets an option's figure "
        "against a finding's slice, which the direction check does not pair",

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
    assert len(BRIEFS) == 228
    assert len(_edits()) >= 1172


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
    # a header row names columns and states nothing; rows of a table with no rule line read as before
    assert not any(p.startswith("Option") for p in blocks)
    assert "c, d" in blocks


def test_the_verdicts_do_not_depend_on_the_order_python_hashes_words_in():
    # sets of word stems iterate in an order that changes with PYTHONHASHSEED; sums and ties over them must not
    import json
    import os
    import subprocess
    import sys

    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from evals.faithfulness import check_brief\n"
        "from schemas.loading import load_findings\n"
        "out = {}\n"
        "for b in sorted(Path(sys.argv[1]).glob('*.faithful*.md')):\n"
        "    doc = load_findings(b.with_name(b.name.split('.')[0] + '.yaml'))\n"
        "    r = check_brief(doc, b.read_text(encoding='utf-8'), fmt='md')\n"
        "    out[b.name] = [[c.text, c.error.value if c.error else None] for c in r.claims] + [r.missing_caveats]\n"
        "print(json.dumps(out))\n")
    root = Path(__file__).resolve().parent.parent
    runs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", script, str(WRITTEN)], cwd=root, env=env, capture_output=True,
                              text=True, timeout=300, check=True)
        runs.append(json.loads(done.stdout))
    assert runs[0] == runs[1]
