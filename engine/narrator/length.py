"""Keeping a brief within its audience's word limit.

Droppable sentences go first, most droppable and last first; then the lesser caveats (a
finding's second and later ones) are summarised, each to the shortest lead part that still
states most of it and reads as supported; then the detail of the less serious findings goes;
then the steps of the findings the brief only lists, and of those beyond the two most serious,
with one sentence saying the full report has them; last, the lesser caveats are cut as far as
the check still finds them stated. A finding's key number, its first caveat, every caveat's
substance and the steps of the two most serious findings stay.
"""

from __future__ import annotations

import re

from schemas.audience import AudienceProfile
from schemas.brief import Section
from schemas.findings import FindingsDocument

# Words counted as audience fit counts them: a brief trimmed to its limit is reported within it.
from evals.audience_fit import word_count
from evals.faithfulness.caveats import COVERAGE, caveat_coverage
from evals.faithfulness.index import index_for

from engine.narrator.facts import S, trim_rank
from engine.narrator.sections import STEP_RANKS, STEPS_ELSEWHERE, caveat_plan, ranked
from engine.narrator.wording import join

# A summary keeps more of a caveat than the check's bare minimum (half its weighted words),
# which is used only when nothing else is left to shorten.
SUMMARY_COVERAGE = 0.6
CHECK_COVERAGE = COVERAGE

# A caveat may be cut just before one of these: what follows qualifies what came before.
_CUT_BEFORE = re.compile(r",? (?=(?:on|in|for|from|by|at|with|before|after|during|against|over|across|within|under|"
                         r"because|since|as|when|where|which|who|whose|that|while|via|through|among|per|until|"
                         r"due)\b)|, (?=so\b)|,? (?=\()| [—–-]{1,2} ")
# A tail with one of these changes what the lead part says, so it is never cut off.
_KEEP_TAIL = re.compile(r"\b(?:not|no|never|none|nor|without|cannot|can't|won't|isn't|aren't|wasn't|weren't|doesn't|"
                        r"don't|didn't|hasn't|haven't|except|excluding|excludes?|unless|but|although|though|however|"
                        r"yet|unknown|unverified|untested|only|neither)\b", re.I)
# A lead part may not end on these: a joining word, or a verb whose complement the cut would drop
# ("Labels for slice 1 come" of "... come from one annotator").
_DANGLING = frozenset("and or the a an of to not no but with its their our this that is are was were be been being "
                      "come comes came go goes went rely relies relied depend depends depended stem stems stemmed "
                      "derive derives derived draw draws drawn taken made based limited restricted confined".split())


def fit_to_length(doc: FindingsDocument, profile: AudienceProfile, sections: list[Section], limit: int) -> None:
    total = sum(word_count(s.text) for sec in sections for s in sec.sentences)
    total = _drop(sections, total, limit, range(5, 1, -1))
    if total > limit:
        total = _summarise_caveats(doc, profile, sections, total, limit, SUMMARY_COVERAGE)
    if total > limit:
        total = _drop(sections, total, limit, (1,))
    if total > limit:
        # Then the steps of the less serious findings, leaving room to say where they are.
        steps = _steps(sections)
        pointer = word_count(STEPS_ELSEWHERE.format(_named_findings([f.id for f in doc.findings][:4])))
        total = _drop(sections, total, limit - pointer, STEP_RANKS)
        total += _point_to_dropped_steps(doc, sections, steps)
    if total > limit:
        # Last, lesser caveats are cut as far as the check of the brief still finds them stated.
        _summarise_caveats(doc, profile, sections, total, limit, CHECK_COVERAGE)


def _steps(sections: list[Section]) -> dict[int, list[str]]:
    """The recommendation section's sentences (by identity) with the findings they are for."""
    sec = next((s for s in sections if s.id == "recommendation"), None)
    return {id(s): list(s.sources) for s in sec.sentences[1:]} if sec else {}


def _named_findings(ids: list[str]) -> str:
    return ("finding " if len(ids) == 1 else "findings ") + join(ids)


def _point_to_dropped_steps(doc: FindingsDocument, sections: list[Section], before: dict[int, list[str]]) -> int:
    """When the limit left some findings' steps out, say once where they are; the words it added."""
    sec = next((s for s in sections if s.id == "recommendation"), None)
    if sec is None or not before:
        return 0
    kept = {id(s) for s in sec.sentences}
    dropped = [src for key, srcs in before.items() if key not in kept for src in srcs]
    finding_ids = [f.id for f in doc.findings]
    ids = sorted(set(dropped) & set(finding_ids), key=finding_ids.index)
    if not ids:
        return 0
    sec.sentences.append(S(STEPS_ELSEWHERE.format(_named_findings(ids)), *ids))
    return word_count(sec.sentences[-1].text)


def _drop(sections: list[Section], total: int, limit: int, ranks) -> int:
    """Drop sentences of the given trim ranks, last first, until the brief fits."""
    for rank in ranks:
        for sec in reversed(sections):
            for s in reversed(list(sec.sentences)):
                if total <= limit:
                    return total
                if trim_rank(s) == rank and len(sec.sentences) > 1:
                    sec.sentences.remove(s)
                    total -= word_count(s.text)
    return total


def _summarise_caveats(doc: FindingsDocument, profile: AudienceProfile, sections: list[Section], total: int,
                       limit: int, coverage: float) -> int:
    """Shorten lesser caveats, those of the least serious findings first, until the brief fits."""
    section = next((sec for sec in sections if sec.id == "caveats"), None)
    if section is None:
        return total
    plan = caveat_plan(doc)
    position = {f.id: i for i, f in enumerate(ranked(doc, profile))}
    lesser = [(max(position[i] for i in ids), k) for k, (_, ids, minor) in enumerate(plan) if minor]
    idx = index_for(doc)
    for _, k in sorted(lesser, reverse=True):
        if total <= limit:
            break
        caveat, ids, _ = plan[k]
        shorter = summarised(idx, caveat, coverage)
        if shorter is None or k >= len(section.sentences):
            continue
        old = section.sentences[k]
        section.sentences[k] = S(shorter, *ids)
        total -= word_count(old.text) - word_count(section.sentences[k].text)
    return total


def summarised(idx, caveat: str, coverage: float = SUMMARY_COVERAGE) -> str | None:
    """The caveat's shortest lead part that still states it: cut before a qualifier ("..., on lending
    data from before 2020"), never before a negation or contrast, keeping most of its weighted words."""
    text = caveat.strip().rstrip(".")
    for m in _CUT_BEFORE.finditer(text):
        lead, tail = text[: m.start()].rstrip(" ,;:"), text[m.start():]
        lead_words = lead.split()
        if len(lead_words) < 4 or word_count(tail) < 2 or lead_words[-1].lower() in _DANGLING or _KEEP_TAIL.search(tail):
            continue
        if lead.count("(") != lead.count(")"):
            continue
        if caveat_coverage(idx, caveat, lead) >= coverage and _reads_as_supported(idx.doc, lead):
            return lead
    return None


def _reads_as_supported(doc: FindingsDocument, text: str) -> bool:
    """The check of the brief, reading the summary with no sources (as in Markdown), finds every claim
    in it supported: the whole caveat is quoted text, a part of it is read as a claim."""
    from evals.faithfulness import check_brief  # the harness imports the narrator's package through the pipeline

    return all(c.verdict == "supported" for c in check_brief(doc, text + ".").claims)
