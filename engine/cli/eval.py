"""`riskbrief eval --findings F BRIEF`: check a brief's claims against its findings."""

from __future__ import annotations

import json

import click

from engine.cli.params import FiniteFloatRange
from engine.errors import ProviderError, RiskbriefError, UsageError


def _profile(name: str):
    from schemas.audience import audience_names, load_profile

    try:
        return load_profile(name)
    except KeyError:
        raise UsageError(f"unknown audience '{name}'; use one of: {', '.join(audience_names())}") from None


def _judge(doc, result, provider_name: str, model: str | None, repeats: int):
    from engine.chain.calls import send
    from engine.config import load_settings
    from engine.providers import CallConfig, get_provider
    from engine.retry import policy_for
    from evals.judge import judge

    if provider_name == "offline" or provider_name == "fake":
        raise UsageError(f"--judge {provider_name} cannot judge claims; use --judge openai --model MODEL")
    settings = load_settings(provider=provider_name, model=model)
    provider = get_provider(provider_name, settings)
    config = CallConfig(model=settings.resolved_model, timeout_s=settings.timeout_s)
    policy = policy_for(settings)

    def ask(messages, schema):
        # the same retry policy and one-line errors as every other model request
        return send(provider, messages, schema, config, policy).data

    try:
        return judge(doc, result, ask, model=settings.resolved_model, repeats=repeats)
    except RiskbriefError:
        raise
    except Exception as e:  # network and SDK errors: one line, no traceback
        raise ProviderError(f"the judge could not be reached: {type(e).__name__}: {e}") from None


def _human(path: str, result, brief_label: str) -> None:
    failing = result.failing
    state = "PASS" if result.passed else "FAIL"
    click.echo(f"{state} {brief_label}: {len(result.claims) - len(failing)} of {len(result.claims)} claims supported "
               f"(score {result.score:.2f}, threshold {result.threshold:.2f})"
               + (f", {len(result.missing_caveats)} caveat(s) missing" if result.missing_caveats else ""))
    for c in failing:
        click.echo(f"\n  [{c.error.value if c.error else '?'}] {c.verdict.value}: {c.text}")
        if c.evidence:
            click.echo(f"      findings: {c.evidence}")
    for cav in result.missing_caveats:
        click.echo(f"\n  [caveat] missing: {cav}")
    fit = result.audience_fit
    if fit is not None:
        click.echo(f"\naudience fit ({fit.audience}): {'fits' if fit.fits else 'does not fit'}; reading grade {fit.reading_grade:g} "
                   f"(target {fit.target_grade:g}), {fit.words} words (limit {fit.max_words})")
        for note in fit.notes:
            click.echo(f"  - {note}")
    if result.judge is not None:
        j = result.judge
        click.echo(f"\njudge {j.model}: {j.runs_ok}/{j.repeats} runs answered; run-to-run agreement {j.agreement:.2f}; "
                   f"agrees with the checker on {j.agreement_with_checker:.0%} of claims (advisory; the checker is the gate)")
        for c in j.claims:
            if not c.agrees_with_checker:
                click.echo(f"  - judge says {c.majority.value if c.majority else 'nothing'}: {c.text}")


@click.command(name="eval")
@click.option("--findings", "findings_path", required=True, type=click.Path(dir_okay=False), help="The findings file the brief is about.")
@click.argument("brief_path", metavar="BRIEF", type=click.Path(dir_okay=False))
@click.option("--previous", "previous_path", type=click.Path(dir_okay=False),
              help="The OLD findings file, for a change brief (`riskbrief diff OLD NEW`): check it against both.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.option("--threshold", type=FiniteFloatRange(0.0, 1.0), default=1.0, show_default=True,
              help="Share of claims that must be supported (missing caveats always fail).")
@click.option("--audience", help="Also report audience fit against this profile (default: a JSON brief's own audience).")
@click.option("--judge", "judge_provider", type=click.Choice(["openai"]), help="Also ask an LLM judge (advisory).")
@click.option("--model", help="Model for --judge.")
@click.option("--repeats", type=click.IntRange(1, 10), default=3, show_default=True, help="Judge runs per claim.")
def eval_command(findings_path: str, brief_path: str, previous_path: str | None, as_json: bool, threshold: float, audience: str | None,
                 judge_provider: str | None, model: str | None, repeats: int) -> None:
    """Check every claim of BRIEF (riskbrief JSON, Markdown or plain text) against the findings.

    Exit 0 when every claim is supported (or the --threshold share is) and no caveat is missing,
    1 when not, 2 on bad input. With --previous OLD, BRIEF is a change brief: each "was X, now Y"
    claim is checked against OLD for X and the --findings (NEW) file for Y.
    """
    from evals.audience_fit import audience_fit
    from evals.faithfulness import BriefInputError, check_brief, parse_brief
    from evals.faithfulness.harness import read_brief_text
    from schemas.brief import Brief
    from schemas.loading import load_findings

    doc = load_findings(findings_path)
    previous = load_findings(previous_path) if previous_path else None
    try:
        text = read_brief_text(brief_path)
    except BriefInputError as e:
        raise UsageError(str(e)) from None
    try:
        brief = parse_brief(text, "json" if brief_path.lower().endswith(".json") else None)
        from engine.injection import as_evidence

        if previous is not None:
            from evals.changes import check_change_brief

            result = check_change_brief(as_evidence(previous), as_evidence(doc), brief, threshold=threshold)
        else:
            result = check_brief(as_evidence(doc), brief, threshold=threshold)
    except BriefInputError as e:
        raise UsageError(f"{brief_path}: {e}") from None
    profile_name = audience or (brief.audience if isinstance(brief, Brief) else None)
    if profile_name:
        try:
            profile = _profile(profile_name)
        except UsageError:
            if audience:
                raise
            profile = None  # a JSON brief for a custom audience this machine does not have
        if profile is not None:
            if previous is not None:  # a change brief has its own sections
                profile = profile.model_copy(update={"required_sections": []})
            result.audience_fit = audience_fit(brief, profile, doc)
    if judge_provider:
        result.judge = _judge(doc, result, judge_provider, model, repeats)
    if as_json:
        out = result.model_dump(mode="json", exclude_none=True)
        out["claims"] = [{"text": c["text"], "verdict": c["verdict"], "error": c.get("error"), "sources": c.get("sources", []),
                          **{k: v for k, v in c.items() if k not in ("text", "verdict", "error", "sources")}} for c in out["claims"]]
        ordered = {"score": out.pop("score"), "passed": out.pop("passed"), "claims": out.pop("claims"),
                   "missing_caveats": out.pop("missing_caveats"), **out}
        click.echo(json.dumps(ordered, indent=2, ensure_ascii=False))
    else:
        _human(brief_path, result, brief_path)
    raise SystemExit(0 if result.passed else 1)
