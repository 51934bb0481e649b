"""Which metric a piece of text names, when it names one by its words rather than by a figure.

"The South sees fewer false alarms than the West" names the false alarm rate by "false
alarms"; "abuse is blocked less often in the North" names the block rate by "blocked". A
metric is named when the text holds a word of its name (or of the plain-words version the
narrator writes for an audience) that no other metric name of the document uses, or every
word of its name when none of them is its own.
"""

from __future__ import annotations

from evals.faithfulness.index import FindingsIndex
from evals.faithfulness.quotes import plain_variants
from evals.faithfulness.text import content_stems, stem, words


# Names of metrics that are themselves a change, and which way a positive value goes.
UP_NAMES = frozenset(stem(w) for w in "change lift uplift delta increase gain growth rise".split())
DOWN_NAMES = frozenset(stem(w) for w in "reduction decrease drop decline fall loss cut saving savings".split())


def name_words(idx: FindingsIndex, ref: str) -> set[str]:
    """Stems of every word of a metric's name, function words included ("change from")."""
    name = idx.metrics[ref].metric.name
    return set(content_stems(name)) | {stem(w) for w in name.lower().split()}


def is_change_metric(idx: FindingsIndex, ref: str) -> bool:
    """Is the metric itself a change ("quiz score change", "click-through lift", "cost reduction")?"""
    return bool(name_words(idx, ref) & (UP_NAMES | DOWN_NAMES))


def name_key(idx: FindingsIndex, ref: str) -> str:
    """The metric's name as a key: metrics with the same name measure the same thing."""
    return " ".join(idx.metrics[ref].metric.name.lower().split())


def _name_cues(idx: FindingsIndex) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """name key -> (its own stems, all its stems), worked out once per document."""
    got = idx.__dict__.get("_name_cues")
    if got is None:
        stems: dict[str, set[str]] = {}
        for ref, info in idx.metrics.items():
            key = name_key(idx, ref)
            if key not in stems:
                stems[key] = {s for v in plain_variants(info.metric.name) for s in content_stems(v)}
        got = {}
        for key, own in stems.items():
            others = set().union(*(o for k, o in stems.items() if k != key)) if len(stems) > 1 else set()
            got[key] = (frozenset(own - others), frozenset(own))
        idx.__dict__["_name_cues"] = got
    return got


def named_metrics(idx: FindingsIndex, stems: set[str]) -> frozenset[str]:
    """The metric names (keys) that stems name."""
    if not stems:
        return frozenset()
    out = []
    for key, (distinct, every) in _name_cues(idx).items():
        if (distinct and not distinct.isdisjoint(stems)) or (not distinct and every and every <= stems):
            out.append(key)
    return frozenset(out)


def named_in_text(idx: FindingsIndex, text: str) -> frozenset[str]:
    """named_metrics of a sentence's words, remembered per document."""
    known: dict = idx.__dict__.setdefault("_named_in_text", {})
    got = known.get(text)
    if got is None:
        if len(known) >= 20_000:
            known.clear()
        got = known[text] = named_metrics(idx, {stem(w) for w in words(text)})
    return got


def context_names(idx: FindingsIndex, before: tuple[str, ...]) -> frozenset[str]:
    """The metric names the nearest of the earlier sentences that names any names."""
    for text in reversed(before):
        names = named_in_text(idx, text)
        if names:
            return names
    return frozenset()
