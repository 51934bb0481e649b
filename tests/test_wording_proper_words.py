"""Titles that open with a language, nationality, weekday or month, or with a name of several capitalised
words, keep its capital inside a sentence."""

from __future__ import annotations

import pytest

from engine.narrator.wording import lower_first


@pytest.mark.parametrize("title", [
    "Polish diacritics break the résumé parser",
    "English-only red-team prompts miss attacks",
    "Turkish names are misparsed",
    "Monday batches fail",
    "January data is missing",
    "Model Risk Management requires a challenger model",  # "Any choice must respect this constraint: ..."
    "Data Protection Officer sign-off is needed",
])
def test_proper_words_keep_their_capital(title):
    assert lower_first(title) == title


@pytest.mark.parametrize("title, expected", [
    ("Accuracy collapses on sarcasm", "accuracy collapses on sarcasm"),
    ("Polishing step drops fields", "polishing step drops fields"),
    ("May cause harm", "may cause harm"),
    ("Hateful Portuguese comments are missed", "hateful Portuguese comments are missed"),
    ("Cut HR ticket volume", "cut HR ticket volume"),
])
def test_common_words_are_lowered(title, expected):
    assert lower_first(title) == expected
