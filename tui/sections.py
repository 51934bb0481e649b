"""Where each section of a brief's Markdown starts and ends, by its heading."""

from __future__ import annotations

import re

from engine.section_review import SectionSpan, section_spans

__all__ = ["SectionSpan", "section_spans", "section_at_line", "section_block", "replace_section", "find_sentence"]


def section_at_line(text: str, line: int) -> str | None:
    """Title of the section holding `line` (None above the first heading)."""
    found = None
    for span in section_spans(text):
        if span.start <= line:
            found = span.title
    return found


def section_block(text: str, title: str) -> str | None:
    lines = text.splitlines(keepends=True)
    for span in section_spans(text):
        if span.title.strip().lower() == title.strip().lower():
            return "".join(lines[span.start:span.end])
    return None


def replace_section(text: str, title: str, block: str) -> str:
    """text with the section titled `title` replaced by `block` (appended when absent)."""
    lines = text.splitlines(keepends=True)
    for span in section_spans(text):
        if span.title.strip().lower() == title.strip().lower():
            if not block.endswith("\n"):
                block += "\n"
            if span.end < len(lines) and not block.endswith("\n\n"):
                block += "\n"
            return "".join(lines[:span.start]) + block + "".join(lines[span.end:])
    sep = "" if text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    return text + sep + block


def find_sentence(text: str, sentence: str) -> tuple[int, int] | None:
    """(start, end) offsets of `sentence` in `text`, tolerant of line breaks and
    Markdown emphasis; None when it does not occur."""
    words = [re.escape(w) for w in sentence.split()]
    if not words:
        return None
    m = re.search(r"[\s*_`]+".join(words), text)
    return (m.start(), m.end()) if m else None
