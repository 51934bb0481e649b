"""Keeping a brief within its audience's word limit.

Droppable sentences go first, most droppable and last first; then the lesser caveats (a
finding's second and later ones) are summarised, each to the shortest lead part that still
states most of it and reads as supported; then the detail of the less serious findings goes;
then the steps of the findings the brief only lists, and of those beyond the two most serious,
with one sentence saying the full report has them; then the lesser caveats are cut as far as
the check still finds them stated; then shorter tellings, the most serious finding's further
figures, the system's purpose, and the decision's words and question the headline already gives; last, the
second finding's steps. A finding's key number, its first caveat, every caveat's substance and
the steps of the most serious finding stay.
"""

from __future__ import annotations

import re
from collections import Counter

from schemas.audience import AudienceProfile
from schemas.brief import Section
from schemas.findings import FindingsDocument

# Words counted as audience fit counts them: a brief trimmed to its limit is reported within it.
from evals.audience_fit import word_count
from evals.faithfulness.caveats import COVERAGE, caveat_coverage
from evals.faithfulness.index import index_for

from engine.narrator.facts import S, set_trim_rank, short_of, trim_rank
from engine.narrator.sections import (CHOICE_LEAD, FURTHER_FIGURES, SECOND_STEPS, STEP_RANKS, STEPS_ELSEWHERE, caveat_plan,
                                      headline, ranked, terse_decision, terse_system)
from engine.narrator.wording import join

# A summary keeps more of a caveat than the check's bare minimum (half its weighted words),
# which is used only when nothing else is left to shorten.
SUMMARY_COVERAGE = 0.6
CHECK_COVERAGE = COVERAGE
SUMMARY_WORDS = 0.5

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
                      "derive derives derived draw draws drawn taken made based limited restricted confined "
                      "rest rests rested consist consists consisted count counts counted apply applies applied refer "
                      "refers referred belong belongs belonged hinge hinges hinged result results resulted "
                      # past participles not ending in -ed, and words that need what follows ("those seen in ...",
                      # "names common in ...")
                      "seen known shown given written done held kept found left set put run told paid sent built "
                      "those these common typical usual similar comparable close equal subject prior relative "
                      "specific unique native local any".split())


def fit_to_length(doc: FindingsDocument, profile: AudienceProfile, sections: list[Section], limit: int) -> int:
    """Shorten the sections in place toward the limit; the words they come to."""
    total = sum(word_count(s.text) for sec in sections for s in sec.sentences)
    total = _drop(sections, total, limit, range(5, 1, -1))
    steps = None
    if total > limit:
        total = _summarise_caveats(doc, profile, sections, total, limit, SUMMARY_COVERAGE)
    if total > limit:
        total = _drop(sections, total, limit, (1,))
    if total > limit:
        # Then the steps of the less serious findings, leaving room to say where they are.
        steps = _steps(sections)
        total = _drop_steps(doc, sections, total, limit, STEP_RANKS, steps)
    if total > limit:
        # Last, lesser caveats are cut as far as the check of the brief still finds them stated.
        total = _summarise_caveats(doc, profile, sections, total, limit, CHECK_COVERAGE)
    if total > limit:
        # Still over: shorter tellings (one slice for several, the options' figures in one sentence,
        # the recommendation's reasons cut to their main clause), then the most serious finding's
        # figures past its key number.
        total = _shorten(sections, total, limit)
    if total > limit:
        total = _drop(sections, total, limit, (FURTHER_FIGURES,))
    if total > limit:
        # Then the framing the headline and findings make plain: the system's purpose, and the decision's
        # words again in the decision line.
        total = _terse_framing(doc, profile, sections, total, limit)
    if total > limit:
        # Last of all, the second finding's steps: the most serious finding's stay, with their owners.
        total = _drop_steps(doc, sections, total, limit, (SECOND_STEPS,), steps if steps is not None else _steps(sections))
    return total


def _terse_framing(doc: FindingsDocument, profile: AudienceProfile, sections: list[Section], total: int,
                   limit: int) -> int:
    """Put the terse system line, then the terse decision line, in place of the full ones, while over."""
    for sid, terse, first in (("situation", terse_system, "system"), ("decision", terse_decision, "context")):
        if total <= limit:
            break
        sec = next((s for s in sections if s.id == sid), None)
        if sec is None or not sec.sentences or sec.sentences[0].sources != [first]:
            continue
        short = terse(doc, profile)
        if short is None or word_count(short.text) >= word_count(sec.sentences[0].text):
            continue
        total -= word_count(sec.sentences[0].text) - word_count(short.text)
        sec.sentences[0] = short
    sec = next((s for s in sections if s.id == "options"), None)
    if total > limit and sec is not None and len(sec.sentences) > 1 and sec.sentences[0].text.startswith(CHOICE_LEAD):
        # "The choice: which model ...?" asks what the headline already answers ("...: we recommend option B")
        if set(sec.sentences[0].sources) <= set(headline(doc, profile).sources):
            total -= word_count(sec.sentences.pop(0).text)
    return total


def _drop_steps(doc: FindingsDocument, sections: list[Section], total: int, limit: int, ranks, before: Counter) -> int:
    """Drop steps of these ranks until the brief fits, leaving room to say once, for every finding
    whose steps went since `before`, that the full report has them."""
    total -= _unpoint(sections)
    pointer = word_count(STEPS_ELSEWHERE.format(_named_findings([f.id for f in doc.findings][:4])))
    total = _drop(sections, total, limit - pointer, ranks)
    return total + _point_to_dropped_steps(doc, sections, before)


def _unpoint(sections: list[Section]) -> int:
    """Take out the sentence saying where dropped steps are (to say it again for more); its words."""
    sec = next((s for s in sections if s.id == "recommendation"), None)
    lead = STEPS_ELSEWHERE.split("{}")[0]
    said = [s for s in sec.sentences if s.text.startswith(lead)] if sec else []
    for s in said:
        sec.sentences.remove(s)
    return sum(word_count(s.text) for s in said)


def _shorten(sections: list[Section], total: int, limit: int) -> int:
    """Put sentences' shorter tellings in their place, last first, until the brief fits."""
    for sec in reversed(sections):
        for s in reversed(list(sec.sentences)):
            if total <= limit:
                return total
            if s not in sec.sentences:  # made redundant by a shorter telling
                continue
            short = short_of(s)
            if not short:
                continue
            instead, redundant = short
            at = sec.sentences.index(s)
            gone = [s, *(r for r in redundant if r in sec.sentences)]
            before = sum(word_count(x.text) for x in gone)
            # The longest lead part of the shorter telling that is still shorter ("On X, option A has
            # 84%, against ..." for the one measure left of several)
            while instead and sum(word_count(x.text) for x in instead) >= before:
                instead = instead[:-1]
            if not instead:
                continue
            after = total - before + sum(word_count(x.text) for x in instead)
            for x in instead:
                set_trim_rank(x, max(trim_rank(x), trim_rank(s)))
            sec.sentences[at:at + 1] = instead
            for r in gone[1:]:
                sec.sentences.remove(r)
            total = after
    return total


def _steps(sections: list[Section]) -> Counter:
    """How many sentences of the recommendation section are for each finding (its steps)."""
    sec = next((s for s in sections if s.id == "recommendation"), None)
    return Counter(src for s in sec.sentences[1:] for src in s.sources) if sec else Counter()


def _named_findings(ids: list[str]) -> str:
    return ("finding " if len(ids) == 1 else "findings ") + join(ids)


def _point_to_dropped_steps(doc: FindingsDocument, sections: list[Section], before: Counter) -> int:
    """When the limit left some findings' steps out, say once where they are; the words it added."""
    sec = next((s for s in sections if s.id == "recommendation"), None)
    if sec is None or not before:
        return 0
    now = _steps(sections)
    finding_ids = [f.id for f in doc.findings]
    ids = [i for i in finding_ids if now[i] < before[i]]
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


def summarised(idx, caveat: str, coverage: float | None = SUMMARY_COVERAGE, *, frame: str = "{}") -> str | None:
    """The caveat's shortest lead part that still states it: cut before a qualifier ("..., on lending
    data from before 2020"), never before a negation or contrast, keeping most of its weighted words.
    With no coverage (text that is no caveat, such as a recommendation's reasons), half its words;
    `frame` is the sentence the summary is read in."""
    text = caveat.strip().rstrip(".")
    for m in _CUT_BEFORE.finditer(text):
        lead, tail = text[: m.start()].rstrip(" ,;:"), text[m.start():]
        lead_words = lead.split()
        if len(lead_words) < 4 or word_count(tail) < 2 or lead_words[-1].lower() in _DANGLING or _KEEP_TAIL.search(tail):
            continue
        if _verb_last(lead_words) or _unfinished(lead, lead_words):
            continue
        if tail.split()[1:2] == [lead_words[-1]]:  # "claim by claim", "day to day"
            continue
        if lead.count("(") != lead.count(")"):
            continue
        kept = (word_count(lead) >= word_count(text) * SUMMARY_WORDS if coverage is None
                else caveat_coverage(idx, caveat, lead) >= coverage)
        if kept and reads_as_supported(idx.doc, frame.format(lead)):
            return lead
    return None


# Words before a plural noun ("all", "replayed", "230"), so that the noun is no verb.
_BEFORE_PLURAL = frozenset("the a an all some many most few these those its their our your his her both several other "
                           "such no any each every more fewer".split())
_ADJECTIVE_ENDS = ("ed", "ing", "ical", "ive", "ous", "ful", "able", "ible", "ary", "ory", "less", "ish")


def _verb_last(words: list[str]) -> bool:
    """Whether a lead part ends on what reads as a verb after a singular subject ("The Year 7 figure
    rests", "each wrongful approval runs"), which the cut would leave without its complement."""
    last, before = words[-1].lower().strip(",;:"), words[-2].lower().strip(",;:")
    if not last.endswith("s") or last.endswith(("ss", "us", "is", "'s", "’s")) or not last.isalpha():
        return False
    if before.endswith("s") or before in _BEFORE_PLURAL or not before.isalpha() or before.endswith(_ADJECTIVE_ENDS):
        return False
    return True


# Words after which what follows is the verb's own complement ("did not separate", "to judge").
_BEFORE_VERB = frozenset("not to cannot can did does do will would could may might must should shall".split())
# A clause opened by one of these after a comma is cut mid-thought ("..., and claims in 2026").
_CLAUSE_OPENERS = frozenset("and or so but while which who whose where when that as".split())


def _unfinished(lead: str, words: list[str]) -> bool:
    """Whether a lead part stops mid-thought: on a participle ("were not checked", "was looking"), on
    a verb after a modal or "not", on a number ("not in the 3"), a clause of one or two words, or inside
    a clause it only opened."""
    last = words[-1].lower().strip(",;:")
    if last.endswith(("ed", "ing")) and len(last) >= 4 or words[-2].lower() in _BEFORE_VERB:
        return True
    if any(ch.isdigit() for ch in last) or len(re.split(r"[;:,]", lead)[-1].split()) < 3:
        return True  # ... or a clause cut to one or two words ("...; normalized")
    clause = re.split(r"[;,]", lead)[-1].split()
    return len(clause) < len(words) and bool(clause) and clause[0].lower() in _CLAUSE_OPENERS


def reads_as_supported(doc: FindingsDocument, text: str) -> bool:
    """The check of the brief, reading the summary with no sources (as in Markdown), finds every claim
    in it supported: the whole caveat is quoted text, a part of it is read as a claim."""
    from evals.faithfulness import check_brief  # the harness imports the narrator's package through the pipeline

    return all(c.verdict == "supported" for c in check_brief(doc, text + ".").claims)
