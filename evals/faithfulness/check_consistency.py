"""Figures a sentence sets against each other, and the word that says which way they go.

"went from 2.0% to 3.0%, down by half", "34 stock-outs per 1,000 days, down from 21", "$1.20 a
summary, over the $2.00 budget": whatever the findings say, a sentence whose own two figures run
against its own word contradicts itself, and the word is what a reader acts on. Judged only on two
figures of one kind in one clause, written in the patterns below; the findings' figures are the
number checks' business.
"""

from __future__ import annotations

import re

from evals.faithfulness.analysis import Sentence
from evals.faithfulness.check_numbers import _PER_BASE, Issue
from evals.faithfulness.index import FindingsIndex
from evals.faithfulness.numbers import Quantity

# change words only: "more" and "lower" after the second figure belong to a phrase of their own ("90 seconds more")
_UP = r"rose|rise|rises|risen|rising|increased|increases|climbed|grew|jumped|went up|up"
_DOWN = r"fell|fall|falls|fallen|falling|dropped|drops|decreased|decreases|declined|went down|down|cut|cuts|halved|shrank"
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:about\s+|roughly\s+|around\s+)?$", re.I)
_TO_BETWEEN = re.compile(r"[^.;:]{0,60}?\bto\s+(?:about\s+|roughly\s+|around\s+)?$", re.I)
_WORD_AROUND = re.compile(rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b", re.I)
# "34 ... , down from 21": the first figure is where it went
_CHANGED_FROM = re.compile(rf"[^.;:]{{0,50}}?,?\s*\b(?:(?P<up>up|higher|more|rising|risen)|(?P<down>down|lower|fewer|falling|fallen))\s+from\s+"
                           r"(?:about\s+|roughly\s+|around\s+)?$", re.I)
# "$1.20 ..., over the $2.00 budget", "19 minutes, just outside the one-hour standard"
_AGAINST_LINE = re.compile(r"[^.;:]{0,40}?[,(]\s*(?:just\s+|well\s+|far\s+|still\s+|comfortably\s+)?"
                           r"(?:(?P<up>over|above|beyond|outside|exceeding|more than)|(?P<down>under|below|within|inside|less than))\s+"
                           r"(?:the\s+|our\s+|its\s+|their\s+|a\s+|an\s+)?$", re.I)
_KIND = {"percent": "percent", "pp": "percent", "usd": "usd", "s": "s", "ms": "s", "count": "count", "ratio": "ratio", "x": "x"}


def _figures(sent: Sentence) -> list[Quantity]:
    """The sentence's figures, without dates and the bases of rates ("per 1,000")."""
    return [q for q in sent.quantities if not q.is_date and q.unit != "date"
            and not _PER_BASE.search(sent.text, max(0, q.start - 16), q.start)]


def _same_kind(a: Quantity, b: Quantity) -> bool:
    return _KIND.get(a.unit) is not None and _KIND.get(a.unit) == _KIND.get(b.unit)


def check_consistency(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    figs = _figures(sent)
    if len(figs) < 2:
        return [], False
    text = sent.text
    issues: list[Issue] = []
    for a, b in zip(figs, figs[1:]):
        if not _same_kind(a, b) or abs(a.value - b.value) <= max(a.tol, b.tol):
            continue
        between = text[a.end:b.start]
        if _FROM_BEFORE.search(text, max(0, a.start - 20), a.start) and _TO_BETWEEN.fullmatch(between):
            # "went from 2.0% to 3.0%, down by half": the word before "from" or right after the second figure
            before = re.split(r"[.;:]", text[max(0, a.start - 40):a.start])[-1]
            after = re.split(r"[.;:]", text[b.end:b.end + 40], maxsplit=1)[0]
            words = list(_WORD_AROUND.finditer(before)) + list(_WORD_AROUND.finditer(after))
            if len(words) == 1:
                up = words[0].group("up") is not None
                if up != (b.value > a.value):
                    issues.append(_issue(words[0].group(0), a, b, "from", "to"))
            continue
        # "34 ..., down from 21" (the first figure is where it went) and "$1.20, over the $2.00 budget":
        # either way the word says whether the first figure is the larger
        for pattern, said in ((_CHANGED_FROM, lambda: ("from", b, "to", a)), (_AGAINST_LINE, lambda: ("", a, "against", b))):
            m = pattern.fullmatch(between)
            if m is None:
                continue
            if (m.group("up") is not None) != (a.value > b.value):
                lead, x, join, y = said()
                issues.append(_issue(m.group("up") or m.group("down"), x, y, lead, join))
            break
    return issues, bool(issues)


def _issue(word: str, a: Quantity, b: Quantity, lead: str, join: str) -> Issue:
    said = f"{lead} {a.text} {join} {b.text}".strip()
    return Issue("direction", "contradicted", f"'{word}' runs against the sentence's own figures ({said})")
