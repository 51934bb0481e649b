"""Number references: how a model mentions a figure without typing it.

A model writes ``{{F1.acc_sarcasm}}`` and riskbrief renders ``65% (about two
in three)`` from the findings, in the audience's number style. Forms:

    {{F1.acc_sarcasm}}            value, with the audience's gloss / n / interval
    {{F1.acc_sarcasm.value}}      value alone
    {{F1.acc_sarcasm.gap_pp}}     difference from its baseline (25 percentage points)
    {{F1.acc_sarcasm.rel}}        relative change from its baseline (28% lower)
    {{F1.acc_sarcasm.times}}      multiple of its baseline (3.2 times)
    {{F1.acc_sarcasm.baseline}}   the baseline's value
    {{F1.acc_sarcasm.n}}          sample size
    {{F1.acc_sarcasm.ci}}         confidence interval
    {{F1.mitigations[0].due}}     a mitigation's due date
    {{context.deadline}}          the decision deadline
    {{T1.A.acc}}                  a trade-off option's metric (same suffixes)

Any digit left in the model's own words, outside names taken from the findings
(a population such as "applicants aged 18-25", a version), is a typed number:
the sentence goes back for repair, and is dropped if it never comes right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.audience import AudienceProfile
from schemas.findings import FindingsDocument, Metric

from engine.narrator import numbers as N
from engine.narrator.facts import figure

REF_RE = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")
_MITIGATION_RE = re.compile(r"^mitigations\[(\d+)\]\.due$")
_LOOSE_RE = re.compile(r"\{+[^{}]*\}+|\[\[[^\]]*\]\]")  # {F1.x}, {{{F1.x}}} leftovers, [[F1.x]]
_DIGIT_TOKEN_RE = re.compile(r"[^\s,;:()\"']*\d[^\s,;:()\"']*")
# Spelled-out figures are typed numbers too ("twenty-five percent"); small words such as
# "one platform" or "a fifth" are left to the faithfulness check.
_NUMBER_WORD_RE = re.compile(
    r"\b(?:eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|percent|per cent)\b",
    re.IGNORECASE,
)
SUFFIXES = ("value", "gap_pp", "gap", "rel", "times", "baseline", "n", "ci")


class ReferenceError_(ValueError):
    """A reference that names nothing in the findings, or asks what a metric cannot say."""


@dataclass(frozen=True)
class Resolved:
    text: str
    source: str  # id added to the sentence's sources


def _metric_ref(m: Metric, base: Metric | None, suffix: str | None, profile: AudienceProfile, ref: str) -> str:
    if suffix is None:
        return figure(m, profile)
    if suffix == "value":
        return N.metric_value(m)
    if suffix == "n":
        if not m.n:
            raise ReferenceError_(f"{{{{{ref}}}}}: the findings give no sample size for this metric")
        return N.num(m.n)
    if suffix == "ci":
        if not m.ci:
            raise ReferenceError_(f"{{{{{ref}}}}}: the findings give no interval for this metric")
        return f"{N.value_text(m.ci[0], m.unit)} to {N.value_text(m.ci[1], m.unit)}"
    if base is None:
        raise ReferenceError_(f"{{{{{ref}}}}}: this metric has no baseline; .{suffix} needs one")
    if suffix == "baseline":
        return figure(base, profile)
    g = N.gap(m, base)
    if g is None:
        raise ReferenceError_(f"{{{{{ref}}}}}: the metric equals its baseline or uses another unit")
    if suffix in ("gap_pp", "gap"):
        return g.diff_text
    if suffix == "rel":
        rel = N.relative_text(g)
        if rel is None:
            raise ReferenceError_(f"{{{{{ref}}}}}: no relative change (the baseline is zero)")
        return rel
    times = N.times_text(g) if g.times is not None else (
        f"{N.num(round(m.value / base.value, 1))} times" if base.value else None
    )
    if times is None:
        raise ReferenceError_(f"{{{{{ref}}}}}: no multiple (the baseline is zero)")
    return times


class References:
    """Resolves references against one findings document for one audience."""

    def __init__(self, doc: FindingsDocument, profile: AudienceProfile):
        self.doc = doc
        self.profile = profile
        self.allowed_tokens = self._named_tokens()

    def resolve(self, ref: str) -> Resolved:
        parts = ref.strip().split(".")
        doc = self.doc
        if parts[0] == "context":
            if parts[1:] == ["deadline"] and doc.context and doc.context.deadline:
                return Resolved(N.date_text(doc.context.deadline), "context")
            raise ReferenceError_(f"{{{{{ref}}}}}: the only context reference is {{{{context.deadline}}}}, when set")
        finding = doc.finding(parts[0])
        if finding is not None:
            rest = ".".join(parts[1:])
            mm = _MITIGATION_RE.match(rest)
            if mm:
                i = int(mm.group(1))
                if i >= len(finding.mitigations) or finding.mitigations[i].due is None:
                    raise ReferenceError_(f"{{{{{ref}}}}}: {finding.id} has no mitigation {i} with a due date")
                return Resolved(N.date_text(finding.mitigations[i].due), finding.id)
            if len(parts) not in (2, 3):
                raise ReferenceError_(f"{{{{{ref}}}}}: write {finding.id}.METRIC or {finding.id}.METRIC.SUFFIX")
            return self._metric(ref, f"{finding.id}", finding.metric(parts[1]), finding.metrics, parts[1:])
        tradeoff = doc.tradeoff(parts[0])
        if tradeoff is not None and len(parts) in (3, 4):
            option = tradeoff.option(parts[1])
            if option is None:
                known = ", ".join(o.id for o in tradeoff.options)
                raise ReferenceError_(f"{{{{{ref}}}}}: {tradeoff.id} has no option {parts[1]} (options: {known})")
            return self._metric(ref, f"{tradeoff.id}.{option.id}", option.metric(parts[2]), option.metrics, parts[2:])
        raise ReferenceError_(f"{{{{{ref}}}}} names nothing in the findings; see the reference list")

    def _metric(self, ref: str, owner: str, m: Metric | None, metrics: list[Metric], parts: list[str]) -> Resolved:
        if m is None:
            known = ", ".join(x.id for x in metrics) or "none"
            raise ReferenceError_(f"{{{{{ref}}}}}: {owner} has no metric {parts[0]} (metrics: {known})")
        suffix = parts[1] if len(parts) > 1 else None
        if suffix is not None and suffix not in SUFFIXES:
            raise ReferenceError_(f"{{{{{ref}}}}}: unknown suffix .{suffix} (use {', '.join(SUFFIXES)})")
        base = next((x for x in metrics if x.id == m.baseline), None) if m.baseline else None
        source = f"{owner}.{m.id}"
        return Resolved(_metric_ref(m, base, suffix, self.profile, ref), source)

    def render(self, text: str) -> tuple[str, list[str], list[str]]:
        """(rendered text, sources the references add, problems)."""
        sources: list[str] = []
        problems: list[str] = []

        def sub(match: re.Match) -> str:
            try:
                r = self.resolve(match.group(1))
            except ReferenceError_ as e:
                problems.append(str(e))
                return match.group(0)
            sources.append(r.source)
            if r.source.count(".") >= 1 and not r.source.startswith("context"):
                base = self._baseline_source(match.group(1))
                if base:
                    sources.append(base)
            return r.text

        stripped = REF_RE.sub("", text)
        for loose in _LOOSE_RE.findall(stripped):
            problems.append(f"'{loose}' is not a reference; write references in double braces, e.g. {{{{F1.metric}}}}")
        stripped = _LOOSE_RE.sub("", stripped)
        for token in self.typed_numbers(stripped):
            problems.append(f"'{token}' is a number typed by hand; write it as a {{{{reference}}}}")
        rendered = REF_RE.sub(sub, text)
        return rendered, list(dict.fromkeys(sources)), problems

    def _baseline_source(self, ref: str) -> str | None:
        parts = ref.strip().split(".")
        if len(parts) == 3 and parts[2] in ("gap_pp", "gap", "rel", "times", "baseline"):
            f = self.doc.finding(parts[0])
            m = f.metric(parts[1]) if f else None
            if m and m.baseline:
                return f"{f.id}.{m.baseline}"
        return None

    def known_sources(self) -> set[str]:
        doc = self.doc
        known = {"system", "context"}
        for f in doc.findings:
            known.add(f.id)
            known.update(f"{f.id}.{m.id}" for m in f.metrics)
        for t in doc.tradeoffs:
            known.add(t.id)
            for o in t.options:
                known.add(f"{t.id}.{o.id}")
                known.update(f"{t.id}.{o.id}.{m.id}" for m in o.metrics)
        return known

    def unknown_sources(self, sources: list[str]) -> list[str]:
        known = self.known_sources()
        return [s for s in sources if s not in known]

    def typed_numbers(self, text: str) -> list[str]:
        """Digit-bearing words in the model's own text that are not names from the findings."""
        out = []
        for token in _DIGIT_TOKEN_RE.findall(text) + _NUMBER_WORD_RE.findall(text):
            clean = token.strip(".!?-–—").lower()
            if clean and clean not in self.allowed_tokens:
                out.append(token.strip(".!?"))
        return out

    def _named_tokens(self) -> set[str]:
        """Digit-bearing words that are names, not figures: ids, versions, populations, titles of things."""
        doc = self.doc
        names: list[str] = [doc.system.name, doc.system.version or "", doc.system.owner or "", *doc.system.users]
        if doc.context:
            names += list(doc.context.stakeholders)
        for f in doc.findings:
            names += [f.id, f.title, f.owner or "", *f.affected]
            for m in f.metrics:
                names += [m.id, m.name, m.population or ""]
            for mit in f.mitigations:
                names += [mit.owner or ""]
        for t in doc.tradeoffs:
            names += [t.id]
            for o in t.options:
                names += [o.id, o.name]
                for m in o.metrics:
                    names += [m.id, m.name, m.population or ""]
        tokens: set[str] = set()
        for name in names:
            for token in _DIGIT_TOKEN_RE.findall(name) + _NUMBER_WORD_RE.findall(name):
                tokens.add(token.strip(".!?-–—").lower())
        return tokens

    def catalogue(self) -> list[dict[str, str]]:
        """Every reference a model may use, with what it stands for (shown in the data block)."""
        out: list[dict[str, str]] = []
        doc = self.doc

        def add(ref: str, meaning: str) -> None:
            try:
                value = self.resolve(ref).text
            except ReferenceError_:
                return
            out.append({"ref": "{{" + ref + "}}", "means": meaning, "renders_as": value})

        if doc.context and doc.context.deadline:
            add("context.deadline", "the decision deadline")
        for f in doc.findings:
            for m in f.metrics:
                where = f" on {m.population}" if m.population else ""
                add(f"{f.id}.{m.id}", f"{m.name}{where}")
                if m.baseline:
                    add(f"{f.id}.{m.id}.gap_pp", f"difference between {m.id} and its baseline {m.baseline}")
                    add(f"{f.id}.{m.id}.rel", f"relative change of {m.id} against {m.baseline}")
                if m.n:
                    add(f"{f.id}.{m.id}.n", f"sample size behind {m.id}")
                if m.ci:
                    add(f"{f.id}.{m.id}.ci", f"confidence interval of {m.id}")
            for i, mit in enumerate(f.mitigations):
                if mit.due:
                    add(f"{f.id}.mitigations[{i}].due", f"due date of: {mit.action}")
        for t in doc.tradeoffs:
            for o in t.options:
                for m in o.metrics:
                    add(f"{t.id}.{o.id}.{m.id}", f"{m.name} of option {o.id} ({o.name})")
        return out
