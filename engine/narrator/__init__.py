"""The offline narrator: writes every section of a brief from the findings alone.

Deterministic (same input, same bytes), faithful by construction (every figure
comes from the findings or is computed from them in engine.narrator.numbers),
and audience-aware through the profile in prompts/audiences/.
"""

from __future__ import annotations

import os
from functools import lru_cache
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version

from schemas.audience import AudienceProfile, profile_text
from schemas.brief import Brief, Provenance, Section, Sentence, SECTION_ORDER

from engine.hashing import combined_hash, input_hash
from engine.injection import without_planted
from evals.audience_fit import word_count

from engine.narrator.length import fit_to_length
from engine.narrator.sections import DEFAULT_TITLES, WRITERS, headline

# Bump when the narrator's wording changes, so caches and manifests notice.
NARRATOR_VERSION = "11"


@lru_cache(maxsize=1)
def riskbrief_version() -> str:
    try:
        return version("riskbrief")
    except PackageNotFoundError:
        return "0"


def prompt_hash(profile: AudienceProfile) -> str:
    try:
        text = profile_text(profile.name)
    except KeyError:
        text = profile.model_dump_json()
    return combined_hash([f"narrator:{NARRATOR_VERSION}", text])


def reproducible_time() -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the Unix epoch.

    The offline narrator is deterministic, so its briefs carry a fixed time
    rather than the wall clock: the same findings give the same bytes.
    """
    return _utc_text(int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0))


@lru_cache(maxsize=16)  # every brief of a run asks for the same time
def _utc_text(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_section(doc, profile: AudienceProfile, section_id: str) -> Section | None:
    """One section as the narrator writes it in full (a regenerated or fallback section)."""
    section = _written(doc, profile, section_id)
    if section is not None:
        _without_shorter(section)
    return section


def _written(doc, profile: AudienceProfile, section_id: str) -> Section | None:
    sentences = WRITERS[section_id](doc, profile)
    if not sentences:
        return None
    title = profile.section_titles.get(section_id, DEFAULT_TITLES[section_id])
    return Section(id=section_id, title=title, sentences=sentences)


def _without_shorter(section: Section) -> None:
    # The shorter tellings serve the fitting to length only; a brief keeps no reference to them.
    for s in section.sentences:
        s.__pydantic_private__["_short"] = None


def _sections(doc, profile: AudienceProfile, planted) -> list[Section]:
    sections = []
    for sid in SECTION_ORDER:
        if sid == "options" and not doc.tradeoffs:
            continue
        sec = _written(doc, profile, sid)
        if sec is not None:
            sections.append(sec)
    if planted:
        where = sorted({p.where.split(".")[0] for p in planted})
        note = Sentence(text=f"Text in {', '.join(where)} reads as an instruction to an AI system; it was treated as data "
                             "and is not repeated here.", sources=[w for w in where])
        caveat_section = next((s for s in sections if s.id == "caveats"), None)
        if caveat_section is not None:
            caveat_section.sentences.append(note)
    return sections


def narrate(doc, profile: AudienceProfile, *, input_file: str | None = None) -> Brief:
    original = doc
    doc, planted = without_planted(doc)
    head = headline(doc, profile)
    limit = profile.max_words - word_count(head.text)
    told = profile
    while True:
        sections = _sections(doc, told, planted)
        words = fit_to_length(doc, told, sections, limit)
        # A brief still over its limit tells fewer findings in full and lists the rest by title,
        # down to the two most serious.
        if words <= limit or told.max_findings <= 2 or len(doc.findings) <= 2:
            break
        told = told.model_copy(update={"max_findings": min(told.max_findings, len(doc.findings)) - 1})
    for sec in sections:
        _without_shorter(sec)
    return Brief(
        audience=profile.name,
        title=doc.system.name,
        headline=head.text,
        headline_sources=head.sources,
        sections=sections,
        caveats=list(dict.fromkeys(c.strip() for f in doc.findings for c in f.caveats)),
        provenance=Provenance(
            provider="offline",
            model=f"narrator-{NARRATOR_VERSION}",
            prompt_hash=prompt_hash(profile),
            input_hash=input_hash(original),
            created_at=reproducible_time(),
            riskbrief_version=riskbrief_version(),
            input_file=input_file,
        ),
    )
