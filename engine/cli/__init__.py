"""riskbrief's command line: a thin layer over the engine.

Command groups live one per module and are imported only when used, so
`riskbrief validate` does not pay for textual, matplotlib or langchain.
"""

from __future__ import annotations

import gc
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
            from engine.logs import redact

            click.echo(f"{'riskbrief: ' if e.prefixed else ''}{redact(str(e))}", err=True)
            ctx.exit(e.exit_code)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="riskbrief")
@click.option("-v", "--verbose", is_flag=True,
              help="Log model requests, retries and cache hits to stderr (API keys redacted).")
def cli(verbose: bool) -> None:
    """Turn structured AI risk findings into faithful briefs for decision-makers."""
    if verbose:  # otherwise the model path sets up quiet, redacted logging when it starts
        from engine.logs import setup_logging

        setup_logging(verbose=True)


def main() -> None:
    try:
        cli.main(prog_name="riskbrief")
    except KeyboardInterrupt:
        click.echo("riskbrief: interrupted", err=True)
        sys.exit(130)
    except Exception:  # a bug: show the traceback as Python would, minus any API key in it
        import traceback

        from engine.logs import redact

        sys.stderr.write(redact(traceback.format_exc()))
        sys.exit(1)
    finally:
        # Every file is written and closed by now. Without this, the interpreter's last
        # garbage collection walks every object of every imported library (langchain,
        # openai, pydantic) on the way out, which takes a second or more.
        gc.freeze()
