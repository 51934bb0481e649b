"""Quotations of the findings: recognised however a brief re-cases, re-spaces or escapes
them, and never a cover for a different figure stated outside the quotation."""

from __future__ import annotations

from pathlib import Path

from evals.faithfulness import check_brief, error_codes
from schemas.loading import load_findings

ROOT = Path(__file__).resolve().parents[1]
CAVEATS = ("The sarcasm set is 800 posts from one platform, and recall was measured on the same 800 posts "
           "as the accuracy figure.")


def _doc():
    doc = load_findings(ROOT / "examples" / "sentiment.yaml")
    f = doc.findings[0]
    # A title holding free-form figures and a severity word, as a user might write it.
    titled = f.model_copy(update={"title": "Q3 review: 42 reviewers flagged critical drift in 2.5 weeks"})
    return doc.model_copy(update={"findings": [titled, *doc.findings[1:]]})


def _codes(doc, text: str, fmt: str = "md") -> list[str]:
    return error_codes(check_brief(doc, f"{text}\n\n{CAVEATS}", fmt=fmt))


def test_quoted_title_is_not_a_claim_however_it_is_transformed():
    doc = _doc()
    for quoted in ("Q3 review: 42 reviewers flagged critical drift in 2.5 weeks",
                   "q3 REVIEW:\u200b 42  reviewers\nflagged critical drift in 2.5 weeks",  # case, zero-width, spacing
                   "Q3 review: 42 reviewers flagged \\*critical\\* drift in 2.5 weeks"):  # Markdown escapes
        assert _codes(doc, f"Finding F1: {quoted}. Accuracy is 65% on short sarcastic social posts.") == [], quoted


def test_a_different_figure_outside_the_quotation_is_still_caught():
    doc = _doc()
    title = "Q3 review: 42 reviewers flagged critical drift in 2.5 weeks"
    assert _codes(doc, f"Finding F1: {title}. Accuracy is 61% on short sarcastic social posts.") == ["number"]
    assert _codes(doc, f"Finding F1: {title}, affecting 43 reviewers.") == ["extrinsic"]
    # Altered, the quotation is no longer the findings' wording: its words are read as claims again.
    assert _codes(doc, "Finding F1: Q3 review: 47 reviewers flagged critical drift in 2.5 weeks.") != []


def test_markdown_keeps_findings_text_on_one_line():
    from engine.render.md_text import md_text

    # A line break in a title must not start a heading or a list in the brief, nor split the quotation.
    assert md_text("# Approved\n- all clear\u2028done") == "\\# Approved - all clear done"


def test_indexed_phrases_find_what_a_plain_phrase_list_finds():
    from evals.faithfulness.quotes import Phrases, find_quotes, folded

    phrases = sorted({folded(p) for p in ("Short sarcastic posts", "sarcastic posts from one platform",
                                          "(beta) model output", "posts", "2.5 weeks of review",
                                          # enough phrases for the list to be searched through its index
                                          *(f"unrelated phrase number {i}" for i in range(20)))},
                     key=lambda t: (-len(t), t))
    texts = ["Short sarcastic posts from one platform fail.",
             "The (Beta) model output is 2.5  weeks of review late.",
             "Subposts and sarcastic postsx are not quotations.",
             "SHORT\u200b sarcastic\nposts", ""]
    for text in texts:
        assert find_quotes(text, Phrases(phrases)) == find_quotes(text, phrases), text
    # Longest first: a shorter phrase inside it is not quoted again.
    assert [q[2] for q in find_quotes(texts[0], Phrases(phrases))] == ["sarcastic posts from one platform"]
    assert [q[2] for q in find_quotes(texts[1], Phrases(phrases))] == ["(beta) model output", "2.5 weeks of review"]
    assert find_quotes(texts[2], Phrases(phrases)) == []
