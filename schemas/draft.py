"""What a model returns at each step of the brief chain (its structured output).

Numbers never appear as digits here: a model writes a reference such as
``{{F1.acc_sarcasm}}`` or ``{{context.deadline}}`` and riskbrief renders the
value from the findings in the audience's number style.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

SectionId = Literal["situation", "findings", "impact", "options", "recommendation", "decision", "caveats"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlanPoint(_Out):
    """One point the brief should make."""

    section: SectionId = Field(description="Section the point belongs in.")
    point: str = Field(description="The point in a few plain words, no digits.")
    refs: list[str] = Field(
        default_factory=list,
        description="References it rests on, without braces: F1, F1.acc_sarcasm, F1.acc_sarcasm.gap_pp, context.deadline.",
    )


class Plan(_Out):
    """The facts that matter to this audience, in the order the brief should make them."""

    tool_name: ClassVar[str] = "plan_brief"

    points: list[PlanPoint] = Field(min_length=1, description="Points in reading order.")


class DraftSentence(_Out):
    """A sentence whose numbers are all {{references}}."""

    text: str = Field(
        min_length=1,
        description="One sentence. Every number, gap, sample size or date is a {{reference}}; never type a digit.",
    )
    sources: list[str] = Field(min_length=1, description="Finding, metric or trade-off ids the sentence rests on.")


class DraftSection(_Out):
    """One section of the brief."""

    id: SectionId = Field(description="Section id.")
    sentences: list[DraftSentence] = Field(min_length=1, description="The section's sentences in order.")


class Draft(_Out):
    """A whole brief, numbers as {{references}}."""

    tool_name: ClassVar[str] = "write_brief"

    headline: str = Field(min_length=1, description="The decision in plain words, one sentence, no digits.")
    headline_sources: list[str] = Field(min_length=1, description="Ids the headline rests on.")
    sections: list[DraftSection] = Field(min_length=1, description="Sections in reading order.")


class Revision(_Out):
    """Replacement text for the sections that failed the check."""

    tool_name: ClassVar[str] = "revise_sections"

    headline: str | None = Field(None, description="A corrected headline, only when the headline failed.")
    headline_sources: list[str] = Field(default_factory=list, description="Ids the corrected headline rests on.")
    sections: list[DraftSection] = Field(default_factory=list, description="Each failing section, rewritten whole.")


class Framing(_Out):
    """A balanced framing of one trade-off for this audience."""

    tool_name: ClassVar[str] = "frame_tradeoff"

    tradeoff_id: str = Field(description="Id of the trade-off framed.")
    sentences: list[DraftSentence] = Field(
        min_length=2, description="What each option gains and costs under the constraints; sources like T1.A."
    )
