"""`--dry-run`: how many requests and tokens a brief would take, and what it would cost.

Nothing is sent: the prompts are rendered locally and measured; replies are
estimated from the audience's length limit.
"""

from __future__ import annotations

from typing import Any

from schemas.audience import AudienceProfile
from schemas.findings import FindingsDocument

from engine.chain.data import audience_vars, findings_block, sections_for
from engine.chain.references import References
from engine.options import GenerateOptions
from engine.prompting import data_block, load_prompt
from engine.providers.base import rough_tokens

# USD per million tokens (input, output), list prices; models not here get cost None.
PRICES: dict[str, tuple[float, float]] = {
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "o4-mini": (1.10, 4.40),
}
PLAN_OUT = 350
FRAMING_OUT = 450


def _tokens(messages: list[dict[str, str]]) -> int:
    return sum(rough_tokens(m["content"]) for m in messages)


def price_for(model: str | None) -> tuple[float, float] | None:
    if not model:
        return None
    name = model.split("/")[-1].lower()
    if name in PRICES:
        return PRICES[name]
    # dated snapshots: gpt-4o-mini-2024-07-18 -> gpt-4o-mini
    for known in sorted(PRICES, key=len, reverse=True):
        if name.startswith(known + "-20"):
            return PRICES[known]
    return None


def cost_usd(model: str | None, tokens_in: int, tokens_out: int) -> float | None:
    """Cost at list price, or None when the price table does not know the model."""
    price = price_for(model)
    if price is None:
        return None
    return round((tokens_in * price[0] + tokens_out * price[1]) / 1e6, 6)


def estimate(doc: FindingsDocument, profile: AudienceProfile, options: GenerateOptions) -> dict[str, Any]:
    """Requests, tokens and cost of one brief when nothing is cached and the first draft passes.

    `requests_max` and `cost_usd_max` add every repair round the options allow. When the
    response cache already answers every step, all counts are zero and `cached` is true.
    """
    from engine.chain.run import settings_for

    model = options.model or settings_for(options).resolved_model
    refs = References(doc, profile)
    block = findings_block(doc, refs)
    sections = sections_for(doc, profile)
    aud = audience_vars(profile)
    framed = bool(doc.tradeoffs) and "options" in sections
    draft_out = int(profile.max_words * 2)  # JSON, sources and references around the words
    plan_in = _tokens(load_prompt("plan").render(audience=aud, sections=sections, findings_data=block))
    draft_in = _tokens(load_prompt("draft").render(
        audience=aud, sections=sections, options_separate=framed,
        plan_data=data_block("plan_data", {"points": []}), findings_data=block,
    )) + PLAN_OUT
    requests, tokens_in, tokens_out = 2, plan_in + draft_in, PLAN_OUT + draft_out
    if framed:
        for t in doc.tradeoffs:
            frame_in = _tokens(load_prompt("tradeoff").render(
                audience=aud, tradeoff_id=t.id, findings_data=block,
                check_report=data_block("check_report", {"problems_to_fix": []}),
            ))
            requests += 1
            tokens_in += frame_in
            tokens_out += FRAMING_OUT
    repair_in = draft_in + draft_out
    rounds = options.max_repair_rounds
    out: dict[str, Any] = {
        "provider": options.provider,
        "model": model,
        "requests": requests,
        "tokens_in": tokens_in,
        "tokens_out": tokens_out,
        "requests_max": requests + rounds,
        "tokens_in_max": tokens_in + rounds * repair_in,
        "tokens_out_max": tokens_out + rounds * draft_out,
    }
    out["cost_usd"] = cost_usd(model, tokens_in, tokens_out)
    out["cost_usd_max"] = cost_usd(model, out["tokens_in_max"], out["tokens_out_max"])
    from engine.chain.run import fully_cached

    out["cached"] = fully_cached(doc, profile, options)
    if out["cached"]:  # a repeat run: every step is answered from the cache
        for k in ("requests", "tokens_in", "tokens_out", "requests_max", "tokens_in_max", "tokens_out_max"):
            out[k] = 0
        out["cost_usd"] = out["cost_usd_max"] = 0.0
    return out
