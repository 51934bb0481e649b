"""`riskbrief batch PATH... --audience ... --format ... --out DIR`"""

from __future__ import annotations

import json
import signal
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console

from engine.cli.generate import build_options, generation_options
from engine.cli.params import FiniteFloatRange
from engine.errors import RiskbriefError, UsageError
from engine.pipeline import parse_audiences, parse_formats

DEFAULT_OUT = "briefs"
MAX_LISTED = 50  # failing briefs named on stderr; summary.json has them all


@contextmanager
def _terminate_as_interrupt():
    """`kill PID` stops a batch the way Ctrl-C does: work in flight finishes, the rest resumes later."""

    def handler(signum, frame):
        raise KeyboardInterrupt

    try:
        old = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread (e.g. an embedding test runner)
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def _stdout() -> Console:
    return Console(highlight=False, soft_wrap=False)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@generation_options
@click.option("--out", "-o", "out", default=None, type=click.Path(file_okay=False),
              help=f"Directory for briefs, manifest.json and summary.json [default: {DEFAULT_OUT}].")
@click.option("--concurrency", "-j", type=click.IntRange(1, 512), default=None,
              help="Model requests in flight at once, default 8 (offline: worker processes, default one per core).")
@click.option("--rpm", type=FiniteFloatRange(min=0, min_open=True), default=None,
              help="At most this many model requests per minute.")
@click.option("--tpm", type=FiniteFloatRange(min=0, min_open=True), default=None,
              help="At most about this many model tokens per minute.")
@click.option("--shard", default=None, metavar="K/N",
              help="Only the K-th of N shares of the inputs (split by content hash, K from 1).")
@click.option("--fail-under", type=FiniteFloatRange(0, 1), default=None, metavar="SCORE",
              help="Exit 1 when any brief's faithfulness score is below SCORE (0..1).")
@click.option("--report", type=click.Choice(["html"]), default=None, help="Also write DIR/index.html linking every brief.")
@click.option("--skip-invalid", is_flag=True, help="Exit 0 even when some input files were invalid (they are skipped).")
@click.option("--strict", is_flag=True, help="Validate as `validate --strict` does (owners, status, populations).")
@click.option("--merge-summaries", is_flag=True,
              help="Treat PATHs as shard output directories and combine their summary.json files.")
def batch(paths, audience, formats, provider, model, allow_fallback, no_cache, dry_run, max_repairs, threshold,
          out, concurrency, rpm, tpm, shard, fail_under, report, skip_invalid, strict, merge_summaries):
    """Regenerate briefs for many findings files: resumable, concurrent, gated.

    PATH may be a findings file, a directory (searched recursively for .yaml,
    .yml and .json) or a glob. Every file is validated first; invalid ones are
    reported and skipped. Briefs already in DIR whose findings, prompts and
    options did not change are skipped, so an interrupted run resumes where it
    stopped.

    Exit status: 0 all briefs passed; 1 a brief failed the faithfulness gate;
    2 an input was invalid (unless --skip-invalid) or a brief could not be produced.
    """
    if merge_summaries:
        _merge(paths, out, fail_under, report, skip_invalid)
        return
    from engine.batch import BatchRequest, run_batch
    from engine.batch.sharding import parse_shard
    from engine.files import check_out_dir

    check_out_dir(out or DEFAULT_OUT)

    request = BatchRequest(
        paths=list(paths),
        audiences=parse_audiences(audience),
        formats=parse_formats(formats),
        out_dir=out or DEFAULT_OUT,
        options=build_options(provider, model, allow_fallback, no_cache, dry_run, max_repairs, threshold),
        concurrency=concurrency,
        rpm=rpm,
        tpm=tpm,
        shard=parse_shard(shard),
        fail_under=fail_under,
        report=report,
        strict=strict,
        skip_invalid=skip_invalid,
    )
    if (rpm or tpm) and request.options.provider == "offline":
        # the limits pace model requests; an offline run sends none, so say so rather than ignore them
        click.echo("riskbrief: warning: --rpm and --tpm limit model requests; the offline provider sends none, "
                   "so they have no effect", err=True)
    console = _stdout()
    try:
        with _terminate_as_interrupt():
            outcome = run_batch(request, console=console, on_problems=_report_problems)
    except KeyboardInterrupt:
        click.echo(f"riskbrief: interrupted; finished briefs are recorded in {request.out_dir}. "
                   "Run the same command again to resume.", err=True)
        raise SystemExit(130)
    if outcome.estimate is not None:
        click.echo(json.dumps(outcome.estimate, indent=2))
    else:
        outcome.summary.print(console)
        if outcome.report_path:
            click.echo(f"report: {outcome.report_path}")
    _exit(outcome.summary, bool(outcome.problems) and not skip_invalid, dry=outcome.estimate is not None)


def _report_problems(problems) -> None:
    """Every bad input, on stderr, before any brief is produced."""
    for p in problems:
        click.echo(str(p), err=True)


def _exit(summary, bad_input: bool, *, dry: bool = False) -> None:
    if not dry:
        items = sorted(summary.items, key=lambda i: i.key)  # in the order of summary.json, not of finishing
        lines = [f"riskbrief: {i.key}: not produced: {i.error}" for i in items if i.status == "failed"]
        lines += [f"riskbrief: {i.key}: {'; '.join(i.reasons)}" for i in items if i.gate_ok is False]
        for line in lines[:MAX_LISTED]:
            click.echo(line, err=True)
        if len(lines) > MAX_LISTED:
            click.echo(f"riskbrief: ... and {len(lines) - MAX_LISTED} more; every brief is listed in summary.json",
                       err=True)
    if bad_input:
        raise RiskbriefError(f"{summary.invalid_files} input(s) invalid and skipped (see above); "
                             "fix them, or pass --skip-invalid to accept the rest")
    if summary.failed:
        raise RiskbriefError(f"{summary.failed} brief(s) could not be produced; run again to retry them")
    if summary.gate_failed:
        raise RiskbriefError(f"{summary.gate_failed} brief(s) did not pass the gate; see `riskbrief eval` "
                             "for the claims", exit_code=1)


def _merge(dirs, out, fail_under, report, skip_invalid) -> None:
    from engine.batch.summary import merge, read_summary, relocate_outputs

    if not dirs:
        raise UsageError("--merge-summaries needs the shard output directories")
    if report and not out:
        raise UsageError("--report html with --merge-summaries needs --out DIR (where the merged briefs are)")
    parts = [(d, read_summary(d)) for d in dirs]
    if out:
        for d, part in parts:
            relocate_outputs(part, d, out)
    merged = merge((part for _, part in parts), names=[str(d) for d, _ in parts])
    if fail_under is not None:
        merged.fail_under = fail_under
        merged.gate_failed = 0
        for item in merged.items:
            if item.status == "failed":
                continue
            item.reasons = [r for r in item.reasons if "--fail-under" not in r]
            if (item.score or 0.0) < fail_under:
                item.reasons.append(f"faithfulness score {item.score or 0.0:.2f} is under --fail-under {fail_under:g}")
            item.gate_ok = not item.reasons
            merged.gate_failed += int(not item.gate_ok)
    console = _stdout()
    merged.print(console)
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        click.echo(f"summary: {merged.write(out)}")
        if report == "html":
            from engine.batch.report import write_index

            click.echo(f"report: {write_index(merged, out)}")
    for line in merged.invalid:  # each shard reported its own; the merged run names them all again
        click.echo(line, err=True)
    # Shards run with --skip-invalid accepted their bad inputs; so does their merge.
    _exit(merged, bool(merged.invalid_files) and not (skip_invalid or merged.skip_invalid))
