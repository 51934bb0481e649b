"""`riskbrief validate FILE...`"""

from __future__ import annotations

import click

from schemas.loading import validate_files


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Also require severity, likelihood, impact, owner, status and metric populations.")
def validate(files: tuple[str, ...], strict: bool) -> None:
    """Check findings files; report every problem as FILE:LINE: field: message."""
    problems = validate_files(files, strict=strict)
    for p in problems:
        click.echo(str(p), err=True)
    if problems:
        bad = len({p.file for p in problems})
        click.echo(f"{len(problems)} problem(s) in {bad} of {len(files)} file(s)", err=True)
        raise SystemExit(2)
    click.echo(f"{len(files)} file(s) valid")
