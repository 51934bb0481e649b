"""STAR-L rubric for risk-communication interview answers.

`score_answer(text, scenario=None, question=None)` is deterministic and needs no
model; `judge.judge_answer` adds an optional opinion from a chat model the
caller supplies.
"""

from evals.starl.scorer import score_answer

__all__ = ["score_answer"]
