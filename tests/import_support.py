"""Helpers for the importer tests: run an import, read back the document and its review block."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from engine.importers import import_file
from engine.importers.output import render_yaml
from schemas.findings import FindingsDocument
from schemas.loading import load_text

DATA = Path(__file__).resolve().parent / "data" / "import"


def imported(kind: str, path: Path, **options) -> tuple[FindingsDocument, str, list[str]]:
    """(validated document, YAML text, warnings) for one import."""
    result = import_file(kind, path, **options)
    text = render_yaml(result)
    return load_text(text, f"{path.name}.yaml", is_json=False), text, result.warnings


def review_block(text: str) -> list[str]:
    """The `- ...` lines of the leading `# to review` comment block."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# - "):
            lines.append(line[4:])
    return lines


def roundtrip(text: str) -> str:
    """Load and dump with ruamel's round-trip mode, as an editor would."""
    import io

    yaml = YAML(typ="rt")
    buf = io.StringIO()
    yaml.dump(yaml.load(text), buf)
    return buf.getvalue()
