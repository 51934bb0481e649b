"""Audience fit: is a brief written for its reader? Reported beside faithfulness, never gated.

Four checks against the audience profile: reading grade (Flesch-Kincaid, counted
in evals.readability) against the profile's target, jargon the profile says to avoid,
length against its word limit, and the sections it requires.
"""

from __future__ import annotations

import re
from functools import lru_cache

from engine.identity_cache import per_object
from evals.faithfulness.text import markdown_blocks
from evals.readability import grade_of_parts, reading_grade  # noqa: F401  (reading_grade is imported from here)
from schemas.audience import AudienceProfile
from schemas.brief import Brief
from schemas.evaluation import AudienceFit
from schemas.findings import FindingsDocument

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’%.,-]*")


def _brief_parts(brief: Brief | str, profile: AudienceProfile) -> tuple[list[str], set[str]]:
    """(pieces of prose, section ids present) of a brief object or of Markdown / plain text;
    the prose is the pieces joined by spaces."""
    if isinstance(brief, Brief):
        parts = [brief.headline] + [s.text for sec in brief.sections for s in sec.sentences]
        return parts, {sec.id for sec in brief.sections if sec.sentences}
    titles = {t.strip().lower(): sid for sid, t in profile.section_titles.items()}
    present: set[str] = set()
    paras: list[str] = []
    for heading, para in markdown_blocks(brief):
        if heading is not None and not para:
            h = heading.strip().lower()
            sid = titles.get(h) or next((s for s in ("situation", "findings", "impact", "options", "recommendation", "decision",
                                                      "caveats") if s in h), None)
            if sid:
                present.add(sid)
            continue
        paras.append(para)
    return paras, present


@lru_cache(maxsize=65536)
def word_count(part: str) -> int:
    """Words of a piece of prose as the length check counts them ('mL/min' is two, a dash none)."""
    # Counted per sentence: most sentences recur across the audiences of one document.
    return len(_WORD.findall(part))


@lru_cache(maxsize=4096)
def _term_re(term: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.I)


def _found(term: str, text: str, low: str | None = None) -> bool:
    # A substring test first: most terms are absent, and the bounded regex is slow on long prose.
    if term.lower() not in (low if low is not None else text.lower()):
        return False
    return _term_re(term).search(text) is not None


@per_object  # the same for each audience's brief of a document
def _findings_text(doc: FindingsDocument) -> str:
    parts: list[str] = []
    for f in doc.findings:
        parts += [f.title, f.impact or "", *f.caveats, *f.affected, *(m.population or "" for m in f.metrics),
                  *(m.name for m in f.metrics), *(m.action for m in f.mitigations)]
    for t in doc.tradeoffs:
        for o in t.options:
            parts += [*(m.population or "" for m in o.metrics), *o.pros, *o.cons]
    return "\n".join(p for p in parts if p)


def _without(prose: str, own: str, term: str) -> str:
    """The prose with every findings phrase that contains `term` cut out."""
    low = prose.lower()
    for phrase in sorted({p.strip().rstrip(".").lower() for p in own.split("\n") if _found(term, p)}, key=len, reverse=True):
        low = low.replace(phrase, " ")
    return low


def audience_fit(brief: Brief | str, profile: AudienceProfile, doc: FindingsDocument | None = None) -> AudienceFit:
    """How well the brief fits the profile's reader."""
    parts, present = _brief_parts(brief, profile)
    prose = " ".join(parts)
    # _WORD has no space in it, so no word runs from one part into the next.
    words = sum(map(word_count, parts))
    grade = grade_of_parts(parts) if prose.strip() else 0.0
    prose_low = prose.lower()
    used = sorted(t for t in profile.avoid if _found(t, prose, prose_low))
    # A term the brief only repeats inside the findings' own words (a caveat, a population,
    # a title) is reported but not held against it: rewording those risks changing the facts.
    own = _findings_text(doc) if doc is not None else ""
    quoted = [t for t in used if own and _found(t, own) and not _found(t, _without(prose, own, t))]
    jargon = [t for t in used if t not in quoted]
    missing = [s for s in profile.required_sections if s not in present]
    notes: list[str] = []
    if grade > profile.target_grade:
        notes.append(f"reading grade {grade:g} is above the target {profile.target_grade:g}: use shorter sentences and plainer words")
    for t in jargon:
        notes.append(f"'{t}' is jargon for this reader; say '{profile.avoid[t]}'")
    if words > profile.max_words:
        notes.append(f"{words} words is over the limit of {profile.max_words}")
    if missing:
        notes.append(f"missing section(s): {', '.join(missing)}")
    if quoted:
        notes_quoted = [f"'{t}' appears only in text quoted from the findings" for t in quoted]
    else:
        notes_quoted = []
    return AudienceFit(audience=profile.name, reading_grade=grade, target_grade=profile.target_grade, jargon=jargon,
                       quoted_jargon=quoted, info=notes_quoted,
                       words=words, max_words=profile.max_words, missing_sections=missing, fits=not notes, notes=notes)
