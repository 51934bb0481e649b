"""`riskbrief diff`: what changed, in two forms.

    riskbrief diff OLD NEW [--audience A] [--format md,html,json,pdf,docx] [--out DIR]
        a change brief between two findings documents, checked against both;
        a side is a file, register:SYSTEM[@WHEN] or FILE@vN (engine/changes/sides.py);
    riskbrief diff FILE --audience A [--from N] [--to M]   (or --versions)
        a unified diff between two saved versions of a brief (engine/versions.py).
"""

from __future__ import annotations

from pathlib import Path

import click

from engine.cli.params import FiniteFloatRange
from engine.errors import QualityGateError, UsageError
from engine.options import GenerateOptions
from engine.register.db import URL_ENV


def _version_diff(file: str, audience: str | None, from_number: int | None, to_number: int | None) -> None:
    from engine.versions import VersionStore

    if not audience:
        raise UsageError("name the audience whose saved versions to compare, e.g. --audience executive")
    store = VersionStore(file)
    text = store.diff(audience.strip(), from_number, to_number)
    click.echo(text if text else "no changes between the two versions", nl=not text)


def _load_sides(old: str, new: str, prefer: list[str], register_url: str | None):
    from engine.changes import load_side
    from schemas.loading import FindingsError

    sides, problems = [], []
    for ref in (old, new):
        try:
            sides.append(load_side(ref, audiences=prefer, register_url=register_url))
        except FindingsError as e:
            problems.extend(e.problems)
    if problems:
        raise FindingsError(problems)
    return sides


def _change_briefs(old: str, new: str, audience: str | None, formats: str, out: str | None, threshold: float,
                   register_url: str | None) -> None:
    from engine.changes import change_brief
    from engine.cli.generate import gate_failures
    from engine.pipeline import BINARY_FORMATS, parse_audiences, parse_formats, render, write_outputs

    audiences = parse_audiences(audience or "executive")
    fmts = parse_formats(formats)
    if out is None and (len(fmts) > 1 or len(audiences) > 1):
        raise UsageError("several formats or audiences need --out DIR; without it one brief is printed")
    if out is None and fmts[0] in BINARY_FORMATS:
        raise UsageError(f"{fmts[0]} is written as a file; pass --out DIR")
    # FILE@vN takes the audience asked for first (version numbers are per audience).
    prefer = audiences if audience and audience.strip() != "all" else []
    old_side, new_side = _load_sides(old, new, prefer, register_url)
    stem = f"{new_side.stem or Path(new).stem}.changes"
    failed: list[str] = []
    for a in audiences:
        brief = change_brief(old_side, new_side, a, threshold=threshold)
        if out is None:
            click.echo(render(brief, new_side.doc, fmts[0]), nl=False)
        else:
            for written in write_outputs(brief, new_side.doc, out, stem, fmts):
                click.echo(str(written))
        failed += [f"{stem}.{a}: {reason}" for reason in gate_failures(brief, GenerateOptions(threshold=threshold))]
    if failed:
        for line in failed:
            click.echo(f"riskbrief: {line}", err=True)
        raise QualityGateError(f"{len(failed)} change brief(s) did not pass; see `riskbrief eval --previous` for the claims")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--audience", "-a", default=None,
              help="Change brief: comma-separated audiences or 'all' (default executive). Versions: the audience to compare.")
@click.option("--format", "-f", "formats", default="md", show_default=True,
              help="Change brief: comma-separated md, html, json, pdf, docx.")
@click.option("--out", "-o", default=None, type=click.Path(file_okay=False),
              help="Change brief: write <newstem>.changes.<audience>.<ext> here (default: print Markdown).")
@click.option("--threshold", type=FiniteFloatRange(0, 1), default=1.0, show_default=True,
              help="Change brief: share of claims that must be supported for the gate to pass.")
@click.option("--versions", is_flag=True, help="Compare saved versions of FILE's brief instead (the form with one FILE).")
@click.option("--from", "from_number", type=int, default=None, help="Versions: older version number (default: the one before --to).")
@click.option("--to", "to_number", type=int, default=None, help="Versions: newer version number (default: the latest).")
@click.option("--db", "register_url", envvar=URL_ENV, metavar="URL",
              help=f"The register that register:SYSTEM sides read [env {URL_ENV}; default sqlite:///riskbrief-register.db].")
def diff(files, audience, formats, out, threshold, versions, from_number, to_number, register_url) -> None:
    """What changed: between two findings files (a checked change brief) or two saved brief versions.

    \b
    riskbrief diff OLD NEW [--audience A] [--format md|html|json|pdf|docx] [--out DIR]
      A change brief between two findings documents: new and closed findings,
      severity and likelihood moves, metric changes, mitigations done, slipped
      or new, owner and caveat changes. Checked against both documents; exit 1
      when it fails the faithfulness gate. OLD and NEW are each one of:
        FILE                  a findings file (YAML or JSON)
        register:SYSTEM@WHEN  SYSTEM's findings in the risk register as they stood
                              at WHEN (ISO 8601 date or date-time, inclusive; a
                              date is the whole day, UTC unless a zone is given);
                              register:SYSTEM is now; the register is --db
        FILE@vN               the findings saved with version N of FILE's brief
                              in `riskbrief tui` (any audience; --audience first)
      e.g. riskbrief diff 'register:Credit scoring model@2026-03-01' 'register:Credit scoring model'
           riskbrief diff credit.yaml@v1 credit.yaml@v3 --audience legal
    riskbrief diff FILE --audience A [--from N] [--to M]   (or --versions)
      A unified diff between two saved versions of FILE's brief.
    """
    if versions or len(files) == 1:
        if len(files) != 1:
            raise UsageError("--versions compares saved versions of one findings FILE")
        _version_diff(files[0], audience, from_number, to_number)
        return
    if len(files) != 2:
        raise UsageError(f"diff takes OLD and NEW findings files (or one FILE with --versions), not {len(files)} files")
    if from_number is not None or to_number is not None:
        raise UsageError("--from and --to choose saved versions; they go with one FILE, not OLD NEW")
    _change_briefs(files[0], files[1], audience, formats, out, threshold, register_url)
