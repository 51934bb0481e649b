"""`riskbrief matrix FILE`: the likelihood x severity risk matrix."""

from __future__ import annotations

import click

from engine.artifacts.output import emit_picture, emit_text
from schemas.loading import load_findings


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "svg", "png"]), default="text", show_default=True,
              help="text prints the coloured grid; svg and png write the picture the HTML brief embeds.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write to PATH instead of stdout.")
def matrix(file: str, fmt: str, out: str | None) -> None:
    """Show each finding on a likelihood x severity grid."""
    doc = load_findings(file)
    if fmt == "text":
        from engine.artifacts.matrix import render_terminal

        # Colour only when printing to a terminal; a file gets plain text.
        emit_text(render_terminal(doc, color=None if not out else False), out)
    else:
        if not out:
            emit_picture(b"", None, fmt)
        from engine.artifacts.matrix_chart import risk_matrix_picture

        emit_picture(risk_matrix_picture(doc, fmt), out, fmt)
