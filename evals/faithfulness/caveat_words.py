"""The words of a caveat as a brief restating it still says them.

A caveat is restated more freely than any other part of the findings: "The
after-change figure covers six weeks of night-time alerts" comes back as "The
night-time improvement rests on six weeks of alerts". What a caveat says about
its figure (what it rests on, that it may be off one way) has many wordings,
each as good as the other, so such words are read as one word per meaning,
and numbers in words are numbers.
"""

from __future__ import annotations

import re

from evals.faithfulness.numbers import MONTH_NAMES, WORD_VALUES
from evals.faithfulness.text import STOPWORDS, content_stems
from evals.faithfulness.text_cache import remembered

# What the figure rests on: "covers", "rests on", "comes from", "measured on", "based on".
_BASIS = "~basis"
# That it may be off, one way or the other: "the true share may be higher", "recall may be overstated".
_BIAS = "~bias"
_CLASSES = {
    **dict.fromkeys(("cover", "measur", "bas", "drawn"), _BASIS),
    **dict.fromkeys(("real", "tru", "actual", "higher", "lower", "overst", "unders", "overes", "undere"), _BIAS),
    "untest": "test", "unaudi": "audit", "decid": "decisi", "near": "almost",
    # a verb's irregular forms: "council staff wrote them" for "they were written by council staff"
    "writte": "writ", "wrot": "writ", "taken": "tak", "took": "tak", "chosen": "choos", "chos": "choos",
    "given": "giv", "gav": "giv", "known": "know", "knew": "know", "born": "birth",
    "paedia": "childr", "pediat": "childr", "kid": "childr", "minor": "childr",
}
# Words that say how a caveat is put, not what it limits: "whether", "were made", "rather than", and the figure it is about ("the
# after-change figure", "these timings"), which briefs name in any way (and label rows with: "Figure: 88%").
_FRAME = frozenset({"whethe", "figur", "timing", "result", "mad", "rather"})
_NUMBER_WORDS = {w: str(WORD_VALUES[w]) for w in "two three four five six seven eight nine ten eleven twelve".split()}
# "six weeks", "four of its eleven lanes": a number of things; not "two-fifths" or "two in five"
_NUMBER_WORD_RE = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")(?=\s+(?!(?:in|out|per|or|and|to|times)\b)[a-z])", re.I)
# The day of a date ("due 3 June 2027") is no number of things ("a 3-week pilot")
_MONTHS = "|".join(MONTH_NAMES)
_DAY_OF_MONTH = re.compile(rf"\b\d{{1,2}}(?=\s+(?:{_MONTHS})\b)|\b((?:{_MONTHS})\s+)\d{{1,2}}\b(?=,?\s+\d{{4}})")
# Verbs that say what a figure rests on only with their preposition ("the rest", "comes with" do not).
_BASIS_VERB = re.compile(r"\b(?:rest(?:s|ed)?\s+(?:on|upon)|c[oa]mes?\s+from|taken\s+from)\b")
# "non-English", "mixed-language": the parts of such a word do not say what it says
PREFIXES = frozenset("non un anti counter multi mixed pre post semi sub co self cross over under out off de re".split())
_HYPHENATED = re.compile(r"\b([A-Za-z]+)-(?=[A-Za-z])")
_HYPHENATED_WORD = re.compile(r"[a-z]+(?:-[a-z]+)+")


def _as_parts(m: re.Match) -> str:
    return m.group(0) if m.group(1).lower() in PREFIXES else m.group(1) + " "


@remembered  # pure in the text; a sentence is weighed against every caveat of its document
def caveat_stems(text: str, parts: bool = False) -> frozenset[str]:
    """The stems a caveat's coverage is counted in; with `parts`, for a sentence that may restate one,
    a hyphenated word says its parts as well ("key-phrase search" says "key phrases")."""
    low = _NUMBER_WORD_RE.sub(lambda m: _NUMBER_WORDS[m.group(1).lower()], text.lower())
    low = _BASIS_VERB.sub(" measured ", low)
    if any(c.isdigit() for c in low):
        low = _DAY_OF_MONTH.sub(lambda m: m.group(1) or " ", low)
    if parts and "-" in low:
        low += " " + " ".join(_HYPHENATED.sub(_as_parts, w) for w in _HYPHENATED_WORD.findall(low))
    return frozenset(_CLASSES.get(s, s) for s in content_stems(low) if s not in _FRAME and s not in STOPWORDS)


_ONLY = re.compile(r"\b(?:only|just|solely|alone)\b", re.I)
ONLY_STEM = "alon"  # what a sentence saying "only", "just", "solely" or "alone" says


def caveat_cues(text: str) -> frozenset[str]:
    """The words that make a caveat one: what its figure rests on, that it may be off, "only"."""
    cues = {s for s in caveat_stems(text) if s in (_BASIS, _BIAS)}
    return frozenset(cues | {ONLY_STEM} if _ONLY.search(text) else cues)
