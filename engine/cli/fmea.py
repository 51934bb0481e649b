"""`riskbrief fmea FILE [--json]`: failure modes ranked by risk priority number."""

from __future__ import annotations

import json
import shutil
import sys

import click

from engine.artifacts.output import emit_text
from schemas.loading import load_findings


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the rows and the scale mapping as JSON.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write to PATH instead of stdout.")
def fmea(file: str, as_json: bool, out: str | None) -> None:
    """One row per finding: Severity, Occurrence, Detection (1-10), RPN = S x O x D, sorted by RPN."""
    from engine.artifacts.fmea import fmea_json, render_table

    doc = load_findings(file)
    if as_json:
        emit_text(json.dumps(fmea_json(doc), indent=2, ensure_ascii=False), out)
    else:
        # Fit a terminal when printing to one; files and pipes get a fixed, wide layout.
        width = max(100, shutil.get_terminal_size((140, 24)).columns) if not out and sys.stdout.isatty() else 140
        emit_text(render_table(doc, width=width, color=None if not out else False), out)
