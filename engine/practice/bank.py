"""The practice scenario bank: prompts/practice/scenarios/*.yaml (package data)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from engine.errors import RiskbriefError, UsageError
from evals.starl.grounding import scenario_findings
from schemas.findings import FindingsDocument
from schemas.findings import format_loc
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


def _parse(stem: str, text: str) -> Scenario:
    where = f"prompts/{SCENARIO_DIR}/{stem}.yaml"
    try:
        data = YAML(typ="safe", pure=True).load(text)
    except YAMLError as e:
        raise RiskbriefError(f"{where}: invalid YAML: {e}")
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        raise RiskbriefError(f"{where}: {format_loc(tuple(first['loc']))}: {first['msg']}")
    if scenario.id != stem:
        raise RiskbriefError(f"{where}: id '{scenario.id}' must match the file name '{stem}'")
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
