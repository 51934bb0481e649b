"""score_answer: the deterministic STAR-L rubric, 0-100.

Points: Situation 10, Task 10, Action 20, Result 20, Learning 10 (each scaled by
the part's quality), business framing 10, guarded solution 10, ownership 5,
spoken length 5. A structural gap also caps the total, because an interviewer
does not average it away: a missing part caps the score at 60 (10 less for each
further missing part); a result with no number, a bare refusal or a plan with no
guardrail, untranslated jargon or no business terms, an answer told only as "we"
or one far over two minutes caps it at 70.
"""

from __future__ import annotations

from evals.starl import checks, feedback
from evals.starl.figures import misquoted
from evals.starl.grounding import bank_scenario, expected_numbers, scenario_findings
from evals.starl.parts import Detected, detect_parts
from evals.starl.rubric import CRITERIA, MISSING, part_quality
from evals.starl.text import english_share, numbers_in, word_count
from schemas.practice import PART_KEYS, PART_NAMES, Gap, PartScore, PracticeScore, Scenario

WEIGHTS = {"S": 10, "T": 10, "A": 20, "R": 20, "L": 10}
CHECK_WEIGHTS = {"business_framing": 10, "solution_oriented": 10, "ownership": 5, "length": 5}
MISSING_PART_CAP = 60
CHECK_CAP = 70
MIN_WORDS_TO_JUDGE = 20
ENGLISH_SHARE_MIN = 0.08  # English prose runs near 0.4; French or Spanish near 0.02


def _span(d: Detected) -> tuple[str | None, list[int] | None]:
    best = d.best or (d.units[0] if d.units else None)
    if best is None:
        return None, None
    return best.text.strip(), [best.start, best.end]


def score_answer(
    text: str,
    scenario: Scenario | str | None = None,
    question: str | None = None,
    *,
    audience: str | None = None,
) -> PracticeScore:
    """Score a spoken STAR-L answer.

    `scenario` (a Scenario or a bank id) adds its question, its audience's jargon list
    and the numbers its findings give; `question` scores an answer to any question.
    """
    # Windows and old Mac line ends read as Unix ones, keeping every offset (spans index the caller's text).
    text = (text or "").replace("\r\n", " \n").replace("\r", "\n")
    if isinstance(scenario, str):
        try:
            scenario = bank_scenario(scenario)
        except KeyError:
            raise ValueError(f"unknown scenario '{scenario}'; see `riskbrief practice list` for the ids") from None
    if scenario is not None:
        question = question or scenario.question
        audience = audience or scenario.audience
    detected, scored = detect_parts(text)
    units = [s.unit for s in scored]
    gaps: list[Gap] = []
    parts: dict[str, PartScore] = {}
    total = 0.0
    for key in PART_KEYS:
        d = detected[key]
        quality, unmet = part_quality(key, d, text)
        hollow = d.present and len(unmet) == len(CRITERIA[key]) and word_count(" ".join(u.text for u in d.units)) <= 8
        if hollow:
            # "I learned a lot." names the part but says nothing: it does not count as the part.
            d = Detected(False, d.units, d.cues, d.strength, d.best)
            quality, unmet = 0, []
        evidence, span = _span(d)
        parts[key] = PartScore(
            present=d.present,
            score=quality,
            evidence=evidence,
            span=span,
            cues=d.cues,
            missing=["missing"] if not d.present else [c.code for c in unmet],
        )
        total += WEIGHTS[key] * quality / 100
        if hollow:
            gaps.append(Gap(code="too_thin", part=key,
                            message=f"{PART_NAMES[key]} ({key}) is too thin to count ('{evidence}'): " + MISSING[key].split(": ", 1)[1]))
        elif not d.present:
            gaps.append(Gap(code="missing_part", part=key, message=MISSING[key]))
        for c in unmet:
            gaps.append(Gap(code=c.code, part=key, check="quantified_result" if c.code == "no_number" else None, message=c.message))

    result_text = " ".join(u.text for u in detected["R"].units)
    quantified = bool(detected["R"].present and numbers_in(result_text))

    framing = checks.check_framing(text, audience)
    gaps += feedback.framing_gaps(framing)
    total += CHECK_WEIGHTS["business_framing"] * framing.score

    # Guardrails count only where the candidate proposes them, not in the scene-setting
    # ("in a pilot, the system misread 15%" describes the past, not a guarded plan).
    scene = {(u.start, u.end) for u in detected["S"].units}
    solution = checks.check_solution(" ".join(u.text for u in units if (u.start, u.end) not in scene))
    bare_refusal = solution.refusal is not None and not solution.passed
    gaps += feedback.solution_gaps(solution, bare_refusal)
    total += CHECK_WEIGHTS["solution_oriented"] * solution.score

    ownership = checks.check_ownership(text)
    if detected["A"].present:
        gaps += feedback.ownership_gaps(ownership)
    total += CHECK_WEIGHTS["ownership"] * ownership.score

    length = checks.check_length(text)
    gaps += feedback.length_gaps(length)
    total += CHECK_WEIGHTS["length"] * length.score

    misquotes = []
    if scenario is not None:
        retold = [u.text for k in ("S", "T", "A") for u in detected[k].units]
        misquotes = misquoted(retold, scenario_findings(scenario), scenario.question)
        # a misquote's feedback already names the findings' figures, so "quote them" is not said twice
        grounding = [] if misquotes else feedback.grounding_gaps(checks.check_grounding(text, expected_numbers(scenario)))
        gaps += grounding + feedback.misquote_gaps(misquotes)
        total -= 5 * len(grounding) + (10 if misquotes else 0)

    if length.words >= MIN_WORDS_TO_JUDGE and english_share(text) < ENGLISH_SHARE_MIN:
        # The cue lexicons are English: say so first, or every "missing" line below misleads.
        gaps.insert(0, Gap(code="not_english", message=(
            "Language: the rubric reads answers in English and found few English words here, so the parts and "
            "checks below may be missed even where the answer has them; answer in English to be scored fairly.")))

    if length.words < MIN_WORDS_TO_JUDGE:
        # Too little to judge framing, guardrails or delivery: only the parts count.
        total = sum(WEIGHTS[k] * parts[k].score / 100 for k in PART_KEYS)

    caps: list[str] = []
    missing = [k for k in PART_KEYS if not parts[k].present]
    cap = 100
    if missing:
        cap = MISSING_PART_CAP - 10 * (len(missing) - 1)
        caps.append(f"missing {', '.join(PART_NAMES[k] for k in missing)}: capped at {cap}")
    check_caps = [
        (detected["R"].present and not quantified, "the Result has no number"),
        (bare_refusal, "the answer is a bare refusal"),
        (not bare_refusal and not solution.protective and length.words >= MIN_WORDS_TO_JUDGE, "the answer offers no guardrail"),
        (not framing.passed and bool(framing.untranslated), "technical terms are left untranslated"),
        (len(framing.business_terms) < 2 and length.words >= MIN_WORDS_TO_JUDGE, "the risk is not put in business terms"),
        (not ownership.passed and detected["A"].present, "the actions are told only as 'we'"),
        (length.words > checks.TOO_LONG_WORDS, "the answer runs far over two minutes"),
        (bool(misquotes), "figures contradict the scenario's findings"),
    ]
    for hit, why in check_caps:
        if hit:
            cap = min(cap, CHECK_CAP)
            caps.append(f"{why}: capped at {CHECK_CAP}")
    score = max(0, min(cap, round(total)))

    return PracticeScore(
        score=score,
        parts=parts,
        quantified_result=quantified,
        business_framing=framing.passed,
        solution_oriented=solution.passed and not bare_refusal,
        ownership=ownership.passed,
        within_time=length.within_time,
        words=length.words,
        spoken_seconds=length.seconds,
        guardrails=solution.kinds,
        jargon=sorted(framing.untranslated),
        jargon_per_100_words=framing.density,
        audience=audience or "executive",
        numbers=numbers_in(text),
        caps=caps,
        feedback=[g.message for g in gaps],
        gaps=gaps,
        scenario=scenario.id if scenario else None,
        question=question,
    )
