"""Faithfulness and audience-fit results, as the eval harness reports them."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Verdict(str, Enum):
    supported = "supported"
    contradicted = "contradicted"
    unsupported = "unsupported"


class ErrorCode(str, Enum):
    number = "number"
    unit = "unit"
    derived = "derived"
    direction = "direction"
    slice = "slice"
    scope = "scope"
    severity = "severity"
    owner = "owner"
    mitigation = "mitigation"
    status = "status"
    negation = "negation"
    hedge = "hedge"
    caveat = "caveat"
    extrinsic = "extrinsic"


class Claim(BaseModel):
    """One checkable statement of a brief and what the findings say about it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The claim as written in the brief.")
    verdict: Verdict = Field(description="supported, contradicted or unsupported.")
    error: ErrorCode | None = Field(None, description="Why it is not supported; null when supported.")
    sources: list[str] = Field(default_factory=list, description="Finding or metric ids the claim aligned to.")
    evidence: str | None = Field(None, description="What the findings actually say, for a person to compare.")
    section: str | None = Field(None, description="Section id of the brief the claim is in, when known.")


class AudienceFit(BaseModel):
    """How well a brief suits its audience profile (reported, not gated)."""

    model_config = ConfigDict(extra="forbid")

    audience: str
    reading_grade: float = Field(description="Flesch-Kincaid grade of the brief's prose.")
    target_grade: float | None = None
    jargon: list[str] = Field(default_factory=list, description="Terms the profile says to avoid that appear.")
    quoted_jargon: list[str] = Field(default_factory=list,
                                     description="Such terms that appear only inside text quoted from the findings (not held against the brief).")
    info: list[str] = Field(default_factory=list, description="Observations that do not affect `fits`.")
    words: int = 0
    max_words: int | None = None
    missing_sections: list[str] = Field(default_factory=list)
    fits: bool = True
    notes: list[str] = Field(default_factory=list)


class JudgeVerdict(BaseModel):
    """One claim's verdict as an LLM judge returns it."""

    model_config = ConfigDict(extra="ignore")

    index: int = Field(description="Number of the claim in the list the judge was given (1-based).")
    verdict: Verdict = Field(description="supported, contradicted or unsupported.")
    error: ErrorCode | None = Field(None, description="Error code when not supported.")
    reason: str = Field("", description="One short sentence: what the findings say.")


class JudgeReply(BaseModel):
    """What the judge is asked to return for one list of claims."""

    model_config = ConfigDict(extra="ignore")

    verdicts: list[JudgeVerdict] = Field(default_factory=list)


class JudgeClaim(BaseModel):
    """The judge's verdicts on one claim over k runs."""

    model_config = ConfigDict(extra="forbid")

    text: str
    verdicts: list[Verdict | None] = Field(default_factory=list, description="One per run; null when a run gave none.")
    majority: Verdict | None = Field(None, description="Most frequent verdict (ties: the least favourable).")
    error: ErrorCode | None = Field(None, description="Most frequent error code among the majority's runs.")
    agreement: float = Field(0.0, description="Share of runs that gave the majority verdict.")
    agrees_with_checker: bool = Field(False, description="The majority verdict equals the deterministic checker's.")
    reason: str = ""


class JudgeResult(BaseModel):
    """An optional LLM judge's view of the claims; advisory, never the gate."""

    model_config = ConfigDict(extra="forbid")

    model: str
    repeats: int
    runs_ok: int = Field(0, description="Runs that returned usable verdicts.")
    agreement: float = Field(0.0, description="Mean run-to-run agreement over claims.")
    agreement_with_checker: float = Field(0.0, description="Share of claims where the judge's majority matches the checker.")
    claims: list[JudgeClaim] = Field(default_factory=list)


class EvalResult(BaseModel):
    """The faithfulness verdict on one brief."""

    model_config = ConfigDict(extra="forbid")

    score: float = Field(description="Share of claims supported, 0..1 (1.0 when there are no claims).")
    passed: bool = Field(description="True when the gate passed: score >= threshold and no missing caveat.")
    threshold: float = Field(1.0, description="Score the gate required.")
    claims: list[Claim] = Field(default_factory=list)
    missing_caveats: list[str] = Field(default_factory=list, description="Required caveats the brief does not state.")
    audience_fit: AudienceFit | None = None
    checker: str = Field("deterministic", description="Which checker produced the verdicts.")
    judge: JudgeResult | None = Field(None, description="Optional LLM judge verdicts, reported beside the gate.")

    @property
    def failing(self) -> list[Claim]:
        return [c for c in self.claims if c.verdict != Verdict.supported]
