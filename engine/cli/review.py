"""`riskbrief export`: write out saved brief versions.

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
@click.option("--audience", "-a", required=True, help="Audience(s) to export, comma-separated.")
@click.option("--format", "fmt", default="md,html,json", show_default=True, help="Comma-separated: md, html, json.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Directory to write into.")
@click.option("--approved-only", is_flag=True, help="Export the latest approved version; fail when there is none.")
def export(file: str, audience: str, fmt: str, out_dir: str, approved_only: bool) -> None:
    """Export the latest saved (or approved) version of a brief."""
    formats = _formats(fmt)
    store = VersionStore(file)
    chosen: list[Version] = []
    for name in _audiences(audience):
        version = store.latest(name, approved_only=approved_only)
        if version is None:
            what = "approved " if approved_only else ""
            raise VersionError(
                f"no {what}version of the {name} brief for {Path(file).name}; "
                + ("approve one in `riskbrief tui` (key a)" if approved_only else "generate one in `riskbrief tui` (key g)")
            )
        chosen.append(version)
    for version in chosen:
        for path in export_version(version, file, Path(out_dir), formats):
            click.echo(str(path))
        click.echo(f"{version.audience}: exported {version.label}", err=True)
