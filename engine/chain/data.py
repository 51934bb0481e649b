"""What the model is shown: the findings as a data block, and the audience profile."""

from __future__ import annotations

from typing import Any

from schemas.audience import AudienceProfile
from schemas.findings import FindingsDocument

from engine.chain.references import References
from engine.prompting import data_block


def required_caveats(doc: FindingsDocument) -> list[str]:
    return [c for f in doc.findings for c in f.caveats]


def findings_payload(doc: FindingsDocument, refs: References) -> dict[str, Any]:
    return {
        "document": doc.model_dump(mode="json", exclude_none=True, exclude_defaults=True),
        "references": refs.catalogue(),
        "required_caveats": required_caveats(doc),
    }


def findings_block(doc: FindingsDocument, refs: References) -> str:
    return data_block("findings_data", findings_payload(doc, refs))


def audience_vars(profile: AudienceProfile) -> dict[str, Any]:
    """The profile fields a prompt uses (profiles are riskbrief's own files, not findings)."""
    return {
        "name": profile.name,
        "title": profile.title,
        "reader": profile.reader,
        "cares_about": list(profile.cares_about),
        "voice": profile.voice,
        "avoid": dict(profile.avoid),
        "max_words": profile.max_words,
        "emphasis": list(profile.emphasis),
    }


def sections_for(doc: FindingsDocument, profile: AudienceProfile) -> list[str]:
    """Sections a brief for this audience has, in order."""
    from schemas.brief import SECTION_ORDER

    wanted = set(profile.required_sections) | {"situation", "findings", "recommendation", "decision", "caveats"}
    if doc.tradeoffs:
        wanted.add("options")
    if any(f.impact for f in doc.findings):
        wanted.add("impact")
    return [s for s in SECTION_ORDER if s in wanted]
