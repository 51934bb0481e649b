"""The STAR-L practice bank, as the practice screen needs it.

Uses engine.practice when it is installed; otherwise lists the scenario
files in prompts/practice/scenarios/ directly so the screen still works.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

from ruamel.yaml import YAML

from engine.errors import RiskbriefError


class PracticeUnavailable(RiskbriefError):
    """Scoring or model answers are not available in this installation."""


@dataclass(frozen=True)
class ScenarioInfo:
    id: str
    title: str
    question: str
    audience: str


def _from_files() -> list[ScenarioInfo]:
    base = resources.files("prompts") / "practice" / "scenarios"
    yaml = YAML(typ="safe", pure=True)
    out = []
    for entry in sorted(base.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            data = yaml.load(entry.read_text(encoding="utf-8")) or {}
            out.append(ScenarioInfo(str(data.get("id", entry.name.rsplit(".", 1)[0])), str(data.get("title", "")),
                                    " ".join(str(data.get("question", "")).split()), str(data.get("audience", "executive"))))
    return out


def _info(s: Any) -> ScenarioInfo:
    return ScenarioInfo(s.id, s.title, " ".join(s.question.split()), getattr(s, "audience", "executive"))


def list_scenarios() -> list[ScenarioInfo]:
    try:
        from engine.practice import list_scenarios as engine_list
    except ImportError:
        return _from_files()
    return [_info(s) if not isinstance(s, str) else _info(_load(s)) for s in engine_list()]


def _load(scenario_id: str) -> Any:
    try:
        from engine.practice import load_scenario
    except ImportError:
        return None
    return load_scenario(scenario_id)


def score(text: str, scenario_id: str) -> Any:
    """The PracticeScore of an answer to one scenario."""
    try:
        from evals.starl import score_answer
    except ImportError as e:
        raise PracticeUnavailable("STAR-L scoring is not installed in this version of riskbrief") from e
    return score_answer(text, _load(scenario_id))


def model_answer(scenario_id: str) -> str:
    try:
        from engine.practice import model_answer as engine_model_answer
    except ImportError as e:
        raise PracticeUnavailable("model answers are not installed in this version of riskbrief") from e
    return engine_model_answer(scenario_id)
