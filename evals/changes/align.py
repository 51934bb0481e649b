"""What a change-brief sentence is about, on each side.

A sentence's sources say it directly (`old:F1.acc`, `new:F3`); prose without
sources is aligned by finding ids and quoted titles in the text, then by
content words, and failing all that may be about any matched finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from evals.changes.compare import Changes, norm
from evals.faithfulness.analysis import finding_scores
from evals.faithfulness.index import index_for
from evals.faithfulness.text import content_stems
from schemas.findings import Finding

SIDE_RE = re.compile(r"^(old|new):(.+)$")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def split_source(source: str) -> tuple[str | None, str]:
    m = SIDE_RE.match(source.strip())
    return (m.group(1), m.group(2)) if m else (None, source.strip())


@dataclass
class Topic:
    """The findings (as OLD/NEW pairs, either side possibly None) and metric ids a sentence is about."""

    pairs: list[tuple[Finding | None, Finding | None]] = field(default_factory=list)
    metrics: set[str] = field(default_factory=set)  # metric ids named by sources
    sides: set[str] = field(default_factory=set)  # sides the sources name
    explicit: bool = False  # named by sources, ids or titles (not guessed from content)
    everything: bool = False  # nothing aligned, so it may be about any finding (a summary)


def _pair_of(changes: Changes, side: str, fid: str) -> tuple[Finding | None, Finding | None] | None:
    if side == "old":
        o = changes.old.finding(fid)
        if o is None:
            return None
        nid = changes.new_id_of(fid)
        return o, changes.new.finding(nid) if nid else None
    n = changes.new.finding(fid)
    if n is None:
        return None
    oid = changes.old_id_of(fid)
    return (changes.old.finding(oid) if oid else None), n


def _add(topic: Topic, pair) -> None:
    if pair is not None and pair not in topic.pairs:
        topic.pairs.append(pair)


def all_pairs(changes: Changes) -> list[tuple[Finding | None, Finding | None]]:
    return [*changes.pairs, *((None, n) for n in changes.new_findings), *((o, None) for o in changes.closed_findings)]


def topic_of(changes: Changes, text: str, sources: list[str]) -> Topic:
    topic = Topic()
    for s in sources:
        side, ref = split_source(s)
        head, _, rest = ref.partition(".")
        if side:
            topic.sides.add(side)
        if rest:
            topic.metrics.add(rest)
        for sd in ([side] if side else ["new", "old"]):
            _add(topic, _pair_of(changes, sd, head))
    if topic.pairs:
        topic.explicit = True
        return topic
    low = text.lower()
    quoted = [norm(q.strip("“”\"")) for q in QUOTED.findall(text)]
    for pair in all_pairs(changes):
        for f in pair:
            if f is None:
                continue
            if re.search(rf"\b{re.escape(f.id)}\b", text) or norm(f.title) in quoted or norm(f.title) in low:
                _add(topic, pair)
    if topic.pairs:
        topic.explicit = True
        return topic
    stems = set(content_stems(QUOTED.sub(" ", text)))
    for side, doc in (("new", changes.new), ("old", changes.old)):
        scored = finding_scores(index_for(doc), stems, [f.id for f in doc.findings])
        if scored and scored[0][0] >= 1.2:
            top = scored[0][0]
            for score, fid in scored:
                if score >= top * 0.85:
                    _add(topic, _pair_of(changes, side, fid))
    if not topic.pairs:
        topic.pairs = all_pairs(changes)
        topic.everything = True
    return topic
