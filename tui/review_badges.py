"""Per-section review badges shown in the brief's Markdown view.

A badge is a line of its own under each section heading (and under the
title, for the headline): "✓ approved (carried from v3)" or "● needs review:
F2 changed". It is drawn in the view only; the brief's text is not changed.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from engine.section_review import HEADLINE, SectionState
from tui.sections import section_spans

APPROVED, NEEDED = "review-approved", "review-needed"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


class Badge(NamedTuple):
    section: str  # section id, or 'headline'
    title: str
    text: str
    approved: bool


def badges(states: list[SectionState]) -> list[Badge]:
    return [Badge(s.section, s.title, ("Headline: " if s.section == HEADLINE else "") + s.badge, s.approved)
            for s in states]


def badge_marks(items: list[Badge]) -> dict[str, str]:
    """Highlight classes for the badge lines (see tui/widgets/brief_markdown.py)."""
    return {b.text: APPROVED if b.approved else NEEDED for b in items}


def _escaped(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def with_badges(text: str, items: list[Badge]) -> str:
    """The Markdown with each badge as a paragraph under its section's heading."""
    if not items:
        return text
    lines = text.splitlines()
    inserts: dict[int, str] = {}  # line index -> badge paragraph inserted after it
    by_title = {b.title.strip().lower(): b for b in items if b.section != HEADLINE}
    for span in section_spans(text):
        badge = by_title.get(span.title.strip().lower())
        if badge is not None:
            inserts[span.start] = badge.text
    headline = next((b for b in items if b.section == HEADLINE), None)
    if headline is not None:
        title_line = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
        if title_line is not None:
            inserts[title_line] = headline.text
    out: list[str] = [] if headline is None or headline.text in inserts.values() else [_escaped(headline.text), ""]
    for i, line in enumerate(lines):
        out.append(line)
        if i in inserts:
            out += ["", _escaped(inserts[i])]
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")
