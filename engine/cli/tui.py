"""`riskbrief tui [FILE|DIR]`: the terminal review workspace (Textual, imported lazily)."""

from __future__ import annotations

from pathlib import Path

import click

from engine.errors import UsageError


@click.command()
@click.argument("target", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--provider", default=None, help="offline (default), openai or fake; else RISKBRIEF_PROVIDER or riskbrief.toml.")
@click.option("--model", default=None, help="Model name for the openai provider.")
@click.option("--audience", "audiences", default=None, help="Audiences to show as tabs, comma-separated (default: all).")
@click.option("--reviewer", default=None, help="Name recorded on approvals (default: `reviewer` setting, then $USER).")
def tui(target: Path | None, provider: str | None, model: str | None, audiences: str | None, reviewer: str | None) -> None:
    """Review briefs in the terminal: generate, check, edit, approve, export.

    TARGET is a findings file, or a directory whose findings files you can
    switch between (key o). Every generate, edit and approval is saved as a
    version in .riskbrief/ next to the findings file.
    """
    from engine.config import load_settings
    from engine.pipeline import parse_audiences

    settings = load_settings(provider=provider, model=model, reviewer=reviewer)
    names = parse_audiences(audiences)
    target = target or Path.cwd()
    if target.is_dir() and not any(p.suffix.lower() in (".yaml", ".yml", ".json") for p in target.iterdir()):
        raise UsageError(f"{target}: no findings files here; pass a findings file or a directory that has some")
    from tui.app import make_app

    app = make_app(target, provider=settings.provider, model=settings.model, audiences=names,
                   reviewer=settings.reviewer)
    app.run()
