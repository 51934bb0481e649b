"""Claims that something happened between the two documents.

A finding is new, closed or renamed; a mitigation was done, slipped, is new or
no longer listed; a caveat was added or dropped; a measurement was added or
dropped; and the headline's summary of all of it. Each is checked against the
comparison of OLD and NEW, and any value it states against the side it is from.
"""

from __future__ import annotations

import re

from evals.changes.align import QUOTED, Topic, all_pairs
from evals.changes.compare import Changes, norm, slipped
from evals.changes.names import owners_of, stated_at, value
from evals.changes.pairs import fits, show
from evals.changes.words import (
    CLOSED, DONE, DROPPED_CAVEAT, HEADLINE, LIKELIHOOD, MITIGATION_STATUSES, NEW_CAVEAT, NEW_FINDING, NEW_MEASUREMENT,
    NEW_MITIGATION, NO_CHANGES, SINCE, NO_LONGER_LISTED, NO_LONGER_MEASURED, NOT_DONE, OWNED_BY, RATED, RENAMED, SLIPPED, STILL,
    WAS_STATUS, Issues, clean, mask, word,
)
from evals.faithfulness import numbers as nums
from evals.faithfulness.text import content_stems
from schemas.findings import Finding, MitigationStatus

def mitigation_pairs(changes: Changes, topic: Topic, text: str):
    """(old finding, new finding, old mitigation, new mitigation) the sentence names by action.

    The action quoted whole wins; otherwise the actions whose content words the
    sentence covers best ("the human review of sarcastic posts").
    """
    pools = [topic.pairs] if topic.explicit else [topic.pairs, all_pairs(changes)]
    low = norm(text)
    for pairs in pools:
        out = [hit for hit in _candidates(pairs) if hit[0] in low]
        if out:
            return [rest for _, rest in out]
    stems = set(content_stems(QUOTED.sub(" ", text)))
    for pairs in pools:
        scored = []
        for key, rest in _candidates(pairs):
            own = set(content_stems(key))
            shared = len(own & stems)
            if own and shared >= 2 and shared / len(own) >= 0.5:
                scored.append((shared / len(own), rest))
        if scored:
            top = max(score for score, _ in scored)
            return [rest for score, rest in scored if score >= top - 1e-9]
    return []


def _candidates(pairs):
    """(normalised action, (old finding, new finding, old mitigation, new mitigation)) for each action on either side."""
    for o, n in pairs:
        olds = {norm(m.action): m for m in (o.mitigations if o else [])}
        news = {norm(m.action): m for m in (n.mitigations if n else [])}
        for key in dict.fromkeys([*news, *olds]):
            if key:
                yield key, (o, n, olds.get(key), news.get(key))


def mitigation_claims(changes: Changes, topic: Topic, text: str, issues: Issues) -> bool:
    named = mitigation_pairs(changes, topic, text)
    did = False
    if SLIPPED.search(text):
        did = True
        hits = [(o, n, om, nm) for o, n, om, nm in named if nm is not None and any(slipped(om, nm, changes.new.date))]
        if not hits:
            issues.add("status", "no mitigation named here is past due on the NEW date or moved later, and not done")
        else:
            _, _, om, nm = hits[0]
            dates = {(d.year, d.month, d.day) for d in (nm.due, om.due if om else None, changes.new.date) if d}
            for q in nums.extract(text):
                if q.is_date and q.date and all(q.date) and q.date not in dates:
                    issues.add("number", f"due {nm.due}" + (f" (was {om.due})" if om and om.due else ""))
            still = STILL.search(text)
            if still and MITIGATION_STATUSES.get(still.group(1).lower()) not in (None, getattr(nm.status, "value", None)):
                issues.add("status", f"NEW status is {word(nm.status)}")
    elif DONE.search(text) and not NOT_DONE.search(text) and not NEW_MITIGATION.search(text) and not NO_LONGER_LISTED.search(text):
        did = True
        if not named:
            issues.add("mitigation", "no mitigation of the findings is named here")
        elif not any(nm is not None and nm.status == MitigationStatus.done for _, _, _, nm in named):
            nm = next((x for *_, x in named if x is not None), None)
            issues.add("status", f"NEW status is {word(nm.status) if nm else 'not listed'}")
        else:
            was = WAS_STATUS.search(text)
            om = next((x for _, _, x, nm in named if nm is not None and nm.status == MitigationStatus.done), None)
            if om is not None and om.status == MitigationStatus.done and SINCE.search(text):
                issues.add("extrinsic", "it was already done in OLD")
            elif was and om is not None and MITIGATION_STATUSES.get(was.group(1).lower(), "x") != getattr(om.status, "value", None):
                issues.add("status", f"OLD status was {word(om.status)}")
    if NEW_MITIGATION.search(text):
        did = True
        news = [(o, n, om, nm) for o, n, om, nm in named if nm is not None]
        if not news:
            issues.add("mitigation", "NEW lists no such mitigation")
        elif all(om is not None for *_, om, _ in news):
            issues.add("extrinsic", "the mitigation was already listed in OLD")
        else:
            nm = next(x for _, _, om, x in news if om is None)
            _check_listed(nm, text, issues)
    if NO_LONGER_LISTED.search(text):
        did = True
        olds = [(o, n, om, nm) for o, n, om, nm in named if om is not None]
        if not olds:
            issues.add("mitigation", "OLD lists no such mitigation")
        elif all(nm is not None for *_, nm in olds):
            issues.add("extrinsic", "NEW still lists the mitigation")
        else:
            was = WAS_STATUS.search(text)
            om = next(x for _, _, x, nm in olds if nm is None)
            if was and MITIGATION_STATUSES.get(was.group(1).lower(), "x") != getattr(om.status, "value", None) \
                    and not (om.status is None and was.group(1).lower() == "status not stated"):
                issues.add("status", f"OLD status was {word(om.status)}")
    return did


def _check_listed(m, text: str, issues: Issues) -> None:
    low = text.lower()
    if m.owner and norm(m.owner) not in norm(text):
        issues.add("owner", f"NEW names {m.owner} as its owner")
    for q in nums.extract(text):
        if q.is_date and q.date and all(q.date) and (not m.due or q.date != (m.due.year, m.due.month, m.due.day)):
            issues.add("number", f"NEW says due {m.due or 'not stated'}")
    stated = [v for k, v in MITIGATION_STATUSES.items() if re.search(rf"\b{k}\b\)", low)]
    if stated and m.status is not None and stated[0] != m.status.value:
        issues.add("status", f"NEW status is {word(m.status)}")


def finding_claims(changes: Changes, topic: Topic, text: str, issues: Issues, section: str | None) -> bool:
    did = False
    new_ids = {f.id for f in changes.new_findings}
    closed_ids = {f.id for f in changes.closed_findings}
    if NEW_FINDING.search(text) and section != "headline":
        did = True
        hits = [n for o, n in topic.pairs if n is not None and n.id in new_ids]
        named = re.search(r"\bnew (?:finding|risk)\s+([A-Z][\w-]*\d[\w-]*)", text, re.I)
        if named:  # the id the text gives must be a new finding, whatever the sources say
            hits = [n for n in hits if n.id == named.group(1)] or [f for f in changes.new_findings if f.id == named.group(1)]
        if not hits:
            issues.add("extrinsic", "OLD already had this finding" if topic.explicit else "no new finding is named here")
        else:
            n = hits[0]
            _check_finding_facts(n, text, issues, "NEW", owners_of(changes))
    if CLOSED.search(text):
        did = True
        ok = [o for o, n in topic.pairs
              if o is not None and (o.id in closed_ids or (n is not None and n.status and n.status.value == "closed"))]
        if not ok:
            issues.add("status", "NEW still lists the finding and it is not closed")
        else:
            _check_finding_facts(ok[0], text, issues, "OLD", owners_of(changes))
    m = RENAMED.search(text)
    if m:
        did = True
        if not any(o.id == m.group("old") and n.id == m.group("new") for o, n in changes.renamed):
            issues.add("extrinsic", "no finding was renamed so (ids must differ, titles match)")
    return did


def _check_finding_facts(f: Finding, text: str, issues: Issues, side: str, names: list[str] = ()) -> None:
    r = RATED.search(text)
    if r and (f.severity is None or f.severity.value != r.group("l").lower()):
        issues.add("severity", f"{side} rates {f.id} {word(f.severity)} severity")
    lk = LIKELIHOOD.search(text)
    if lk and (f.likelihood is None or word(f.likelihood) != lk.group("l").lower()):
        issues.add("severity", f"{side} rates {f.id} likelihood {word(f.likelihood)}")
    ob = OWNED_BY.search(text)
    if ob:
        said, _ = stated_at(text, ob.start("o"), names or [f.owner or ""])
        if value(said) != value(f.owner) or not value(f.owner):
            issues.add("owner", f"{side} names {f.owner or 'no owner'} as owner of {f.id}")


def caveat_claims(changes: Changes, topic: Topic, text: str, issues: Issues) -> bool:
    for rx, want_new in ((NEW_CAVEAT, True), (DROPPED_CAVEAT, False)):
        m = rx.search(text)
        if not m:
            continue
        said = norm(m.group("text"))
        for o, n in topic.pairs:
            in_old = o is not None and said in {norm(c) for c in o.caveats}
            in_new = n is not None and said in {norm(c) for c in n.caveats}
            if (want_new and in_new and not in_old and o is not None) or (not want_new and in_old and not in_new and n is not None):
                return True
        issues.add("caveat", "the caveat was not " + ("added in NEW" if want_new else "dropped from NEW"))
        return True
    return False


def measurement_claims(changes: Changes, topic: Topic, text: str, issues: Issues) -> bool:
    for rx, side in ((NEW_MEASUREMENT, "new"), (NO_LONGER_MEASURED, "old")):
        if not rx.search(text):
            continue
        pool = changes.metrics_added if side == "new" else changes.metrics_dropped
        values = [q for q in nums.extract(mask(text, [m.span() for m in QUOTED.finditer(text)])) if not q.is_date]
        ok = [m for fid, m in pool if (not topic.metrics or m.id in topic.metrics)
              and any(fid in (f.id for f in p if f) for p in topic.pairs)]
        if not ok:
            issues.add("extrinsic", f"no measurement was {'added' if side == 'new' else 'dropped'} here")
        elif values and not any(fits(q, m) for q in values for m in ok):
            issues.add("number", "; ".join(f"{m.id}: {show(m)}" for m in ok))
        return True
    return False


def headline_claims(changes: Changes, text: str, issues: Issues) -> bool:
    kinds = changes.kinds()
    did = False
    for key, rx in HEADLINE.items():
        if rx.search(text):
            did = True
            if key not in kinds:
                issues.add("extrinsic", f"the documents show no such change ({key})")
    if NO_CHANGES.search(text):
        did = True
        if changes.material:
            issues.add("negation", "the documents differ")
    return did


