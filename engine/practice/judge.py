"""A riskbrief provider as the STAR-L judge's chat model (cached, retried, re-asked).

The judge is advisory: the rubric's score stands on its own. A judge that cannot
be set up (the offline provider, no API key) is a usage error, because nothing
was asked yet; a judge that was asked but never replied usably (rate limits,
server errors, timeouts, replies that do not fit the schema, after the retries
and re-asks) leaves the rubric's score with a note saying why.
"""

from __future__ import annotations

from typing import Any, Callable

from engine.errors import RiskbriefError, UsageError
from evals.starl import score_answer
from evals.starl.judge import JudgeError, with_judge_opinion
from schemas.practice import JudgeVerdict, PracticeScore, Scenario

Judge = Callable[..., Any]


def provider_judge(provider: str, model: str | None = None, *, provider_instance: Any = None) -> Judge:
    """A `(messages, schema) -> JudgeVerdict` callable for evals.starl.judge.judge_answer."""
    if provider == "offline" and provider_instance is None:
        raise UsageError("the judge needs a chat model: use --provider openai with --model (the offline narrator cannot judge)")
    from engine.cache import ResponseCache
    from engine.chain.calls import ModelCaller
    from engine.config import load_settings
    from engine.hashing import sha256_text
    from engine.providers import get_provider
    from engine.providers.base import CallConfig
    from engine.retry import policy_for

    import prompts

    settings = load_settings(provider=provider, model=model)
    prov = provider_instance or get_provider(provider, settings)
    cache = ResponseCache(settings.cache_dir) if settings.use_cache else None
    prompt_hash = sha256_text(prompts.read_text("practice/judge.j2"))

    def ask(messages: list[dict[str, str]], schema: type = JudgeVerdict) -> JudgeVerdict:
        caller = ModelCaller(
            prov,
            CallConfig(model=model or settings.resolved_model, timeout_s=settings.timeout_s),
            cache=cache,
            prompt_hash=prompt_hash,
            input_hash=sha256_text(messages[-1]["content"]),
            retry_policy=policy_for(settings),
        )
        return caller.ask("judge", messages, schema).value

    return ask


def judge_unavailable_note(reason: str) -> str:
    return f"the judge was unavailable, so the score is the rubric's alone: {reason}"


def judged_score(
    text: str,
    judge: Judge,
    *,
    scenario: Scenario | str | None = None,
    question: str | None = None,
    audience: str | None = None,
) -> PracticeScore:
    """The rubric's score with the judge's opinion, or with a note on why the judge gave none."""
    from engine.chain.calls import StepFailed

    result = score_answer(text, scenario=scenario, question=question, audience=audience)
    try:
        return with_judge_opinion(result, text, judge)
    except StepFailed as e:  # no schema-valid reply after the re-asks
        reason = e.detail
    except (JudgeError, RiskbriefError) as e:  # an unusable reply; retries exhausted; server unreachable
        reason = str(e)
    return result.model_copy(update={"notes": [*result.notes, judge_unavailable_note(reason)]})
