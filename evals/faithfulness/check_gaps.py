"""Gaps and changes said of one figure, and the way they go.

"brings p99 to 1,900 ms, 500 ms higher", "2,400 ms against a 1,000 ms budget, 1,400 ms under
budget", "rose from 0.4% to 1.1%, a decrease of 0.7 points": the gap is a difference between two
metrics the sentence states (or one it states and one the gap's size picks out), and its word must go
the way that difference goes. "click-through falls by 1.2 points" and "compute is 3.1 times lower"
say which way a metric that is itself a change or a multiple goes. Judged only when the figures
leave one answer; the comparisons check_direction judges between named slices are its own.
"""

from __future__ import annotations

import re

from evals.faithfulness import lexicon as lx
from evals.faithfulness.analysis import Sentence, negated_before
from evals.faithfulness.check_direction import _judge_pair, _value
from evals.faithfulness.check_numbers import Issue, match
from evals.faithfulness.index import FindingsIndex
from evals.faithfulness.metric_names import DOWN_NAMES, UP_NAMES, name_words
from evals.faithfulness.numbers import Quantity
from evals.faithfulness.text import stem

# Between a figure and the comparison word after it ("500 ms higher", "0.7 points worse", "far lower").
_BETWEEN = re.compile(r"\s*(?:(?:much|far|well)\s+)?", re.I)
# A change verb or noun before its size ("falls by 1.2 points", "a decrease of about 0.7 points").
_BY_OR_OF = re.compile(r"\s+(?:by|of)\s+(?:about\s+|roughly\s+|around\s+|nearly\s+|almost\s+|some\s+|just\s+)?", re.I)
_CHANGE_WORD = re.compile(r"(?:ris|rose|fell|fall|drop|declin|decreas|increas|climb|jump|grew|grow|gain|cut|reduc|shr[ai]nk|dip|lift|improv|worsen)",
                          re.I)
_UP_DOWN = re.compile(r"\b(?:went|go|goes|gone|going|is|was|are|were|be|been)\s+(up|down)\s+(?:by\s+)?"
                      r"(?:about\s+|roughly\s+|nearly\s+|almost\s+|some\s+)?$", re.I)
# "1,400 ms under budget", "900 ms over the latency budget": a gap set against a line.
_LINE = re.compile(r"\s*(over|under)\s+(?:the\s+|its\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
                   r"(?:budget|target|limit|threshold|goal|objective|benchmark|cap|ceiling|floor|line)\b", re.I)

# A multiple of something that goes down ("speed-up", "faster"), or a quality judgement, says no raw way.
_NO_RAW_WAY = frozenset(stem(w) for w in "speedup speed-up faster slower improvement degradation better worse".split()) | DOWN_NAMES


def check_gaps(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    qs = [q for q in sent.quantities if not q.is_date and not q.gloss and q.unit not in ("count", "date")]
    if not qs:
        return [], False
    said = _said(sent, qs)
    if not said:
        return [], False
    issues: list[Issue] = []
    checked = False
    for q, (ca, pol, kind, word, change) in said:
        if negated_before(sent.text, ca if ca < q.start else q.start, 30, verbal=True):
            continue
        facts = match(idx, sent, q, True)[0]
        scope = set(sent.findings)
        own = [f for f in facts if f.kind == "metric" and (not scope or f.finding in scope)]
        if sent.source_metrics:
            own = [f for f in own if f.refs[0] in sent.source_metrics]  # the metrics a sourced sentence states
        if kind == "raw" and own and not _from_zero(idx, sent, qs, q, facts, change) and \
                (truth := _own_way(idx, own, q, ca)) is not None:
            checked = True
            if truth != pol:
                ref = own[0].refs[0]
                issues.append(Issue("direction", "contradicted", f"'{word}': {idx.metrics[ref].describe()} goes the other way",
                                    (ref,)))
            continue
        pair = _gap_pair(idx, sent, qs, q, facts, change)
        if pair is None:
            continue
        checked = True
        _judge_pair(idx, sent, issues, pair, ca, pol, kind, word)
    return issues, checked


def _from_zero(idx: FindingsIndex, sent: Sentence, qs: list[Quantity], q: Quantity, facts, change: bool) -> bool:
    """Is q a gap from a zero the sentence states ("$5.8 million higher than option CHAMP ($0)", "1% ... 0%:
    100% lower")? Such a gap equals the other figure, so it says the sentence's pair, not the way a metric goes."""
    others = [p for p in qs if p is not q]
    if not any(abs(p.value) < 1e-12 for p in others):
        return False
    return abs(q.value - 100) < 1e-9 or any(abs(p.value - q.value) < 1e-9 for p in others) or \
        _gap_pair(idx, sent, qs, q, facts, change) is not None


def _said(sent: Sentence, qs: list[Quantity]) -> list[tuple[Quantity, tuple[int, int, str, str, bool]]]:
    """Each figure with the comparison that states its way: (start, polarity, kind, word, is a change)."""
    comps = lx.comparison_mentions(sent.plain)
    out = []
    for q in qs:
        found = None
        for ca, cb, pol, kind, word in comps:
            if ca >= q.end and _BETWEEN.fullmatch(sent.text, q.end, ca):
                found = (ca, pol, kind, word, bool(_CHANGE_WORD.match(word)))
                break
            if cb <= q.start and (_BY_OR_OF.fullmatch(sent.text, cb, q.start) or not sent.text[cb:q.start].strip()) \
                    and _CHANGE_WORD.match(word):
                found = (ca, pol, kind, word, True)  # "falls by 1.2 points", "rising 14%"
        if found is None and (m := _UP_DOWN.search(sent.text, max(0, q.start - 30), q.start)):
            found = (m.start(1), 1 if m.group(1).lower() == "up" else -1, "raw", m.group(1), True)  # "went up by 7 points"
        if found is None and (m := _LINE.match(sent.text, q.end)):
            found = (m.start(1), 1 if m.group(1).lower() == "over" else -1, "raw", m.group(1), False)
        if found is not None:
            out.append((q, found))
    return out


def _own_way(idx: FindingsIndex, own: list, q: Quantity, ca: int) -> int | None:
    """The way a figure that is a metric of its own goes: a change by its sign and name, a multiple (said
    "3.1 times lower") by being above or below 1. None when that says nothing."""
    ways = set()
    for f in own:
        names = name_words(idx, f.refs[0])
        value = idx.metrics[f.refs[0]].metric.value
        if f.unit == "x" and ca > q.start and not names & _NO_RAW_WAY and value != 1:
            ways.add(1 if value > 1 else -1)
        elif names & UP_NAMES and not names & DOWN_NAMES and value:
            ways.add(1 if value > 0 else -1)
        elif names & DOWN_NAMES and not names & UP_NAMES and value:
            ways.add(-1 if value > 0 else 1)
        else:
            return None
    return ways.pop() if len(ways) == 1 else None


def _gap_pair(idx: FindingsIndex, sent: Sentence, qs: list[Quantity], q: Quantity, facts: list, change: bool) -> tuple[str, str] | None:
    """(subject, reference) of the gap q states: the metrics stated before it in the sentence, with the
    one the other is measured against as the reference; one metric stated, with the metric whose gap
    to it q is as the reference. None when the figures leave more than one answer."""
    stated: list[str] = []
    last_end = 0
    for p in qs:
        if p.end > q.start:
            break
        refs = [r for f in match(idx, sent, p, False)[0] if f.kind == "metric" for r in f.refs if r not in stated]
        stated += refs
        if refs:
            last_end = p.end
    if not stated:
        return None
    # slices named, without their figure, between the last figure and the gap: "it is 9%, so electric
    # vehicles are 14 points worse" sets electric vehicles against the 9%
    named_between = {p for pm in sent.pop_mentions if last_end <= sent.tok_starts[pm.start] < q.start for p in pm.pops}
    gaps = [f for f in facts if f.kind in ("diff", "times") and f.refs[0] in stated
            and (f.kind == "diff") == (q.unit != "x")]
    answers: set[tuple[str, str]] = set()
    open_ended = False  # a gap between two stated slices, either of which could be the subject
    for f in gaps:
        a, b = f.refs
        if b in stated:
            # both stated: the one measured against the other is the subject (of a multiple, the one it multiplies)
            if idx.metrics[a].metric.baseline == idx.metrics[b].metric.id:
                answers.add((a, b))
            elif idx.metrics[b].metric.baseline == idx.metrics[a].metric.id and f.kind == "diff":
                answers.add((b, a))
            else:
                open_ended = True
        elif len(stated) == 1 and not change:
            # "brings p99 to 1,900 ms, 500 ms lower": lower than the metric 500 ms away
            answers.add((b, a) if idx.metrics[b].pop in named_between and idx.metrics[a].pop not in named_between else (a, b))
    # one figure set against two with the same value (option B's 2,400 ms and today's 2,400 ms) is one answer
    if len({(s, _value(idx, r)) for s, r in answers}) == 1:
        answers = {min(answers)}
    # a metric and its line, when the same figures are also two slices, are what the gap measures
    if len(answers) != 1 or (open_ended and not any(idx.metrics[s].metric.baseline for s, _ in answers)):
        return None
    s, r = answers.pop()
    return (s, r) if _value(idx, s) != _value(idx, r) else None
