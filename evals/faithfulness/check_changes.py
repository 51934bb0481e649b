"""Changes stated from one figure to another: "Welsh word error rate rose from 11.0% to 14.2%".

When the two figures are a metric and its baseline in the findings, the change must run from the
baseline to the metric when they are one population at two times or versions (not the other way
round), and its verb must go the way the figures go:
"fell from 11.0% to 14.2%" or "rose from 14.2% to 11.0%" contradicts the findings. Judged only
when both figures are one such pair, so "from 2 to 5 days" about anything else is left alone.
"""

from __future__ import annotations

import re

from evals.faithfulness import lexicon as lx
from evals.faithfulness.analysis import Sentence, negated_before
from evals.faithfulness.check_numbers import Issue, match
from evals.faithfulness.index import FindingsIndex
from evals.faithfulness.text import content_stems, stem

_TO = re.compile(r"\s*(?:to|->|→)\s*", re.I)
_FROM = re.compile(r"\bfrom\s*$", re.I)
_UP = lx._fast(r"\b(?:rose|rises|risen|rising|increased|increases|increasing|climbed|climbs|grew|grows|went up|goes up|jumped|jumps|"
               r"up|higher)\b")
_DOWN = lx._fast(r"\b(?:fell|falls|fallen|falling|dropped|drops|declined|declines|decreased|decreases|went down|goes down|shrank|"
                 r"down|lower)\b")
# Any verb of change; a span ("ranges", "varies") is none.
_CHANGE = lx._fast(r"\b(?:rose|rises|risen|rising|increas\w*|climb\w*|grew|grows|went|goes|gone|jump\w*|fell|falls|fallen|falling|drop\w*|"
                   r"declin\w*|decreas\w*|shrank|shrinks|moved?|moves|changed?|changes|shifted|shifts|improv\w*|worsen\w*|deteriorat\w*|"
                   r"up|down)\b")
_BETTER = lx._fast(r"\b(?:improved|improves|improving|better)\b")
_WORSE = lx._fast(r"\b(?:worsened|worsens|deteriorated|deteriorates|worse)\b")


def check_changes(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    qs = [q for q in sent.quantities if not q.is_date and not q.gloss]
    if len(qs) < 2 or " from " not in sent.low:
        return [], False
    issues: list[Issue] = []
    checked = False
    for q1, q2 in zip(qs, qs[1:]):
        if not _TO.fullmatch(sent.text, q1.end, q2.start) or not _FROM.search(sent.text, max(0, q1.start - 8), q1.start):
            continue
        pair = _pair(idx, sent, q1, q2)
        if pair is None:
            continue
        first, second = pair
        before = sent.low[max(0, q1.start - 40): q1.start]
        if not _CHANGE.search(before):
            continue  # "ranges from 65% to 90%" states a span, not a change
        info = idx.metrics[second]
        if info.metric.baseline != idx.metrics[first].metric.id and not over_time(idx, first, second):
            continue  # "rises from 65% on sarcastic posts to 90% overall" compares slices, in either order
        checked = True
        if info.metric.baseline != idx.metrics[first].metric.id:
            issues.append(Issue("direction", "contradicted", f"'{q1.text} to {q2.text}' runs backwards: {idx.metrics[first].describe()} "
                                f"is measured against {info.describe()}", (first, second)))
            continue
        verbs = [(m, rx) for rx in (_UP, _DOWN, _BETTER, _WORSE) for m in rx.finditer(before)]
        if not verbs:
            continue
        verb, rx = max(verbs, key=lambda v: v[0].start())
        if negated_before(before, verb.start(), 20, verbal=True):
            continue
        # raw verbs say which way the value moves; "improved" and "worsened" which way is better
        says_up = rx is _UP if rx in (_UP, _DOWN) else (rx is _BETTER) == info.better_when_higher
        went_up = q2.value > q1.value
        if q2.value != q1.value and says_up != went_up:
            issues.append(Issue("direction", "contradicted", f"'{verb.group(0)}' from {q1.text} to {q2.text}: {idx.metrics[first].describe()} "
                                f"then {info.describe()}", (first, second)))
    return issues, checked


def _pair(idx: FindingsIndex, sent: Sentence, q1, q2) -> tuple[str, str] | None:
    """(metric stated first, metric stated second) when the two figures are a metric and its baseline."""
    ones = {r for f in match(idx, sent, q1, False)[0] if f.kind == "metric" for r in f.refs}
    twos = {r for f in match(idx, sent, q2, False)[0] if f.kind == "metric" for r in f.refs}
    found = [(a, b) for a in sorted(ones) for b in sorted(twos) if a != b and b in idx.metrics[a].pair
             and (idx.metrics[a].metric.baseline == idx.metrics[b].metric.id or idx.metrics[b].metric.baseline == idx.metrics[a].metric.id)]
    return found[0] if len(found) == 1 else None


_TIME_WORDS = frozenset(stem(w) for w in "release version model before after last previous prior new old current baseline year quarter "
                        "month week launch update retrain retrained retraining v".split())


def over_time(idx: FindingsIndex, a: str, b: str) -> bool:
    """Do two metrics' populations differ only by when or which version ("on release 6.4", "on release 7.0")?"""
    pa, pb = _when_stems(idx.metrics[a].pop), _when_stems(idx.metrics[b].pop)
    differ = pa ^ pb
    return bool(differ) and all(s[:1].isdigit() or s in _TIME_WORDS for s in differ)


_BEFORE_AFTER = re.compile(r"\b(before|after)\b", re.I)


def _when_stems(pop: str) -> set[str]:
    """A population's content stems, with "before" and "after" (stopwords elsewhere) kept: they say when."""
    return set(content_stems(pop)) | {stem(m.group(1).lower()) for m in _BEFORE_AFTER.finditer(pop)}
