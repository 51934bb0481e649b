"""The `tradeoff` artifact: for each trade-off, the balanced framing each
audience reads (the "options" section of that audience's brief) and the chart."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from schemas.brief import Brief, Sentence
from schemas.findings import FindingsDocument, Tradeoff

from engine.errors import UsageError
from engine.render.md_text import md_text


@dataclass
class Framing:
    audience: str
    title: str
    sentences: list[Sentence] = field(default_factory=list)


def _about(sentence: Sentence, t: Tradeoff) -> bool:
    return any(s == t.id or s.startswith(f"{t.id}.") for s in sentence.sources)


def framings(doc: FindingsDocument, audiences: list[str], *, provider: str | None = None,
             model: str | None = None) -> dict[str, list[Framing]]:
    """trade-off id -> one framing per audience, taken from the brief's "options" section."""
    if not doc.tradeoffs:
        raise UsageError(f"the findings for {doc.system.name} have no `tradeoffs` entry; add one to frame a decision "
                         "(see `riskbrief schema`)")
    out: dict[str, list[Framing]] = {t.id: [] for t in doc.tradeoffs}
    for audience in audiences:
        brief = _brief(doc, audience, provider, model)
        section = brief.section("options")
        for t in doc.tradeoffs:
            sentences = [s for s in (section.sentences if section else []) if _about(s, t)]
            out[t.id].append(Framing(audience, section.title if section else "Options and trade-offs", sentences))
    return out


def _brief(doc: FindingsDocument, audience: str, provider: str | None, model: str | None) -> Brief:
    if (provider or "offline") == "offline" and not model:
        # The offline narrator's options section is the framing; no eval pass is needed for it.
        from engine.narrator import narrate
        from engine.pipeline import resolve_audience

        return narrate(doc, resolve_audience(audience))
    from engine.pipeline import generate_brief

    return generate_brief(doc, audience, provider=provider, model=model)


def framing_markdown(doc: FindingsDocument, t: Tradeoff, items: list[Framing], chart: str | None = None) -> str:
    lines = [f"# {md_text(t.question)}", "", f"Trade-off {md_text(t.id)} for {md_text(doc.system.name)}.", ""]
    if chart:
        lines += [f"![Trade-off chart: {md_text(t.question)}](<{chart}>)", ""]
    for fr in items:
        lines += [f"## For the {md_text(fr.audience)} reader: {md_text(fr.title)}", ""]
        if not fr.sentences:
            lines += ["(This brief says nothing about this trade-off.)", ""]
        for s in fr.sentences:
            text = s.text if s.text.rstrip().endswith((".", "?", "!")) else s.text + "."
            lines.append(f"- {md_text(text)} [{md_text(', '.join(s.sources))}]")
        lines.append("")
    return "\n".join(lines)


def file_stem(path: str | Path) -> str:
    return Path(path).name.rsplit(".", 1)[0]
