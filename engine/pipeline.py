"""The one path from findings to written briefs, shared by the CLI, batch and the TUI.

findings -> provider (offline narrator, or the model chain) -> Brief (with
its chart data) -> faithfulness + audience fit attached -> renderers -> files.
"""

from __future__ import annotations

import re

from dataclasses import replace
from pathlib import Path

from schemas.audience import AudienceProfile, audience_names, load_profile
from schemas.brief import Brief
from schemas.findings import FindingsDocument

from engine.errors import UsageError
from engine.files import atomic_write_bytes, inside, name_part
from engine.options import GenerateOptions

FORMATS = ("md", "html", "json", "pdf", "docx")
# Formats written as bytes; the others are UTF-8 text.
BINARY_FORMATS = ("pdf", "docx")
# An audience name ends up in file names: nothing that could be a path.
AUDIENCE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def resolve_audience(name: str) -> AudienceProfile:
    try:
        return load_profile(name)
    except KeyError:
        raise UsageError(f"unknown audience '{name}'; valid audiences: {', '.join(audience_names())}") from None


def parse_audiences(text: str | None) -> list[str]:
    """'executive,legal' -> names, checked; None or 'all' -> every audience."""
    if not text or text.strip() == "all":
        return audience_names()
    names = [n.strip() for n in text.split(",") if n.strip()]
    odd = [n for n in names if not AUDIENCE_NAME.fullmatch(n)]
    if odd:
        raise UsageError(f"bad audience name {odd[0]!r}: names hold only letters, digits, '-' and '_'")
    valid = audience_names()
    bad = [n for n in names if n not in valid]
    if bad or not names:
        raise UsageError(f"unknown audience {', '.join(repr(b) for b in bad) or '(none given)'}; valid audiences: {', '.join(valid)}")
    return list(dict.fromkeys(names))


def parse_formats(text: str | None) -> list[str]:
    names = [n.strip().lower() for n in (text or "md").split(",") if n.strip()]
    bad = [n for n in names if n not in FORMATS]
    if bad or not names:
        raise UsageError(f"unknown format {', '.join(repr(b) for b in bad) or '(none given)'}; valid formats: {', '.join(FORMATS)}")
    return list(dict.fromkeys(names))


def evaluate(doc: FindingsDocument, brief: Brief, profile: AudienceProfile, threshold: float = 1.0):
    """Faithfulness verdict with the audience fit beside it (reported, not gated)."""
    from evals.audience_fit import audience_fit
    from evals.faithfulness import check_brief

    from engine.injection import as_evidence

    result = check_brief(as_evidence(doc), brief, threshold=threshold)
    result.audience_fit = audience_fit(brief, profile, doc)
    return result


def _options(provider: str | None, model: str | None, options: GenerateOptions | None) -> GenerateOptions:
    opts = options or GenerateOptions()
    if provider:
        opts = replace(opts, provider=provider)
    if model:
        opts = replace(opts, model=model)
    return opts


def generate_brief(
    doc: FindingsDocument,
    audience: str,
    *,
    provider: str | None = None,
    model: str | None = None,
    options: GenerateOptions | None = None,
    input_file: str | None = None,
) -> Brief:
    """Write one brief for one audience and attach its eval."""
    opts = _options(provider, model, options)
    profile = resolve_audience(audience)
    if opts.provider == "offline":
        from engine.narrator import narrate

        brief = narrate(doc, profile, input_file=input_file)
    else:
        from engine.chain import generate_with_model

        brief = generate_with_model(doc, profile, opts, input_file=input_file)
    if brief.figures is None:
        from engine.render.figures import figures_of

        brief.figures = figures_of(doc)
    if brief.eval is not None and brief.eval.threshold == opts.threshold:
        # The chain already checked its final brief; add only the audience fit.
        from evals.audience_fit import audience_fit

        brief.eval.audience_fit = audience_fit(brief, profile, doc)
    else:
        brief.eval = evaluate(doc, brief, profile, opts.threshold)
    return brief


def regenerate_section(doc: FindingsDocument, brief: Brief, section_id: str, *, options: GenerateOptions | None = None) -> Brief:
    """The brief with one section written afresh (and the eval recomputed)."""
    opts = options or GenerateOptions()
    profile = resolve_audience(brief.audience)
    if opts.provider == "offline":
        from engine.injection import without_planted
        from engine.narrator import write_section

        # as narrate() does: the section is written from the findings without planted instructions
        section = write_section(without_planted(doc)[0], profile, section_id)
    else:
        from engine.chain import regenerate_section as model_section

        section = model_section(doc, profile, brief, section_id, opts)
    if section is None:
        raise UsageError(f"section '{section_id}' has nothing to say for these findings")
    new = brief.model_copy(deep=True)
    ids = [s.id for s in new.sections]
    if section_id in ids:
        new.sections[ids.index(section_id)] = section
    else:
        new.sections.append(section)
    new.approval = None
    new.eval = evaluate(doc, new, profile, opts.threshold)
    return new


def render(brief: Brief, doc: FindingsDocument | None, fmt: str) -> str | bytes:
    """One format of a brief: text for md/html/json, bytes for pdf/docx.

    Charts are drawn from the brief's own figures; `doc` is needed only for a
    brief saved without them (and may be None: the charts are then left out).
    """
    if fmt == "md":
        from engine.render.markdown import render_markdown

        return render_markdown(brief)
    if fmt == "html":
        from engine.render.html import render_html

        return render_html(brief, doc)
    if fmt == "json":
        from engine.render.json_brief import render_json

        return render_json(brief)
    if fmt == "pdf":
        from engine.render.pdf_brief import render_pdf

        return render_pdf(brief, doc)
    if fmt == "docx":
        from engine.render.docx_brief import render_docx

        return render_docx(brief, doc)
    raise UsageError(f"unknown format '{fmt}'; valid formats: {', '.join(FORMATS)}")


def render_bytes(brief: Brief, doc: FindingsDocument | None, fmt: str) -> bytes:
    """One format of a brief as the bytes of its file."""
    out = render(brief, doc, fmt)
    return out if isinstance(out, bytes) else out.encode("utf-8")


def output_path(out_dir: str | Path, stem: str, audience: str, fmt: str) -> Path:
    """DIR/<stem>.<audience>.<fmt>, never outside DIR whatever the stem or audience name holds."""
    return inside(out_dir, f"{stem}.{name_part(audience)}.{fmt}")


def write_outputs(brief: Brief, doc: FindingsDocument | None, out_dir: str | Path, stem: str,
                  formats: list[str]) -> list[Path]:
    """Render every format first, then write each atomically."""
    rendered = [(output_path(out_dir, stem, brief.audience, fmt), render_bytes(brief, doc, fmt)) for fmt in formats]
    for path, data in rendered:
        atomic_write_bytes(path, data)
    return [p for p, _ in rendered]
