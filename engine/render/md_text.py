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


def md_text(text: str) -> str:
    """Text to place in Markdown prose: markup characters backslash-escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def md_unescape(text: str) -> str:
    """Markdown backslash escapes removed (CommonMark: any ASCII punctuation)."""
    return _ESCAPED.sub(r"\1", text)
