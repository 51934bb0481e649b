"""Importers: findings documents from the tools engineers already run.

Each kind lives in its own module and is imported only when used. Every
importer returns an :class:`~engine.importers.base.Imported`; render it with
:func:`engine.importers.output.render_yaml`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from engine.errors import UsageError
from engine.importers.base import Imported, SourceError, locate

# kind -> "module:function"
KINDS: dict[str, str] = {
    "sarif": "engine.importers.sarif:import_sarif",
    "model-card": "engine.importers.model_card:import_model_card",
    "hf": "engine.importers.hf:import_hf",
    "garak": "engine.importers.garak:import_garak",
    "atlas": "engine.importers.atlas:import_atlas",
    "csv": "engine.importers.csv:import_csv",
}


def import_file(kind: str, path: str | Path, **options: Any) -> Imported:
    """Import one file of the given kind; options are passed to that importer."""
    if kind not in KINDS:
        raise UsageError(f"unknown import kind '{kind}'; use one of: {', '.join(KINDS)}")
    module, attr = KINDS[kind].split(":")
    try:
        return getattr(importlib.import_module(module), attr)(path, **options)
    except SourceError as e:
        raise locate(e) from None


__all__ = ["KINDS", "Imported", "SourceError", "import_file"]
