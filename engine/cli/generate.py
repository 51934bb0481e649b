"""`riskbrief generate FILE... --audience a,b --format md,html,json --out DIR`"""

from __future__ import annotations

import json
from pathlib import Path

import click

from engine.cli.params import FiniteFloatRange
from engine.errors import QualityGateError
from engine.files import check_out_dir
from engine.options import GenerateOptions
from engine.pipeline import generate_brief, parse_audiences, parse_formats, write_outputs
from schemas.loading import FindingsError, load_findings


def generation_options(f):
    """Options shared by `generate` and `batch`."""
    opts = [
        click.option("--audience", "-a", default=None, help="Comma-separated audiences (default: all)."),
        click.option("--format", "-f", "formats", default="md", show_default=True,
                     help="Comma-separated: md, html, json, pdf, docx."),
        click.option("--provider", default=None, help="offline (default), openai or fake."),
        click.option("--model", default=None, help="Model name for the openai provider."),
        click.option("--allow-fallback", is_flag=True, help="Exit 0 even when a section fell back to the offline narrator."),
        click.option("--no-cache", is_flag=True, help="Do not read or write the model response cache."),
        click.option("--dry-run", is_flag=True, help="Estimate requests, tokens and cost without calling a model."),
        click.option("--max-repairs", type=click.IntRange(0, 10), default=None, help="Repair rounds for unfaithful drafts (default 2)."),
        click.option("--threshold", type=FiniteFloatRange(0, 1), default=1.0, show_default=True,
                     help="Share of claims that must be supported for the gate to pass."),
    ]
    for o in reversed(opts):
        f = o(f)
    return f


def build_options(provider, model, allow_fallback, no_cache, dry_run, max_repairs, threshold) -> GenerateOptions:
    from engine.config import load_settings

    settings = load_settings(provider=provider, model=model)
    opts = GenerateOptions(
        provider=settings.provider,
        model=settings.model,
        allow_fallback=allow_fallback,
        use_cache=not no_cache and settings.use_cache,
        cache_dir=str(settings.cache_dir) if getattr(settings, "cache_dir", None) else None,
        dry_run=dry_run,
        threshold=threshold,
    )
    if max_repairs is not None:
        from dataclasses import replace

        opts = replace(opts, max_repair_rounds=max_repairs)
    return opts


def gate_failures(brief, opts: GenerateOptions) -> list[str]:
    """Why this brief must not pass with exit 0 (empty when it may)."""
    reasons = []
    if brief.eval is not None and not brief.eval.passed:
        bad = len(brief.eval.failing)
        reasons.append(f"faithfulness gate failed ({bad} unsupported claim(s), {len(brief.eval.missing_caveats)} missing caveat(s))")
    if brief.provenance.fallback_sections and not opts.allow_fallback:
        reasons.append(f"sections {', '.join(brief.provenance.fallback_sections)} fell back to the offline narrator "
                       "(pass --allow-fallback to accept)")
    return reasons


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@generation_options
@click.option("--out", "-o", "out", default="briefs", show_default=True, type=click.Path(file_okay=False),
              help="Directory for <stem>.<audience>.<ext> files.")
def generate(files, audience, formats, provider, model, allow_fallback, no_cache, dry_run, max_repairs, threshold, out):
    """Write briefs for each findings FILE, one per audience and format."""
    audiences = parse_audiences(audience)
    fmts = parse_formats(formats)
    opts = build_options(provider, model, allow_fallback, no_cache, dry_run, max_repairs, threshold)
    check_out_dir(out)
    # Validate everything before writing anything.
    docs, problems = [], []
    for f in files:
        try:
            docs.append((f, load_findings(f)))
        except FindingsError as e:
            problems.extend(e.problems)
    if problems:
        raise FindingsError(problems)
    if opts.dry_run:
        _dry_run(docs, audiences, opts)
        return
    failed: list[str] = []
    failed_briefs = 0
    for path, doc in docs:
        stem = Path(path).name.rsplit(".", 1)[0]
        for a in audiences:
            brief = generate_brief(doc, a, options=opts, input_file=str(path))
            for written in write_outputs(brief, doc, out, stem, fmts):
                click.echo(str(written))
            reasons = gate_failures(brief, opts)
            failed_briefs += bool(reasons)
            failed += [f"{stem}.{a}: {reason}" for reason in reasons]
    if failed:
        for line in failed:
            click.echo(f"riskbrief: {line}", err=True)
        raise QualityGateError(f"{failed_briefs} brief(s) did not pass; see `riskbrief eval` for the claims")


def _dry_run(docs, audiences, opts: GenerateOptions) -> None:
    from engine.pipeline import resolve_audience

    total = {"briefs": 0, "requests": 0, "tokens_in": 0, "tokens_out": 0, "cost_usd": 0.0}
    known_cost = True
    for _, doc in docs:
        for a in audiences:
            total["briefs"] += 1
            if opts.provider == "offline":
                continue
            from engine.chain import estimate

            est = estimate(doc, resolve_audience(a), opts)
            for k in ("requests", "tokens_in", "tokens_out"):
                total[k] += int(est.get(k, 0))
            if est.get("cost_usd") is None:
                known_cost = False
            else:
                total["cost_usd"] += est["cost_usd"]
    # a sum of float prices carries binary noise (0.0071460000000000004): a micro-dollar is precise enough
    total["cost_usd"] = round(total["cost_usd"], 6) if known_cost else None
    total["provider"] = opts.provider
    total["model"] = opts.model
    click.echo(json.dumps(total, indent=2))
