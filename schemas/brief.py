"""The brief (output): sections of sentences, each traced to its evidence."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from schemas.evaluation import EvalResult
from schemas.findings import Likelihood, Severity, Tradeoff

SECTION_ORDER = ("situation", "findings", "impact", "options", "recommendation", "decision", "caveats")


class Sentence(BaseModel):
    """One sentence of a brief and where its content comes from."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The sentence as the reader sees it.")
    sources: list[str] = Field(
        min_length=1,
        description="Finding ids (F1), metric references (F1.acc_sarcasm), trade-off ids (T1, T1.A), 'system' or 'context'.",
    )
    # How readily a writer may drop this sentence to meet a length limit (0 = never); not serialised.
    _trim: int = PrivateAttr(default=0)
    # A shorter telling for a brief still over its limit: (sentences in its place, sentences it makes redundant).
    _short: tuple | None = PrivateAttr(default=None)


class Section(BaseModel):
    """A titled section of a brief."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="situation, findings, impact, options, recommendation, decision or caveats.")
    title: str = Field(description="Heading shown to the reader.")
    sentences: list[Sentence] = Field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


class PromptRef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    version: str
    hash: str


class Provenance(BaseModel):
    """Where a brief came from: enough to reproduce or audit it."""

    model_config = ConfigDict(extra="allow")

    provider: str
    model: str
    prompt_hash: str = Field(description="Hash over every prompt and profile file that shaped the brief.")
    input_hash: str = Field(description="Hash of the validated findings document.")
    created_at: str = Field(description="ISO 8601 UTC time the brief was produced.")
    riskbrief_version: str = ""
    input_file: str | None = None
    previous_input_hash: str | None = Field(
        None, description="Change briefs only: hash of the OLD findings document (input_hash is the NEW one).")
    previous_input_file: str | None = Field(None, description="Change briefs only: the OLD findings file.")
    source_sides: str | None = Field(
        None, description="Change briefs only: how sources name a side. 'old:F1.acc' is metric acc of finding F1 in "
                          "the OLD document, 'new:F1' finding F1 in the NEW one.")
    prompts: list[PromptRef] = Field(default_factory=list)
    requests: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    cache_hits: int = 0
    repair_rounds: int = 0
    fallback_sections: list[str] = Field(default_factory=list)
    duration_s: float | None = None


class OverriddenClaim(BaseModel):
    """A claim the faithfulness check did not support when the reviewer approved its section anyway."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The sentence or clause as it stood in the approved text (for a missing caveat, the caveat).")
    verdict: str = Field(description="contradicted, unsupported, or missing (a required caveat the brief left out).")
    error: str | None = Field(None, description="The checker's error code (number, owner, extrinsic, caveat, ...).")


class SectionApproval(BaseModel):
    """A reviewer's approval of one part of a brief, with what that part rested on."""

    model_config = ConfigDict(extra="forbid")

    section: str = Field(description="Section id, or 'headline' for the title and headline above the first section.")
    title: str = Field(description="The section's heading when it was approved.")
    text_hash: str = Field(description="sha256 (first 16 hex digits) of the section's text, whitespace folded.")
    sources: dict[str, str] = Field(
        description="Per source the section cites (F1, F1.acc_sarcasm, T1.A, system, context), "
        "sha256 (first 16 hex digits) of its canonical content in the findings; 'absent' when the findings lack it.",
    )
    reviewer: str
    approved_at: str = Field(description="ISO 8601 UTC time of the approval.")
    approved_in: int | None = Field(None, description="Saved version number in which the reviewer approved the section.")
    carried_from: int | None = Field(
        None, description="Set when the approval was carried over unchanged into a later version: the version it was given in.",
    )
    overridden: list[OverriddenClaim] = Field(
        default_factory=list,
        description="Claims in the section the faithfulness check did not support when it was approved: "
        "the reviewer approved them anyway (an override).",
    )


class Approval(BaseModel):
    """A reviewer's approval of a whole brief: every section approved."""

    model_config = ConfigDict(extra="forbid")

    reviewer: str = Field(description="Who approved (several names when sections were approved by different people).")
    approved_at: str = Field(description="ISO 8601 UTC time of the latest section approval.")
    brief_hash: str = Field(description="sha256 of the approved Markdown, as 'sha256:<hex>'.")
    sections: list[SectionApproval] = Field(
        default_factory=list, description="Per-section approvals with the source fingerprints each rests on.",
    )
    override: bool = Field(
        False, description="True when a section was approved although the faithfulness check did not support "
        "claims in it (listed in that section's `overridden`).",
    )


class MatrixEntry(BaseModel):
    """One finding as the risk matrix places it."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    severity: Severity | None = Field(None, description="None: not yet assessed (kept off the grid).")
    likelihood: Likelihood | None = Field(None, description="None: not yet assessed (kept off the grid).")


class Figures(BaseModel):
    """What a brief's charts are drawn from, so a saved brief renders again without its findings file."""

    model_config = ConfigDict(extra="forbid")

    system: str = Field(description="The system's name, shown in the risk matrix title.")
    risks: list[MatrixEntry] = Field(default_factory=list, description="Every finding, in document order.")
    tradeoffs: list[Tradeoff] = Field(default_factory=list, description="The trade-offs, drawn as charts.")


class Brief(BaseModel):
    """A brief for one audience."""

    model_config = ConfigDict(extra="forbid")

    schema_version: int = 1
    audience: str = Field(description="Audience profile name: executive, legal, product, engineering or a custom one.")
    title: str = Field(description="What the brief is about, e.g. the system's name.")
    headline: str = Field(description="The decision in plain words.")
    headline_sources: list[str] = Field(default_factory=list)
    sections: list[Section]
    caveats: list[str] = Field(default_factory=list, description="Required caveats, as stated in the brief.")
    provenance: Provenance
    eval: EvalResult | None = None
    approval: Approval | None = None
    figures: Figures | None = Field(
        None, description="Chart data (risk matrix, trade-offs); absent in briefs saved without it."
    )

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def sentences(self):
        """Every sentence, headline first, with its section id."""
        yield "headline", Sentence(text=self.headline, sources=self.headline_sources or ["system"])
        for sec in self.sections:
            for s in sec.sentences:
                yield sec.id, s
