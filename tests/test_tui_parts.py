"""The workspace's pure helpers: sections of a brief, the risk matrix, the diff view."""

from __future__ import annotations

from pathlib import Path

from schemas.loading import load_findings
from tui.screens.diff import coloured_diff
from tui.sections import find_sentence, replace_section, section_at_line, section_block, section_spans
from tui.widgets.risk_matrix import matrix_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

BRIEF = """# Title

**Headline.**

## Where we stand

First paragraph.

## What we found

Accuracy is 65% on
short sarcastic posts.

## Caveats

- One platform only.
"""


def test_sections_are_found_by_their_headings():
    spans = section_spans(BRIEF)
    assert [s.title for s in spans] == ["Where we stand", "What we found", "Caveats"]
    assert section_at_line(BRIEF, 0) is None
    assert section_at_line(BRIEF, 10) == "What we found"
    assert section_block(BRIEF, "caveats") == "## Caveats\n\n- One platform only.\n"


def test_replacing_a_section_leaves_the_others_alone():
    out = replace_section(BRIEF, "What we found", "## What we found\n\nAccuracy is 70%.\n")
    assert "Accuracy is 70%." in out and "65%" not in out
    assert out.startswith(BRIEF.split("## What we found")[0])
    assert out.endswith("## Caveats\n\n- One platform only.\n")
    assert "\n\n## Caveats" in out
    appended = replace_section(BRIEF, "Decision needed", "## Decision needed\n\nDecide by Friday.\n")
    assert appended.endswith("## Decision needed\n\nDecide by Friday.\n")


def test_a_sentence_is_found_across_line_breaks_and_emphasis():
    where = find_sentence(BRIEF, "Accuracy is 65% on short sarcastic posts.")
    assert where is not None
    assert BRIEF[where[0]:where[1]] == "Accuracy is 65% on\nshort sarcastic posts."
    assert find_sentence("**Bold claim** here.", "Bold claim here.") is not None
    assert find_sentence(BRIEF, "Accuracy is 99%.") is None


def test_risk_matrix_places_findings_by_likelihood_and_severity():
    doc = load_findings(EXAMPLES / "sentiment.yaml")
    lines = matrix_text(doc).plain.splitlines()
    likely = next(line for line in lines if line.strip().startswith("likely"))
    possible = next(line for line in lines if line.strip().startswith("possible"))
    assert "F1" in likely and "F2" not in likely  # F1: high, likely
    assert "F2" in possible  # F2: medium, possible
    columns = lines[-1]
    assert columns.index("high") < columns.index("critical")
    assert likely.index("F1") > columns.index("medium")
    narrow = matrix_text(doc, width=28).plain.splitlines()
    assert all(len(line) <= 28 for line in narrow)
    assert any("F1" in line for line in narrow)


def test_diff_view_marks_the_changed_words():
    text = coloured_diff("--- v1\n+++ v2\n@@ -1 +1 @@\n-it is 65% now.\n+it is 55% now.\n")
    plain = text.plain
    assert "+it is 55% now." in plain and "-it is 65% now." in plain
    marked = {plain[s.start:s.end] for s in text.spans if "reverse" in str(s.style)}
    assert marked == {"65%", "55%"}
    assert coloured_diff("").plain == "No changes."
