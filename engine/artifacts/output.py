"""Where an artifact goes: stdout by default, a file (written atomically) with -o."""

from __future__ import annotations

import click

from engine.errors import UsageError
from engine.files import atomic_write_bytes, atomic_write_text


def emit_text(text: str, out: str | None) -> None:
    if out:
        atomic_write_text(out, text if text.endswith("\n") else text + "\n")
        click.echo(f"wrote {out}", err=True)
    else:
        click.echo(text, nl=not text.endswith("\n"))


def emit_picture(data: bytes, out: str | None, fmt: str) -> None:
    if not out:
        raise UsageError(f"{'an' if fmt.upper()[:1] in 'AEFHILMNORSX' else 'a'} {fmt.upper()} picture needs a file: add -o PATH (e.g. -o matrix.{fmt})")
    atomic_write_bytes(out, data)
    click.echo(f"wrote {out}", err=True)
