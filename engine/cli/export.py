"""`riskbrief export`: render a saved brief again, with no model call.

Two kinds of saved brief:
- a brief JSON written by generate, batch or diff (`riskbrief export BRIEF.json
  --format pdf,docx`): it carries its chart data, so no findings file is needed;
- the versions the terminal workspace saves beside a findings file
  (`riskbrief export FINDINGS --audience executive --out DIR`), see engine/versions.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from engine.errors import UsageError
from engine.pipeline import parse_formats, write_outputs
from engine.versions import Version, VersionError, VersionStore, export_version

BRIEF_FORMATS = "pdf,docx"
VERSION_FORMATS = "md,html,json"
_CHARTED = {"html", "pdf", "docx"}


def _audiences(value: str) -> list[str]:
    out = [a.strip() for a in value.split(",") if a.strip()]
    if not out:
        raise UsageError("name an audience with --audience, e.g. --audience executive")
    return list(dict.fromkeys(out))


def is_brief_file(file: str | Path, audience: str | None) -> bool:
    """A brief JSON (True) or a findings file with saved versions (False)?

    A JSON object with a headline or sections and no findings is a brief.
    Without --audience a .json file that cannot be read is taken for a brief,
    so its errors are reported against the brief schema.
    """
    path = Path(file)
    if path.suffix.lower() in (".yaml", ".yml"):
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return audience is None and path.suffix.lower() == ".json"
    if isinstance(data, dict) and "findings" in data:
        return False
    looks_like_brief = isinstance(data, dict) and ("headline" in data or "sections" in data)
    return looks_like_brief or audience is None


def brief_stem(file: str | Path, audience: str) -> str:
    """`out/sentiment.executive.json` -> `sentiment`, so a re-export keeps generate's file names."""
    name = Path(file).name
    suffix = f".{audience}.json"
    if name.endswith(suffix) and len(name) > len(suffix):
        return name[: -len(suffix)]
    return name.rsplit(".", 1)[0] if "." in name else name


def export_brief(file: str, audience: str | None, formats: list[str], out_dir: str | None, approved_only: bool) -> None:
    from schemas.loading import load_brief

    brief = load_brief(file)
    if audience is not None and brief.audience not in _audiences(audience):
        raise UsageError(f"{file} is the {brief.audience} brief, not {audience}; drop --audience or pick its file")
    if approved_only and brief.approval is None:
        raise UsageError(f"{file} has not been approved; approve it in `riskbrief tui` (key a) or drop --approved-only")
    if brief.figures is None and _CHARTED & set(formats):
        click.echo(f"riskbrief: {file} carries no chart data (it was saved without it); "
                   "the risk matrix and trade-off charts are left out", err=True)
    out = Path(out_dir) if out_dir else Path(file).parent
    for path in write_outputs(brief, None, out, brief_stem(file, brief.audience), formats):
        click.echo(str(path))


def export_versions(file: str, audience: str, formats: list[str], out_dir: str | None, approved_only: bool) -> None:
    if not out_dir:
        raise UsageError("name the directory to export into with --out DIR")
    store = VersionStore(file)
    chosen: list[Version] = []
    for name in _audiences(audience):
        if approved_only:  # refuses a brief with sections still needing review, naming them
            chosen.append(store.approved_version(name))
            continue
        version = store.latest(name)
        if version is None:
            raise VersionError(f"no version of the {name} brief for {Path(file).name}; generate one in `riskbrief tui` (key g)")
        chosen.append(version)
    for version in chosen:
        for path in export_version(version, file, Path(out_dir), formats):
            click.echo(str(path))
        click.echo(f"{version.audience}: exported {version.label}", err=True)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--audience", "-a", default=None,
              help="For a findings file: audience(s) whose saved versions to export, comma-separated.")
@click.option("--format", "-f", "fmt", default=None,
              help=f"Comma-separated: md, html, json, pdf, docx (default {BRIEF_FORMATS} for a brief JSON, "
                   f"{VERSION_FORMATS} for saved versions).")
@click.option("--out", "-o", "out_dir", default=None, type=click.Path(file_okay=False),
              help="Directory to write into (default for a brief JSON: the directory it is in).")
@click.option("--approved-only", is_flag=True,
              help="Export only an approved brief; fail when there is none or sections need review.")
def export(file: str, audience: str | None, fmt: str | None, out_dir: str | None, approved_only: bool) -> None:
    """Render a saved brief again in other formats, with no model call.

    FILE is a brief JSON written by generate, batch or diff, or a findings
    file whose briefs were saved in `riskbrief tui` (then name --audience).
    """
    if is_brief_file(file, audience):
        export_brief(file, audience, parse_formats(fmt or BRIEF_FORMATS), out_dir, approved_only)
    else:
        if audience is None:
            raise UsageError(f"{file} is a findings file: name the audience(s) whose saved versions to export "
                             "with --audience, or pass a brief JSON written by `riskbrief generate`")
        export_versions(file, audience, parse_formats(fmt or VERSION_FORMATS), out_dir, approved_only)
