"""Figures an answer quotes for the scenario's findings that the findings do not give.

A candidate who says "25% of small businesses" when the findings say 5% has
misquoted the case; an interviewer who knows it will notice. Only percentages in
the parts that retell the case (Situation, Task, Action) are checked, and only
in a sentence that names what one of the findings' metrics measures (two or more
words of its name, population or finding title, in any form: "diversity dropped"
names "Recommendations became 40% less diverse"): the candidate's own outcome ("complaints fell to 2%") and plans
("cap lines at 60%") are theirs to state.

A figure the findings do give is still a misquote when it is given for the wrong thing: "65% on the balanced
set" when 65% is the sarcastic posts' accuracy. Each figure is read with the words that belong to it (up to a
neighbouring figure's words, divided at a "but", "against" ... or a "to", "and", "than" ... or halfway), and it
is a misquote when its nearest words name another metric more clearly than any metric the figure belongs to,
or all its words name another metric and none of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.findings import FindingsDocument, Metric

_PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)
_ANY_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_WORD = re.compile(r"[a-z]{4,}")
# A figure right after these is the candidate's plan or target, not a claim about the findings.
_PLAN_BEFORE = re.compile(r"\b(?:cap\w*|limit\w*|target\w*|goal|threshold|budget|pilot\w*|up to|at most|no more than)\b"
                          r"[^.;%]{0,25}$", re.IGNORECASE)
_STOP = frozenset(
    "that this with from than their there these those they them have were been when what which while into only "
    "more most less over under about after before some such each other same also just very much many every "
    "rate share value overall total".split()
)
_TOLERANCE = 0.5  # "about 61%" for 60.8 is a fair quote


def _stem(word: str) -> str:
    word = word.strip("-")
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


# "model A", "option 2", "site B": a label too short to be a word tells two slices apart ("model A"
# against "model B"), so the pair is a word of its own, label first ("a~model") so that no prefix of
# one label's word is another's.
_LABELLED = re.compile(r"\b(model|option|group|variant|version|cohort|site|arm|region|team|tier|segment|class|"
                       r"type|phase|release|policy|plan|scenario)s?\s+([a-z]|\d{1,2}|[a-z]\d)\b(?!-\w)")


def _words(text: str) -> set[str]:
    low = text.lower()
    words = {_stem(w) for w in _WORD.findall(low) if w not in _STOP}
    words.update(f"{label}~{noun}" for noun, label in _LABELLED.findall(low))
    return words


# Two words are one when one is the start of the other ("drop", "dropped") or they share their
# first six letters ("diverse", "diversity"; "recommender", "recommendations").
_SHARED = 6


def _key(word: str) -> str:
    return word[:_SHARED]


def _starts(word: str) -> set[str]:
    return {word[:k] for k in range(4, min(_SHARED, len(word)) + 1)}


@dataclass(frozen=True)
class _Vocabulary:
    """The words of a sentence, ready for matching against a metric's words."""

    keys: frozenset[str]
    starts: frozenset[str]

    @classmethod
    def of(cls, words: set[str]) -> "_Vocabulary":
        return cls(frozenset(_key(w) for w in words), frozenset(s for w in words for s in _starts(w)))

    def shared(self, words: set[str]) -> int:
        """How many of `words` the sentence uses, in any of their forms."""
        return sum(1 for w in words if _key(w) in self.starts or _starts(w) & self.keys)


@dataclass(frozen=True)
class Misquote:
    said: str  # the figure as the answer writes it
    metrics: tuple[Metric, ...]  # the findings' metrics its sentence names
    # When the findings give this figure for other metrics: those (the figure was given for the wrong thing).
    belongs_to: tuple[Metric, ...] = ()


def metric_percent(m: Metric) -> str:
    return f"{m.value * (100 if m.unit.value == 'ratio' else 1):g}%"


def metric_label(m: Metric) -> str:
    return m.name + (f" ({m.population})" if m.population else "")


def findings_figure(m: Metric) -> str:
    return f"{metric_percent(m)} ({m.name}" + (f", {m.population})" if m.population else ")")


def _metric_words(m: Metric, title: str) -> set[str]:
    # The finding's title says what its figures are about ("Recommendations became 40% less diverse").
    return _words(f"{m.name} {m.population or ''} {title}")


def _numbers(value: object) -> set[float]:
    """Every number written anywhere in a value of the findings (names, populations, actions)."""
    out: set[float] = set()
    if isinstance(value, bool):
        return out
    if isinstance(value, (int, float)):
        out.add(float(value))
    elif isinstance(value, str):
        out.update(float(n) for n in _ANY_NUMBER.findall(value))
    elif isinstance(value, dict):
        for v in value.values():
            out |= _numbers(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            out |= _numbers(v)
    return out


def _known(doc: FindingsDocument, question: str) -> frozenset[float]:
    """Figures the findings give or imply: values, ratios as percentages, gaps to baselines, any number in their text."""
    known = _numbers(doc.model_dump(mode="json")) | _numbers(question)
    for finding in doc.findings:
        for m in finding.metrics:
            if m.unit.value == "ratio":
                known.add(m.value * 100)
            base = finding.metric(m.baseline) if m.baseline else None
            if base is not None:
                known.add(abs(m.value - base.value))
                if base.value:
                    known.add(round(abs(m.value - base.value) / abs(base.value) * 100))
    return frozenset(known)


def _own_figures(doc: FindingsDocument) -> list[tuple[Metric, frozenset[float]]]:
    """Each metric with the figures that are its own: its value (a ratio also as a percentage), its interval,
    and its gap to the metric it is compared with (a gap belongs to both)."""
    own: dict[int, set[float]] = {}
    metrics: list[Metric] = []
    for finding in doc.findings:
        for m in finding.metrics:
            figures = own.setdefault(id(m), set())
            metrics.append(m)
            for v in (m.value, *(m.ci or ())):
                figures |= {v, abs(v)} | ({v * 100, abs(v) * 100} if m.unit.value == "ratio" else set())
            base = finding.metric(m.baseline) if m.baseline else None
            if base is not None:
                gaps = {abs(m.value - base.value)}
                if base.value:
                    gaps.add(round(abs(m.value - base.value) / abs(base.value) * 100))
                if m.unit.value == "ratio":
                    gaps |= {g * 100 for g in gaps}
                figures |= gaps
                own.setdefault(id(base), set()).update(gaps)
    return [(m, frozenset(own[id(m)])) for m in metrics]


# Where the words between two figures divide: a contrast first ("90% on the test set, | but 65% on sarcastic
# posts"), else the last small joining word ("from 90% on the test set | to 65% on ..."), else halfway.
_CONTRAST = re.compile(r"[;\u2013\u2014]|\s-\s|\b(?:but|while|whereas|against|compared|versus|vs|although|though)\b",
                       re.IGNORECASE)
_JOIN = re.compile(r"\b(?:to|and|from|than|or)\b", re.IGNORECASE)
_WINDOW = 8  # words each side of a figure that can say what it measures


def _definition_numbers(doc: FindingsDocument, own: list[tuple[Metric, frozenset[float]]]) -> frozenset[float]:
    """Numbers that are part of what a metric is called ("forecasts within 10% of actual revenue") and are no
    metric's figure: in an answer they are words naming a metric, not a figure of their own."""
    figures = [f for _, fs in own for f in fs]
    named = _numbers([[m.name, m.population or ""] for f in doc.findings for m in f.metrics])
    return frozenset(n for n in named if not any(abs(n - f) <= _TOLERANCE for f in figures))


def _figure_contexts(sentence: str, definitions: frozenset[float] = frozenset()) -> dict[int, tuple[str, str]]:
    """For each percentage (by where it starts), the words that say what it measures: those up to where
    a neighbouring figure's words begin, and the nearest _WINDOW of them on each side."""
    figures = [m for m in _PERCENT.finditer(sentence) if float(m.group(1)) not in definitions]
    cuts = [0]
    for a, b in zip(figures, figures[1:]):
        middle = sentence[a.end():b.start()]
        contrast, joins = _CONTRAST.search(middle), list(_JOIN.finditer(middle))
        half = middle.rfind(" ", 0, len(middle) // 2 + 1)  # at a word's edge
        cuts.append(a.end() + (contrast.start() if contrast else joins[-1].start() if joins else max(half, 0)))
    cuts.append(len(sentence))
    out = {}
    for k, fig in enumerate(figures):
        before, after = sentence[cuts[k]:fig.start()], sentence[fig.end():cuts[k + 1]]
        out[fig.start()] = (f"{before} {after}",
                            " ".join(before.split()[-_WINDOW:]) + " " + " ".join(after.split()[:_WINDOW]))
    return out


def _distinct_words(doc: FindingsDocument) -> dict[int, set[str]]:
    """The words that tell each metric from the others: its name and population, and the words of its
    finding's title that no metric of that finding names (a title speaks for all its metrics)."""
    out: dict[int, set[str]] = {}
    for f in doc.findings:
        specific = {id(m): _words(f"{m.name} {m.population or ''}") for m in f.metrics}
        named = set().union(*specific.values()) if specific else set()
        keys = {_key(w) for w in named}
        title = {w for w in _words(f.title) if _key(w) not in keys}
        for m in f.metrics:
            out[id(m)] = specific[id(m)] | title
    return out


def _given_for_another(value: float, contexts: tuple[str, str], own: list[tuple[Metric, frozenset[float]]],
                       words: dict[int, set[str]]) -> tuple[tuple[Metric, ...], tuple[Metric, ...]] | None:
    """(the metrics the context names, the metrics the figure belongs to) when the figure is another metric's:
    the nearest words name another metric more clearly than the figure's own, or the figure's words name
    another metric clearly and its own not at all."""
    owners = [m for m, figures in own if any(abs(value - f) <= _TOLERANCE for f in figures)]
    if not owners:
        return None  # a figure of the findings' text, not of a metric: nothing to compare it with
    for context, owner_may_share in zip(contexts[::-1], (True, False)):  # nearest words first
        said = _Vocabulary.of(_words(context))
        scores = [(said.shared(words[id(m)]), m) for m, _ in own]
        owner_best = max(n for n, m in scores if any(m is o for o in owners))
        others = [(n, m) for n, m in scores if not any(m is o for o in owners)]
        best = max((n for n, _ in others), default=0)
        if best >= 2 and (owner_best < best if owner_may_share else owner_best == 0):
            return tuple(m for n, m in others if n == best), tuple(owners)
    # "84% for applications scored by model B" when 84% is model A's: the figure's own words name a
    # label ("model B") that only other metrics carry.
    labels = {w for w in _words(contexts[0]) if "~" in w}
    if labels and not any(labels & words[id(o)] for o in owners):
        named = tuple(m for m, _ in own if labels & words[id(m)] and not any(m is o for o in owners))
        if named:
            return named, tuple(owners)
    return None


def misquoted(sentences: list[str], doc: FindingsDocument, question: str = "") -> list[Misquote]:
    """Percentages in these sentences that name a metric of the findings but match no figure they give,
    or that the findings give for another metric than the one named."""
    metrics = [(f.id, m, _metric_words(m, f.title)) for f in doc.findings for m in f.metrics
               if m.unit.value in ("percent", "ratio")]
    if not metrics:
        return []
    known = _known(doc, question or "")
    own = [(m, figures) for m, figures in _own_figures(doc) if m.unit.value in ("percent", "ratio")]
    definitions = _definition_numbers(doc, own)
    words = _distinct_words(doc)
    out: list[Misquote] = []
    for sentence in sentences:
        said = _Vocabulary.of(_words(sentence))
        contexts = None
        for match in _PERCENT.finditer(sentence):
            value = float(match.group(1))
            if _PLAN_BEFORE.search(sentence[: match.start()]):
                continue
            if any(abs(value - k) <= _TOLERANCE for k in known):
                contexts = contexts if contexts is not None else _figure_contexts(sentence, definitions)
                if match.start() not in contexts:
                    continue  # part of a metric's name ("within 10% of actual"), not a figure
                wrong = _given_for_another(value, contexts[match.start()], own, words)
                if wrong:
                    out.append(Misquote(match.group(0), *wrong))
                continue
            shared = [(said.shared(words), m) for _, m, words in metrics]
            best = max(n for n, _ in shared)
            # The metrics the sentence names most clearly: a title shared by a finding's metrics
            # does not make all of them the one the figure was meant for.
            named = tuple(m for n, m in shared if n >= 2 and n == best)
            if named:
                out.append(Misquote(match.group(0), named))
    return out
