"""Claims of a move between two values: "from X to Y", "was X, now Y", "rose by D to Y".

X is checked against OLD and Y against NEW, for measurements, severity and
likelihood, owners, finding statuses and due dates; a stated change ("down 5
percentage points", "8% lower than before") is recomputed from the two values,
and direction words against the sign of the move and which way is better.
"""

from __future__ import annotations

import re

from evals.changes.align import QUOTED, Topic, all_pairs
from evals.changes.compare import Changes, MetricMove, norm
from evals.changes.names import judge_pair
from evals.changes.words import (
    BETTER, FALL, FINDING_STATUSES, LIKELIHOODS, MITIGATION_STATUSES, MOVED_TO, PAIR_RES, PREFERENCE, RISE, SEVERITIES, WORSE,
    Issues, clean, mask, word,
)
from evals.faithfulness import numbers as nums
from schemas.findings import Finding, Metric

def fits(q: nums.Quantity, m: Metric) -> bool:
    unit, value = m.unit.value, m.value
    qv, qu = q.value, q.unit
    if unit == "ms" and qu == "s":
        qv, qu = qv * 1000, "ms"
    if unit == "s" and qu == "ms":
        qv, qu = qv / 1000, "s"
    same = qu == unit or (unit in ("ratio", "count") and qu in ("ratio", "none", "count")) or (unit == "pp" and qu == "percent")
    return same and abs(qv - value) <= q.tol + 1e-9


def _moves(changes: Changes, topic: Topic) -> list[tuple[Finding, Finding, Metric, Metric]]:
    out = []
    for o, n in topic.pairs:
        if o is None or n is None:
            continue
        for nm in n.metrics:
            om = o.metric(nm.id)
            if om is not None and (not topic.metrics or nm.id in topic.metrics):
                out.append((o, n, om, nm))
    return out


def _quantity(text: str) -> nums.Quantity | None:
    found = [q for q in nums.extract(text) if not q.is_date]
    return found[0] if len(found) == 1 else None


def _date(text: str):
    found = [q for q in nums.extract(text) if q.is_date and q.date and all(q.date)]
    return found[0].date if len(found) == 1 else None


def _metric_pair(changes: Changes, topic: Topic, qa, qb, issues: Issues) -> MetricMove | None:
    moves = _moves(changes, topic) or _moves(changes, Topic(pairs=all_pairs(changes)))
    if not moves:
        issues.add("extrinsic", "no measurement is in both documents for this claim")
        return None
    for o, n, om, nm in moves:
        if fits(qa, om) and fits(qb, nm):
            return MetricMove(o.id, n.id, nm.id, om, nm)
    for o, n, om, nm in moves:
        if fits(qa, nm) and fits(qb, om):
            issues.add("slice", f"sides swapped: OLD says {show(om)}, NEW says {show(nm)} ({n.id}.{nm.id})")
            return None
    # Measurements that moved first: an unchanged one matching by chance is a weaker reading.
    for o, n, om, nm in sorted(moves, key=lambda mv: mv[2].value == mv[3].value):
        if fits(qa, om) or fits(qb, nm):
            if om.value == nm.value:
                issues.add("extrinsic", f"no change: OLD and NEW both say {show(nm)} ({n.id}.{nm.id})")
            elif fits(qa, om):
                issues.add("number", f"NEW says {show(nm)} ({n.id}.{nm.id}), not {qb.text}")
            else:
                issues.add("number", f"OLD said {show(om)} ({o.id}.{om.id}), not {qa.text}")
            return None
    values = [m for o, n, om, nm in moves for m in (om, nm)]
    if any(fits(qa, m) for m in values) or any(fits(qb, m) for m in values):
        issues.add("slice", "the values belong to another measurement or side")
    else:
        o, n, om, nm = moves[0]
        issues.add("number", f"OLD said {show(om)}, NEW says {show(nm)} ({n.id}.{nm.id})")
    return None


def show(m: Metric) -> str:
    return f"{m.value:g} {m.unit.value}"


def check_derived(move: MetricMove, masked: str, issues: Issues) -> None:
    unit = move.new.unit.value
    diff = abs(move.new.value - move.old.value)
    rel = abs(move.relative) if move.relative is not None else None
    pts = diff * 100 if unit == "ratio" else diff
    for q in nums.extract(masked):
        if q.is_date:
            continue
        ok_pp = unit in ("percent", "pp", "ratio") and abs(q.value - pts) <= q.tol + 1e-9
        ok_rel = rel is not None and abs(q.value - rel) <= q.tol + 1e-9
        if q.unit == "pp":
            if ok_pp:
                continue
            relative = f", {rel:.1f}% relative" if rel is not None else ""
            issues.add("unit" if ok_rel else "derived", f"the change is {pts:g} points{relative}")
        elif q.unit == "percent":
            if ok_rel or (unit == "pp" and ok_pp):
                continue
            said = f"the relative change is {rel:.1f}%" if rel is not None else "no relative change (OLD was 0)"
            issues.add("unit" if ok_pp else "derived", said)
        else:
            converted = q.value * (1000 if unit == "ms" and q.unit == "s" else 0.001 if unit == "s" and q.unit == "ms" else 1)
            if abs(converted - diff) <= q.tol * (1000 if unit == "ms" and q.unit == "s" else 1) + 1e-9:
                continue
            issues.add("derived", f"the change is {diff:g} {unit}")


def check_direction(rose: bool, better: bool | None, masked: str, issues: Issues, what: str) -> None:
    text = PREFERENCE.sub(" ", masked)
    if (rose and FALL.search(text)) or (not rose and RISE.search(text)):
        issues.add("direction", f"{what} {'rose' if rose else 'fell'}")
    if better is not None and ((better and WORSE.search(text)) or (not better and BETTER.search(text))):
        issues.add("direction", f"{what} got {'better' if better else 'worse'}")


def _level(text: str) -> tuple[str, str] | None:
    t = clean(text).replace("-", " ").replace("_", " ")
    t = re.sub(r"\s+(?:severity|likelihood)$", "", t)
    if t in SEVERITIES:
        return "severity", t
    if t in LIKELIHOODS:
        return "likelihood", t
    return None


def _level_pair(topic: Topic, text: str, a: str, b: str, issues: Issues) -> None:
    la, lb = _level(a), _level(b)
    field = (la or lb)[0] if (la or lb) else ("likelihood" if "likelihood" in text.lower() else "severity")
    if la and lb and la[0] != lb[0]:
        issues.add("severity", "one side is a severity, the other a likelihood")
        return
    va = la[1] if la else None
    vb = lb[1] if lb else None
    ranks = SEVERITIES if field == "severity" else LIKELIHOODS
    found = None
    for o, n in topic.pairs:
        if o is None or n is None:
            continue
        ov, nv = word(getattr(o, field)), word(getattr(n, field))
        ov = None if ov == "not stated" else ov
        nv = None if nv == "not stated" else nv
        if ov == va and nv == vb:
            found = (ov, nv)
            break
    if found is None:
        if _unchanged(topic, field, va):
            issues.add("extrinsic", f"no change: the {field} is {va} in OLD and in NEW")
            return
        issues.add("severity", "; ".join(f"{field} of {n.id}: OLD {word(getattr(o, field))}, NEW {word(getattr(n, field))}"
                                          for o, n in topic.pairs if o is not None and n is not None) or f"no {field} change")
        return
    if va and vb:
        rose = ranks.index(vb) > ranks.index(va)
        masked = mask(text, [m.span() for m in QUOTED.finditer(text)])
        # A higher severity or likelihood is the risk getting worse.
        check_direction(rose, not rose, masked, issues, field)


def _unchanged(topic: Topic, field: str, said_old: str | None) -> bool:
    """A finding of the topic whose field is the stated old value on both sides: the claimed change is invented."""
    def value(f):
        v = clean(word(getattr(f, field)))
        return None if v in ("not stated", "") else v

    said = clean(said_old) if said_old else None
    return any(o is not None and n is not None and value(o) == value(n) == said and said is not None for o, n in topic.pairs)


def _value_pair(topic: Topic, field: str, a: str, b: str, issues: Issues) -> None:
    """A finding's owner or status "from A to B", against each finding pair of the topic."""
    candidates = [(word(getattr(o, field)), word(getattr(n, field)), n.id) for o, n in topic.pairs
                  if o is not None and n is not None]
    judge_pair(field, "owner" if field == "owner" else "status", candidates, a, b, issues)


EARLIER = re.compile(r"\b(?:earlier|brought forward|sooner|pulled in)\b", re.I)
STATUS_NOW = re.compile(r"\b(?:it is|is still|and is)\s+(planned|in progress|done)\b", re.I)
LATER = re.compile(r"\b(?:later|pushed back|postponed|delayed|slipped)\b", re.I)


def _date_pair(topic: Topic, da, db, issues: Issues, scan: str = "") -> None:
    """A due date "from A to B": some mitigation was due A in OLD and B in NEW, moved the way the text says."""
    if (db > da and EARLIER.search(scan)) or (db < da and LATER.search(scan)):
        issues.add("direction", f"the due date moved {'later' if db > da else 'earlier'}")
    for o, n in topic.pairs:
        if o is None or n is None:
            continue
        olds = {norm(m.action): m for m in o.mitigations}
        for nm in n.mitigations:
            om = olds.get(norm(nm.action))
            if om is None or not om.due or not nm.due:
                continue
            if (om.due.year, om.due.month, om.due.day) == da and (nm.due.year, nm.due.month, nm.due.day) == db:
                said = STATUS_NOW.search(scan)
                if said and MITIGATION_STATUSES[said.group(1).lower()] != getattr(nm.status, "value", None):
                    issues.add("status", f"NEW status is {word(nm.status)}")
                return
            if (om.due.year, om.due.month, om.due.day) == db and (nm.due.year, nm.due.month, nm.due.day) == da:
                issues.add("slice", f"sides swapped: OLD due {om.due}, NEW due {nm.due}")
                return
    issues.add("number", "no mitigation's due date moved between these dates")


def pair_claims(changes: Changes, topic: Topic, text: str, issues: Issues,
                taken: list[tuple[int, int]] = ()) -> tuple[list[tuple[int, int]], MetricMove | None]:
    """Check each "from X to Y" move; `taken` spans were read by another check (owner moves)."""
    quoted = [m.span() for m in QUOTED.finditer(text)]
    scan = mask(text, quoted)
    spans: list[tuple[int, int]] = list(taken)
    move = None
    for rx in PAIR_RES:
        for m in rx.finditer(scan):
            if any(a <= m.start() < b for a, b in spans):
                continue
            a, b = m.group("a"), m.group("b")
            spans.append(m.span())
            qa, qb = _quantity(a), _quantity(b)
            da, db = _date(a), _date(b)
            before = scan[:m.start()].lower()
            if da and db:
                _date_pair(topic, da, db, issues, scan)
            elif _level(a) or _level(b):
                _level_pair(topic, text, a, b, issues)
            elif "owner" in before or "owned" in before:
                _value_pair(topic, "owner", a, _rest(scan, m.start("b")), issues)
            elif clean(a) in FINDING_STATUSES or clean(b) in FINDING_STATUSES:
                _value_pair(topic, "status", a, b, issues)
            elif qa and qb:
                move = _metric_pair(changes, topic, qa, qb, issues) or move
            else:
                _value_pair(topic, "owner", a, _rest(scan, m.start("b")), issues)
    for m in MOVED_TO.finditer(scan):
        if any(a <= m.start() < b for a, b in spans):
            continue
        b = m.group("b")
        spans.append(m.span("b"))  # the change ("by 5 points") stays in view for check_derived
        if _level(b):
            _level_to(topic, text, b, issues)
        elif (qb := _quantity(b)) is not None:
            move = _metric_to(changes, topic, qb, issues) or move
    return spans, move


def _metric_to(changes: Changes, topic: Topic, qb, issues: Issues) -> MetricMove | None:
    """A new value with no old one ("fell to 60%"): it must be NEW's value of a measurement that moved."""
    moves = [mv for mv in (_moves(changes, topic) or _moves(changes, Topic(pairs=all_pairs(changes))))
             if mv[2].value != mv[3].value]
    for o, n, om, nm in moves:
        if fits(qb, nm):
            return MetricMove(o.id, n.id, nm.id, om, nm)
    if any(fits(qb, om) for _, _, om, _ in moves):
        issues.add("slice", f"{qb.text} is the OLD value, not the NEW one")
    elif moves:
        issues.add("number", "; ".join(f"NEW says {show(nm)} ({n.id}.{nm.id})" for _, n, _, nm in moves[:3]))
    else:
        issues.add("extrinsic", "no measurement moved between the two documents")
    return None


def _level_to(topic: Topic, text: str, b: str, issues: Issues) -> None:
    """ "Severity rose to critical": NEW's level, and a direction that agrees with OLD's."""
    field, value = _level(b)
    ranks = SEVERITIES if field == "severity" else LIKELIHOODS
    for o, n in topic.pairs:
        if o is None or n is None or word(getattr(n, field)) != value:
            continue
        ov = word(getattr(o, field))
        if ov in ranks and ov != value:
            rose = ranks.index(value) > ranks.index(ov)
            check_direction(rose, not rose, mask(text, [m.span() for m in QUOTED.finditer(text)]), issues, field)
            return
    issues.add("severity", "; ".join(f"{field} of {n.id}: OLD {word(getattr(o, field))}, NEW {word(getattr(n, field))}"
                                     for o, n in topic.pairs if o is not None and n is not None) or f"no {field} change")


def _rest(text: str, start: int) -> str:
    """A name runs to the next punctuation ("the Trust and safety team"), not to the first "and"."""
    return re.split(r"[,;:()]|\.(?:\s|$)", text[start:])[0]


