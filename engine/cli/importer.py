"""`riskbrief import KIND FILE [-o OUT.yaml]`"""

from __future__ import annotations

import click

from engine.errors import UsageError
from engine.files import atomic_write_text
from engine.importers import KINDS, import_file
from engine.importers.output import render_yaml


@click.command("import")
@click.argument("kind", type=click.Choice(list(KINDS)))
@click.argument("file", type=click.Path())  # a directory is reported by the reader as FILE: message
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write the findings YAML here (atomically) instead of stdout.")
@click.option("--system", help="Name of the system the findings are about, when the source does not name it (or names another).")
@click.option("--tactics", type=click.Path(dir_okay=False), help="atlas only: the ATLAS tactics.yaml, to resolve tactic references.")
@click.option("--techniques", type=click.Path(dir_okay=False), help="atlas only: the ATLAS techniques.yaml, to resolve technique references.")
def import_command(kind: str, file: str, out: str | None, system: str | None,
                   tactics: str | None, techniques: str | None) -> None:
    """Turn another tool's output into a findings document.

    \b
    KIND is one of:
      sarif       SARIF 2.1 log from a security scanner (Bandit, Semgrep, CodeQL)
      model-card  Google Model Card Toolkit JSON
      hf          Hugging Face model card (README.md) with model-index metadata
      garak       garak report JSONL (with a digest entry) or a digest JSON
      atlas       MITRE ATLAS case study YAML (add --tactics/--techniques to resolve ids)
      csv         spreadsheet export, one row per metric (columns: see README)

    Only what the source says is mapped. Owners, likelihoods, severities and
    mitigations it does not state are left out and listed in a `# to review`
    block at the top of the output; `riskbrief validate --strict` flags them.
    Inconsistencies in the source are reported on stderr.
    """
    options: dict = {"system": system}
    if kind == "atlas":
        options.update(tactics=tactics, techniques=techniques)
    elif tactics or techniques:
        raise UsageError("--tactics and --techniques apply to `import atlas` only")
    imported = import_file(kind, file, **options)
    text = render_yaml(imported)
    for warning in imported.warnings:
        click.echo(f"riskbrief: warning: {file}: {warning}", err=True)
    if out:
        atomic_write_text(out, text)
        n = len(imported.data["findings"])
        click.echo(f"wrote {out}: {n} finding(s); review the `# to review` block before use", err=True)
    else:
        click.echo(text, nl=False)
