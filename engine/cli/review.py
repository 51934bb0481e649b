"""`riskbrief diff` and `riskbrief export`: work with saved brief versions.

Versions are saved by the terminal workspace (`riskbrief tui`) next to the
findings file; see engine/versions.py.
"""

from __future__ import annotations

from pathlib import Path

import click

from engine.errors import UsageError
from engine.versions import Version, VersionError, VersionStore, export_version

FORMATS = ("md", "html", "json")


def _formats(value: str) -> list[str]:
    out = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in out if f not in FORMATS]
    if bad or not out:
        raise UsageError(f"unknown format {', '.join(bad) or '(none)'}; choose from {', '.join(FORMATS)}")
    return list(dict.fromkeys(out))


def _audiences(value: str) -> list[str]:
    out = [a.strip() for a in value.split(",") if a.strip()]
    if not out:
        raise UsageError("name an audience with --audience, e.g. --audience executive")
    return list(dict.fromkeys(out))


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


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--audience", "-a", required=True, help="Audience(s) to export, comma-separated.")
@click.option("--format", "fmt", default="md,html,json", show_default=True, help="Comma-separated: md, html, json.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Directory to write into.")
@click.option("--approved-only", is_flag=True,
              help="Export the latest approved version; fail when there is none or sections need review.")
def export(file: str, audience: str, fmt: str, out_dir: str, approved_only: bool) -> None:
    """Export the latest saved (or approved) version of a brief."""
    formats = _formats(fmt)
    store = VersionStore(file)
    chosen: list[Version] = []
    for name in _audiences(audience):
        if approved_only:  # refuses a brief with sections still needing review, naming them
            chosen.append(store.approved_version(name))
            continue
        version = store.latest(name)
        if version is None:
            raise VersionError(f"no version of the {name} brief for {Path(file).name}; generate one in `riskbrief tui` (key g)")
        chosen.append(version)
    for version in chosen:
        for path in export_version(version, file, Path(out_dir), formats):
            click.echo(str(path))
        click.echo(f"{version.audience}: exported {version.label}", err=True)
