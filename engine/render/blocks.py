"""A brief laid out as a list of printable blocks, shared by the PDF and Word renderers.

Both print the same things in the same order as the Markdown and HTML
briefs: title, headline, each section (with its chart), the check line and
the provenance in the footer. Texts here are plain; each renderer escapes
them for its own format.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import PurePath

from schemas.brief import Brief, Provenance
from schemas.findings import FindingsDocument

from engine.render.figures import Picture, figures_for, pictures
from engine.render.markdown import _LISTED, audience_title, eval_line, section_paragraphs

# Colours of the printed formats, the same as the HTML brief's.
INK = "#1d2330"
MUTED = "#5b6475"
LINE = "#d9dde5"
ACCENT = "#2f5d9e"
CALLOUT = "#eef3fa"
CAVEAT_FILL = "#fff8e6"
CAVEAT_LINE = "#f0d68a"
DECISION_FILL = "#f5f7fa"
OK = "#1f7a4d"
BAD = "#b3261e"

# C0/C1 control characters (other than tab and newline) have no glyph and
# break XML-based formats; findings text may carry them through YAML escapes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def clean(text: str) -> str:
    return _CONTROL.sub(" ", text)


@dataclass
class Block:
    kind: str  # "heading", "paragraph", "bullets", "picture"
    section: str = ""
    texts: list[str] = field(default_factory=list)
    picture: Picture | None = None


@dataclass
class Layout:
    kicker: str  # "Risk brief for Board and executive team"
    title: str
    headline: str
    blocks: list[Block]
    check: str | None  # the faithfulness check line, plain text
    check_passed: bool | None
    footer: list[str]  # provenance lines


def picture_size(block: Block, text_width: float, max_height: float) -> tuple[float, float]:
    """Printed width and height of a picture block, in the units of the arguments, keeping its shape."""
    pic = block.picture
    # The matrix reads well at about four fifths of the text width; trade-off charts need all of it.
    max_width = text_width * (0.78 if block.section == "findings" else 1.0)
    scale = min(max_width / pic.width_px, max_height / pic.height_px)
    return pic.width_px * scale, pic.height_px * scale


def created_utc(created_at: str) -> dt.datetime | None:
    """A brief's created_at (ISO 8601) as an aware UTC time; None when it cannot be read."""
    try:
        t = dt.datetime.fromisoformat(created_at)
    except ValueError:
        return None
    return (t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc)).astimezone(dt.timezone.utc)


UNDATED = "1970-01-01"


def created_text(created_at: str) -> str:
    """'created 2026-11-26'; the offline narrator's fixed time (the Unix epoch, for the same
    bytes every run) is shown as undated rather than as a date in 1970."""
    day = created_at[:10]
    return "undated (set SOURCE_DATE_EPOCH to date it)" if day == UNDATED else f"created {day}"


def provenance_lines(p: Provenance) -> list[str]:
    """Where the brief came from, for a page footer."""
    # The file's name, not its path: a path says nothing to a reader and can leak a home directory.
    name = PurePath(p.input_file.replace("\\", "/")).name if p.input_file else ""
    source = f"Findings {name}, {p.input_hash}" if name else f"Findings {p.input_hash}"
    made = f"Provider {p.provider} ({p.model}), {created_text(p.created_at)}"
    if p.riskbrief_version:
        made += f", riskbrief {p.riskbrief_version}"
    return [clean(source), clean(made)]


def layout(brief: Brief, doc: FindingsDocument | None) -> Layout:
    figures = figures_for(brief, doc)
    pics = pictures(figures) if figures is not None else []
    blocks: list[Block] = []
    for section in brief.sections:
        blocks.append(Block("heading", section.id, [clean(section.title)]))
        blocks.extend(Block("picture", section.id, [p.caption], p) for p in pics if p.section == section.id)
        sentences = [clean(s.text) for s in section.sentences]
        if section.id in _LISTED and len(sentences) > 1:
            if section.id == "recommendation":
                blocks.append(Block("paragraph", section.id, sentences[:1]))
                sentences = sentences[1:]
            blocks.append(Block("bullets", section.id, sentences))
        else:
            for para in section_paragraphs(section):
                blocks.append(Block("paragraph", section.id, [" ".join(clean(t) for t in para)]))
    line = eval_line(brief)
    check = line.strip("*") if line else None
    return Layout(
        kicker=f"Risk brief for {audience_title(brief.audience)}",
        title=clean(brief.title),
        headline=clean(brief.headline),
        blocks=blocks,
        check=clean(check) if check else None,
        check_passed=brief.eval.passed if brief.eval is not None else None,
        footer=provenance_lines(brief.provenance),
    )
