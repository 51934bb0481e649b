"""The practice scenario bank: prompts/practice/scenarios/*.yaml (package data)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from engine.errors import RiskbriefError, UsageError
from evals.starl.grounding import resolve_metric, scenario_findings
from schemas.findings import FindingsDocument, format_loc
from schemas.loading import FindingsError, Problem, line_at
from schemas.practice import Scenario

SCENARIO_DIR = "practice/scenarios"


def _scenario_files() -> dict[str, str]:
    """file stem -> YAML text."""
    base = resources.files("prompts") / "practice" / "scenarios"
    return {
        entry.name.rsplit(".", 1)[0]: entry.read_text(encoding="utf-8")
        for entry in sorted(base.iterdir(), key=lambda e: e.name)
        if entry.name.endswith((".yaml", ".yml"))
    }


class ScenarioFileError(FindingsError, RiskbriefError):
    """A scenario file of the bank is invalid: FILE:LINE: field.path: message for each problem."""


def _problem(where: str, text: str, loc: tuple, message: str) -> Problem:
    # a missing field has no line of its own: point at the nearest enclosing one that exists
    line = next((n for k in range(len(loc), 0, -1) if (n := line_at(text, loc[:k]))), 1)
    return Problem(where, line, format_loc(loc), message)


def _parse(stem: str, text: str) -> Scenario:
    where = f"prompts/{SCENARIO_DIR}/{stem}.yaml"
    try:
        data = YAML(typ="safe", pure=True).load(text)
    except YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise ScenarioFileError([Problem(where, line, "(document)", f"invalid YAML: {getattr(e, 'problem', None) or e}")])
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as e:
        raise ScenarioFileError([_problem(where, text, tuple(err["loc"]), err["msg"]) for err in e.errors()])
    problems = []
    if scenario.id != stem:
        problems.append(_problem(where, text, ("id",), f"id '{scenario.id}' must match the file name '{stem}'"))
    try:
        doc = scenario_findings(scenario)
    except (FileNotFoundError, FindingsError) as e:
        detail = "; ".join(str(p) for p in e.problems[:2]) if isinstance(e, FindingsError) else "no such file"
        problems.append(_problem(where, text, ("findings",), f"findings file {scenario.findings!r} cannot be used: {detail}"))
        doc = None
    if doc is not None:
        for i, ref in enumerate(scenario.covers.metrics):
            try:
                resolve_metric(doc, ref)
            except (KeyError, ValueError):
                problems.append(_problem(where, text, ("covers", "metrics", i),
                                         f"'{ref}' is not a metric of {scenario.findings} (write FINDING.METRIC)"))
    if problems:
        raise ScenarioFileError(problems)
    return scenario


@lru_cache(maxsize=1)
def _bank() -> dict[str, Scenario]:
    return {stem: _parse(stem, text) for stem, text in _scenario_files().items()}


def list_scenarios() -> list[Scenario]:
    """Every scenario, the reference scenarios first, then by id."""
    return sorted(_bank().values(), key=lambda s: ("reference" not in s.tags, s.id))


def load_scenario(scenario_id: str) -> Scenario:
    """The scenario called `scenario_id`; UsageError naming the known ids when there is none."""
    bank = _bank()
    if scenario_id not in bank:
        close = [s for s in bank if scenario_id and (scenario_id in s or s.startswith(scenario_id[:4]))]
        hint = f" Did you mean {', '.join(close[:3])}?" if close else ""
        raise UsageError(f"unknown scenario '{scenario_id}'.{hint} Run `riskbrief practice list` to see the ids.")
    return bank[scenario_id]


def findings_for(scenario: Scenario) -> FindingsDocument:
    """The findings document that grounds the scenario."""
    return scenario_findings(scenario)
