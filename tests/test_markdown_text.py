"""Findings text placed in Markdown: one line, no live markup, and it reads back as written."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.render.md_text import md_text, md_unescape

_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_AWKWARD = st.sampled_from(list("ab #\\<>&[]*_\t \xa0\u3000" + _BREAKS))


@settings(max_examples=800, deadline=None)
@given(st.one_of(st.text(), st.lists(_AWKWARD).map("".join)))
def test_markdown_text_is_one_inert_line_that_reads_back_as_written(text):
    out = md_text(text)
    assert len(out.splitlines()) <= 1
    assert not re.match(r"\s*#", out)  # never a heading
    assert re.search(r"(?<!\\)(\\\\)*[<>&\[\]]", out) is None  # every tag, entity and link mark escaped
    assert md_unescape(out) == re.sub(f"[{_BREAKS}]+", " ", text)


def test_plain_text_is_left_as_it_is():
    assert md_text("Accuracy is 65% on sarcastic posts (F1).") == "Accuracy is 65% on sarcastic posts (F1)."
    assert md_text("  # Approved") == "  \\# Approved"
    assert md_text("<b>[x](y) & z") == "\\<b\\>\\[x\\](y) \\& z"
