"""The findings document (input), schema_version 1.

Structural rules (types, enums, required fields, unknown keys) live on the
models; rules that span fields (unique ids, resolvable references, unit ranges)
live in :func:`document_issues`, which works on raw data too so the loader can
report every problem with its line, even when the structure is also broken.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from enum import Enum
from typing import Any, Iterator

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_enum_values=False)


class Category(str, Enum):
    performance = "performance"
    fairness = "fairness"
    robustness = "robustness"
    security = "security"
    privacy = "privacy"
    safety = "safety"
    reliability = "reliability"
    compliance = "compliance"
    explainability = "explainability"


class Severity(str, Enum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self.value]


class Likelihood(str, Enum):
    rare = "rare"
    unlikely = "unlikely"
    possible = "possible"
    likely = "likely"
    almost_certain = "almost_certain"

    @property
    def rank(self) -> int:
        return _LIKELIHOOD_RANK[self.value]


_SEVERITY_RANK = {s.value: i + 1 for i, s in enumerate(Severity)}
_LIKELIHOOD_RANK = {s.value: i + 1 for i, s in enumerate(Likelihood)}


class Status(str, Enum):
    open = "open"
    mitigating = "mitigating"
    accepted = "accepted"
    closed = "closed"


class MitigationStatus(str, Enum):
    planned = "planned"
    in_progress = "in_progress"
    done = "done"


class Unit(str, Enum):
    percent = "percent"
    ratio = "ratio"
    pp = "pp"
    ms = "ms"
    s = "s"
    count = "count"
    usd = "usd"
    x = "x"


# Metric names whose value improves as it falls; anything else is assumed
# higher-is-better unless the metric says otherwise.
LOWER_IS_BETTER_WORDS = (
    "error", "loss", "latency", "false positive", "false negative", "fpr", "fnr",
    "miss", "gap", "disparity", "drift", "violation", "toxicity", "attack success",
    "asr", "cost", "time", "leak", "hallucination", "incident", "complaint",
    "bias", "over-predict", "overpredict", "under-predict", "mae", "rmse", "mse",
    "brier", "calibration error", "ece", "churn", "failure", "jailbreak", "exposure",
    "false alarm", "false removal", "false accept", "false reject", "under-triage", "over-triage",
    "hours", "workload", "spend", "delay", "wait", "downtime", "runtime", "outage", "duplicate",
    "false denial", "false decline", "false flag", "false match", "perplexity", "timeout", "crash",
    "defect", "abandon", "escape",
)
# Each word starts a word of the name: "time" is in "response time" but not in "uptime",
# "miss" in "miss rate" but not in "submission rate".
_LOWER_IS_BETTER = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in LOWER_IS_BETTER_WORDS) + ")")
# What is saved or avoided is a gain, whatever it counts: "transcriber hours saved", "errors prevented".
_GAIN = re.compile(r"\b(?:saved|savings?|released|freed|avoided|prevented|recovered|gained|reduction|reduced)\b")


class Metric(_Strict):
    """One measured quantity, on one population."""

    id: str = Field(description="Unique within its finding; referenced as FINDING.METRIC in sources.")
    name: str = Field(description="What was measured, e.g. accuracy, recall, latency p95.")
    value: float = Field(description="The measured value, in `unit`.")
    unit: Unit = Field(description="percent (0-100), ratio (0-1), pp, ms, s, count, usd or x.")
    population: str | None = Field(None, description="The data slice or population the value holds for.")
    n: int | None = Field(None, ge=1, description="Sample size behind the value.")
    baseline: str | None = Field(None, description="Id of another metric in the same finding to compare against.")
    higher_is_better: bool | None = Field(None, description="Inferred from the name when absent.")
    ci: list[float] | None = Field(None, min_length=2, max_length=2, description="Confidence interval [low, high].")
    source: str | None = Field(None, description="Where the number comes from (report, run, notebook).")

    @property
    def better_when_higher(self) -> bool:
        if self.higher_is_better is not None:
            return self.higher_is_better
        name = self.name.lower()
        return _GAIN.search(name) is not None or _LOWER_IS_BETTER.search(name) is None


class Mitigation(_Strict):
    """An action that reduces the risk."""

    action: str = Field(description="What will be or was done.")
    owner: str | None = Field(None, description="Who is accountable for the action.")
    due: dt.date | None = Field(None, description="When the action is due (YYYY-MM-DD).")
    status: MitigationStatus | None = Field(None, description="planned, in_progress or done.")
    effect: str | None = Field(None, description="What the action is expected to change.")


class Finding(_Strict):
    """One risk finding about the system."""

    id: str = Field(description="Unique in the document; referenced in sources.")
    title: str = Field(description="One line naming the problem.")
    category: Category = Field(description="Kind of risk.")
    severity: Severity | None = Field(None, description="low, medium, high or critical.")
    likelihood: Likelihood | None = Field(None, description="rare, unlikely, possible, likely or almost_certain.")
    detectability: int | None = Field(None, ge=1, le=10, description="1..10, 10 = hardest to detect (FMEA).")
    summary: str = Field(description="Technical statement of the finding.")
    metrics: list[Metric] = Field(default_factory=list, description="Measured quantities behind the finding.")
    impact: str | None = Field(None, description="Plain-words business consequence.")
    affected: list[str] = Field(default_factory=list, description="Who or what is affected.")
    owner: str | None = Field(None, description="Who owns the finding.")
    status: Status | None = Field(None, description="open, mitigating, accepted or closed.")
    mitigations: list[Mitigation] = Field(default_factory=list, description="Actions that reduce the risk.")
    caveats: list[str] = Field(default_factory=list, description="Limits of the evidence; must survive into every brief.")
    evidence: list[str] = Field(default_factory=list, description="Pointers to the evidence (rule ids, file locations, references).")

    def metric(self, metric_id: str) -> Metric | None:
        return next((m for m in self.metrics if m.id == metric_id), None)


class Option(_Strict):
    """One option of a trade-off."""

    id: str = Field(description="Unique within its trade-off; referenced by recommendation.")
    name: str = Field(description="Short name of the option.")
    description: str | None = Field(None, description="What the option is.")
    metrics: list[Metric] = Field(default_factory=list, description="Measured qualities of the option.")
    pros: list[str] = Field(default_factory=list, description="What the option gains.")
    cons: list[str] = Field(default_factory=list, description="What the option costs.")

    def metric(self, metric_id: str) -> Metric | None:
        return next((m for m in self.metrics if m.id == metric_id), None)


class Tradeoff(_Strict):
    """A decision between options."""

    id: str = Field(description="Unique in the document.")
    question: str = Field(description="The decision to make, as a question.")
    options: list[Option] = Field(min_length=2, description="At least two options.")
    criteria: list[str] = Field(default_factory=list, description="What the options are judged on.")
    constraints: list[str] = Field(default_factory=list, description="Conditions any option must respect.")
    recommendation: str | None = Field(None, description="Id of the recommended option.")
    rationale: str | None = Field(None, description="Why the recommended option.")

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class System(_Strict):
    """The AI system the findings are about."""

    name: str = Field(description="Name of the system.")
    version: str | None = Field(None, description="Version of the system.")
    owner: str | None = Field(None, description="Team or person accountable for the system.")
    purpose: str | None = Field(None, description="What the system is for.")
    users: list[str] = Field(
        default_factory=list,
        description="Who the system is for: its intended users (a model card's users). Not the stakeholders "
                    "of a decision, who are in context.stakeholders.")

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, v: Any) -> Any:
        # YAML reads `version: 2.3` as a float; a version is text.
        return str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v


class Context(_Strict):
    """The decision the findings feed into."""

    decision: str | None = Field(None, description="The decision the readers must make.")
    deadline: dt.date | None = Field(None, description="When the decision is due.")
    business_goal: str | None = Field(None, description="What the business wants from the system.")
    stakeholders: list[str] = Field(default_factory=list, description="Who has a stake in the decision.")


class FindingsDocument(_Strict):
    """A findings document, schema_version 1."""

    schema_version: int = Field(description="Always 1 for this format.")
    date: dt.date | None = Field(
        None, description="When the findings were assessed (YYYY-MM-DD); a change brief counts a mitigation as slipped "
                          "when its due date is before the newer document's date and it is not done.")
    system: System
    context: Context | None = None
    findings: list[Finding] = Field(min_length=1, description="At least one finding.")
    tradeoffs: list[Tradeoff] = Field(default_factory=list, description="Decisions between options.")

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, v: int) -> int:
        if v != 1:
            raise ValueError(f"schema_version {v} is not supported; use 1")
        return v

    @model_validator(mode="after")
    def _cross_field(self, info: ValidationInfo) -> "FindingsDocument":
        # The file loader reports these itself, with line numbers.
        if info.context and info.context.get("cross_field_checked"):
            return self
        issues = list(document_issues(self.model_dump(mode="json")))
        if issues:
            raise ValueError("; ".join(f"{format_loc(loc)}: {msg}" for loc, msg in issues))
        return self

    def finding(self, finding_id: str) -> Finding | None:
        return next((f for f in self.findings if f.id == finding_id), None)

    def tradeoff(self, tradeoff_id: str) -> Tradeoff | None:
        return next((t for t in self.tradeoffs if t.id == tradeoff_id), None)


STRICT_FINDING_FIELDS = ("severity", "likelihood", "impact", "owner", "status")


def format_loc(loc: tuple[Any, ...]) -> str:
    """('findings', 0, 'metrics', 1, 'value') -> 'findings[0].metrics[1].value'.

    A key that could be misread in `FILE:LINE: field.path: message` (one with ": ", a line
    break, an edge space, or none at all) is written quoted, JSON-style, with ": " escaped:
    findings[0]["due: soon"] reads as findings[0]["due:\u0020soon"]."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _PLAIN_KEY.fullmatch(text := str(part)):
            out += ("." if out else "") + text
        else:
            out += "[" + json.dumps(text, ensure_ascii=False).replace(": ", ":\\u0020") + "]"
    return out or "(document)"


# Everything but what would break a problem line: ": ", control characters, edge spaces.
_PLAIN_KEY = re.compile(r"(?!\s)(?:(?!: )[^\x00-\x1f\x7f])+(?<!\s)")


def _is_num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _metric_issues(m: dict, loc: tuple, ids: set[str]) -> Iterator[tuple[tuple, str]]:
    unit, value, ci = m.get("unit"), m.get("value"), m.get("ci")
    for key, v in (("value", value), *((("ci", i), c) for i, c in enumerate(ci if isinstance(ci, list) else []))):
        if _is_num(v) and not math.isfinite(v):
            yield loc + (key if isinstance(key, tuple) else (key,)), f"{v} is not a finite number"
    if _is_num(value) and not math.isfinite(value):
        return  # one problem per value: range and interval checks mean nothing for nan or inf
    ranges = {"percent": (0, 100, "0-100"), "ratio": (0, 1, "0-1")}
    if unit in ranges:
        lo, hi, label = ranges[unit]
        if _is_num(value) and not lo <= value <= hi:
            yield loc + ("value",), f"{value:g} is outside {label} for unit {unit}"
        if isinstance(ci, list):
            for i, c in enumerate(ci):
                if _is_num(c) and not lo <= c <= hi:
                    yield loc + ("ci", i), f"{c:g} is outside {label} for unit {unit}"
    if unit in ("count", "ms", "s", "usd", "x") and _is_num(value) and value < 0:
        yield loc + ("value",), f"{value:g} is negative; a {unit} value cannot be"
    if isinstance(ci, list) and len(ci) == 2 and all(_is_num(c) for c in ci):
        if ci[0] > ci[1]:
            yield loc + ("ci",), f"low {ci[0]:g} is above high {ci[1]:g}"
        elif _is_num(value) and not ci[0] <= value <= ci[1]:
            yield loc + ("ci",), f"[{ci[0]:g}, {ci[1]:g}] does not contain the value {value:g}"
    base = m.get("baseline")
    if isinstance(base, str):
        if base == m.get("id"):
            yield loc + ("baseline",), "a metric cannot be its own baseline"
        elif base not in ids:
            yield loc + ("baseline",), f"'{base}' is not a metric id in this finding (known: {', '.join(sorted(ids)) or 'none'})"


def _metrics_issues(metrics: Any, loc: tuple) -> Iterator[tuple[tuple, str]]:
    if not isinstance(metrics, list):
        return
    ids: set[str] = set()
    seen: set[str] = set()
    for m in metrics:
        if isinstance(m, dict) and isinstance(m.get("id"), str):
            ids.add(m["id"])
    for i, m in enumerate(metrics):
        if not isinstance(m, dict):
            continue
        mid = m.get("id")
        if isinstance(mid, str):
            if mid in seen:
                yield loc + (i, "id"), f"duplicate metric id '{mid}'"
            seen.add(mid)
        yield from _metric_issues(m, loc + (i,), ids)


def document_issues(data: Any) -> Iterator[tuple[tuple, str]]:
    """Cross-field problems in a raw (dict) findings document, as (loc, message)."""
    if not isinstance(data, dict):
        return
    findings = data.get("findings")
    if isinstance(findings, list):
        seen: set[str] = set()
        for i, f in enumerate(findings):
            if not isinstance(f, dict):
                continue
            fid = f.get("id")
            if isinstance(fid, str):
                if fid in seen:
                    yield ("findings", i, "id"), f"duplicate finding id '{fid}'"
                seen.add(fid)
            yield from _metrics_issues(f.get("metrics"), ("findings", i, "metrics"))
    tradeoffs = data.get("tradeoffs")
    if isinstance(tradeoffs, list):
        seen_t: set[str] = set()
        for i, t in enumerate(tradeoffs):
            if not isinstance(t, dict):
                continue
            tid = t.get("id")
            if isinstance(tid, str):
                if tid in seen_t:
                    yield ("tradeoffs", i, "id"), f"duplicate trade-off id '{tid}'"
                seen_t.add(tid)
            options = t.get("options") if isinstance(t.get("options"), list) else []
            opt_ids: list[str] = []
            for j, o in enumerate(options):
                if not isinstance(o, dict):
                    continue
                oid = o.get("id")
                if isinstance(oid, str):
                    if oid in opt_ids:
                        yield ("tradeoffs", i, "options", j, "id"), f"duplicate option id '{oid}'"
                    opt_ids.append(oid)
                yield from _metrics_issues(o.get("metrics"), ("tradeoffs", i, "options", j, "metrics"))
            rec = t.get("recommendation")
            if isinstance(rec, str) and rec not in opt_ids:
                yield ("tradeoffs", i, "recommendation"), (
                    f"'{rec}' is not an option id of this trade-off (options: {', '.join(opt_ids) or 'none'})"
                )


def strict_issues(doc: FindingsDocument) -> Iterator[tuple[tuple, str]]:
    """Fields that `validate --strict` also requires."""
    for i, f in enumerate(doc.findings):
        for name in STRICT_FINDING_FIELDS:
            if getattr(f, name) in (None, ""):
                yield ("findings", i, name), f"required in strict mode (finding {f.id} has no {name})"
        for j, m in enumerate(f.metrics):
            if not m.population:
                yield ("findings", i, "metrics", j, "population"), f"required in strict mode (metric {m.id} names no population)"
