"""STAR-L interview practice: scenarios and the rubric's scores.

A scenario is an interview question about communicating an AI risk, grounded in
a findings file; a practice score is what the STAR-L rubric (evals.starl) says
about one spoken answer to it.
"""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

PART_KEYS = ("S", "T", "A", "R", "L")
PART_NAMES = {"S": "Situation", "T": "Task", "A": "Action", "R": "Result", "L": "Learning"}

PartKey = Literal["S", "T", "A", "R", "L"]

# A metric reference in a scenario: FINDING.METRIC, as in a brief's sources.
METRIC_REF = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class StrongAnswer(_Strict):
    """What a strong answer to a scenario covers."""

    framing: str = Field(description="The business translation of the technical risk, in one sentence.")
    key_points: list[str] = Field(min_length=1, description="Points a strong answer makes.")
    metrics: list[str] = Field(
        min_length=1,
        description="Metric references (FINDING.METRIC) whose numbers a strong answer uses, exactly as the findings give them.",
    )
    guardrails: list[str] = Field(min_length=1, description="The guarded path: pilot, caps, disclaimers, monitoring, owners, dates.")
    pitfalls: list[str] = Field(default_factory=list, description="What weak answers typically do wrong.")

    @field_validator("metrics")
    @classmethod
    def _refs(cls, v: list[str]) -> list[str]:
        bad = [r for r in v if not METRIC_REF.match(r)]
        if bad:
            raise ValueError(f"metric references must look like F1.metric_id, got {', '.join(bad)}")
        return v


class ModelAnswerStory(_Strict):
    """The story a model answer tells around the findings.

    `outcome` and `lesson` may quote numbers only through placeholders such as
    {F1.acc_sarcasm}, which are filled from the findings file, so the numbers
    of a model answer always match the findings.
    """

    role: str = Field(description="Who the candidate was, e.g. 'the ML lead for the sentiment model'.")
    outcome: str = Field(description="What happened because of the candidate's actions (the Result).")
    lesson: str = Field(description="What the candidate learned and now does differently (the Learning).")


class Scenario(_Strict):
    """One interview question in the practice bank."""

    id: str = Field(description="Identifier used on the command line, e.g. 'sentiment-sarcasm'.")
    title: str = Field(description="Short name of the scenario.")
    question: str = Field(description="The interview question, as the interviewer asks it.")
    audience: str = Field("executive", description="Audience profile whose jargon list the answer is checked against.")
    findings: str = Field(description="Grounding findings file, relative to prompts/practice/ (e.g. findings/sentiment.yaml).")
    covers: StrongAnswer = Field(description="What a strong answer covers.")
    model_answer: ModelAnswerStory = Field(description="The story behind the generated model answer.")
    tags: list[str] = Field(default_factory=list, description="Risk categories or themes, for browsing.")

    @field_validator("id")
    @classmethod
    def _slug(cls, v: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", v):
            raise ValueError(f"'{v}' is not a valid scenario id; use lower-case letters, digits and dashes")
        return v


class PartScore(BaseModel):
    """How one STAR-L part of an answer scored."""

    model_config = ConfigDict(extra="forbid")

    present: bool = Field(description="Whether the answer contains this part.")
    score: int = Field(ge=0, le=100, description="Quality of the part, 0-100 (0 when absent).")
    evidence: str | None = Field(None, description="The sentence or clause of the answer that shows the part.")
    span: list[int] | None = Field(None, description="[start, end) character offsets of the evidence in the answer.")
    cues: list[str] = Field(default_factory=list, description="The cue phrases that identified the part.")
    missing: list[str] = Field(default_factory=list, description="What the part lacks (codes of quality criteria not met).")


class Gap(BaseModel):
    """One gap in an answer, with how to fix it."""

    model_config = ConfigDict(extra="forbid")

    code: str = Field(description="Stable code, e.g. 'missing_part', 'no_number', 'jargon', 'bare_refusal', 'too_long'.")
    part: PartKey | None = Field(None, description="The STAR-L part the gap is in, when it is about one part.")
    check: str | None = Field(
        None, description="The answer-wide check the gap is about: quantified_result, business_framing, solution_oriented, ownership, length, grounding."
    )
    message: str = Field(description="What is missing and how to fix it.")


class PracticeScore(BaseModel):
    """The STAR-L rubric's verdict on one answer."""

    model_config = ConfigDict(extra="forbid")

    score: int = Field(ge=0, le=100, description="Overall score, 0-100.")
    parts: dict[PartKey, PartScore] = Field(description="Per-part result for S, T, A, R and L.")
    quantified_result: bool = Field(description="The Result states a number (a rate, a count, money, a time).")
    business_framing: bool = Field(description="Technical terms are translated and the risk is stated in business terms.")
    solution_oriented: bool = Field(description="The answer offers a guarded path (pilot, cap, disclaimer, monitoring, owner, date), not a bare refusal.")
    ownership: bool = Field(description="The candidate says what they did ('I ...'), not only what 'we' did.")
    within_time: bool = Field(description="The answer can be spoken in two minutes (about 300 words at 150 words a minute).")
    words: int = Field(description="Number of words in the answer.")
    spoken_seconds: int = Field(description="Estimated speaking time at 150 words a minute.")
    guardrails: list[str] = Field(default_factory=list, description="Kinds of guardrail the answer names.")
    jargon: list[str] = Field(default_factory=list, description="Technical terms used without a plain translation.")
    jargon_per_100_words: float = Field(0.0, description="Untranslated technical terms per 100 words (the audience's avoid list plus common ML jargon).")
    audience: str | None = Field(None, description="Audience whose jargon list was applied.")
    numbers: list[str] = Field(default_factory=list, description="Numbers the answer quotes.")
    caps: list[str] = Field(default_factory=list, description="Why the overall score was capped, if it was.")
    feedback: list[str] = Field(default_factory=list, description="One line per gap: what is missing and how to fix it.")
    gaps: list[Gap] = Field(default_factory=list, description="The gaps behind the feedback, with codes.")
    scenario: str | None = Field(None, description="Scenario id the answer was scored against, if any.")
    question: str | None = Field(None, description="The question the answer was scored against.")
    judge: dict | None = Field(None, description="The optional LLM judge's opinion, when one was asked and answered.")
    notes: list[str] = Field(
        default_factory=list,
        description="How the score was made, when that differs from what was asked (e.g. the judge was unavailable).",
    )


class JudgePart(BaseModel):
    """An LLM judge's view of one STAR-L part."""

    model_config = ConfigDict(extra="forbid")

    present: bool = Field(description="Whether the answer contains this part.")
    score: int = Field(ge=0, le=100, description="Quality of the part, 0-100.")
    comment: str = Field("", description="One sentence: what is missing or weak, or empty when nothing is.")


class JudgeVerdict(BaseModel):
    """What an optional LLM judge returns for one answer."""

    model_config = ConfigDict(extra="forbid")
    tool_name: ClassVar[str] = "judge_star_l_answer"

    score: int = Field(ge=0, le=100, description="Overall score, 0-100.")
    parts: dict[PartKey, JudgePart] = Field(description="Per-part view for S, T, A, R and L.")
    feedback: list[str] = Field(default_factory=list, description="Each line names one gap and how to fix it.")


class WrittenAnswer(BaseModel):
    """A model's STAR-L answer, one field per part (joined into paragraphs for the reader)."""

    model_config = ConfigDict(extra="forbid")
    tool_name: ClassVar[str] = "write_star_l_answer"

    situation: str = Field(description="The context: the system, what the business wanted, what was at stake.")
    task: str = Field(description="What the speaker personally had to do or decide.")
    action: str = Field(description="What the speaker did: the business translation, the numbers, the guarded plan.")
    result: str = Field(description="What happened, with a number from the findings.")
    learning: str = Field(description="The lesson and what the speaker now does differently.")

    def text(self) -> str:
        parts = (self.situation, self.task, self.action, self.result, self.learning)
        return "\n\n".join(" ".join(p.split()) for p in parts) + "\n"
