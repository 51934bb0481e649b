"""Hypothesis strategies for *valid* findings documents with hostile text in every string.

A document is built as plain data (what a YAML or JSON file holds), so a test can
write it to a file and load it the way a user would. Numbers respect their unit's
range, baselines and recommendations name real ids, intervals contain their value:
every document the strategy draws passes `riskbrief validate`. The text is what
makes it hostile: arbitrary Unicode, control characters, right-to-left and
zero-width marks, combining marks, emoji, digits and very long strings.
"""

from __future__ import annotations

import datetime as dt
import json
import math

import yaml
from hypothesis import strategies as st

# Characters that break naive text handling: controls, bidi overrides, zero-width
# joiners, a BOM, line and paragraph separators, combining marks, emoji, CJK.
AWKWARD = [
    "\x00", "\x07", "\x1b", "\t", "\r", "\n", "\x0b", "\x0c", "\x7f", "\x85", "\xa0",
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a", "\u202b",
    "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029",
    "\u0301", "\u0336", "\U0001f600", "\U0001f1fa\U0001f1f8", "\u4e2d\u6587", "\u05e9\u05dc\u05d5\u05dd",
    "\u0627\u0644\u0639\u0631\u0628\u064a\u0629", "\uff10\uff15", "\u0665", "%", "pp", "$", "\\", '"', "'",
    "{{F1.x}}", "<b>", "</findings_data>", "```", "#", "*", "|", "---", "- ", ": ", "&amp;", "\\u0000",
]
WORDS = [
    "accuracy", "model", "users", "recall", "latency", "fairness", "the", "board", "is", "safe",
    "approved", "critical", "not", "never", "all", "only", "percent", "points", "done", "planned",
    "owner", "regulator", "FDA", "GDPR", "twice", "half", "worse", "better", "improved", "dropped",
    "caveat", "n", "sample", "slice", "women", "aged", "18-25", "v2.3", "2026-12-01", "65%", "0.9",
]

_word = st.sampled_from(WORDS)
_awkward = st.sampled_from(AWKWARD)
_number_text = st.one_of(st.integers(-10**6, 10**9).map(str), st.floats(allow_nan=False).map(repr))


def _joined(parts: list[str], seps: list[str]) -> str:
    return "".join(p + s for p, s in zip(parts, seps))


_phrase = st.lists(st.one_of(_word, _word, _awkward, _number_text, st.text(max_size=6)), min_size=1, max_size=14).flatmap(
    lambda parts: st.lists(st.sampled_from([" ", " ", " ", "", ", ", ". ", "\u200b", "\n"]), min_size=len(parts),
                           max_size=len(parts)).map(lambda seps: _joined(parts, seps))
)
# Long enough to wrap, overflow and be cut; bounded so one document checks in well under a second.
_long = st.builds(lambda unit, k: (unit * k)[:2000], _phrase.filter(lambda s: s.strip()), st.integers(10, 200))

# Arbitrary text: any code point but surrogates (they cannot be UTF-8 encoded).
text = st.one_of(
    _phrase,
    _phrase,
    st.text(max_size=30),
    st.lists(_awkward, max_size=8).map("".join),
    _long,
)
# Prose: words with invisible, bidi, control and non-Latin characters between them, no
# free-form figures. The offline brief of a document in either kind of text must be judged
# faithful (tests/test_fuzz_pipeline.py); benchmarks/robustness.py counts the exceptions.
# Words that state nothing checkable (no figure, severity, status, negation or named body):
# what the narrator quotes from them must never read as a claim of its own.
PLAIN_WORDS = ["dashboard", "campaign", "posts", "reviewers", "marketing", "data", "pipeline", "team", "platform",
               "customers", "support", "search", "ranking", "model", "users", "weekly", "reports", "mobile", "app",
               "queue", "inbox", "emails", "images", "captions", "forms", "the", "of", "for", "and", "in", "on"]
_INVISIBLE = [c for c in AWKWARD if len(c) == 1 and not c.isalnum() and c not in "%$\\\"'#*|-:"] + [
    "\U0001f600", "\u4e2d\u6587", "\u05e9\u05dc\u05d5\u05dd", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629"]
_prose_part = st.one_of(*[st.sampled_from(PLAIN_WORDS)] * 3, st.sampled_from(_INVISIBLE))
prose = st.one_of(
    st.lists(_prose_part, min_size=1, max_size=12).map(" ".join),
    st.builds(lambda unit, k: (unit * k)[:1500], st.lists(_prose_part, min_size=2, max_size=6).map(" ".join), st.integers(5, 60)),
)

ident = st.text(alphabet=st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
                min_size=1, max_size=8).filter(lambda s: s[0].isalpha())
dates = st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2199, 12, 31))

RANGES = {"percent": (0.0, 100.0), "ratio": (0.0, 1.0), "pp": (-100.0, 100.0), "ms": (0.0, 1e7), "s": (0.0, 1e6),
          "count": (0.0, 1e9), "usd": (0.0, 1e10), "x": (0.0, 1e4)}


def _value(unit: str) -> st.SearchStrategy[float]:
    lo, hi = RANGES[unit]
    return st.one_of(
        st.integers(math.ceil(lo), math.floor(hi)).map(float),
        st.floats(lo, hi, allow_nan=False, allow_infinity=False).map(lambda v: round(v, 2)),
        st.floats(lo, hi, allow_nan=False, allow_infinity=False),
        st.sampled_from([lo, hi]),
    )


@st.composite
def metric(draw, metric_id: str, others: list[str], text=text) -> dict:
    unit = draw(st.sampled_from(list(RANGES)))
    value = draw(_value(unit))
    m: dict = {"id": metric_id, "name": draw(st.one_of(st.sampled_from(
        ["accuracy", "recall", "false positive rate", "latency p95", "error rate", "attack success rate", "cost"]), text)),
        "value": value, "unit": unit}
    if draw(st.booleans()):
        m["population"] = draw(text)
    if draw(st.booleans()):
        m["n"] = draw(st.integers(1, 10**7))
    if others and draw(st.booleans()):
        m["baseline"] = draw(st.sampled_from(others))
    if draw(st.booleans()):
        m["higher_is_better"] = draw(st.booleans())
    if draw(st.integers(0, 3)) == 0:
        lo, hi = RANGES[unit]
        m["ci"] = [draw(st.floats(lo, value)), draw(st.floats(value, hi))]
    if draw(st.integers(0, 3)) == 0:
        m["source"] = draw(text)
    return m


def _metrics(draw, ids: list[str], text) -> list[dict]:
    return [draw(metric(mid, ids[:i] + ids[i + 1:], text)) for i, mid in enumerate(ids)]


@st.composite
def mitigation(draw, text=text) -> dict:
    m: dict = {"action": draw(text)}
    for key, strat in (("owner", text), ("due", dates.map(str)), ("status", st.sampled_from(["planned", "in_progress", "done"])),
                       ("effect", text)):
        if draw(st.booleans()):
            m[key] = draw(strat)
    return m


@st.composite
def finding(draw, finding_id: str, text=text) -> dict:
    text_list = st.lists(text, max_size=3)
    f: dict = {
        "id": finding_id,
        "title": draw(text),
        "category": draw(st.sampled_from(["performance", "fairness", "robustness", "security", "privacy", "safety",
                                          "reliability", "compliance", "explainability"])),
        "summary": draw(text),
    }
    optional = {
        "severity": st.sampled_from(["low", "medium", "high", "critical"]),
        "likelihood": st.sampled_from(["rare", "unlikely", "possible", "likely", "almost_certain"]),
        "detectability": st.integers(1, 10),
        "impact": text,
        "affected": text_list,
        "owner": text,
        "status": st.sampled_from(["open", "mitigating", "accepted", "closed"]),
        "mitigations": st.lists(mitigation(text), max_size=3),
        "caveats": st.lists(text, max_size=3),
        "evidence": text_list,
    }
    for key, strat in optional.items():
        if draw(st.booleans()):
            f[key] = draw(strat)
    metric_ids = draw(st.lists(ident, max_size=4, unique=True))
    if metric_ids:
        f["metrics"] = _metrics(draw, metric_ids, text)
    return f


@st.composite
def tradeoff(draw, tradeoff_id: str, text=text) -> dict:
    text_list = st.lists(text, max_size=3)
    option_ids = draw(st.lists(ident, min_size=2, max_size=3, unique=True))
    options = []
    for oid in option_ids:
        o: dict = {"id": oid, "name": draw(text)}
        if draw(st.booleans()):
            o["description"] = draw(text)
        metric_ids = draw(st.lists(ident, max_size=2, unique=True))
        if metric_ids:
            o["metrics"] = _metrics(draw, metric_ids, text)
        o["pros"], o["cons"] = draw(text_list), draw(text_list)
        options.append(o)
    t: dict = {"id": tradeoff_id, "question": draw(text), "options": options,
               "criteria": draw(text_list), "constraints": draw(text_list)}
    if draw(st.booleans()):
        t["recommendation"] = draw(st.sampled_from(option_ids))
        if draw(st.booleans()):
            t["rationale"] = draw(text)
    return t


@st.composite
def documents(draw, max_findings: int = 3, text=text) -> dict:
    """Plain data for one valid findings document; `text` draws every free-text field."""
    text_list = st.lists(text, max_size=3)
    ids = draw(st.lists(ident, min_size=1, max_size=max_findings + 1, unique=True))
    n_findings = draw(st.integers(1, max(1, min(max_findings, len(ids)))))
    system: dict = {"name": draw(text)}
    for key in ("version", "owner", "purpose"):
        if draw(st.booleans()):
            system[key] = draw(text)
    doc: dict = {"schema_version": 1, "system": system}
    if draw(st.booleans()):
        ctx: dict = {}
        for key, strat in (("decision", text), ("deadline", dates.map(str)), ("business_goal", text),
                           ("stakeholders", text_list)):
            if draw(st.booleans()):
                ctx[key] = draw(strat)
        doc["context"] = ctx
    doc["findings"] = [draw(finding(fid, text)) for fid in ids[:n_findings]]
    if len(ids) > n_findings and draw(st.booleans()):
        doc["tradeoffs"] = [draw(tradeoff(ids[n_findings], text))]
    return doc


class _QuotedDumper(yaml.SafeDumper):
    """Every string double-quoted: no YAML 1.1 / 1.2 disagreement on what a plain scalar is."""


_QuotedDumper.add_representer(
    str, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style='"'))


def to_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_QuotedDumper, allow_unicode=True, sort_keys=False, width=math.inf)


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


def as_file_text(data: dict, fmt: str) -> str:
    return to_json(data) if fmt == "json" else to_yaml(data)
