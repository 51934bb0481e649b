"""Claims that a trade-off's recommended option changed.

"The recommended option for “Q” changed from option B (Scorecard) to option A
(Gradient-boosted ensemble)", "The trade-off “Q” now recommends option A (…); no
option was recommended before", "… no longer recommends an option; it
recommended option B (…)". Options are named by id, by name or both, as the
documents spell them; the old one is checked against OLD and the new one against
NEW. Sides swapped is `slice`; an option neither side recommends, or a change
the documents do not show, is `extrinsic`.
"""

from __future__ import annotations

import re

from evals.changes.align import QUOTED, split_source
from evals.changes.compare import Changes, norm
from evals.changes.names import BEFORE_TO, ENDS, judge_pair, stated_at, unquoted
from evals.changes.words import Issues
from schemas.findings import Tradeoff

RECOMMEND = re.compile(r"\brecommend", re.I)
FROM = re.compile(r"\bfrom\s+", re.I)
NOW_RECOMMENDS = re.compile(r"\bnow recommends\s+", re.I)
NO_LONGER = re.compile(r"\bno longer recommends an option; it recommended\s+", re.I)
NONE_BEFORE = ("no option", "none", "no recommendation")


def labels_of(t: Tradeoff) -> dict[str, str]:
    """Each way a sentence may name an option of t ("option B (Scorecard)", "Scorecard", "option B"), to its id."""
    out: dict[str, str] = {}
    for o in t.options:
        for label in (f"option {o.id} ({o.name})", f"{o.name} (option {o.id})", o.name, f"option {o.id}"):
            out.setdefault(label.lower(), o.id)
    return out


def option_names(changes: Changes) -> list[str]:
    """Every option name either document gives, longest first: quote marks in one (“Safe” mode) are part of it."""
    names = {o.name for doc in (changes.old, changes.new) for t in doc.tradeoffs for o in t.options}
    return sorted(names, key=lambda n: (-len(n), n))


def _pairs(changes: Changes, text: str, sources: list[str]) -> list[tuple[Tradeoff, Tradeoff]]:
    """(OLD, NEW) trade-offs the sentence is about: by sources, else by the quoted question, else all."""
    both = changes.tradeoff_pairs
    ids = {split_source(s)[1].partition(".")[0] for s in sources}
    named = [p for p in both if p[0].id in ids or p[1].id in ids]
    if named:
        return named
    quoted = {norm(q.strip("“”\"")) for q in QUOTED.findall(text)}
    return [p for p in both if norm(p[0].question) in quoted or norm(p[1].question) in quoted] or both


def tradeoff_claims(changes: Changes, text: str, sources: list[str], issues: Issues) -> list[tuple[int, int]]:
    """Check a recommendation move the sentence states; the spans it read."""
    scan = unquoted(text, option_names(changes))
    if not RECOMMEND.search(scan):
        return []
    pairs = _pairs(changes, text, sources)
    labels: dict[str, str] = {}
    for o, n in pairs:
        labels.update(labels_of(o))
        labels.update(labels_of(n))
    names = sorted(labels, key=len, reverse=True)
    spans: list[tuple[int, int]] = []
    said: list[tuple[int, str, str]] = []
    for m in FROM.finditer(scan):
        a, a_end = stated_at(scan, m.end(), [*names, *NONE_BEFORE], BEFORE_TO)
        to = BEFORE_TO.match(scan, a_end)
        if to is None:
            continue
        b, b_end = stated_at(scan, to.end(), [*names, *NONE_BEFORE], ENDS)
        said.append((m.start(), a, b))
        spans.append((m.start(), b_end))
    for rx, old_side in ((NOW_RECOMMENDS, False), (NO_LONGER, True)):
        for m in rx.finditer(scan):
            x, end = stated_at(scan, m.end(), names, ENDS)
            said.append((m.start(), *((x, "") if old_side else ("", x))))
            spans.append((m.start(), end))
    candidates = [(o.recommendation, n.recommendation, f"trade-off {n.id}") for o, n in pairs]
    for _, a, b in said:
        a_id = labels.get(a.lower().strip(), "" if a.lower().strip() in ("", *NONE_BEFORE) else a)
        b_id = labels.get(b.lower().strip(), "" if b.lower().strip() in ("", *NONE_BEFORE) else b)
        judge_pair("recommendation", "extrinsic", candidates, a_id, b_id, issues, swapped="slice")
    return spans
