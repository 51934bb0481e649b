"""A finished brief's saved JSON, read back so a format it lacks is rendered rather than made again.

A run that asks for a format a finished brief has no file of (or whose file
was deleted) renders it from `<stem>.<audience>.json`: no model request, no
narrator run. The JSON is used only when it is the brief the manifest
recorded: it must read as a brief, be of this audience, and carry the input
hash, prompt hash, provider and model of this run; otherwise the brief is
made again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from schemas.brief import Brief

from engine.batch.manifest import ItemRecord, Recipe


@dataclass(frozen=True)
class SavedBrief:
    brief: Brief
    outputs: tuple[str, ...]  # the files the manifest recorded for it, relative to the output directory


def saved_brief(out_dir: str | Path, record: ItemRecord, recipe: Recipe, input_hash: str) -> SavedBrief | None:
    """The brief `record` says was made, read from its JSON, when it is still this run's brief; else None."""
    if record.status != "generated" or not record.matches(recipe, input_hash=input_hash):
        return None
    name = next((o for o in record.outputs if o.endswith(".json")), None)
    if name is None:
        return None
    from schemas.loading import FindingsError, load_brief

    try:
        brief = load_brief(Path(out_dir) / name)
    except (FindingsError, OSError, ValueError):
        return None  # unreadable or not a brief
    prov = brief.provenance
    if (brief.audience != record.audience or prov.input_hash != input_hash or prov.prompt_hash != recipe.prompt_hash
            or prov.provider != recipe.provider or prov.model != recipe.model):
        return None
    return SavedBrief(brief, tuple(record.outputs))
