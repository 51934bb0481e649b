"""The optional LLM judge: majority over k runs, agreement, strict ties, findings sent as data."""

from __future__ import annotations

from pathlib import Path

from evals.faithfulness import check_brief
from evals.judge import judge
from schemas.evaluation import JudgeReply
from schemas.loading import load_findings

ROOT = Path(__file__).resolve().parents[1]


def _setup():
    doc = load_findings(ROOT / "examples" / "sentiment.yaml")
    text = (ROOT / "tests" / "data" / "handwritten" / "sentiment__number__1.md").read_text()
    return doc, check_brief(doc, text)


def test_majority_agreement_and_comparison_with_the_checker():
    doc, result = _setup()
    n = len(result.claims)
    seen = []

    def ask(messages, schema):
        seen.append(messages)
        assert schema is JudgeReply
        run = len(seen)
        verdicts = []
        for i, c in enumerate(result.claims, 1):
            v = c.verdict.value if (run < 3 or i != 1) else "supported"  # the third run disagrees on claim 1
            verdicts.append({"index": i, "verdict": v, "error": c.error.value if c.error else None, "reason": "r"})
        return {"verdicts": verdicts}

    j = judge(doc, result, ask, model="scripted", repeats=3)
    assert len(seen) == 3 and j.runs_ok == 3 and j.repeats == 3
    assert [c.majority for c in j.claims] == [c.verdict for c in result.claims]
    assert j.claims[0].agreement == round(2 / 3, 4)
    assert j.agreement_with_checker == 1.0
    assert 0 < j.agreement < 1 or n == 1
    system, user = seen[0]
    assert "data" in system["content"] and "```json" in user["content"]  # findings go in as data


def test_failed_runs_and_ties_resolve_strictly():
    doc, result = _setup()
    replies = iter([None, {"verdicts": [{"index": 1, "verdict": "supported"}]},
                    {"verdicts": [{"index": 1, "verdict": "contradicted", "error": "number"}]}])
    j = judge(doc, result, lambda m, s: next(replies), model="scripted", repeats=3)
    assert j.runs_ok == 2
    first = j.claims[0]
    assert first.verdicts[0] is None
    assert first.majority.value == "contradicted"  # a 1-1 tie goes to the stricter verdict
    assert first.error.value == "number"
