"""`riskbrief modelcard FILE --format mct|hf` and `riskbrief datasheet FILE`."""

from __future__ import annotations

import json

import click

from engine.artifacts.output import emit_text
from schemas.loading import load_findings


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["mct", "hf"]), default="hf", show_default=True,
              help="mct: Model Card Toolkit JSON (schema v0.0.2); hf: Hugging Face model card Markdown.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write to PATH instead of stdout.")
def modelcard(file: str, fmt: str, out: str | None) -> None:
    """A model card built only from what the findings say."""
    from engine.artifacts.modelcard import model_card_hf, model_card_mct

    doc = load_findings(file)
    text = json.dumps(model_card_mct(doc), indent=2, ensure_ascii=False) if fmt == "mct" else model_card_hf(doc)
    emit_text(text, out)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the answers and open questions as JSON.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write to PATH instead of stdout.")
def datasheet(file: str, as_json: bool, out: str | None) -> None:
    """Datasheet questions about the evaluation data, answered from the findings; the rest left open."""
    from engine.artifacts.datasheet import datasheet_json, datasheet_markdown

    doc = load_findings(file)
    emit_text(json.dumps(datasheet_json(doc), indent=2, ensure_ascii=False) if as_json else datasheet_markdown(doc), out)
