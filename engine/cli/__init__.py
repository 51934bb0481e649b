"""riskbrief's command line: a thin layer over the engine.

Command groups live one per module and are imported only when used, so
`riskbrief validate` does not pay for textual, matplotlib or langchain.
"""

from __future__ import annotations

import importlib
import sys

import click

from engine.errors import RiskbriefError
from schemas.loading import FindingsError

# command name -> "module:attribute"
COMMANDS: dict[str, str] = {
    "validate": "engine.cli.validate:validate",
    "schema": "engine.cli.schema:schema",
    "generate": "engine.cli.generate:generate",
    "batch": "engine.cli.batch:batch",
    "matrix": "engine.cli.matrix:matrix",
    "fmea": "engine.cli.fmea:fmea",
    "premortem": "engine.cli.premortem:premortem",
    "tradeoff": "engine.cli.tradeoff:tradeoff",
    "modelcard": "engine.cli.modelcard:modelcard",
    "datasheet": "engine.cli.modelcard:datasheet",
    "register": "engine.cli.register:register",
    "diff": "engine.cli.diff:diff",
    "export": "engine.cli.export:export",
    "tui": "engine.cli.tui:tui",
    "cache": "engine.cli.cache:cache",
    "import": "engine.cli.importer:import_command",
    "practice": "engine.cli.practice:practice",
    "eval": "engine.cli.eval:eval_command",
    "bench": "engine.cli.bench:bench",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS:
            module, attr = COMMANDS[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except FindingsError as e:
            for p in e.problems:
                click.echo(str(p), err=True)
            ctx.exit(2)
        except RiskbriefError as e:
            click.echo(f"riskbrief: {e}", err=True)
            ctx.exit(e.exit_code)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="riskbrief")
def cli() -> None:
    """Turn structured AI risk findings into faithful briefs for decision-makers."""


def main() -> None:
    try:
        cli.main(prog_name="riskbrief")
    except KeyboardInterrupt:
        click.echo("riskbrief: interrupted", err=True)
        sys.exit(130)
