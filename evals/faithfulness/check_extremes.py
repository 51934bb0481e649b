"""Superlatives and change verbs: "the worst-served group", "the highest word error rate",
"fares best", "the error rate doubles for accented calls".

A superlative says the slice it names is the extreme of a metric among the slices the
finding measured; a change verb says which way the metric moves from the baseline. Each
is judged only when the slice and the metric are clear (one slice named in the clause,
one metric it carries or the one the clause names), never on a guess.
"""

from __future__ import annotations

import re

from evals.faithfulness import lexicon as lx
from evals.faithfulness.analysis import Sentence, negated_before, pop_texts
from evals.faithfulness.check_direction import SAME_SCALE, _value
from evals.faithfulness.check_numbers import Issue
from evals.faithfulness.index import FindingsIndex
from evals.faithfulness.metric_names import name_key, named_metrics
from evals.faithfulness.text import stem
from evals.faithfulness.text_cache import remembered

# word -> (polarity, kind): kind raw is on the value, quality on goodness, speed on time
_SUPERLATIVES = {
    "highest": (1, "raw"), "largest": (1, "raw"), "biggest": (1, "raw"), "greatest": (1, "raw"),
    "lowest": (-1, "raw"), "smallest": (-1, "raw"),
    "best": (1, "quality"), "strongest": (1, "quality"), "most accurate": (1, "quality"), "most reliable": (1, "quality"),
    "worst": (-1, "quality"), "weakest": (-1, "quality"), "poorest": (-1, "quality"), "least accurate": (-1, "quality"),
    "least reliable": (-1, "quality"), "slowest": (1, "speed"), "fastest": (-1, "speed"), "quickest": (-1, "speed"),
}
SUPERLATIVE = lx._fast(r"\b(?:" + "|".join(sorted(_SUPERLATIVES, key=len, reverse=True)) + r")\b(?![- ](?:practice|case|effort|guess|known|selling|sellers?|in-class))")  # "best-selling products": a kind of product
_SAME_FRAGMENTS = ("equal", "identical", "same", "on par", "level", "indistinguishable", "no different", "comparable", "differ")
_FRAGMENTS = ("highest", "largest", "biggest", "greatest", "lowest", "smallest", "best", "strongest", "most ", "least ", "worst",
              "weakest", "poorest", "slowest", "fastest", "quickest", "doubl", "halv", "tripl", "quadrupl", *_SAME_FRAGMENTS)
# "approval rates are equal across groups": a sameness claim denies the difference the findings measured
SAMENESS = lx._fast(r"\b(?:(?:are|is|were|was)\s+(?:about\s+|roughly\s+|essentially\s+|broadly\s+)?(?:equal|identical|the same|on par|level|"
                    r"indistinguishable|no different|comparable)|(?:do|does|did)\s+not\s+differ|no\s+(?:real\s+)?difference\s+(?:in|between))\b")
# "the error rate doubles for accented calls": a change verb compares the slice with its baseline
CHANGE_VERB = lx._fast(r"\b(?:(?P<up>doubles|doubled|triples|tripled|quadruples|quadrupled)|(?P<down>halves|halved))\b")


@remembered  # pure in the text, which briefs repeat
def _scan(low: str) -> tuple[tuple, tuple]:
    """(sameness claims as (start, words), superlatives and change verbs as (start, (polarity, kind), words, what))."""
    if not lx.contains_any(low, _FRAGMENTS) or low.rstrip().endswith("?"):
        return (), ()
    sames = tuple((m.start(), m.group(0)) for m in SAMENESS.finditer(low)) if lx.contains_any(low, _SAME_FRAGMENTS) else ()
    tops = [(m.start(), _SUPERLATIVES[" ".join(m.group(0).split())], m.group(0), "top") for m in SUPERLATIVE.finditer(low)]
    tops += [(m.start(), (1 if m.group("up") else -1, "raw"), m.group(0), "change") for m in CHANGE_VERB.finditer(low)]
    return sames, tuple(tops)


def _clause_pops(idx: FindingsIndex, sent: Sentence, a: int, b: int) -> list[list[str]]:
    ta, tb = sent.tok_at(a), sent.tok_at(max(a, b - 1))
    return [sorted({r for p in pm.pops for r in idx.pops[p].refs}) for pm in sent.pop_mentions if ta <= pm.start <= tb]


def _subject(idx: FindingsIndex, refs: list[str], named: frozenset[str], kinds: set[str] = frozenset()) -> str | None:
    """The one metric of a slice the text is about: the named one, else the slice's only metric name
    (only its times for "slowest" or "fastest")."""
    if kinds == {"speed"}:
        refs = [r for r in refs if idx.metrics[r].metric.unit.value in ("s", "ms")]
    keys = {name_key(idx, r) for r in refs}
    if named & keys:
        # A name the clause gives decides; one this slice does not carry ("replies" of another finding's
        # "replies with personal data") says nothing about which of its metrics is meant.
        keys &= named
    if len(keys) != 1:
        return None
    key = next(iter(keys))
    picked = [r for r in refs if name_key(idx, r) == key]
    return picked[0] if len(picked) == 1 else None


def check_extremes(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    sames, tops = _scan(sent.plain_low)
    if not sames and not tops:
        return [], False
    issues: list[Issue] = []
    checked = False
    for off, clause in sent.clauses:
        a, b = off, off + len(clause)
        same = next((m for m in sames if a <= m[0] < b), None)
        if same and not negated_before(sent.text, same[0], 40, verbal=True):
            judged, issue = _judge_same(idx, sent, a, b, same[1])
            checked |= judged
            if issue is not None:
                issues.append(issue)
        words = [w for w in tops if a <= w[0] < b]
        if not words:
            continue
        pops = _clause_pops(idx, sent, a, b)
        if len(pops) != 1:
            continue  # which slice is meant is not clear (or two are compared: the direction check's business)
        named = named_metrics(idx, sent.stems_between(a, b))
        s = _subject(idx, pops[0], named, {w[1][1] for w in words})
        if s is None:
            continue
        for at, (pol, kind), word, what in words:
            if negated_before(sent.text, at, 40, verbal=True):
                continue
            if what == "top" and _names_another_group(idx, sent, at, a, b):
                continue  # "weighted towards the worst-served accents": a group the slice named is not
            if what == "top" and _TAIL_SHARE.match(sent.plain_low, at + len(word)):
                continue  # "the slowest 5% of films": the tail a percentile is read from, no slice ranked
            if what == "top" and _in_a_slice_name(idx, sent.plain_low, at, word):
                continue  # "the lowest-income fifth of neighbourhoods": the slice's own name, as the findings give it
            judged, issue = (_judge_top if what == "top" else _judge_change)(idx, s, pol, kind, word)
            checked |= judged
            if issue is not None:
                issues.append(issue)
    return issues, checked


_COMPOUND = re.compile(r"[- ][a-z]+")
_TAIL_SHARE = re.compile(r"\s+(?:\d+(?:\.\d+)?\s*(?:%|per\s*cent\b)|one\s+in\s+\w+)")


def _in_a_slice_name(idx: FindingsIndex, low: str, at: int, word: str) -> bool:
    """Is the superlative with the word joined to it ("lowest-income") a phrase of a slice's name in the findings?"""
    joined = _COMPOUND.match(low, at + len(word))
    if joined is None or not joined.group(0).startswith("-"):
        return False
    return f"{word}{joined.group(0)}" in pop_texts(idx)


_GROUP_NOUNS = frozenset(stem(w) for w in "group groups slice slices segment segments population populations cohort cohorts "
                                               "one ones category categories subgroup subgroups".split())


def _names_another_group(idx: FindingsIndex, sent: Sentence, at: int, a: int, b: int) -> bool:
    """Is the noun right after a superlative ("the worst-served accents") neither a word of a slice the
    clause names nor of a metric's name: a group of its own, which the superlative is said of?"""
    ti = sent.tok_at(at)
    nxt = ti + 1
    if nxt >= len(sent.tok_stems) or sent.tok_starts[nxt] >= b or not sent.tok_words[ti].count("-"):
        return False
    if sent.tok_stems[nxt] in _GROUP_NOUNS or any(pm.start <= nxt <= pm.end for pm in sent.pop_mentions):
        return False  # "the worst-served group" is the slice the clause names
    return not named_metrics(idx, {sent.tok_stems[nxt]})


def _truth(idx: FindingsIndex, ref: str, kind: str, raw: int) -> int:
    return raw if kind in ("raw", "speed") else (raw if idx.metrics[ref].better_when_higher else -raw)


def _judge_top(idx: FindingsIndex, s: str, pol: int, kind: str, word: str) -> tuple[bool, Issue | None]:
    """(judged, the issue if wrong): is s the extreme of its metric among the slices of its finding?"""
    info = idx.metrics[s]
    key = name_key(idx, s)
    unit = info.metric.unit.value
    units = next((u for u in SAME_SCALE if unit in u), {unit})
    peers = [r for r, i in idx.metrics.items() if i.container == info.container and name_key(idx, r) == key
             and i.metric.unit.value in units and i.pop != info.pop]
    if not peers:
        return False, None
    v = _value(idx, s)
    beaten = [r for r in peers if _truth(idx, s, kind, 1 if v > _value(idx, r) else -1) != pol and _value(idx, r) != v]
    if not beaten:
        return True, None
    return True, Issue("direction", "contradicted", f"'{word}': {info.describe()} vs {idx.metrics[beaten[0]].describe()}", (s, beaten[0]))


def _judge_change(idx: FindingsIndex, s: str, pol: int, kind: str, word: str) -> tuple[bool, Issue | None]:
    """(judged, the issue if wrong): does s move from its baseline the way the verb says?"""
    info = idx.metrics[s]
    base = next((r for r in info.pair if idx.metrics[r].metric.id == info.metric.baseline), None)
    if base is None:
        return False, None
    vs, vb = _value(idx, s), _value(idx, base)
    if vs == vb:
        return False, None
    if (1 if vs > vb else -1) == pol:
        return True, None
    return True, Issue("direction", "contradicted", f"'{word}': {info.describe()} vs {idx.metrics[base].describe()}", (s, base))


def _judge_same(idx: FindingsIndex, sent: Sentence, a: int, b: int, word: str) -> tuple[bool, Issue | None]:
    """(judged, the issue if wrong) for a sameness claim about the metric the clause names: slices the
    findings measured that differ clearly (by more than a tenth) deny it. Not judged when no metric is named."""
    named = named_metrics(idx, sent.stems_between(a, b))
    if len(named) != 1:
        return False, None
    key = next(iter(named))
    measured = [r for r, i in idx.metrics.items() if name_key(idx, r) == key and i.pop]
    # the slices the clause names, when it names two or more of them ("for women- and men-owned" may name one)
    named_slices = {r for refs in _clause_pops(idx, sent, a, b) for r in refs} & set(measured)
    groups: dict[str, list[str]] = {}
    for r in measured:
        if len(named_slices) < 2 or r in named_slices:
            groups.setdefault(idx.metrics[r].container, []).append(r)
    for refs in groups.values():
        if len(refs) < 2:
            continue
        vals = sorted((_value(idx, r), r) for r in refs)
        (lo, r_lo), (hi, r_hi) = vals[0], vals[-1]
        if hi - lo > 0.1 * max(abs(lo), abs(hi)):
            return True, Issue("negation", "contradicted", f"'{word}' denies the difference the findings measured: "
                               f"{idx.metrics[r_lo].describe()} vs {idx.metrics[r_hi].describe()}", (r_lo, r_hi))
        return True, None
    return False, None
