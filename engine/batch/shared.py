"""What every model brief of one process shares for a whole run.

Settings are resolved once (not re-read from the environment and the project
file per brief), one provider instance serves every brief (so one HTTP client
and its connection pool), behind the run's rate limiter, and the response
cache is opened once (opening and closing a diskcache per brief costs more
than the rest of the brief's own work), with writes that never hold up a
request (engine/batch/deferred_cache.py).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace
from typing import Any, Iterator

from engine.batch import stopping
from engine.options import GenerateOptions

# The provider warm() prepared (name, settings, instance): worker processes forked afterwards
# use it, with its client already built and bound to the chain's tools, rather than their own.
_prepared: tuple[str, Any, Any] | None = None


def _provider_for(name: str, settings: Any) -> Any:
    from engine.providers import get_provider

    if _prepared is not None and _prepared[0] == name and _prepared[1] == settings:
        return _prepared[2]
    return get_provider(name, settings)


@contextmanager
def shared_run(opts: GenerateOptions, rpm: float | None, tpm: float | None,
               slots: int | None = None, limiter: Any = None) -> Iterator[GenerateOptions]:
    """Options whose briefs share settings, a rate-limited provider and an open cache; closed on exit.

    With `slots`, at most that many requests are in flight at once (engine/batch/inflight.py).
    `limiter` (a RateLimiter shared with other processes) replaces `rpm` and `tpm`.
    """
    from engine.chain.run import settings_for

    from engine.batch.deferred_cache import DeferredCache
    from engine.batch.inflight import limit_in_flight, unlimited
    from engine.batch.ratelimit import RateLimitedProvider, RateLimiter

    settings = opts.extra.get("settings") or settings_for(opts)
    provider = opts.extra.get("provider_instance") or _provider_for(opts.provider, settings)
    limiter = limiter or RateLimiter(rpm=rpm, tpm=tpm)
    stopping.reset()
    provider = RateLimitedProvider(provider, limiter)  # with no budget, it still stops briefs on Ctrl-C
    if slots:
        provider = limit_in_flight(provider, slots)
    extra = {"sleep": stopping.wait_or_stop, **opts.extra, "provider_instance": provider, "settings": settings}
    cache = None
    if opts.use_cache and settings.use_cache and "response_cache" not in opts.extra:
        cache = DeferredCache(settings.cache_dir)
        extra["response_cache"] = cache
    try:
        yield replace(opts, extra=extra)
    finally:
        if slots:
            unlimited(provider)  # the provider instance may serve later runs of this process
        if cache is not None:
            cache.close()


def warm(doc, audience: str, formats: tuple[str, ...] | list[str], opts: GenerateOptions | None = None) -> None:
    """Build, once and before worker processes fork, what every brief builds on first use.

    Compiled prompts, the checker's patterns and indexes, the hyphenation
    dictionary of the audience-fit check: left to the first brief, every worker
    thread that starts at the same moment builds its own copy (a lazily filled
    cache does not make the others wait), in every process. One offline brief
    of the first document, checked and rendered, builds them all here; with
    `opts`, so does the provider's first client (the SDK modules it imports), bound to
    each step's tool, which the briefs of this process and of processes forked from it use.
    """
    from engine.chain.run import STEP_SCHEMAS, call_config, prepare_prompts, settings_for
    from engine.pipeline import generate_brief, render

    global _prepared
    prepare_prompts()
    if opts is not None and opts.provider != "offline" and "provider_instance" not in opts.extra:
        settings = opts.extra.get("settings") or settings_for(opts)
        provider = _provider_for(opts.provider, settings)
        prepare = getattr(provider, "prepare", None)
        if prepare is not None:
            prepare(call_config(opts, settings), STEP_SCHEMAS)
            _prepared = (opts.provider, settings, provider)
    try:
        brief = generate_brief(doc, audience)
        for fmt in formats:
            render(brief, doc, fmt)
    except Exception:  # only a head start: the brief itself reports whatever really goes wrong
        pass
