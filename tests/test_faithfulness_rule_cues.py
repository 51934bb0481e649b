"""The rules' shortcuts decide exactly what the full scans decide: a cue pattern behind its
words finds what the pattern finds, a sentence start read backwards is the one the pattern
reads forwards, and window cuts found once per sentence are the ones found per number.
A shortcut that missed a word would let a contradicted status or owner through unflagged."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from engine.narrator import narrate
from engine.pipeline import resolve_audience
from evals.faithfulness import check_plans, check_numbers, lexicon as lx
from evals.faithfulness.analysis import Sentence
from evals.faithfulness.check_words import _SENT_START, _at_sentence_start
from evals.faithfulness.numbers import extract
from evals.faithfulness.text import split_sentences
from schemas.loading import load_findings

ROOT = Path(__file__).resolve().parents[1]

# Every wording each cue pattern knows, and near misses, inside ordinary sentences.
PHRASES = """
The risk is closed. It was resolved in March. The bug was fixed last week. It is no longer a risk for us.
Mitigation is under way. Mitigation in progress. The issue is being mitigated. We are mitigating it now.
The board accepted the risk. We accept this risk. Risk acceptance was signed. The drift is tolerated. We tolerate it.
The finding remains open. It is still open. The gap is unresolved. Three issues are outstanding. It is not yet resolved.
This will happen. It will certainly fail. It will definitely recur. Harm is inevitably coming. Unavoidably so.
Surely it fails. The model is certain to drift. Errors are certain to grow. It is bound to break. They are bound to.
Without a doubt it fails. Without any doubt. It is guaranteed to fail. They are guaranteed to. It is sure to happen.
They are sure to. There is no doubt. Undoubtedly wrong. It always fails. Always.
The mitigation is planned. Mitigations exist. We mitigate it. A fix ships soon. Fixes are ready. Remediation started.
Remedies exist. An action is open. Actions are due. The control is live. Controls exist. A safeguard holds.
The guardrail is planned. It is scheduled. We will add it. They will add it. The team will own it. The lead will do it.
The owner will sign. Work is in progress. It is under way. It is underway. It is done. It is in place. It is due Friday.
It is owned by Legal. It is being built. They are being built. It has been shipped. They have been shipped.
The plan is to address it, to reduce harm and to close the gap.
Legal is the owner. The owners agree. Legal owns it. They own it. They own this. They own the fix. Legal is responsible.
Legal is accountable. Legal is in charge. The work is led by Legal. Legal leads. Legal will lead on it.
The work is assigned to Legal. It sits with Legal. It rests with Legal. It is with Legal. It falls to Legal.
It is handled by Legal. It is run by Legal. It is driven by Legal. It is delivered by Legal. It is carried by Legal.
Ownership is unclear. The opening went well. Nobody knows. Acceptable rates hold. The reopened case is willful.
Recall is 65% on sarcastic posts; precision is 0.8, so about 60% because 3 of 5 pass, which is low.
""".split(". ")


def _sentences() -> list[str]:
    out = [p.strip() for p in PHRASES if p.strip()]
    for name in ("sentiment", "credit", "agent"):
        doc = load_findings(ROOT / "examples" / f"{name}.yaml")
        for audience in ("executive", "legal", "product", "engineering"):
            brief = narrate(doc, resolve_audience(audience))
            for _, sent in brief.sentences():
                out += split_sentences(sent.text)
    return out


SENTENCES = _sentences()
GATED = {"status": check_plans._STATUS_WORDS, "certainty": check_plans._CERTAINTY,
         "mitigation": check_plans._MITIGATION_CUE, "owner": check_plans._OWNER_CUE}


@pytest.mark.parametrize("name", sorted(GATED))
def test_a_gated_cue_finds_exactly_what_its_pattern_finds(name):
    gated = GATED[name]
    hits = 0
    for s in SENTENCES:
        low = lx._lower(s)
        full = gated.rx.search(low)
        got = gated.search(low)
        assert (got and got.span()) == (full and full.span()), (name, s)
        assert gated.found(low) is (full is not None), (name, s)
        hits += full is not None
    assert hits >= 5  # the phrases do exercise the pattern


def test_sentence_start_read_backwards_agrees_with_the_pattern():
    rng = random.Random(7)
    alphabet = list(" \t\n\u00a0:;—–(\"“‘'*.!?aB1,\u202a_$")
    texts = SENTENCES[:200] + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9))) for _ in range(20_000)]
    for t in texts:
        for pos in range(len(t) + 1):
            assert _at_sentence_start(t, pos) == bool(_SENT_START.search(t[:pos])), (t, pos)


def test_window_cuts_found_once_match_the_scan_for_each_number():
    texts = [s for s in SENTENCES if extract(s)] + [
        "Recall is 65%; precision, because 80% of 5 hold, so 7 s; and 9 ms, which because 4",
        "About 60% ,  so 3 cases because\t5 posts; 7% against 8%, while 2 x",
    ]
    assert len(texts) > 20
    for t in texts:
        sent = Sentence(t, None, [])
        for q in extract(t):
            cuts = [m.end() for m in check_numbers._WINDOW_CUT.finditer(t, 0, q.start)]
            nxt = check_numbers._WINDOW_CUT.search(t, q.end)
            expected = (max([0] + cuts), nxt.start() if nxt else len(t))
            assert check_numbers._window_cuts(sent, q) == expected, (t, q.text)


# One or more wordings each assurance pattern matches, in the order of check_assurance._PATTERNS.
ASSURANCES = [
    "The model is now fully safe. It's secure. The tool was production-ready. The bot is fit for purpose. The app is fail-safe "
    "and we're ready. The dashboards are launch-ready and good to go. Launching now is safe. The filter is GDPR-compliant. "
    "and the agent is independently tested. The service has been signed off. The pilot got green-lit. Option B is authorised.",
    "The board has already approved it. Legal signed-off on it. The risk committee certified the model. The FDA blessed it.",
    "Sign-off is complete. The approval was granted. The audit has been now passed. The review was successful.",
    "The external audit passed. Its review came back clean. The assessment has succeeded. An inspection was clean.",
    "The model passed all the audits. It passed every red-team exercise. It passed its fairness checks.",
    "The system complies fully with the act. It conforms to ISO. The tool meets all the regulatory requirements.",
    "There are no known open risks. Zero defects remain. No serious vulnerabilities. We found no issues.",
    "The launch is risk-free. It is bug free. There is nothing to worry about. It ships free of any known risk, without risks.",
    "The risk is negligible. The exposure remains very minimal. The harm is non-existent. The chance is nil.",
    "It carries negligible risk and trivial harm.",
    "The model never fails. It never makes a mistake. It never gets it wrong. It never misclassifies.",
    "It cannot fail. It can't go wrong. It won't make mistakes.",
    "Results are guaranteed. It is flawless and foolproof, fail-proof and mistake-free.",
    "It is 100% accurate. It is one hundred percent safe.",
    "It is always right. It always works. It always gets it right.",
    "Accuracy holds on every slice, across all user groups and for each market.",
    "It works everywhere, universally, across the board, without exception, in all cases, regardless of input.",
    "All mitigations are done. Every control has been fully implemented. All the fixes are in place.",
    "Both mitigations for F1 are in place. The two safeguards have been implemented. Its fixes are live.",
    "All of the risks are resolved. Every finding has been closed. All open issues are fixed.",
    "Everything is fixed. Everything has been already addressed.",
]


def test_assurance_patterns_left_out_could_not_have_matched():
    from evals.faithfulness import check_assurance as ca

    texts = ASSURANCES + SENTENCES + [p.strip() for p in "".join(ASSURANCES).split(". ")]
    hit = set()
    for t in texts:
        low = lx._lower(t)
        full = [(m.span(), m.lastgroup) for m in ca._ALL.finditer(low)]
        possible = ca._possible(low)
        gated = [(m.span(), m.lastgroup) for m in ca._only(possible).finditer(low)] if possible else []
        assert gated == full, t
        hit |= {g for _, g in full}
    assert hit == {f"k{i}" for i in range(len(ca._PATTERNS))}  # every pattern exercised
