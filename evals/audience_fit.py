"""Audience fit: is a brief written for its reader? Reported beside faithfulness, never gated.

Four checks against the audience profile: reading grade (Flesch-Kincaid, counted
with textstat and pyphen) against the profile's target, jargon the profile says to avoid,
length against its word limit, and the sections it requires.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen
import textstat

from evals.faithfulness.text import markdown_blocks
from schemas.audience import AudienceProfile
from schemas.brief import Brief
from schemas.evaluation import AudienceFit
from schemas.findings import FindingsDocument

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’%.,-]*")


def _brief_parts(brief: Brief | str, profile: AudienceProfile) -> tuple[str, set[str]]:
    """(prose, section ids present) of a brief object or of Markdown / plain text."""
    if isinstance(brief, Brief):
        prose = " ".join([brief.headline] + [s.text for sec in brief.sections for s in sec.sentences])
        return prose, {sec.id for sec in brief.sections if sec.sentences}
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
    return " ".join(paras), present


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    # Briefs reuse a small vocabulary; hyphenating each word once saves most of the cost.
    return len(_hyphenator().positions(word)) + 1


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade: textstat's word and sentence counts, syllables from pyphen's
    dictionary (textstat's own English syllable counter needs the NLTK CMU dictionary,
    which it would try to download; riskbrief never touches the network for this)."""
    words = textstat.lexicon_count(text)
    sentences = max(1, textstat.sentence_count(text))
    if not words:
        return 0.0
    syllables = sum(_syllables(w) for w in re.findall(r"[A-Za-z]+", text.lower()))
    return round(0.39 * words / sentences + 11.8 * syllables / words - 15.59, 1)


@lru_cache(maxsize=4096)
def _term_re(term: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.I)


def _found(term: str, text: str, low: str | None = None) -> bool:
    # A substring test first: most terms are absent, and the bounded regex is slow on long prose.
    if term.lower() not in (low if low is not None else text.lower()):
        return False
    return _term_re(term).search(text) is not None


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
    prose, present = _brief_parts(brief, profile)
    words = len(_WORD.findall(prose))
    grade = reading_grade(prose) if prose.strip() else 0.0
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
