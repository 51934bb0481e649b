"""Balance check for a trade-off framing: every option's strongest point is present."""

from __future__ import annotations

import re

from schemas.brief import Sentence
from schemas.findings import Tradeoff

_WORD = re.compile(r"[a-z][a-z'-]+")
_SKIP = frozenset("the and for with from that this than into have has every each more less its their our".split())


def _stems(text: str) -> set[str]:
    return {w[:6] for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in _SKIP}


def mentions(sentences: list[Sentence], point: str, threshold: float = 0.5) -> bool:
    """True when some sentence carries at least `threshold` of the point's content words."""
    want = _stems(point)
    if not want:
        return True
    return any(len(want & _stems(s.text)) / len(want) >= threshold for s in sentences)


def balance_issues(t: Tradeoff, sentences: list[Sentence]) -> list[str]:
    """What a framing of `t` leaves out: an option, its strongest point or main cost, a constraint."""
    issues: list[str] = []
    for o in t.options:
        src = f"{t.id}.{o.id}"
        about = [s for s in sentences if any(x == src or x.startswith(src + ".") for x in s.sources)]
        if not about:
            issues.append(f"{t.id}: option {o.id} ({o.name}) is not discussed; give it sentences with source {src}")
            continue
        # the point must be made about this option, not borrowed from a sentence about another
        if o.pros and not mentions(about, o.pros[0]):
            issues.append(f"{t.id}: option {o.id} ({o.name}): its strongest point is missing: {o.pros[0]}")
        if o.cons and not mentions(about, o.cons[0]):
            issues.append(f"{t.id}: option {o.id} ({o.name}): its main cost is missing: {o.cons[0]}")
    for c in t.constraints:
        if not mentions(sentences, c):
            issues.append(f"{t.id}: the constraint is not stated: {c}")
    return issues
