"""The two-sided faithfulness check of a change brief against OLD and NEW.

A "from X to Y" (or "was X, now Y") claim must match both sides: X against
OLD, Y against NEW; the stated change in points or relative terms is
recomputed from the two values; direction words ("rose", "worse") must agree
with the sign of the move and whether higher is better. Claims that something
is new, closed, done, slipped, renamed, added or dropped are checked against
the comparison of the two documents, and so are claims that a whole decision
(a trade-off) was added or is no longer in the document. Other sentences citing only one side
(a caveat that still holds, the decision) go to the one-document checker.
Error codes are DESIGN.md's: a value taken from the wrong side is `slice`, a
wrong value `number`, a miscomputed change `derived` (`unit` for points stated
as per cent), a flipped direction `direction`, a change the documents do not
contain `extrinsic`.
"""

from __future__ import annotations

from evals.changes.align import QUOTED, Topic, split_source, topic_of
from evals.changes.compare import Changes, compare
from evals.changes.decisions import decision_claims
from evals.changes.events import (
    caveat_claims, finding_claims, headline_claims, measurement_claims, mitigation_claims, mitigation_pairs,
)
from evals.changes.owners import action_owner_claims, owner_claims
from evals.changes.pairs import check_derived, check_direction, pair_claims
from evals.changes.tradeoffs import tradeoff_claims
from evals.changes.words import CHANGE_CUES, HEADLINE, NO_CHANGES, SUMMARY_OPENING, Issues, mask
from evals.faithfulness.caveats import missing_caveats
from evals.faithfulness.harness import PRIORITY, brief_units, check_units, parse_brief
from evals.faithfulness.index import FindingsIndex, by_length, index_for
from schemas.brief import Brief
from schemas.evaluation import Claim, ErrorCode, EvalResult, Verdict
from schemas.findings import FindingsDocument

ORDER = (*PRIORITY, "caveat")


def _check_sentence(changes: Changes, section: str | None, text: str, sources: list[str]) -> Claim | None:
    topic = topic_of(changes, text, sources)
    issues = Issues()
    taken = owner_claims(changes, topic, text, issues) + tradeoff_claims(changes, text, sources, issues)
    spans, move = pair_claims(changes, topic, text, issues, taken)
    did = bool(spans) | _dangling(changes, sources, issues)
    if move is not None:
        quoted = [m.span() for m in QUOTED.finditer(text)]
        low = text.lower()
        # Numbers inside the metric's own name or population ("applicants aged 18-25") are not changes.
        for phrase in {p.lower() for p in (move.new.population, move.new.name, move.old.population) if p}:
            i = low.find(phrase)
            if i >= 0:
                quoted.append((i, i + len(phrase)))
        masked = mask(text, spans + quoted)
        check_derived(move, masked, issues)
        check_direction(move.rose, move.better, mask(text, quoted), issues, f"{move.finding}.{move.metric}")
    # A summary of the kinds of change ("some risks got worse, mitigations slipped"), about no one finding.
    summary = any(rx.search(text) for rx in (*HEADLINE.values(), NO_CHANGES))
    headline = section == "headline" or (summary and (topic.everything or SUMMARY_OPENING.match(text) is not None)
                                         and not mitigation_pairs(changes, topic, text))
    if headline:
        did |= headline_claims(changes, text, issues)
    if section != "headline" and decision_claims(changes, text, sources, issues, summary=headline):
        did = True  # a decision added or removed: about a trade-off, not about any finding's facts
    elif not headline:
        structural = [finding_claims(changes, topic, text, issues, section)]
        structural += [f(changes, topic, text, issues) for f in (mitigation_claims, caveat_claims, measurement_claims)]
        did |= any(structural) | action_owner_claims(changes, topic, text, issues)
    if not did:
        claim = _one_side(changes, topic, section, text, sources)
        if claim is not None or CHANGE_CUES.search(text) is None:
            return claim
    if not did and not issues:
        return None
    code, evidence = min(issues, key=lambda i: ORDER.index(i[0])) if issues else (None, None)
    verdict = Verdict.supported if code is None else Verdict.unsupported if code == "extrinsic" else Verdict.contradicted
    return Claim(text=text, verdict=verdict, error=ErrorCode(code) if code else None, sources=list(sources),
                 evidence=evidence, section=section)


def _dangling(changes: Changes, sources: list[str], issues: Issues) -> bool:
    """A source naming a finding or metric its side does not have: the fact is cited on the wrong side."""
    found = False
    for source in sources:
        side, ref = split_source(source)
        head, _, rest = ref.partition(".")
        if side is None or head in ("system", "context"):
            continue
        doc = changes.old if side == "old" else changes.new
        f = doc.finding(head)
        if f is None and doc.tradeoff(head) is not None:
            continue
        if f is None or (rest and f.metric(rest) is None):
            issues.add("slice", f"{source} names nothing in the {side.upper()} document")
            found = True
    return found


def _one_side(changes: Changes, topic: Topic, section: str | None, text: str, sources: list[str]) -> Claim | None:
    """A sentence about one side only goes to the one-document checker for that side."""
    sides = topic.sides or {"new"}
    if len(sides) != 1:
        return None
    side = next(iter(sides))
    doc = changes.new if side == "new" else changes.old
    plain_sources = [split_source(s)[1] for s in sources]
    claims = check_units(index_for(doc), [(section, text, plain_sources, 0)])
    if not claims:
        return None
    claim = claims[0].model_copy(update={"sources": list(sources)})
    if claim.verdict != Verdict.supported and claim.error in (ErrorCode.number, ErrorCode.severity, ErrorCode.owner,
                                                              ErrorCode.status, ErrorCode.mitigation):
        # True of the other document: a value cited on the wrong side.
        other, other_name = (changes.old, "OLD") if side == "new" else (changes.new, "NEW")
        mapped = [m for m in (_across(changes, side, s) for s in plain_sources) if m]
        again = check_units(index_for(other), [(section, text, mapped, 0)]) if mapped or not plain_sources else []
        if again and again[0].verdict == Verdict.supported:
            claim = claim.model_copy(update={"error": ErrorCode.slice, "verdict": Verdict.contradicted,
                                             "evidence": f"this holds for the {other_name} document, not the {side.upper()} one it cites"})
    return claim


def _across(changes: Changes, side: str, ref: str) -> str | None:
    """The same finding or metric reference on the other side (ids may have been renamed)."""
    head, dot, rest = ref.partition(".")
    if head in ("system", "context"):
        return ref
    mapped = changes.old_id_of(head) if side == "new" else changes.new_id_of(head)
    return f"{mapped}{dot}{rest}" if mapped else None


class _BothSides:
    """The findings text of both documents as one quotation list for the sentence splitter.

    A stop inside a name either side holds ("owned by J. O'Neil", "Acme Inc. legal")
    ends no sentence, as in the one-document check.
    """

    def __init__(self, old: FindingsIndex, new: FindingsIndex):
        self.folded_quotes = by_length({*old.folded_quotes, *new.folded_quotes})


def check_change_brief(old: FindingsDocument, new: FindingsDocument, brief: Brief | str, *, threshold: float = 1.0,
                       fmt: str | None = None) -> EvalResult:
    """Check every claim of a change brief against OLD and NEW, and NEW's caveats' presence."""
    changes = compare(old, new)
    parsed = parse_brief(brief, fmt)
    units = brief_units(parsed, _BothSides(index_for(old), index_for(new)))
    claims = [c for section, text, sources, _ in units
              if (c := _check_sentence(changes, section, text, sources)) is not None]
    missing = missing_caveats(index_for(new), [u[1] for u in units])
    supported = sum(1 for c in claims if c.verdict == Verdict.supported)
    score = round(supported / len(claims), 4) if claims else 1.0
    return EvalResult(score=score, passed=score >= threshold - 1e-9 and not missing, threshold=threshold,
                      claims=claims, missing_caveats=missing)
