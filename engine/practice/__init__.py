"""Interview practice: the scenario bank and model answers.

The TUI and the CLI use these functions; scoring lives in evals.starl.
"""

from engine.practice.answer import model_answer
from engine.practice.bank import findings_for, list_scenarios, load_scenario

__all__ = ["findings_for", "list_scenarios", "load_scenario", "model_answer"]
