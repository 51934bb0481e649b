"""Entry points of the model path: a whole brief, or one section, with provenance."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import datetime, timezone
from typing import Any, Callable

from schemas.audience import AudienceProfile
from schemas.brief import Brief, PromptRef, Provenance, Section
from schemas.draft import Draft, Framing, Plan, Revision
from schemas.findings import FindingsDocument

from engine.cache import ResponseCache, cache_exists
from engine.chain.calls import ModelCaller
from engine.chain.data import findings_block, sections_for
from engine.chain.estimate import cost_usd
from engine.injection import EchoCheck, without_planted
from engine.chain.references import References
from engine.chain.steps import ChainState, check_step, draft_step, final_step, plan_step, repair_step
from engine.config import Settings, load_settings
from engine.errors import RiskbriefError
from engine.hashing import input_hash
from engine.options import GenerateOptions
from engine.prompting import CHAIN_PROMPTS, chain_prompt_hash, load_prompt
from engine.providers import get_provider
from engine.providers.base import CallConfig
from engine.retry import policy_for

STEP_SCHEMAS = (Plan, Draft, Revision, Framing)  # what the steps ask the model for, in CHAIN_PROMPTS order


def settings_for(opts: GenerateOptions) -> Settings:
    return load_settings(provider=opts.provider, model=opts.model, cache_dir=opts.cache_dir)


def prepare_prompts() -> None:
    """Read and compile every chain prompt now, once, rather than in the first brief of each thread."""
    for name in CHAIN_PROMPTS:
        load_prompt(name).compile()


def prompt_refs() -> list[PromptRef]:
    return [PromptRef(name=n, version=load_prompt(n).meta.version, hash=load_prompt(n).hash) for n in CHAIN_PROMPTS]


@dataclass(frozen=True)
class Chain:
    """Named steps run in order, each taking and returning the run's ChainState."""

    steps: tuple[tuple[str, Callable[[ChainState], ChainState]], ...]

    def invoke(self, state: ChainState) -> ChainState:
        for _, step in self.steps:
            state = step(state)
        return state


@lru_cache(maxsize=1)
def build_chain() -> Chain:
    """plan -> draft -> check -> repair -> final over ChainState.

    Built once: the chain holds no state (each run passes its own ChainState).
    A plain sequence rather than an LCEL pipe: nothing listens to the steps'
    callbacks, and setting them up for five steps cost about a millisecond a
    brief, as much as rendering it.
    """
    return Chain((("plan", plan_step), ("draft", draft_step), ("check", check_step), ("repair", repair_step),
                  ("final", final_step)))


@dataclass
class _Run:
    settings: Settings
    caller: ModelCaller
    cache: ResponseCache | None
    model: str
    owns_cache: bool = True  # False when the batch shares one open cache across briefs

    def close(self) -> None:
        if self.cache is not None and self.owns_cache:
            self.cache.close()


def call_config(opts: GenerateOptions, settings: Settings) -> CallConfig:
    return CallConfig(model=opts.model or settings.resolved_model, temperature=opts.temperature,
                      timeout_s=settings.timeout_s)


def _open(doc: FindingsDocument, profile: AudienceProfile, opts: GenerateOptions) -> _Run:
    settings = opts.extra.get("settings") or settings_for(opts)
    provider = opts.extra.get("provider_instance") or get_provider(opts.provider, settings)
    model = opts.model or settings.resolved_model
    shared = opts.extra.get("response_cache")
    cache = None
    if opts.use_cache and settings.use_cache:
        cache = shared if shared is not None else ResponseCache(settings.cache_dir)
    policy = opts.extra.get("retry_policy") or policy_for(settings)
    caller = ModelCaller(
        provider,
        call_config(opts, settings),
        cache=cache,
        prompt_hash=chain_prompt_hash(profile),
        input_hash=input_hash(doc),
        retry_policy=policy,
        max_reasks=int(opts.extra.get("max_reasks", 2)),
        sleep=opts.extra.get("sleep"),
    )
    return _Run(settings, caller, cache, model, owns_cache=shared is None)


def _provenance(run: _Run, provider: str, profile: AudienceProfile, doc: FindingsDocument,
                input_file: str | None) -> Provenance:
    from engine.narrator import riskbrief_version

    return Provenance(
        provider=provider,
        model=run.model,
        prompt_hash=run.caller.prompt_hash,
        input_hash=run.caller.input_hash,
        created_at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        riskbrief_version=riskbrief_version(),
        input_file=input_file,
        prompts=prompt_refs(),
    )


def _state(doc, profile, opts, run: _Run, sections: list[str], provenance: Provenance) -> ChainState:
    refs = References(doc, profile)
    # Instruction-like text is cut out before the model sees the findings (the echo
    # check and the gate remain for whatever reads as data but is not).
    shown, planted = without_planted(doc)
    return ChainState(
        doc=doc,
        profile=profile,
        caller=run.caller,
        refs=refs,
        findings_block=findings_block(shown, References(shown, profile) if shown is not doc else refs),
        sections=sections,
        max_repair_rounds=opts.max_repair_rounds,
        threshold=opts.threshold,
        provenance=provenance,
        echo=EchoCheck(doc, planted),
        evidence=shown,
    )


def _finish(state: ChainState, run: _Run, started: float) -> Brief:
    usage = run.caller.usage
    brief = state.brief
    assert brief is not None
    prov = brief.provenance.model_copy(
        update=dict(
            requests=usage.requests,
            tokens_in=usage.tokens_in,
            tokens_out=usage.tokens_out,
            cache_hits=usage.cache_hits,
            repair_rounds=state.repair_rounds,
            fallback_sections=list(state.fallback),
            duration_s=round(time.monotonic() - started, 3),
        )
    )
    # extra provenance fields (Provenance allows extras)
    prov.reasks = usage.reasks
    if state.notes:
        prov.step_failures = list(state.notes)
    prov.cost_usd = cost_usd(run.model, usage.tokens_in, usage.tokens_out)
    if state.echo and state.echo.planted:
        prov.planted_instructions = [p.where for p in state.echo.planted]
    brief = brief.model_copy(update={"provenance": prov})
    brief.eval = state.eval
    return brief


def generate_with_model(
    doc: FindingsDocument, profile: AudienceProfile, options: GenerateOptions, *, input_file: str | None = None
) -> Brief:
    """A brief written by a model through the checked chain, with full provenance."""
    if options.provider == "offline":
        from engine.narrator import narrate

        return narrate(doc, profile, input_file=input_file)
    started = time.monotonic()
    run = _open(doc, profile, options)
    try:
        provenance = _provenance(run, run.caller.provider.name, profile, doc, input_file)
        state = _state(doc, profile, options, run, sections_for(doc, profile), provenance)
        state = build_chain().invoke(state)
        return _finish(state, run, started)
    except Exception as e:
        # A brief that failed still spent requests and tokens: a batch counts them in its summary.
        e.spent_usage = run.caller.usage
        raise
    finally:
        run.close()


def regenerate_section(
    doc: FindingsDocument, profile: AudienceProfile, brief: Brief, section_id: str, options: GenerateOptions
) -> Section | None:
    """One section written afresh through the same chain (falls back to the narrator's when it fails)."""
    run = _open(doc, profile, options)
    try:
        provenance = _provenance(run, run.caller.provider.name, profile, doc, brief.provenance.input_file)
        state = _state(doc, profile, options, run, [section_id], provenance)
        state.whole_brief = False
        state = build_chain().invoke(state)
        return state.brief.section(section_id) if state.brief else None
    finally:
        run.close()


class _Uncached(RiskbriefError):
    """A request the cache cannot answer (raised only while checking the cache)."""


class _CacheOnly:
    """Stands in for the real provider when a dry run asks whether everything is cached."""

    needs_model = False

    def __init__(self, name: str, identity: str):
        self.name = name
        self.cache_identity = identity

    def generate(self, messages, schema, config):
        raise _Uncached("not in the cache")


def fully_cached(doc: FindingsDocument, profile: AudienceProfile, opts: GenerateOptions) -> bool:
    """True when a run would be answered from the cache alone (so makes no request). Sends nothing."""
    settings = settings_for(opts)
    # No cache yet: nothing can be answered from it, and opening one would create it (--dry-run writes nothing).
    if not (opts.use_cache and settings.use_cache) or not cache_exists(settings.cache_dir):
        return False
    real = opts.extra.get("provider_instance")
    if real is not None:
        identity = getattr(real, "cache_identity", real.name)
    elif opts.provider == "openai":
        from engine.providers.openai import cache_identity_for

        identity = cache_identity_for(settings.base_url)
    else:
        identity = opts.provider
    stub = _CacheOnly(opts.provider, identity)
    try:
        generate_with_model(doc, profile, replace(opts, extra={**opts.extra, "provider_instance": stub}))
    except _Uncached:
        return False
    return True


def describe_run(opts: GenerateOptions) -> dict[str, Any]:
    s = settings_for(opts)
    return {"provider": opts.provider, "model": opts.model or s.resolved_model, "base_url": s.base_url}
