"""The reading grade counts words and sentences exactly as textstat does, per sentence or joined."""

from __future__ import annotations

import re

import textstat
from hypothesis import given, settings
from hypothesis import strategies as st

from evals.readability import _counts, _syllables, grade_of_parts, reading_grade, word_count

# Pieces that stress textstat's rules: contractions, stray and curly apostrophes, hyphens,
# figures with points and commas, sentence marks in runs, non-Latin letters and odd spaces.
_PIECES = ["the", "model's", "isn't", "they've", "we're", "I'd", "you'll", "'quoted'", "owners'", "o'clock", "18-25", "3.5%", "12,000",
           "e.g.", "Dr.", "...", "?!", "(F1)", "—", "naïve", "中文", "ſtate", "K", "İstanbul", "a", "I",
           "approximately", "re-evaluation", "F1.acc", "'", "’", "ve", "ll", "\u00a0", "\n", "\t", "  "]


def textstat_grade(text: str) -> float:
    """The grade as textstat's own counts give it (syllables from the same pyphen dictionary)."""
    words = textstat.lexicon_count(text)
    sentences = max(1, textstat.sentence_count(text))
    if not words:
        return 0.0
    syllables = sum(_syllables(w) for w in re.findall(r"[A-Za-z]+", text.lower()))
    return round(0.39 * words / sentences + 11.8 * syllables / words - 15.59, 1)


_text = st.lists(st.sampled_from(_PIECES + [" ", ". ", ", ", "! "]), max_size=25).map("".join)
_sentence = st.tuples(_text, st.sampled_from([".", "!", "?", "", " ", ".)", "'"])).map("".join)


@settings(max_examples=600, deadline=None)
@given(_text)
def test_word_and_sentence_counts_match_textstat(text):
    assert word_count(text) == textstat.lexicon_count(text)
    _, pieces, short, _ = _counts(text)
    assert max(1, pieces - short) == max(1, textstat.sentence_count(text))
    assert reading_grade(text) == textstat_grade(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(_sentence, min_size=1, max_size=8))
def test_grade_from_per_sentence_counts_equals_the_grade_of_the_joined_text(parts):
    assert grade_of_parts(parts) == textstat_grade(" ".join(parts))


def test_harder_prose_reads_at_a_higher_grade():
    easy = ["We ship the dashboards.", "A person checks sarcastic posts.", "We need a decision by Friday."]
    hard = ["The heterogeneous classification architecture demonstrates substantially deteriorated "
            "discriminative performance on idiosyncratic communications."]
    assert grade_of_parts(easy) < 6 < grade_of_parts(hard)
    assert grade_of_parts([""]) == 0.0
