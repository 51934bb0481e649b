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

_SPECIAL = re.compile(r"([\\<>&\[\]])")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


# Every character str.splitlines() breaks at: inside prose a line break could start a heading,
# a list or a table row, and it splits a quoted phrase across blocks.
_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")
_HEADING_START = re.compile(r"^(\s*)#")


def md_text(text: str) -> str:
    """Text to place in Markdown prose: on one line, markup characters backslash-escaped."""
    text = _SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", text))
    return _HEADING_START.sub(r"\1\\#", text)


def md_unescape(text: str) -> str:
    """Markdown backslash escapes removed (CommonMark: any ASCII punctuation)."""
    return _ESCAPED.sub(r"\1", text)
