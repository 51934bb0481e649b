"""Figures an answer quotes for the scenario's findings that the findings do not give.

A candidate who says "25% of small businesses" when the findings say 5% has
misquoted the case; an interviewer who knows it will notice. Only percentages in
the parts that retell the case (Situation, Task, Action) are checked, and only
in a sentence that names what one of the findings' metrics measures (two or more
words of its name, population or finding title, in any form: "diversity dropped"
names "Recommendations became 40% less diverse"): the candidate's own outcome ("complaints fell to 2%") and plans
("cap lines at 60%") are theirs to state.
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


def _words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP}


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


def findings_figure(m: Metric) -> str:
    v = m.value * (100 if m.unit.value == "ratio" else 1)
    return f"{v:g}% ({m.name}" + (f", {m.population})" if m.population else ")")


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


def misquoted(sentences: list[str], doc: FindingsDocument, question: str = "") -> list[Misquote]:
    """Percentages in these sentences that name a metric of the findings but match no figure they give."""
    metrics = [(f.id, m, _metric_words(m, f.title)) for f in doc.findings for m in f.metrics
               if m.unit.value in ("percent", "ratio")]
    if not metrics:
        return []
    known = _known(doc, question or "")
    out: list[Misquote] = []
    for sentence in sentences:
        said = _Vocabulary.of(_words(sentence))
        for match in _PERCENT.finditer(sentence):
            value = float(match.group(1))
            if any(abs(value - k) <= _TOLERANCE for k in known):
                continue
            if _PLAN_BEFORE.search(sentence[: match.start()]):
                continue
            shared = [(said.shared(words), m) for _, m, words in metrics]
            best = max(n for n, _ in shared)
            # The metrics the sentence names most clearly: a title shared by a finding's metrics
            # does not make all of them the one the figure was meant for.
            named = tuple(m for n, m in shared if n >= 2 and n == best)
            if named:
                out.append(Misquote(match.group(0), named))
    return out
