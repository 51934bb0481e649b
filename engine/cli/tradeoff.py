"""`riskbrief tradeoff FILE --out DIR`: balanced framing per audience plus a chart per trade-off."""

from __future__ import annotations

from pathlib import Path

import click

from engine.artifacts.output import emit_text
from schemas.loading import load_findings


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Write <stem>.<TRADEOFF>.md plus .svg and .png charts here; without it, print the framing.")
@click.option("--audience", "audiences", default="all", show_default=True,
              help="Comma-separated audiences, or 'all'.")
@click.option("--provider", help="offline (default), openai or fake.")
@click.option("--model", help="Model name for a model provider.")
def tradeoff(file: str, out_dir: str | None, audiences: str, provider: str | None, model: str | None) -> None:
    """For each trade-off in FILE: how each audience's brief frames it, and a chart a board can read at a glance."""
    from engine.artifacts.tradeoff import file_stem, framing_markdown, framings
    from engine.pipeline import parse_audiences

    doc = load_findings(file)
    names = parse_audiences(audiences)
    if out_dir:
        from engine.files import check_out_dir

        check_out_dir(out_dir)
    framed = framings(doc, names, provider=provider, model=model)
    if not out_dir:
        emit_text("\n".join(framing_markdown(doc, t, framed[t.id]) for t in doc.tradeoffs), None)
        click.echo("(add --out DIR to also write the charts)", err=True)
        return
    from engine.artifacts.tradeoff_chart import tradeoff_picture
    from engine.files import atomic_write_bytes, atomic_write_text

    from engine.files import inside, name_part

    out = Path(out_dir)
    stem = file_stem(file)
    for t in doc.tradeoffs:
        base = f"{name_part(stem)}.{name_part(t.id)}"  # the trade-off id comes from the findings
        pictures = {fmt: tradeoff_picture(t, fmt) for fmt in ("svg", "png")}  # all rendered before any write
        for fmt, data in pictures.items():
            atomic_write_bytes(inside(out, f"{base}.{fmt}"), data)
        atomic_write_text(inside(out, f"{base}.md"), framing_markdown(doc, t, framed[t.id], chart=f"{base}.svg"))
        for ext in ("md", "svg", "png"):
            click.echo(str(out / f"{base}.{ext}"))
