"""Document-level check: every caveat of the findings must survive into the brief.

Matching is paraphrase-tolerant: a caveat is present when one sentence covers enough of its weighted content words, including at least
one word that only the caveat uses (words the rest of the findings also use,
like the population, weigh less).
"""

from __future__ import annotations

import re

from evals.faithfulness.index import CaveatInfo, FindingsIndex
from evals.faithfulness.text import content_stems

COVERAGE = 0.5


def _covered(c: CaveatInfo, stems: set[str]) -> float:
    # The cheap set test first: most sentences share no distinct word with a given caveat.
    if c.distinct and not (c.distinct & stems) and not _same_figure(c, stems):
        return 0.0
    total = sum(c.weights.values()) or 1.0
    got = sum(w for s, w in c.weights.items() if s in stems)
    return got / total


def _same_figure(c: CaveatInfo, stems: set[str]) -> bool:
    """Does the sentence give one of the caveat's own figures ("rest on 1,150 claims" for "the sample is
    1,150 claims")? A figure of three digits or more says which limit it is as well as a word only the
    caveat uses would."""
    return any(len(s) >= 3 and s[:1].isdigit() and s in stems for s in c.weights)


def _visible(text: str) -> str:
    """Text as a reader sees it: no invisible marks, escapes or spacing differences."""
    kept = "".join(ch for ch in text.lower() if ch.isalnum() or ch.isspace())
    return " ".join(kept.split())


def _without_owners(idx: FindingsIndex, sentence: str) -> str:
    """The sentence with team names removed ("ML Platform" says nothing about "one platform")."""
    known = idx.__dict__.get("_owner_names_match")
    if known is None:
        # Whole words only: an owner called "n" or "plan" must not eat the letters of other words.
        names = sorted({o.name.lower() for o in idx.owners if o.name.strip()}, key=len, reverse=True)
        pattern = re.compile("(?<!\\w)(?:" + "|".join(map(re.escape, names)) + ")(?!\\w)") if names else None
        known = idx.__dict__["_owner_names_match"] = (pattern, tuple(names))
    pattern, names = known
    low = sentence.lower()
    # Most sentences name no owner: a substring test is much cheaper than the regex pass.
    if pattern is None or not any(n in low for n in names):
        return low
    return pattern.sub(" ", low)


def missing_caveats(idx: FindingsIndex, sentences: list[str]) -> list[str]:
    """Caveats of the findings that no sentence of the brief states, in document order."""
    # Briefs for several audiences repeat sentences (caveats above all): each is read once per
    # document, and which caveats it covers is remembered with it.
    seen: dict[str, frozenset[int]] = idx.__dict__.setdefault("_caveats_covered", {})
    covered: set[int] = set()
    for s in sentences:
        got = seen.get(s)
        if got is None:
            stems = frozenset(content_stems(_without_owners(idx, s)))
            got = seen[s] = frozenset(i for i, c in enumerate(idx.caveats) if c.weights and _covered(c, stems) >= COVERAGE)
        covered |= got
    missing: list[str] = []
    for i, c in enumerate(idx.caveats):
        if not c.weights:
            # No word to weigh: marks and symbols alone state no limit; other scripts must be quoted.
            quoted = _visible(c.text)
            if any(ch.isalnum() for ch in quoted) and not any(quoted in _visible(s) for s in sentences):
                missing.append(c.text)
            continue
        if i not in covered and not _quoted_whole(c.text, sentences):
            missing.append(c.text)
    return missing


def _quoted_whole(caveat: str, sentences: list[str]) -> bool:
    """The caveat's visible words, in order, as whole words of one sentence: stated, whatever
    other field of the findings (an owner's name, say) its words also appear in."""
    quoted = _visible(caveat)
    return bool(quoted) and any(f" {quoted} " in f" {_visible(s)} " for s in sentences)


def caveat_coverage(idx: FindingsIndex, caveat: str, sentence: str) -> float:
    """How much of the caveat one sentence states, as missing_caveats weighs it (the least over
    the findings that carry the caveat); 0.0 for a caveat the findings do not have."""
    stems = set(content_stems(_without_owners(idx, sentence)))
    found = [_covered(c, stems) for c in idx.caveats if c.text.strip() == caveat.strip() and c.weights]
    return min(found) if found else 0.0
