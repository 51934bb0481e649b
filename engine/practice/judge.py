"""A riskbrief provider as the STAR-L judge's chat model (cached, retried, re-asked)."""

from __future__ import annotations

from typing import Any, Callable

from engine.errors import UsageError
from schemas.practice import JudgeVerdict


def provider_judge(provider: str, model: str | None = None, *, provider_instance: Any = None) -> Callable[..., Any]:
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
