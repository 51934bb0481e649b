"""Markdown rendering of a brief."""

from __future__ import annotations

from engine.render.md_text import md_text
from schemas.audience import load_profile
from schemas.brief import Brief, Section

# Sections whose sentences group into one paragraph per finding or trade-off.
_GROUPED = {"findings", "options", "impact"}
_LISTED = {"recommendation", "caveats"}
EVAL_PREFIX = "*riskbrief check:"


def audience_title(name: str) -> str:
    try:
        return load_profile(name).title
    except KeyError:
        return name


def _group_key(sources: list[str], section_id: str) -> str:
    # Trade-off sentences group per option (T1.A); finding sentences per finding (F1).
    depth = 2 if section_id == "options" else 1
    return ".".join(sources[0].split(".")[:depth]) if sources else ""


def section_paragraphs(section: Section) -> list[list[str]]:
    """Sentences grouped into paragraphs the way a reader expects."""
    if section.id not in _GROUPED:
        return [[s.text for s in section.sentences]]
    paras: list[list[str]] = []
    last = None
    for s in section.sentences:
        key = _group_key(s.sources, section.id)
        if not paras or key != last:
            paras.append([])
        paras[-1].append(s.text)
        last = key
    return paras


def eval_line(brief: Brief) -> str | None:
    ev = brief.eval
    if ev is None:
        return None
    total = len(ev.claims)
    ok = total - len(ev.failing)
    missing = len(ev.missing_caveats)
    verdict = "passed" if ev.passed else "FAILED"
    caveats = "no required caveat missing" if not missing else f"{missing} required caveat(s) missing"
    return f"{EVAL_PREFIX} faithfulness {verdict}, {ok} of {total} claims supported, {caveats}; provider {brief.provenance.provider} ({brief.provenance.model}).*"


def render_markdown(brief: Brief) -> str:
    # Every piece of brief text came from findings or a profile file: escaped so none of it is markup.
    audience = audience_title(brief.audience).lower() if brief.audience != "engineering" else "engineering"
    lines = [f"# {md_text(brief.title)}: brief for {md_text(audience)}", ""]
    lines += [f"**{md_text(brief.headline)}**", ""]
    for section in brief.sections:
        lines += [f"## {md_text(section.title)}", ""]
        if section.id in _LISTED and len(section.sentences) > 1:
            first, rest = section.sentences[0], section.sentences[1:]
            if section.id == "recommendation":
                lines += [md_text(first.text), ""]
            else:
                rest = section.sentences
            lines += [f"- {md_text(s.text)}" for s in rest]
            lines.append("")
            continue
        for para in section_paragraphs(section):
            lines += [" ".join(md_text(t) for t in para), ""]
    line = eval_line(brief)
    if line:
        lines += ["---", "", line, ""]
    return "\n".join(lines)
