"""`riskbrief cache stats|clear`"""

from __future__ import annotations

import json

import click


def _cache():
    from engine.cache import ResponseCache
    from engine.config import load_settings

    return ResponseCache(load_settings().cache_dir)


@click.group()
def cache() -> None:
    """Inspect or empty the model response cache (RISKBRIEF_CACHE_DIR)."""


@cache.command()
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
def stats(as_json: bool) -> None:
    """Entries, size on disk, hits and misses."""
    with _cache() as c:
        s = c.stats()
    if as_json:
        click.echo(json.dumps(s, indent=2))
        return
    click.echo(f"directory: {s['directory']}")
    click.echo(f"entries:   {s['entries']}")
    click.echo(f"size:      {s['size_bytes']} bytes")
    click.echo(f"hits:      {s['hits']}")
    click.echo(f"misses:    {s['misses']}")


@cache.command()
def clear() -> None:
    """Delete every cached response."""
    with _cache() as c:
        removed = c.clear()
        where = c.directory
    click.echo(f"removed {removed} cached response(s) from {where}")
