"""`riskbrief premortem FILE`: why did this fail six months after launch?"""

from __future__ import annotations

import json

import click

from engine.artifacts.output import emit_text
from schemas.loading import load_findings


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the stories as JSON.")
@click.option("--provider", help="offline (default: catalogue only), or openai/fake to add a model's brainstorm.")
@click.option("--model", help="Model name for a model provider.")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write to PATH instead of stdout.")
def premortem(file: str, as_json: bool, provider: str | None, model: str | None, out: str | None) -> None:
    """Failure stories grouped by model, data, people, process, security and regulation, each tied to findings."""
    from engine.artifacts.premortem import premortem_json, premortem_markdown

    doc = load_findings(file)
    extra, dropped = None, 0
    if provider and provider != "offline":
        from engine.artifacts.premortem_model import model_stories

        extra, dropped = model_stories(doc, provider=provider, model=model)
    if as_json:
        emit_text(json.dumps(premortem_json(doc, extra, dropped), indent=2, ensure_ascii=False), out)
    else:
        emit_text(premortem_markdown(doc, extra, dropped), out)
