"""Findings text made inert in Markdown.

Findings come from anywhere. Rendered by a CommonMark renderer, a title such as
``<script>…`` or ``[report](javascript:…)`` would become live HTML or a live
link. Backslash escapes keep every character visible and make none of them
markup: ``\\<`` renders as ``<``, never as the start of a tag or autolink, and
``\\[`` never opens a link. ``&`` is escaped so no entity reference can spell
a tag or URL either.
"""

from __future__ import annotations

import re

_SPECIAL_CHARS = r"\\<>&\[\]"
_SPECIAL = re.compile(f"([{_SPECIAL_CHARS}])")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


# Every character str.splitlines() breaks at: inside prose a line break could start a heading,
# a list or a table row, and it splits a quoted phrase across blocks.
_BREAK_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BREAKS = re.compile(f"[{_BREAK_CHARS}]+")
_HEADING_START = re.compile(r"^(\s*)#")
# Most brief text holds no character the substitutions change: one search tells, for a
# fraction of the cost of running them.
_CHANGED = re.compile(f"[{_SPECIAL_CHARS}{_BREAK_CHARS}]")


def md_text(text: str) -> str:
    """Text to place in Markdown prose: on one line, markup characters backslash-escaped."""
    if _CHANGED.search(text) is not None:
        text = _SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", text))
    return _HEADING_START.sub(r"\1\\#", text) if _HEADING_START.match(text) else text


def md_cell(text: str) -> str:
    """Text for a Markdown table cell: inert like md_text, and its pipes kept inside the cell."""
    return md_text(text).replace("|", "\\|")


def md_unescape(text: str) -> str:
    """Markdown backslash escapes removed (CommonMark: any ASCII punctuation)."""
    return _ESCAPED.sub(r"\1", text)
