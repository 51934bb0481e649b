"""The engine functions the workspace calls, bundled so tests can swap one.

Imports are deferred to first use: the workspace paints before the pipeline,
the renderers or the faithfulness checker are loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from engine.options import GenerateOptions
from schemas.brief import Brief
from schemas.evaluation import AudienceFit, EvalResult
from schemas.findings import FindingsDocument


def _generate(doc: FindingsDocument, audience: str, *, options: GenerateOptions, input_file: str | None) -> Brief:
    from engine.pipeline import generate_brief

    return generate_brief(doc, audience, provider=options.provider, model=options.model, options=options,
                          input_file=input_file)


def _regenerate(doc: FindingsDocument, brief: Brief, section_id: str, *, options: GenerateOptions) -> Brief:
    from engine.pipeline import regenerate_section

    return regenerate_section(doc, brief, section_id, options=options)


def _render(brief: Brief) -> str:
    from engine.render.markdown import render_markdown

    return render_markdown(brief)


def _check(doc: FindingsDocument, text: str | Brief) -> EvalResult | None:
    try:
        from evals.faithfulness import check_brief
    except ImportError:
        return None
    from engine.injection import as_evidence

    return check_brief(as_evidence(doc), text)


def _fit(text: str, audience: str) -> AudienceFit | None:
    try:
        from evals.audience_fit import audience_fit
    except ImportError:
        return None
    from schemas.audience import load_profile

    try:
        profile = load_profile(audience)
    except KeyError:
        return None
    return audience_fit(text, profile)


def _audiences() -> list[str]:
    from schemas.audience import audience_names

    return audience_names()


@dataclass
class Backend:
    generate: Callable[..., Brief] = _generate
    regenerate_section: Callable[..., Brief] = _regenerate
    render_markdown: Callable[[Brief], str] = _render
    check: Callable[[FindingsDocument, Any], EvalResult | None] = _check
    fit: Callable[[str, str], AudienceFit | None] = _fit
    audiences: Callable[[], list[str]] = _audiences


FINDINGS_SUFFIXES = (".yaml", ".yml", ".json")


def findings_files(directory: Path) -> list[Path]:
    """Findings files in a directory, by name (hidden files skipped)."""
    return sorted(p for p in directory.iterdir()
                  if p.is_file() and p.suffix.lower() in FINDINGS_SUFFIXES and not p.name.startswith("."))
