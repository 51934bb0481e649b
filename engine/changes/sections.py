"""The sections of a change brief, most important first for each audience.

Executives get what got worse and what slipped first, and only the largest
measurement moves; engineering gets every move.
"""

from __future__ import annotations

from schemas.audience import AudienceProfile
from schemas.brief import Section, Sentence
from schemas.findings import Finding

from evals.changes.compare import Changes, MetricMove
from engine.changes import sentences as W
from engine.narrator import numbers as N
from engine.narrator.facts import S
from engine.narrator.wording import join, lower_first, strip_period, the_owner

SECTION_TITLES = {
    "situation": "What changed",
    "worse": "What got worse",
    "improved": "What improved",
    "findings": "New, closed and renamed findings",
    "mitigations": "Mitigations: done, slipped and new",
    "recommendations": "Recommended options",
    "owners": "Owners",
    "caveats": "Caveats added, dropped and still standing",
    "decision": "Decision needed",
}
# The recommendations section's title when whole decisions (trade-offs) came or went.
DECISIONS_TITLE = "Decisions added and removed"
# The headline names each kind of change that happened, worse news first.
HEADLINE_PHRASES = (("worse", "some risks got worse"), ("slipped", "mitigations slipped"), ("new", "there are new findings"),
                    ("done", "mitigations were done"), ("improved", "some risks improved"), ("closed", "findings were closed"),
                    ("recommended", "a recommended option changed"), ("decision_added", "a new decision is on the table"),
                    ("decision_removed", "a decision is no longer in the document"))
# How many measurement moves each way a brief for a non-engineering reader shows.
TOP_MOVES = 3


def _size(move: MetricMove) -> float:
    return abs(move.relative) if move.relative is not None else abs(move.diff)


def _finding(changes: Changes, fid: str, side: str = "new") -> Finding:
    doc = changes.new if side == "new" else changes.old
    found = doc.finding(fid)
    assert found is not None, fid
    return found


def _moves(changes: Changes, profile: AudienceProfile, better: bool) -> list[Sentence]:
    moves = sorted((m for m in changes.metrics if m.better == better), key=_size, reverse=True)
    shown = moves if profile.name == "engineering" else moves[:TOP_MOVES]
    out = [W.metric_move(m, _finding(changes, m.finding), profile) for m in shown]
    rest = moves[len(shown):]
    if rest:
        out.append(S("Other measurements also moved; the engineering change brief lists every one",
                     *[r for m in rest for r in (m.old_ref, m.new_ref)]))
    return out


def worse(changes: Changes, profile: AudienceProfile) -> list[Sentence]:
    rising = [m for m in changes.levels if m.rose or m.new is None]
    levels = [W.level_move(m, _finding(changes, m.finding), profile) for m in rising]
    out = levels + _moves(changes, profile, better=False)
    if {"business_impact", "user_impact"} & set(profile.emphasis):
        # Readers who weigh consequences get what the worsening puts at risk, in the findings' own words.
        worse_ids = list(dict.fromkeys([m.finding for m in rising] + [m.finding for m in changes.metrics if not m.better]))
        for n, fid in enumerate(fid for fid in worse_ids if _finding(changes, fid).impact):
            if n == 2:
                break
            impact = lower_first(strip_period(_finding(changes, fid).impact))
            # The second consequence follows on from the first rather than repeating its lead-in.
            out.append(S(f"What this puts at risk: {impact}" if n == 0 else f"It also means {impact}", f"new:{fid}"))
    return out


def improved(changes: Changes, profile: AudienceProfile) -> list[Sentence]:
    levels = [W.level_move(m, _finding(changes, m.finding), profile) for m in changes.levels
              if not m.rose and m.new is not None]
    return levels + _moves(changes, profile, better=True)


def findings(changes: Changes, profile: AudienceProfile) -> list[Sentence]:
    out = [W.new_finding(f, profile) for f in changes.new_findings]
    out += [W.closed_finding(f, profile) for f in changes.closed_findings]
    out += [W.renamed(o, n, profile) for o, n in changes.renamed]
    out += [W.value_change(v, _finding(changes, v.finding), profile) for v in changes.values if v.field == "status"]
    out += [W.metric_added(fid, _finding(changes, fid), m, profile) for fid, m in changes.metrics_added]
    out += [W.metric_dropped(fid, _finding(changes, fid, "old"), m, profile) for fid, m in changes.metrics_dropped]
    return out


def mitigations(changes: Changes, profile: AudienceProfile) -> list[Sentence]:
    order = {"slipped": 0, "done": 1, "new": 2, "dropped": 3, "moved": 4, "owner": 5}
    items = sorted(changes.mitigations, key=lambda c: order[c.kind])
    return [W.mitigation_change(c, _finding(changes, c.finding), profile, changes.new.date) for c in items]


def recommendations(changes: Changes, profile: AudienceProfile) -> list[Sentence]:
    """Decisions added and removed first (what is on the table), then recommended options that changed."""
    out = [W.tradeoff_change(c, profile) for c in changes.tradeoffs]
    return out + [W.recommendation_change(c, profile) for c in changes.recommendations]


def owners(changes: Changes, profile: AudienceProfile) -> list[Sentence]:
    return [W.value_change(v, _finding(changes, v.finding), profile) for v in changes.values if v.field == "owner"]


def caveats(changes: Changes, profile: AudienceProfile) -> list[Sentence]:
    out = []
    added = set()
    for c in changes.caveats:
        if c.kind == "added":
            added.add((c.finding, c.text))
            out.append(W.caveat_added(c.finding, _finding(changes, c.finding), c.text, profile))
        else:
            out.append(W.caveat_dropped(c.finding, _finding(changes, c.finding, "old"), c.text, profile))
    # Every caveat of NEW must survive into the brief, changed or not.
    standing: dict[str, list[str]] = {}
    for f in changes.new.findings:
        for c in f.caveats:
            if (f.id, c) not in added:
                standing.setdefault(c.strip(), []).append(f"new:{f.id}")
    out += [S(c, *ids) for c, ids in standing.items()]
    return out


def decision(changes: Changes, profile: AudienceProfile) -> list[Sentence]:
    ctx = changes.new.context
    out: list[Sentence] = []
    if ctx and ctx.decision:
        when = f" by {N.date_text(ctx.deadline)}" if ctx.deadline else ""
        given = ", given these changes" if changes.material else ""
        out.append(S(f"Decision needed{when}: whether to {lower_first(strip_period(ctx.decision))}{given}", "new:context"))
    if profile.name != "engineering":
        for c in changes.mitigations:
            if c.kind == "slipped" and c.new is not None and c.new.owner:
                out.append(S(f"It also needs a firm new date from {the_owner(c.new.owner)} for “{strip_period(c.action)}”, "
                             "which has slipped", *([f"old:{c.old_finding}"] if c.old_finding else []), f"new:{c.finding}"))
    return out


def _headline(changes: Changes) -> Sentence:
    name = changes.new.system.name
    sources = ["old:system", "new:system"]
    if not changes.material:
        return S(f"No material changes to the {name} findings since the last brief", *sources)
    kinds = changes.kinds()
    parts = [phrase for kind, phrase in HEADLINE_PHRASES if kind in kinds]
    if not parts:
        return S(f"Since the last brief, the {name} findings changed in owners, caveats or details; nothing got worse", *sources)
    return S(f"Since the last brief for the {name}, {join(parts)}", *sources)


WRITERS = {"worse": worse, "mitigations": mitigations, "findings": findings, "improved": improved,
           "recommendations": recommendations, "owners": owners, "caveats": caveats, "decision": decision}
ORDER = ("worse", "mitigations", "findings", "improved", "recommendations", "owners", "caveats", "decision")
ENGINEERING_ORDER = ("findings", "worse", "improved", "mitigations", "recommendations", "owners", "caveats", "decision")


def write_sections(changes: Changes, profile: AudienceProfile) -> tuple[Sentence, list[Section]]:
    written = {sid: WRITERS[sid](changes, profile) for sid in WRITERS}
    head = _headline(changes)
    order = ENGINEERING_ORDER if profile.name == "engineering" else ORDER
    sections: list[Section] = []
    if not changes.material:
        sections.append(Section(id="situation", title=SECTION_TITLES["situation"], sentences=[S(
            "Every finding, measurement, rating, owner, mitigation and caveat is as it was in the last brief",
            "old:system", "new:system")]))
    for sid in order:
        if written[sid]:
            title = SECTION_TITLES[sid] if sid != "caveats" or changes.caveats else "Caveats that still stand"
            if sid == "mitigations" and any(c.kind in ("moved", "owner") for c in changes.mitigations):
                title = "Mitigations: done, slipped, new, moved and reassigned"
            if sid == "recommendations" and changes.tradeoffs:
                title = f"{DECISIONS_TITLE}, and recommended options" if changes.recommendations else DECISIONS_TITLE
            sections.append(Section(id=sid, title=title, sentences=written[sid]))
    return head, sections
