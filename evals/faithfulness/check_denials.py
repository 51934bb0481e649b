"""Denials of what a finding counts: "No transcripts contain card numbers", "none of the outputs
leaked data", "no user was affected", when a finding measures that very thing above zero.

The denied thing is matched to a metric whose value counts something bad (better when lower):
the clause must hold the words of the metric's name, apart from words like "rate" or "share",
and at least two words of its name and population together. A denial of a slice the metric does
not measure, one made conditional or placed in time ("once masking is live", "since the fix"), and
one that a metric measured at zero supports, are left alone.
"""

from __future__ import annotations

import math
import re

from evals.faithfulness import lexicon as lx
from evals.faithfulness.analysis import Sentence
from evals.faithfulness.check_numbers import Issue
from evals.faithfulness.check_slices import quantifiers
from evals.faithfulness.index import FindingsIndex
from evals.faithfulness.text import content_stems, stem
from evals.faithfulness.text_cache import remembered

_FRAGMENTS = ("no ", "none", "zero ", "not a single", "not one", "nobody", "no one", "never", "not ", "n't")
_DENIAL = lx._fast(r"\b(?:no(?!\s+(?:more|less|fewer|longer|later|sooner|other|significant|material|real|major|serious|evidence|"
                   r"sign|signs|doubt|clear|known|reason|way|need|plan|one\s+(?:should|can|could|would|may|might|must)))|zero|"
                   r"none\s+of|not\s+(?:a\s+)?single|not\s+one|nobody|no\s+one|never|"
                   r"(?P<verb>(?:was|were|is|are|has|have|had|did|do|does)(?:\s+not|n't)))\b")
# A condition, a time after which, a plan or a hedge: the denial is not of what was measured.
_NOT_OF_MEASURED = lx._fast(r"\b(?:if|once|unless|until|since|after|when|now|any\s+longer|anymore|again|yet|should|must|would|could|"
                            r"will|can|may|might|aim\w*|expect\w*|ensure\w*|plan\w*|hope\w*|goal|target|whether|than|"
                            r"before|by\s+the\s+time|going\s+forward|from\s+now|so\s+far\s+as)\b")
# Words of a metric's name that say how it is counted, not what: "leak rate" counts leaks.
_COUNTING = frozenset(stem(w) for w in "rate rates share proportion fraction percentage percent ratio count number frequency "
                      "incidence level total".split())


@remembered  # pure in the text, which briefs repeat
def denials(low: str) -> tuple[int, ...]:
    """(where each denial starts, whether it is a negated verb: "were not affected")."""
    if not lx.contains_any(low, _FRAGMENTS) or low.rstrip().endswith("?"):
        return ()
    return tuple((m.start(), bool(m.group("verb"))) for m in _DENIAL.finditer(low))


def _counted(idx: FindingsIndex) -> list[tuple[str, frozenset[str], frozenset[str]]]:
    """(ref, name stems, population stems) of every metric that counts something bad, once per document."""
    got = idx.__dict__.get("_denial_metrics")
    if got is None:
        got = []
        for ref, info in idx.metrics.items():
            if info.better_when_higher or info.metric.unit.value not in ("percent", "ratio", "count") or info.finding is None:
                continue
            name = frozenset(content_stems(info.metric.name))
            got.append((ref, (name - _COUNTING) or name, frozenset(content_stems(info.pop)) - _COUNTING))
        idx.__dict__["_denial_metrics"] = got
    return got


def _has(stems: set[str], n: str) -> bool:
    """Is stem n among stems, also as a longer or shorter form ("leak" of "leakage")?"""
    return n in stems or len(n) >= 4 and any(len(t) >= 4 and (t.startswith(n) or n.startswith(t)) for t in stems)


def check_denials(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    at = denials(sent.plain_low)
    if not at:
        return [], False
    counted = _counted(idx)
    if not counted:
        return [], False
    issues: list[Issue] = []
    checked = False
    low = sent.plain_low
    for off, clause in sent.clauses:
        a, b = off, off + len(clause)
        here = [p for p, _ in at if a <= p < b]
        if len(here) != 1 or _NOT_OF_MEASURED.search(low, a, b) or any(q[0] == here[0] for q in quantifiers(low)):
            continue  # "no group above 10%" is a claim over slices (check_slices)
        if any(a <= q.start < b and not q.is_date for q in sent.quantities):
            continue  # "no more than 3 users", "none of the 40 outputs": a figure, for the number checks
        stems = sent.stems_between(a, b)
        verbal = next(v for p, v in at if p == here[0])
        fits = []
        for ref, name, pop in counted:
            got = sum(1 for n in name if _has(stems, n))
            # "were not affected" must name all of it; "no X" most of it ("none of the outputs leaked data")
            if got < (len(name) if verbal else math.ceil(0.75 * len(name))) or got + len(pop & stems) < 2:
                continue
            if lx.NEGATION_RE.search(idx.metrics[ref].metric.name.lower()):
                # "36 disclosures were not escalated" is the count "disclosures not escalated" in words, and
                # "3.1 images were flagged that showed no damage" the count "images flagged that showed no damage"
                continue
            fits.append(ref)
        if not fits:
            continue
        # a slice the clause names that the metric does not measure is another matter
        named = {p for pm in sent.pop_mentions if a <= sent.tok_starts[pm.start] < b for p in pm.pops}
        if named:
            fits = [r for r in fits if not idx.metrics[r].pop or idx.metrics[r].pop in named]
        if not fits:
            continue
        checked = True
        if any(idx.metrics[r].metric.value == 0 for r in fits):
            continue  # a finding measured none: the denial holds
        words = re.split(r"[,;:]", sent.text[here[0]:b], maxsplit=1)[0].strip().rstrip(".")
        issues.append(Issue("negation", "contradicted", f"'{words}' denies what the findings count: "
                            + "; ".join(idx.metrics[r].describe() for r in fits[:2]), tuple(fits[:2])))
    return issues, checked
