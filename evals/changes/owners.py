"""Claims that an owner changed, of a finding or of a mitigation.

"The owner of “T” changed from X to Y", "“T” now has an owner, Y; no owner was
named before", "“T” no longer names an owner; it was X", and the same three for
"the mitigation “A”". X is checked against OLD and Y against NEW, with owners
found by the names the documents hold (evals.changes.names), so any owner text
works, and a swapped pair or an owner from neither side fails with `owner`.
"""

from __future__ import annotations

import re

from evals.changes.align import Topic
from evals.changes.compare import Changes
from evals.changes.events import mitigation_pairs
from evals.changes.names import BEFORE_TO, judge_pair, owners_of, quoted_spans, stated_at, unquoted, value
from evals.changes.pairs import _date, _level, _quantity
from evals.changes.words import Issues, word

FROM = re.compile(r"\bfrom\s+", re.I)
OWNER_CUE = re.compile(r"\bowner|\bowned\b", re.I)
NOW_OWNED = re.compile(r"\bnow has an owner,\s+", re.I)
NO_LONGER_OWNED = re.compile(r"\bno longer names an owner; it was\s+", re.I)
# "the owner of the mitigation “…”", "the mitigation “…” now has an owner": the owner of an action, not of a finding.
OF_MITIGATION = re.compile(r"\bowner of (?:the )?mitigation\b|\bmitigation\b.*\bowner\b", re.I)


def owner_claims(changes: Changes, topic: Topic, text: str, issues: Issues) -> list[tuple[int, int]]:
    """Check every owner move the sentence states; the spans it read, so no other check reads them again."""
    names = owners_of(changes)
    scan = unquoted(text, names)
    spans: list[tuple[int, int]] = []
    for m in FROM.finditer(scan):
        if not OWNER_CUE.search(scan, 0, m.start()):
            continue
        a, a_end = stated_at(scan, m.end(), names, BEFORE_TO)
        to = BEFORE_TO.match(scan, a_end)
        if to is None or (a not in names and (_date(a) or _level(a) or _quantity(a))):
            continue  # "moved from 1 May to 1 June": a date, rating or number, not an owner
        b, b_end = stated_at(scan, to.end(), names)
        spans.append((m.start(), b_end))
        _judge(changes, topic, text, scan, a, b, issues)
    for rx, said_old in ((NOW_OWNED, False), (NO_LONGER_OWNED, True)):
        for m in rx.finditer(scan):
            who, end = stated_at(scan, m.end(), names)
            spans.append((m.start(), end))
            _judge(changes, topic, text, scan, *((who, "") if said_old else ("", who)), issues)
    return spans


def _judge(changes: Changes, topic: Topic, text: str, scan: str, a: str, b: str, issues: Issues) -> None:
    if OF_MITIGATION.search(scan):
        named = mitigation_pairs(changes, topic, text)
        candidates = [(om.owner, nm.owner, f"the mitigation “{nm.action}”") for _, _, om, nm in named
                      if om is not None and nm is not None]
    else:
        candidates = [(word(o.owner), word(n.owner), n.id) for o, n in topic.pairs if o is not None and n is not None]
    judge_pair("owner", "owner", candidates, a, b, issues)


# "“Route posts …” (the Social care team)", "“…” (J. O'Neil, due 1 May 2027, planned)": who does the action.
AFTER_ACTION = re.compile(r"[”\"]\s*\(")
NOT_AN_OWNER = re.compile(r"(?:due|planned|in progress|done|status|for|which|was|is|not)\b", re.I)


def action_owner_claims(changes: Changes, topic: Topic, text: str, issues: Issues) -> bool:
    """The owner named in brackets after a quoted mitigation must be its owner (NEW's, or OLD's if NEW lists it no more).

    True when an owner named so is wrong; a right one leaves the sentence to the other checks.
    """
    names = owners_of(changes)
    wrong = False
    for a, b in quoted_spans(text, names):
        after = AFTER_ACTION.match(text, b - 1)
        if after is None or NOT_AN_OWNER.match(text, after.end()):
            continue
        action = text[a:b].strip("“”\"")
        named = [(om, nm) for _, _, om, nm in mitigation_pairs(changes, topic, f"“{action}”")]
        if not named:
            continue
        said, _ = stated_at(text, after.end(), names)
        owners = [(nm or om).owner for om, nm in named]
        if not any(value(said) == value(o) for o in owners):
            issues.add("owner", "; ".join(f"“{(nm or om).action}” is owned by {(nm or om).owner or 'no one named'}"
                                          for om, nm in named))
            wrong = True
    return wrong
