"""The numbers a scenario's strong answer should quote, read from its findings file."""

from __future__ import annotations

import re
from functools import lru_cache

from ruamel.yaml import YAML

import prompts
from schemas.findings import FindingsDocument, Metric
from schemas.loading import load_text
from schemas.practice import Scenario


@lru_cache(maxsize=64)
def bank_scenario(scenario_id: str) -> Scenario:
    """A scenario of the bank by id (prompts/practice/scenarios/ID.yaml); KeyError when there is none."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", scenario_id or ""):
        raise KeyError(scenario_id)
    try:
        text = prompts.read_text(f"practice/scenarios/{scenario_id}.yaml")
    except FileNotFoundError:
        raise KeyError(scenario_id) from None
    return Scenario.model_validate(YAML(typ="safe", pure=True).load(text))


@lru_cache(maxsize=64)
def _findings(relpath: str) -> FindingsDocument:
    return load_text(prompts.read_text(f"practice/{relpath}"), f"prompts/practice/{relpath}")


def scenario_findings(scenario: Scenario) -> FindingsDocument:
    """The findings document that grounds a scenario (package data under prompts/practice/)."""
    return _findings(scenario.findings)


def resolve_metric(doc: FindingsDocument, ref: str) -> Metric:
    """FINDING.METRIC -> the metric; a trade-off option's metric as T1.A.acc is not supported here."""
    finding_id, metric_id = ref.split(".", 1)
    finding = doc.finding(finding_id)
    metric = finding.metric(metric_id) if finding else None
    if metric is None:
        raise KeyError(f"{ref} is not a metric of the findings (FINDING.METRIC)")
    return metric


def format_value(metric: Metric) -> str:
    v = metric.value
    num = f"{v:g}" if v != int(v) else f"{int(v)}"
    unit = metric.unit.value
    if unit == "percent":
        return f"{num}%"
    if unit == "pp":
        return f"{num} percentage points"
    if unit == "usd":
        return f"${int(v):,}" if v == int(v) else f"${v:,.2f}"
    if unit == "x":
        return f"{num} times"
    if unit == "count":
        return f"{int(v):,}" if v == int(v) else num
    if unit == "s":
        return f"{num} second{'' if v == 1 else 's'}"
    if unit == "ms":
        return f"{num} ms"
    return num


def expected_numbers(scenario: Scenario) -> list[tuple[str, float]]:
    """(display form, value) for each metric the scenario says a strong answer uses."""
    doc = scenario_findings(scenario)
    out: list[tuple[str, float]] = []
    for ref in scenario.covers.metrics:
        m = resolve_metric(doc, ref)
        out.append((format_value(m), m.value))
    return out
