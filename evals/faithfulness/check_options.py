"""Which trade-off option a figure or a recommendation is attached to.

A figure of one option stated for another ("option B has accuracy of 86%" when 86% is option A's)
matches a value in the findings, so the number checks alone pass it; so does a recommendation
moved to another option. Both read options the way briefs name them: "option X", one capital letter.
"""

from __future__ import annotations

import re

from evals.faithfulness.analysis import Sentence, negated_before
from evals.faithfulness.index import Fact, FindingsIndex
from evals.faithfulness.numbers import Quantity
from evals.faithfulness.text import OPTION_LETTER_RE


def _letter_mentions(sent: Sentence) -> list[tuple[int, int, str]]:
    """(start, end, letter) of each "option X" in the sentence."""
    got = sent.memo.get("option_letters")
    if got is None:
        got = sent.memo["option_letters"] = [(m.start(), m.end(), m.group(1).lower()) for m in OPTION_LETTER_RE.finditer(sent.text)]
    return got


def attached_option(sent: Sentence, q: Quantity) -> str | None:
    """The letter of the option a figure is stated for, or None when the sentence does not say.

    A figure right before "(for) option X" is X's; figures between one "option X" and the next are X's. Figures after the last one are its, except two
    set against each other, which follow the options in turn: "option A is 2 points above option B
    (86% against 84%)"."""
    mentions = _letter_mentions(sent)
    after = next((m for m in mentions if m[0] >= q.end), None)
    if after and _NAMES_NEXT.fullmatch(sent.text, q.end, after[0]):
        return after[2]  # "86% for option A", "86% (option A)"
    before = [m for m in mentions if m[1] <= q.start]
    if not before:
        return None
    if len(before) < len(mentions):
        return before[-1][2]
    last_end = before[-1][1]
    run = [p for p in sent.quantities if p.start >= last_end and not p.is_date and not p.gloss]
    if q not in run:
        return None
    listed = run[:2]
    if len(listed) == 2 and _SET_AGAINST.fullmatch(sent.text, listed[0].end, listed[1].start):
        # Two figures set against each other after the options they compare: one each, in turn.
        if run.index(q) >= 2 or len(before) < 2:
            return None
        return before[len(before) - 2 + run.index(q)][2]
    return before[-1][2]


_NAMES_NEXT = re.compile(r"\s*\(?\s*(?:(?:for|on|with|under|in|from|by|of|at|using)\s+)?(?:the\s+)?", re.I)
_SET_AGAINST = re.compile(r"\s*(?:against|vs\.?|versus|compared (?:with|to))\s*", re.I)


def other_options_figure(idx: FindingsIndex, sent: Sentence, q: Quantity, facts: list[Fact]) -> list[str] | None:
    """The metrics of the option a figure is stated for, when the figure is only another option's value
    of the same measure; None when the figure fits the option it is stated for (or no option is named)."""
    # Only figures of the trade-off's options: a finding's figure (even one whose id ends in an option's
    # letter, "acc_a") is attached by its population.
    refs = [r for f in facts for r in f.refs if idx.metrics[r].option and idx.metrics[r].finding is None]
    if not refs or len(refs) < sum(len(f.refs) for f in facts):
        return None
    letter = attached_option(sent, q)
    if letter is None:
        return None
    tradeoffs = {idx.metrics[r].container for r in refs}
    if any(idx.metrics[r].option.rsplit(".", 1)[1].lower() == letter for r in refs):
        return None
    names = {(idx.metrics[r].metric.name.lower(), idx.metrics[r].metric.unit) for r in refs}
    own = [r for r, info in idx.metrics.items() if info.option and info.container in tradeoffs
           and info.option.rsplit(".", 1)[1].lower() == letter and (info.metric.name.lower(), info.metric.unit) in names]
    return own or None


_RECOMMENDED = re.compile(r"\b(?:recommendation is|recommends?|recommended|approve|the pick is|chosen option is)\s+(?:to\s+(?:choose|pick|approve|adopt)\s+)?"
                          r"(?:option\s+([A-Z])\b)", re.I)


def wrong_recommendation(idx: FindingsIndex, sent: Sentence) -> tuple[str, str] | None:
    """(option named, option the findings recommend) when a sentence recommends another option than
    the trade-off's own recommendation."""
    recs = {t.id: t.recommendation for t in idx.doc.tradeoffs if t.recommendation}
    if not recs:
        return None
    for m in _RECOMMENDED.finditer(sent.text):
        letter = m.group(1)
        if not letter.isupper() or negated_before(sent.text, m.start(), 30, verbal=True):
            continue
        holders = [t for t in idx.doc.tradeoffs if any(o.id == letter for o in t.options)]
        if len(holders) == 1 and holders[0].id in recs and recs[holders[0].id] != letter:
            return letter, recs[holders[0].id]
    return None
