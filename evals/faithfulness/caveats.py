"""Document-level check: every caveat of the findings must survive into the brief.

Matching is paraphrase-tolerant: a caveat is present when one sentence covers enough of its weighted content words, including at least
one word that only the caveat uses (words the rest of the findings also use,
like the population, weigh less).
"""

from __future__ import annotations

import re

from evals.faithfulness import numbers as nums
from evals.faithfulness.caveat_words import caveat_stems
from evals.faithfulness.index import CaveatInfo, FindingsIndex

COVERAGE = 0.5


def _covered(c: CaveatInfo, stems: set[str]) -> float:
    # The cheap set test first: most sentences share no distinct word with a given caveat.
    if c.distinct and not (c.distinct & stems) and not (c.figures and c.figures & stems):
        return 0.0
    if not c.distinct and c.cues and not (c.cues & stems) and not (c.figures and c.figures & stems):
        return 0.0  # "... for all family hearings in 14 courthouses" does not say the figures come from two only
    total = sum(c.weights.values()) or 1.0
    got = sum(w for s, w in c.weights.items() if s in stems)
    return got / total


# Words a caveat restated in other words often swaps: "one senior associate" for "a single senior
# associate", "lab results" for "laboratory confirmation", "just"/"only" for "alone".
_SYNONYMS = {"one": "singl", "lab": "labora", "just": "alon", "only": "alon", "solely": "alon"}
_WORD = re.compile(r"[a-z]+")
# "one in 14", "one of the six", "one per shift", "one urgent film in five" count; they do not say "a single"
_ONE_COUNTS = re.compile(r"\bone(?=\s+(?:in|of|out|per|or|and|to)\b|(?:\s+[a-z-]+){1,2}\s+in\s+(?:\d|every|ten|five|four|three|six|seven|eight|nine|twenty)\b)")


def _with_synonyms(sentence: str, stems: frozenset[str]) -> frozenset[str]:
    low = sentence.lower()
    if "one" in low:
        low = _ONE_COUNTS.sub(" ", low)
    extra = {_SYNONYMS[w] for w in _WORD.findall(low) if w in _SYNONYMS}
    if "eed" in low:  # "wind speed" says "wind speeds" (whose stem keeps the "ed" that "speed" loses)
        extra |= {w[:6] for w in _WORD.findall(low) if w.endswith("eed")}
    return stems | extra if extra else stems


def _stems(idx: FindingsIndex, sentence: str) -> frozenset[str]:
    """What a sentence says, in the words caveats are weighed in."""
    return _with_synonyms(sentence, caveat_stems(_without_owners(idx, sentence), parts=True))


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
    covered: set[int] = set()
    for s in sentences:
        covered |= caveats_stated(idx, s)
    if len(covered) < len(idx.caveats):
        # A caveat told over two sentences ("... for liability caps alone. Other monetary terms were not tested")
        left = [i for i, c in enumerate(idx.caveats) if i not in covered and c.weights]
        for a, b in zip(sentences, sentences[1:]):
            if not left:
                break
            if caveats_stated(idx, a) and caveats_stated(idx, b):
                continue  # two sentences that each state a caveat of their own do not state a third between them
            stems = _stems(idx, f"{a} {b}")
            got = {i for i in left if _covered(idx.caveats[i], stems) >= COVERAGE - 1e-9}
            covered |= got
            left = [i for i in left if i not in got]
    if len(covered) < len(idx.caveats):
        # A caveat whose only word of its own is said otherwise, with its figures: "the privacy audit looked at
        # only two of the six pilot homes" for "the audit covered two of the six pilot homes"
        for i, c in enumerate(idx.caveats):
            own = _figures(c.text)
            if i in covered or not c.weights or not own or not c.distinct:
                continue
            total = sum(c.weights.values())
            for s in sentences:
                stems = _stems(idx, s)
                if sum(w for st, w in c.weights.items() if st in stems) / total >= COVERAGE - 1e-9 and own <= _figures(s):
                    covered.add(i)
                    break
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


def _figures(text: str) -> set[float]:
    """The numbers a text gives, in digits or in words ("two of the six pilot homes")."""
    return {q.value for q in nums.extract(text) if not q.is_date} | set(nums.number_words(text))


def _quoted_whole(caveat: str, sentences: list[str]) -> bool:
    """The caveat's visible words, in order, as whole words of one sentence: stated, whatever
    other field of the findings (an owner's name, say) its words also appear in."""
    quoted = _visible(caveat)
    return bool(quoted) and any(f" {quoted} " in f" {_visible(s)} " for s in sentences)


def caveat_coverage(idx: FindingsIndex, caveat: str, sentence: str) -> float:
    """How much of the caveat one sentence states, as missing_caveats weighs it (the least over
    the findings that carry the caveat); 0.0 for a caveat the findings do not have."""
    stems = set(_stems(idx, sentence))
    found = [_covered(c, stems) for c in idx.caveats if c.text.strip() == caveat.strip() and c.weights]
    return min(found) if found else 0.0


def states_a_caveat(idx: FindingsIndex, sentence: str) -> bool:
    """Does the sentence on its own state one of the findings' caveats (a limit of the evidence)?"""
    return bool(idx.caveats) and bool(caveats_stated(idx, sentence))


def caveats_stated(idx: FindingsIndex, sentence: str) -> frozenset[int]:
    """The caveats (by position) one sentence states on its own.

    Briefs for several audiences repeat sentences (caveats above all): each is read once per
    document, and which caveats it covers is remembered with it.
    """
    seen: dict[str, frozenset[int]] = idx.__dict__.setdefault("_caveats_covered", {})
    got = seen.get(sentence)
    if got is None:
        stems = _stems(idx, sentence)
        # (a coverage of exactly one half, summed in floating point, is one half)
        got = seen[sentence] = frozenset(i for i, c in enumerate(idx.caveats) if c.weights and _covered(c, stems) >= COVERAGE - 1e-9)
    return got
