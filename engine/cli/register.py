"""`riskbrief register ...`: the live risk register."""

from __future__ import annotations

import json

import click

from engine.artifacts.output import emit_text
from engine.register.db import DEFAULT_LOCK_WAIT, LOCK_WAIT_ENV, URL_ENV
from engine.register.export import EXPORT_FORMATS
from schemas.findings import MitigationStatus, Severity, Status

STATUSES = [s.value for s in Status]
MITIGATION_STATUSES = [s.value for s in MitigationStatus]
SEVERITIES = [s.value for s in Severity]


def _store(ctx: click.Context):
    from engine.register.store import RegisterStore

    if "store" not in ctx.obj:
        ctx.obj["store"] = store = RegisterStore(ctx.obj.get("url"), lock_wait=ctx.obj.get("lock_wait"))
        ctx.call_on_close(store.close)
    return ctx.obj["store"]


@click.group()
@click.option("--db", "url", envvar=URL_ENV, metavar="URL",
              help=f"SQLAlchemy database URL [env {URL_ENV}; default sqlite:///riskbrief-register.db].")
@click.option("--lock-wait", type=click.FloatRange(0, 86400), envvar=LOCK_WAIT_ENV, metavar="SECONDS",
              help=f"How long to wait while another process holds the register's lock before failing "
                   f"[env {LOCK_WAIT_ENV}; default {DEFAULT_LOCK_WAIT:g}].")
@click.pass_context
def register(ctx: click.Context, url: str | None, lock_wait: float | None) -> None:
    """Track risks, owners and mitigation status in a database (SQLite or PostgreSQL).

    A risk's ID is its finding id when that is unique in the register, else SYSTEM/FINDING_ID.
    """
    ctx.ensure_object(dict)
    ctx.obj["url"] = url
    ctx.obj["lock_wait"] = lock_wait


@register.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--by", help="Who is importing (default: $USER).")
@click.pass_context
def import_(ctx: click.Context, files: tuple[str, ...], by: str | None) -> None:
    """Add or update the findings of FILE... as risks (keyed by system + finding id)."""
    from schemas.loading import load_findings

    docs = [(f, load_findings(f)) for f in files]  # every file valid before anything is written
    store = _store(ctx)
    for file, doc in docs:
        s = store.import_document(doc, source_file=file, by=by)
        line = f"{file}: {doc.system.name}: {s.created} new, {s.updated} updated, {s.unchanged} unchanged"
        if s.absent:
            # A finding dropped from the file may be fixed or merged; only a person can close its risk.
            line += (f"; {len(s.absent)} no longer in this file, kept as {'it was' if len(s.absent) == 1 else 'they were'}: "
                     f"{', '.join(s.absent)}")
        click.echo(line)


def _records(store, risks):
    from engine.register.export import risk_record

    everyone = store.risks()
    return [risk_record(r, store.display_id(r, everyone)) for r in risks]


@register.command("list")
@click.option("--status", type=click.Choice(STATUSES), help="Only risks with this status.")
@click.option("--owner", help="Only risks whose owner contains this text (any case).")
@click.option("--severity", type=click.Choice(SEVERITIES), help="Only risks of this severity.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def list_(ctx: click.Context, status: str | None, owner: str | None, severity: str | None, as_json: bool) -> None:
    """List risks, optionally filtered."""
    store = _store(ctx)
    records = _records(store, store.list(status=status, owner=owner, severity=severity))
    if as_json:
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
        return
    if not records:
        click.echo("no risks match" if (status or owner or severity) else
                   "the register is empty: run `riskbrief register import FILE`")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold")
    for col in ("ID", "System", "Risk", "Severity", "Likelihood", "Status", "Owner", "Ver"):
        table.add_column(col, overflow="fold")
    for r in records:
        table.add_row(r["id"], r["system"], r["title"], r["severity"] or "not assessed",
                      (r["likelihood"] or "not assessed").replace("_", " "), r["status"] or "—",
                      r["owner"] or "no owner named", str(r["version"]))
    Console(width=160, highlight=False).print(table)


@register.command("show")
@click.argument("risk_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def show(ctx: click.Context, risk_id: str, as_json: bool) -> None:
    """Show one risk."""
    from engine.register.export import event_record, risk_record, show_text

    store = _store(ctx)
    risk, events = store.history(risk_id)
    record = risk_record(risk, store.display_id(risk))
    evs = [event_record(e) for e in events]
    click.echo(json.dumps(record, indent=2, ensure_ascii=False) if as_json else show_text(record, evs), nl=as_json)


@register.command("update")
@click.argument("risk_id")
@click.option("--status", type=click.Choice(STATUSES), help="New status.")
@click.option("--owner", help="New owner.")
@click.option("--note", help="A note for the history (why, what was decided).")
@click.option("--mitigation", "which", metavar="NUMBER|WORDS",
              help="The mitigation --mitigation-status and --due change: its number in `show`, or words of "
                   "its action (not needed when the risk has one).")
@click.option("--mitigation-status", type=click.Choice(MITIGATION_STATUSES), help="New status of that mitigation.")
@click.option("--due", metavar="YYYY-MM-DD", help="New due date of that mitigation.")
@click.option("--by", help="Who makes the change (default: $USER).")
@click.option("--expect-version", type=int,
              help="Apply only if the risk is still at this version; otherwise fail with exit 1.")
@click.pass_context
def update_(ctx: click.Context, risk_id: str, status: str | None, owner: str | None, note: str | None,
            which: str | None, mitigation_status: str | None, due: str | None, by: str | None,
            expect_version: int | None) -> None:
    """Change a risk's status or owner, a mitigation's status or due date, or add a note; records who and when."""
    from engine.register.store import MitigationChange, check_mitigation_change

    check_mitigation_change(mitigation_status, due)
    change = MitigationChange(which, mitigation_status, due) if (which or mitigation_status or due) else None
    store = _store(ctx)
    before = store.resolve(risk_id).version
    risk = store.update(risk_id, status=status, owner=owner, note=note, by=by, expect_version=expect_version,
                        mitigation=change)
    state = f"status {risk.status or '—'}, owner {risk.owner or 'no owner named'}"
    if risk.version == before and not note:
        click.echo(f"{store.display_id(risk)} unchanged at version {risk.version}: it already has {state}")
    else:
        click.echo(f"{store.display_id(risk)} now at version {risk.version}: {state}")


@register.command("history")
@click.argument("risk_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def history(ctx: click.Context, risk_id: str, as_json: bool) -> None:
    """Every change to a risk, oldest first (append-only)."""
    from engine.register.export import event_record, history_text

    store = _store(ctx)
    risk, events = store.history(risk_id)
    evs = [event_record(e) for e in events]
    if as_json:
        click.echo(json.dumps(evs, indent=2, ensure_ascii=False))
    else:
        click.echo(history_text(store.display_id(risk), evs), nl=False)


@register.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv", show_default=True)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write to PATH instead of stdout.")
@click.pass_context
def export_(ctx: click.Context, fmt: str, out: str | None) -> None:
    """Export every risk as CSV, Markdown or JSON."""
    from engine.register.export import export

    store = _store(ctx)
    emit_text(export(_records(store, store.risks()), fmt), out)


@register.command("systems")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def systems(ctx: click.Context, as_json: bool) -> None:
    """The systems in the register: how many risks each, first imported, last changed."""
    from engine.register.snapshot import system_summaries

    rows = system_summaries(_store(ctx))
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif not rows:
        click.echo("the register is empty: run `riskbrief register import FILE`")
    else:
        for r in rows:
            click.echo(f"{r['system']}: {r['risks']} risk(s), first imported {r['first_imported']}, "
                       f"last changed {r['last_changed']}")


@register.command("snapshot")
@click.argument("system")
@click.option("--at", "when", metavar="WHEN",
              help="ISO 8601 date or date-time, inclusive at its precision (a date: that whole day); "
                   "no time zone means UTC [default: now].")
@click.option("-o", "--out", type=click.Path(dir_okay=False), help="Write to FILE instead of stdout.")
@click.pass_context
def snapshot(ctx: click.Context, system: str, when: str | None, out: str | None) -> None:
    """SYSTEM's findings as they stood in the register at --at, as a findings YAML file.

    Replays each risk's history up to WHEN; risks imported later are left out.
    The register keeps each finding's title, category, severity, likelihood,
    impact, owner, status and mitigations; the file's header comment names
    what it leaves out (the summary is the title). Compare two points in
    time with `riskbrief diff 'register:SYSTEM@WHEN' 'register:SYSTEM'`.
    """
    from engine.register.db import register_url, require_existing, safe_url
    from engine.register.snapshot import parse_when, take_snapshot

    as_of = parse_when(when) if when is not None else None  # a bad --at fails before the database is opened
    require_existing(ctx.obj.get("url"))  # reading a register that is not there must not create one
    snap = take_snapshot(_store(ctx), system, as_of)
    emit_text(snap.yaml(safe_url(register_url(ctx.obj.get("url")))), out)
