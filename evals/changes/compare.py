"""What changed between two findings documents, as structured facts.

Findings match by id; a finding whose id changed but whose title did not is a
rename, not a closed finding plus a new one. Metrics match by id within a
matched finding, mitigations by their action text. Trade-offs match by id, or
by their question when the id changed; one only NEW holds was added, one only
OLD holds is no longer in the document. Both the change-brief
writer and the two-sided faithfulness check read these facts, and each fact
keeps the values of both sides so a claim can be traced to OLD and to NEW.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from schemas.findings import Finding, FindingsDocument, Metric, Mitigation, MitigationStatus, Tradeoff


def norm(text: str | None) -> str:
    return " ".join((text or "").lower().split()).rstrip(".")


def decimals(x: float) -> int:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


@dataclass(frozen=True)
class MetricMove:
    old_finding: str
    finding: str
    metric: str
    old: Metric
    new: Metric

    @property
    def diff(self) -> float:
        """new - old, rounded to the precision the findings used."""
        places = max(decimals(self.old.value), decimals(self.new.value))
        return round(self.new.value - self.old.value, places)

    @property
    def relative(self) -> float | None:
        """(new - old) / |old| * 100; None when old is zero."""
        return (self.new.value - self.old.value) / abs(self.old.value) * 100 if self.old.value else None

    @property
    def rose(self) -> bool:
        return self.diff > 0

    @property
    def better(self) -> bool:
        return self.rose == self.new.better_when_higher

    @property
    def old_ref(self) -> str:
        return f"old:{self.old_finding}.{self.metric}"

    @property
    def new_ref(self) -> str:
        return f"new:{self.finding}.{self.metric}"


@dataclass(frozen=True)
class LevelMove:
    old_finding: str
    finding: str
    field: str  # severity | likelihood
    old: str | None
    new: str | None
    old_rank: int
    new_rank: int

    @property
    def rose(self) -> bool:
        return self.new_rank > self.old_rank


@dataclass(frozen=True)
class ValueChange:
    """A finding's owner or status moved from one value to another."""

    old_finding: str
    finding: str
    field: str  # owner | status
    old: str | None
    new: str | None


@dataclass(frozen=True)
class MitigationChange:
    old_finding: str | None
    finding: str
    kind: str  # done | slipped | new | dropped | owner (its owner changed) | moved (due date moved, not a slip)
    old: Mitigation | None
    new: Mitigation | None
    overdue: bool = False  # past due on the NEW document's date
    moved_later: bool = False  # due date moved later

    @property
    def action(self) -> str:
        return (self.new or self.old).action  # type: ignore[union-attr]


@dataclass(frozen=True)
class RecommendationChange:
    """A trade-off's recommended option changed (either side may recommend none)."""

    tradeoff: str
    old: Tradeoff
    new: Tradeoff


@dataclass(frozen=True)
class TradeoffChange:
    """A whole trade-off (a decision and its options) added in NEW or no longer in it."""

    kind: str  # added | removed
    tradeoff: Tradeoff  # as the side that holds it states it: NEW for added, OLD for removed

    @property
    def side(self) -> str:
        return "new" if self.kind == "added" else "old"

    @property
    def ref(self) -> str:
        return f"{self.side}:{self.tradeoff.id}"


@dataclass(frozen=True)
class CaveatChange:
    finding: str
    text: str
    kind: str  # added | dropped
    side: str  # the document that states it: new for added, old for dropped


@dataclass
class Changes:
    old: FindingsDocument
    new: FindingsDocument
    new_findings: list[Finding] = field(default_factory=list)
    closed_findings: list[Finding] = field(default_factory=list)  # in OLD, gone from NEW
    renamed: list[tuple[Finding, Finding]] = field(default_factory=list)  # (old, new)
    pairs: list[tuple[Finding, Finding]] = field(default_factory=list)  # matched (old, new), renames included
    metrics: list[MetricMove] = field(default_factory=list)
    metrics_added: list[tuple[str, Metric]] = field(default_factory=list)
    metrics_dropped: list[tuple[str, Metric]] = field(default_factory=list)
    levels: list[LevelMove] = field(default_factory=list)
    values: list[ValueChange] = field(default_factory=list)
    mitigations: list[MitigationChange] = field(default_factory=list)
    caveats: list[CaveatChange] = field(default_factory=list)
    recommendations: list[RecommendationChange] = field(default_factory=list)
    tradeoff_pairs: list[tuple[Tradeoff, Tradeoff]] = field(default_factory=list)  # matched (old, new)
    tradeoffs: list[TradeoffChange] = field(default_factory=list)  # added and removed, NEW's order then OLD's

    @property
    def material(self) -> bool:
        return any((self.new_findings, self.closed_findings, self.renamed, self.metrics, self.metrics_added,
                    self.metrics_dropped, self.levels, self.values, self.mitigations, self.caveats, self.recommendations,
                    self.tradeoffs))

    def kinds(self) -> set[str]:
        """The kinds of change that happened: worse, improved, slipped, done, new, closed, recommended,
        decision_added, decision_removed."""
        out = set()
        if any(m.rose or m.new is None for m in self.levels) or any(not m.better for m in self.metrics):
            out.add("worse")
        if any(m.better for m in self.metrics) or any(not m.rose and m.new is not None for m in self.levels):
            out.add("improved")
        out |= {c.kind for c in self.mitigations if c.kind in ("slipped", "done")}
        if self.new_findings:
            out.add("new")
        if self.closed_findings or any(v.field == "status" and v.new == "closed" for v in self.values):
            out.add("closed")
        if self.recommendations:
            out.add("recommended")
        out |= {f"decision_{t.kind}" for t in self.tradeoffs}
        return out

    def new_id_of(self, old_id: str) -> str | None:
        return next((n.id for o, n in self.pairs if o.id == old_id), None)

    def old_id_of(self, new_id: str) -> str | None:
        return next((o.id for o, n in self.pairs if n.id == new_id), None)


def slipped(old: Mitigation | None, new: Mitigation, as_of: dt.date | None) -> tuple[bool, bool]:
    """(overdue, moved later) for a mitigation not done in NEW."""
    if new.status == MitigationStatus.done:
        return False, False
    overdue = bool(new.due and as_of and new.due < as_of)
    later = bool(old and old.due and new.due and new.due > old.due)
    return overdue, later


def _rank(value) -> int:
    return value.rank if value is not None else 0


def _match_findings(old: FindingsDocument, new: FindingsDocument, ch: Changes) -> None:
    new_ids = {f.id for f in new.findings}
    old_ids = {f.id for f in old.findings}
    unmatched_old = [f for f in old.findings if f.id not in new_ids]
    unmatched_new = [f for f in new.findings if f.id not in old_ids]
    for o in old.findings:
        n = new.finding(o.id)
        if n is not None:
            ch.pairs.append((o, n))
    for o in list(unmatched_old):
        n = next((n for n in unmatched_new if norm(n.title) == norm(o.title)), None)
        if n is not None:
            ch.pairs.append((o, n))
            ch.renamed.append((o, n))
            unmatched_old.remove(o)
            unmatched_new.remove(n)
    ch.closed_findings = unmatched_old
    ch.new_findings = unmatched_new


def _match_tradeoffs(old: FindingsDocument, new: FindingsDocument, ch: Changes) -> None:
    """Pair trade-offs by id, then by question; the rest were added (NEW) or removed (OLD)."""
    unmatched_old = [t for t in old.tradeoffs if new.tradeoff(t.id) is None]
    unmatched_new = [t for t in new.tradeoffs if old.tradeoff(t.id) is None]
    ch.tradeoff_pairs = [(t, n) for t in old.tradeoffs if (n := new.tradeoff(t.id)) is not None]
    for o in list(unmatched_old):
        n = next((n for n in unmatched_new if norm(n.question) == norm(o.question)), None)
        if n is not None:
            ch.tradeoff_pairs.append((o, n))
            unmatched_old.remove(o)
            unmatched_new.remove(n)
    ch.tradeoffs = [TradeoffChange("added", t) for t in unmatched_new] + [TradeoffChange("removed", t) for t in unmatched_old]


def _compare_metrics(o: Finding, n: Finding, ch: Changes) -> None:
    for nm in n.metrics:
        om = o.metric(nm.id)
        if om is None or om.unit != nm.unit:
            ch.metrics_added.append((n.id, nm))
            if om is not None:
                ch.metrics_dropped.append((o.id, om))
            continue
        move = MetricMove(o.id, n.id, nm.id, om, nm)
        if move.diff != 0:
            ch.metrics.append(move)
    for om in o.metrics:
        if n.metric(om.id) is None:
            ch.metrics_dropped.append((o.id, om))


def _compare_mitigations(o: Finding, n: Finding, as_of: dt.date | None, ch: Changes) -> None:
    olds = {norm(m.action): m for m in o.mitigations}
    for nm in n.mitigations:
        om = olds.pop(norm(nm.action), None)
        if om is None:
            ch.mitigations.append(MitigationChange(o.id, n.id, "new", None, nm))
            continue
        later = False
        if nm.status == MitigationStatus.done and om.status != MitigationStatus.done:
            ch.mitigations.append(MitigationChange(o.id, n.id, "done", om, nm))
        else:
            overdue, later = slipped(om, nm, as_of)
            if overdue or later:
                ch.mitigations.append(MitigationChange(o.id, n.id, "slipped", om, nm, overdue, later))
        # A due date brought forward, or moved for work already done, is no slip but still a change.
        if om.due and nm.due and om.due != nm.due and not later:
            ch.mitigations.append(MitigationChange(o.id, n.id, "moved", om, nm, moved_later=nm.due > om.due))
        if norm(om.owner) != norm(nm.owner):
            ch.mitigations.append(MitigationChange(o.id, n.id, "owner", om, nm))
    for om in olds.values():
        ch.mitigations.append(MitigationChange(o.id, n.id, "dropped", om, None))


def compare(old: FindingsDocument, new: FindingsDocument) -> Changes:
    """Every change from OLD to NEW, in document order."""
    ch = Changes(old, new)
    _match_findings(old, new, ch)
    as_of = new.date
    for o, n in ch.pairs:
        _compare_metrics(o, n, ch)
        for name in ("severity", "likelihood"):
            ov, nv = getattr(o, name), getattr(n, name)
            if ov != nv:
                ch.levels.append(LevelMove(o.id, n.id, name, ov.value if ov else None, nv.value if nv else None,
                                           _rank(ov), _rank(nv)))
        for name in ("owner", "status"):
            ov, nv = getattr(o, name), getattr(n, name)
            ov = ov.value if hasattr(ov, "value") else ov
            nv = nv.value if hasattr(nv, "value") else nv
            if norm(ov) != norm(nv):
                ch.values.append(ValueChange(o.id, n.id, name, ov, nv))
        _compare_mitigations(o, n, as_of, ch)
        old_cav = {norm(c) for c in o.caveats}
        new_cav = {norm(c) for c in n.caveats}
        ch.caveats += [CaveatChange(n.id, c, "added", "new") for c in n.caveats if norm(c) not in old_cav]
        ch.caveats += [CaveatChange(o.id, c, "dropped", "old") for c in o.caveats if norm(c) not in new_cav]
    _match_tradeoffs(old, new, ch)
    old_of = {id(n): o for o, n in ch.tradeoff_pairs}
    for t in new.tradeoffs:
        ot = old_of.get(id(t))
        if ot is not None and ot.recommendation != t.recommendation:
            ch.recommendations.append(RecommendationChange(t.id, ot, t))
    for n in ch.new_findings:
        # A new finding's overdue work has slipped too, even with no earlier version to compare.
        for m in n.mitigations:
            overdue, _ = slipped(None, m, as_of)
            if overdue:
                ch.mitigations.append(MitigationChange(None, n.id, "slipped", None, m, True, False))
    return ch
