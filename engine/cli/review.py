"""`riskbrief diff`: compare saved versions of a brief.

Versions are saved by the terminal workspace (`riskbrief tui`) next to the
findings file; see engine/versions.py. `riskbrief export` lives in
engine/cli/export.py.
"""

from __future__ import annotations

import click

from engine.versions import VersionStore


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--audience", "-a", required=True, help="Audience whose versions to compare.")
@click.option("--from", "from_number", type=int, default=None, help="Older version number (default: the one before --to).")
@click.option("--to", "to_number", type=int, default=None, help="Newer version number (default: the latest).")
def diff(file: str, audience: str, from_number: int | None, to_number: int | None) -> None:
    """Show what changed between two saved versions of a brief (unified diff of the Markdown)."""
    store = VersionStore(file)
    text = store.diff(audience.strip(), from_number, to_number)
    click.echo(text if text else "no changes between the two versions", nl=not text)
