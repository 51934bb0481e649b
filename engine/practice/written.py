"""A model-written STAR-L answer, used only when it is as grounded and as strong as the offline one.

The offline model answer is the draft; the model may make it read better but not
add facts. Its reply is checked like the offline answer is tested: every number
must come from the findings, and the rubric must score it at least 85. A reply
that fails is re-asked with the problems; if it still fails, the offline answer
is returned with a note saying why. So is a model that cannot be reached or
keeps failing after the retries: the offline answer needs no model. A provider
that cannot be set up at all (no API key) is still an error.
"""

from __future__ import annotations

import re
from typing import Any

import prompts
from engine.errors import ProviderError
from engine.practice.answer import model_answer
from engine.practice.bank import findings_for
from evals.starl import score_answer
from evals.starl.text import numbers_in
from schemas.findings import FindingsDocument
from schemas.practice import Scenario, WrittenAnswer

MIN_SCORE = 85
TEMPLATE = "practice/answer.j2"


def allowed_numbers(scenario: Scenario, doc: FindingsDocument) -> set[float]:
    """Every number written in the findings file, plus metric-to-baseline gaps."""
    raw = prompts.read_text(f"practice/{scenario.findings}")
    allowed = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", raw)}
    for f in doc.findings:
        for m in f.metrics:
            base = f.metric(m.baseline) if m.baseline else None
            if base is not None:
                allowed.add(round(abs(base.value - m.value), 6))
    return allowed


def ungrounded_numbers(text: str, scenario: Scenario, doc: FindingsDocument) -> list[str]:
    allowed = allowed_numbers(scenario, doc)
    out = []
    for token in numbers_in(text):
        digits = re.search(r"\d[\d,]*(?:\.\d+)?", token)
        if digits and float(digits.group(0).replace(",", "")) not in allowed:
            out.append(token)
    return out


def answer_problems(answer: WrittenAnswer, scenario: Scenario, doc: FindingsDocument) -> list[str]:
    text = answer.text()
    problems = [f"'{n}' is not a number in findings_data; use only the findings' numbers" for n in ungrounded_numbers(text, scenario, doc)]
    result = score_answer(text, scenario=scenario)
    if result.score < MIN_SCORE:
        problems += [f"the answer scores {result.score}/100 on the STAR-L rubric; fix: {line}" for line in result.feedback[:4]]
    return problems


def model_written_answer(
    scenario: Scenario, provider: str, model: str | None = None, *, provider_instance: Any = None, max_reasks: int = 1
) -> tuple[str, list[str]]:
    """(answer, notes): the model's answer when it passes the checks, else the offline one and why."""
    from engine.cache import ResponseCache
    from engine.chain.calls import ModelCaller, StepFailed
    from engine.config import load_settings
    from engine.hashing import sha256_text
    from engine.prompting import data_block, parse_template
    from engine.providers import get_provider
    from engine.providers.base import CallConfig
    from engine.retry import policy_for

    draft = model_answer(scenario)
    doc = findings_for(scenario)
    source = prompts.read_text(TEMPLATE)
    messages = parse_template(source, "practice_answer").render(
        question=" ".join(scenario.question.split()),
        audience=scenario.audience,
        findings_data=data_block("findings_data", doc.model_dump(mode="json", exclude_none=True)),
        current_text=data_block("current_text", {"draft": draft}),
    )
    settings = load_settings(provider=provider, model=model)
    prov = provider_instance or get_provider(provider, settings)
    caller = ModelCaller(
        prov,
        CallConfig(model=model or settings.resolved_model, timeout_s=settings.timeout_s),
        cache=ResponseCache(settings.cache_dir) if settings.use_cache else None,
        prompt_hash=sha256_text(source),
        input_hash=sha256_text(draft),
        max_reasks=max_reasks,
        retry_policy=policy_for(settings),
    )
    try:
        answer = caller.ask("practice_answer", messages, WrittenAnswer, check=lambda v: answer_problems(v, scenario, doc))
    except StepFailed as e:  # the model never gave a usable reply: the offline answer stands
        return draft, [f"the model's answer was not used ({e.detail}); this is the offline model answer"]
    except ProviderError as e:  # still failing after the retries (429, 5xx, timeouts, unreachable)
        return draft, [f"the model was unavailable ({e}); this is the offline model answer"]
    if answer.problems:
        return draft, [f"the model's answer was not used ({answer.problems[0]}); this is the offline model answer"]
    return answer.value.text(), []
