"""`riskbrief schema`: write the JSON Schemas of riskbrief's documents."""

from __future__ import annotations

import json
from pathlib import Path

import click

from engine.files import atomic_write_text
from schemas.export import SCHEMAS, json_schema


@click.command()
@click.option("-o", "--out", "out", type=click.Path(file_okay=False), help="Directory to write NAME.schema.json files into.")
@click.argument("name", required=False, type=click.Choice(sorted(SCHEMAS)))
def schema(out: str | None, name: str | None) -> None:
    """Print (or write with --out) the JSON Schema of findings, brief and eval documents."""
    names = [name] if name else sorted(SCHEMAS)
    if out:
        for n in names:
            path = Path(out) / f"{n}.schema.json"
            atomic_write_text(path, json.dumps(json_schema(n), indent=2) + "\n")
            click.echo(str(path))
        return
    if name:
        click.echo(json.dumps(json_schema(name), indent=2))
    else:
        click.echo(json.dumps({n: json_schema(n) for n in names}, indent=2))
