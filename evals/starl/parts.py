"""Finding the Situation, Task, Action, Result and Learning of an answer.

Every clause gets a cue score per part (see part_cues.py), discounted when the cue
sits far from where that part usually sits in a spoken answer. Each clause is
then given to the part it shows best; a part is present when some clause given
to it clears the threshold. A clause that strongly shows a second part (a
sentence that states the task and the first action) may also stand as evidence
for that part, but only when no clause of its own shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from evals.starl import part_cues
from evals.starl.text import Unit, split_clauses, split_sentences
from schemas.practice import PART_KEYS

THRESHOLD = 2.0  # one decisive cue, or two supporting ones
SHARED_THRESHOLD = 2.5  # a clause lent to a second part must show it clearly
LABEL_BONUS = 3.0
OPENING_BONUS = 2.0


@dataclass
class Scored:
    unit: Unit
    scores: dict[str, float]
    cues: dict[str, list[str]] = field(default_factory=dict)

    @property
    def best(self) -> str | None:
        top = max(self.scores.values())
        if top <= 0:
            return None
        # Ties go to the part whose usual position is nearest.
        tied = [p for p in PART_KEYS if self.scores[p] == top]
        return min(tied, key=lambda p: _distance(self.unit.position, p))


@dataclass
class Detected:
    """What the detector decided for one part."""

    present: bool
    units: list[Unit]
    cues: list[str]
    strength: float
    best: Unit | None = None  # the clause that shows the part most clearly


def _distance(pos: float, part: str) -> float:
    lo, hi = part_cues.EXPECTED_POSITION[part]
    if lo <= pos <= hi:
        return 0.0
    return lo - pos if pos < lo else pos - hi


def _position_factor(pos: float, part: str) -> float:
    d = _distance(pos, part)
    if d == 0:
        return 1.0
    if d <= 0.1:
        return 0.9
    if d <= 0.2:
        return 0.75
    if d <= 0.35:
        return 0.5
    return 0.3


def _is_framing_line(unit: Unit) -> bool:
    """"Here is what I'd do." introduces the answer; it is none of the five parts."""
    return bool(part_cues.META.search(unit.text)) and len(unit.text.split()) <= 15


def _score_unit(unit: Unit, single: bool, first_start: int) -> Scored:
    scores: dict[str, float] = {}
    found: dict[str, list[str]] = {}
    for part, lexicon in part_cues.PARTS.items():
        total = 0.0
        hits: list[str] = []
        for pattern, weight in lexicon:
            m = pattern.search(unit.text)
            if m:
                total += weight
                hits.append(m.group(0).strip())
        # A one-sentence answer has no shape to lean on: take cues at face value.
        factor = 1.0 if single else _position_factor(unit.position, part)
        scores[part] = total * factor
        found[part] = hits
    if not unit.label and _is_framing_line(unit):
        scores = {p: 0.0 for p in scores}
        found = {p: [] for p in found}
    if unit.label:
        scores[unit.label] += LABEL_BONUS
        found[unit.label].insert(0, f"label {unit.label}")
    # A speaker's opening sentence sets the scene unless it clearly does something else.
    if (
        unit.start == first_start
        and not single
        and not unit.label
        and max(scores[p] for p in "TARL") < THRESHOLD
        and not part_cues.OPINION.search(unit.text)
    ):
        scores["S"] += OPENING_BONUS
        found["S"].append("opening sentence")
    # A lesson is stated as a lesson; "I learned" is never an action or a result.
    if scores["L"] >= 3 * _position_factor(unit.position, "L") and not unit.label:
        scores["A"] = min(scores["A"], scores["L"] - 0.5)
    return Scored(unit, scores, found)


def score_units(text: str) -> list[Scored]:
    sentences = split_sentences(text)
    single = len(sentences) <= 1
    clauses = [c for s in sentences for c in split_clauses(s)]
    content = [c for c in clauses if not _is_framing_line(c)]
    first = content[0].start if content else 0
    return [_score_unit(c, single, first) for c in clauses]


def detect_parts(text: str) -> tuple[dict[str, Detected], list[Scored]]:
    """Per part: present or not, the clauses that show it, and the cues found."""
    scored = score_units(text)
    assigned: dict[str, list[Scored]] = {p: [] for p in PART_KEYS}
    for s in scored:
        best = s.best
        if best is not None:
            assigned[best].append(s)
    # A clause with no cue of its own continues the part before it ("... only 62%.").
    follows: dict[str, list[Scored]] = {p: [] for p in PART_KEYS}
    previous: str | None = None
    for s in scored:
        best = s.best
        if best is None and previous is not None:
            follows[previous].append(s)
        previous = best or previous
    out: dict[str, Detected] = {}
    for part in PART_KEYS:
        mine = [s for s in assigned[part] if s.scores[part] >= THRESHOLD]
        if not mine:
            # Borrow a clause that clearly shows this part as its second move.
            # Only from a neighbouring move (task and first action, action and result), never
            # from a lesson: "since then I always ..." is not an action of the story.
            lent = [
                s for s in scored
                if s.scores[part] >= max(SHARED_THRESHOLD, 0.6 * max(s.scores.values()))
                and (s.best is None or abs(PART_KEYS.index(s.best) - PART_KEYS.index(part)) <= 1)
            ]
            mine = sorted(lent, key=lambda s: -s.scores[part])[:1]
        if mine:
            # Neighbouring weaker clauses given to the same part belong to its evidence.
            # (by identity: comparing the dataclasses field by field made a long answer quadratic)
            chosen = {id(s) for s in mine}
            extra = [s for s in assigned[part] + follows[part] if id(s) not in chosen]
            units = sorted({id(s): s for s in mine + extra}.values(), key=lambda s: s.unit.start)
            strongest = max(mine, key=lambda s: s.scores[part])
            out[part] = Detected(
                True,
                [s.unit for s in units],
                sorted({c for s in mine for c in s.cues[part]}),
                strongest.scores[part],
                strongest.unit,
            )
        else:
            out[part] = Detected(False, [], [], max((s.scores[part] for s in scored), default=0.0))
    return out, scored
