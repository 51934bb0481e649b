"""The STAR-L rubric on hand-written answers of known quality (tests/data/practice/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from engine.practice import load_scenario
from evals.starl import score_answer
from evals.starl.text import LABEL
from schemas.practice import PART_KEYS, PART_NAMES

DATA = Path(__file__).parent / "data" / "practice"
MANIFEST = YAML(typ="safe", pure=True).load((DATA / "answers.yaml").read_text(encoding="utf-8"))
STRONG = [c for c in MANIFEST if c["quality"] == "strong"]
WEAK = [c for c in MANIFEST if c["quality"] == "weak"]

# What a feedback line says first, per check, so a reader (and this test) can tell what it is about.
CHECK_LABELS = {
    "business_framing": "Business framing",
    "solution_oriented": ("Solution", "Guardrails"),
    "ownership": "Ownership",
    "length": "Length",
    "grounding": "Numbers",
    "quantified_result": "Result (R) has no number",
}


def _score(case: dict):
    text = (DATA / case["file"]).read_text(encoding="utf-8")
    scenario = load_scenario(case["scenario"]) if case.get("scenario") else None
    return text, score_answer(text, scenario=scenario, question=case.get("question"))


def _codes(result) -> set[str]:
    return {f"{g.code}/{g.part}" if g.part else g.code for g in result.gaps}


def _ids(cases):
    return [c["file"] for c in cases]


def test_the_bank_of_answers_is_big_enough_and_covers_every_part():
    assert len(MANIFEST) >= 20
    assert len(STRONG) >= 8
    missing = {p for c in WEAK for p in c.get("missing", [])}
    assert missing == set(PART_KEYS), "every part has a weak answer that leaves it out"
    for case in MANIFEST:
        assert (DATA / case["file"]).is_file(), case["file"]


@pytest.mark.parametrize("case", MANIFEST, ids=_ids(MANIFEST))
def test_each_part_is_detected_exactly_when_the_answer_has_it(case):
    _, result = _score(case)
    missing = set(case.get("missing", []))
    for key in PART_KEYS:
        assert result.parts[key].present is (key not in missing), f"{case['file']}: part {key}"


@pytest.mark.parametrize("case", MANIFEST, ids=_ids(MANIFEST))
def test_evidence_is_a_span_of_the_answer(case):
    text, result = _score(case)
    for key, part in result.parts.items():
        if part.present:
            assert part.evidence and part.span
            start, end = part.span
            assert text[start:end].strip() == part.evidence
            assert part.cues, f"{key} present without a cue"
        else:
            assert part.score == 0


@pytest.mark.parametrize("case", STRONG, ids=_ids(STRONG))
def test_strong_answers_score_high_and_pass_every_check(case):
    _, result = _score(case)
    assert result.score >= 85, (case["file"], result.score, result.feedback)
    assert result.quantified_result and result.business_framing and result.solution_oriented
    assert result.ownership and result.within_time
    assert not result.caps


@pytest.mark.parametrize("case", STRONG, ids=_ids(STRONG))
def test_strong_answers_get_no_feedback_about_parts_they_cover(case):
    _, result = _score(case)
    for line in result.feedback:
        for key in PART_KEYS:
            assert not line.startswith(f"{PART_NAMES[key]} ({key})"), line


def test_strong_answers_outscore_weak_ones_by_25_points_on_average():
    strong = [_score(c)[1].score for c in STRONG]
    weak = [_score(c)[1].score for c in WEAK]
    gap = sum(strong) / len(strong) - sum(weak) / len(weak)
    assert gap >= 25, (strong, weak)
    assert min(strong) > max(weak), "every strong answer beats every weak one"


@pytest.mark.parametrize("case", WEAK, ids=_ids(WEAK))
def test_weak_answers_get_feedback_naming_their_gap(case):
    _, result = _score(case)
    codes = _codes(result)
    for gap in case["gaps"]:
        assert gap in codes, f"{case['file']}: expected gap {gap}, got {sorted(codes)}"
        code, _, part = gap.partition("/")
        lines = [g.message for g in result.gaps if g.code == code and (g.part or "") == part]
        assert lines
        if part:
            assert lines[0].startswith(f"{PART_NAMES[part]} ({part})"), lines[0]
        else:
            check = next(g.check for g in result.gaps if g.code == code)
            assert lines[0].startswith(CHECK_LABELS[check]), lines[0]
    assert result.score <= 70, "a known gap keeps a weak answer at 70 or below"


@pytest.mark.parametrize("case", MANIFEST, ids=_ids(MANIFEST))
def test_every_feedback_line_points_at_a_real_gap(case):
    _, result = _score(case)
    real = set(case.get("gaps", [])) | set(case.get("allowed", []))
    reported = _codes(result)
    assert reported <= real, f"{case['file']}: feedback about gaps the answer does not have: {sorted(reported - real)}"
    assert len(result.feedback) == len(result.gaps)
    assert len(set(result.feedback)) == len(result.feedback), "no line repeats"


def test_feedback_says_how_to_fix_not_just_what_is_wrong():
    _, result = _score(next(c for c in WEAK if c["file"] == "ramble.txt"))
    assert len(result.feedback) >= 5
    for line in result.feedback:
        assert any(w in line for w in ("e.g.", "say ", "add", "describe", "open with", "close with", "make it", "aim")), line


def _blocks(text: str) -> list[str]:
    """The five parts of a strong answer written one part per paragraph (or per labelled line)."""
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    if len(paragraphs) != 5:
        paragraphs = [line for line in text.strip().splitlines() if line.strip()]
    return paragraphs if len(paragraphs) == 5 else []


FIVE_BLOCK = [c for c in STRONG if _blocks((DATA / c["file"]).read_text(encoding="utf-8"))]


def _unlabelled(block: str) -> str:
    """The block without an explicit STAR-L label, so detection cannot lean on it."""
    m = LABEL.match(block)
    return block[m.end():] if m else block


@pytest.mark.parametrize("case", FIVE_BLOCK, ids=_ids(FIVE_BLOCK))
@pytest.mark.parametrize("labels", ["as written", "without labels"])
@pytest.mark.parametrize("dropped", PART_KEYS)
def test_dropping_one_part_of_a_strong_answer_is_detected(case, labels, dropped):
    """Ablation: remove one part of a strong answer; exactly that part goes missing."""
    blocks = _blocks((DATA / case["file"]).read_text(encoding="utf-8"))
    if labels == "without labels":
        if case.get("needs_labels"):
            pytest.skip("its labels carry content ('What I owned:', 'The short version:'); it is not complete without them")
        blocks = [_unlabelled(b) for b in blocks]
    order = case.get("order", "STARL")  # the parts' order in the answer, one per block
    text = "\n\n".join(b for key, b in zip(order, blocks) if key != dropped)
    result = score_answer(text, question=case.get("question"))
    for key in PART_KEYS:
        assert result.parts[key].present is (key != dropped), f"{case['file']} without {dropped}: part {key}"
    assert result.score <= 60
    assert any(line.startswith(f"{PART_NAMES[dropped]} ({dropped})") for line in result.feedback)
