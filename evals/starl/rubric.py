"""Quality criteria per STAR-L part, and the feedback line for each unmet one.

Each message names what is missing and how to fix it; there is no praise line,
so a strong answer gets no feedback about the parts it covers.
"""

from __future__ import annotations

from dataclasses import dataclass

from evals.starl import check_cues, part_cues
from evals.starl.parts import Detected
from evals.starl.text import numbers_in, word_count

# Points per part when it is present and meets every criterion.
BASE = {"S": 60, "T": 60, "A": 45, "R": 50, "L": 60}


@dataclass
class Criterion:
    code: str
    points: int
    message: str


MISSING = {
    "S": "Situation (S) is missing: open with one or two sentences of context - which system, what the business "
    "wanted and what was at stake (e.g. 'Marketing wanted to ship the campaign dashboards by 15 December').",
    "T": "Task (T) is missing: say what you personally had to do or decide (e.g. 'My job was to give the board a "
    "go/no-go recommendation by Friday').",
    "A": "Action (A) is missing: describe the two or three things you did, in order, with 'I' as the subject "
    "(e.g. 'I split the errors by customer group, then I proposed a pilot with a hard cap').",
    "R": "Result (R) is missing: say what happened because of your actions - the decision taken and what changed, "
    "with a number (e.g. 'the board approved the pilot; complaints fell from 40 to 12 a week').",
    "L": "Learning (L) is missing: close with what you learned and what you now do differently (e.g. 'Since then I "
    "always open with the business impact, then the number').",
}

CRITERIA: dict[str, list[Criterion]] = {
    "S": [
        Criterion("no_system", 20, "Situation (S): name the system and what it does, so the listener knows what is at risk."),
        Criterion("no_stakes", 20, "Situation (S): say what was at stake for the business - a launch, a deadline, customers or a regulator."),
    ],
    "T": [
        Criterion("not_personal", 20, "Task (T): make the task yours ('My job was...', 'I was asked to...'), not only the team's."),
        Criterion("no_decision", 20, "Task (T): name the decision or goal you were working towards (e.g. 'a go/no-go recommendation for the launch')."),
    ],
    "A": [
        Criterion("single_step", 20, "Action (A): only one step is described; add the steps that took you from the finding to the decision (the analysis, how you explained it, the guarded plan)."),
        Criterion("not_first_person", 15, "Action (A): say what you did yourself ('I ran...', 'I proposed...'); 'we' hides your part."),
        Criterion("no_communication", 20, "Action (A): say how you got the risk across - the chart, example or one-line business translation you used."),
    ],
    "R": [
        Criterion("no_number", 30, "Result (R) has no number: quantify the outcome - a rate, a count, money or time (e.g. 'wrong credit limits fell from 5% to 1% of cases')."),
        Criterion("no_business_outcome", 20, "Result (R): tie the outcome to the business - the decision taken, customers protected, money or time saved."),
    ],
    "L": [
        Criterion("vague", 20, "Learning (L) is vague: name the specific lesson, not just that you learned a lot."),
        Criterion("not_applied", 20, "Learning (L): show how you apply the lesson now ('Since then I...', 'Now I always...')."),
    ],
}


def _met(part: str, code: str, evidence: str, all_text: str, detected: Detected) -> bool:
    if part == "S":
        if code == "no_system":
            return bool(part_cues.CONCRETE_SYSTEM.search(evidence))
        return bool(part_cues.STAKES.search(evidence))
    if part == "T":
        if code == "not_personal":
            return bool(part_cues.PERSONAL.search(evidence))
        return bool(part_cues.DECISION.search(evidence))
    if part == "A":
        if code == "single_step":
            steps = len(part_cues.I_ACTION.findall(evidence)) + len(part_cues.WE_ACTION.findall(evidence))
            return len(detected.units) >= 2 or steps >= 2
        if code == "not_first_person":
            return bool(part_cues.I_ACTION.search(evidence))
        # Translating the risk may happen where the scene is set ("that means one in twenty...").
        return bool(part_cues.COMMUNICATION.search(evidence) or check_cues.TRANSLATION.search(all_text))
    if part == "R":
        if code == "no_number":
            return bool(numbers_in(evidence))
        return bool(part_cues.BUSINESS_OUTCOME.search(evidence))
    if part == "L":
        if code == "vague":
            return not part_cues.VAGUE_LESSON.match(evidence.strip()) and word_count(evidence) >= 8
        return bool(part_cues.FORWARD.search(evidence))
    raise KeyError(code)


def part_quality(part: str, detected: Detected, all_text: str) -> tuple[int, list[Criterion]]:
    """Score 0-100 of a present part and the criteria it does not meet."""
    if not detected.present:
        return 0, []
    # A label such as "What I owned:" is part of what the speaker said.
    evidence = " ".join(f"{u.label_text}: {u.text}" if u.label_text else u.text for u in detected.units)
    unmet = [c for c in CRITERIA[part] if not _met(part, c.code, evidence, all_text, detected)]
    return BASE[part] + sum(c.points for c in CRITERIA[part] if c not in unmet), unmet
