"""Flesch-Kincaid reading grade, counted sentence by sentence.

Words and sentences are counted exactly as textstat 0.7 counts them
(`lexicon_count`, `sentence_count`); syllables come from pyphen's en_US
dictionary, since textstat's own English counter needs the NLTK CMU dictionary,
which it would try to download. The counts are written out here rather than
imported: importing textstat imports NLTK (about 0.5 s per process), and the
counts are a few regular expressions.

A brief's prose is its sentences joined by spaces, and about two thirds of
them recur in the other audiences' briefs of the same document, so the counts
are kept per sentence and summed; `grade_of_parts` shows when that sum equals
the count over the joined text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat
from typing import Sequence

import pyphen

# textstat's remove_punctuation(rm_apostrophe=False): drop apostrophes that do not start a
# contraction ending, then every character that is not a word character, space or apostrophe.
_STRAY_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_PUNCTUATION = re.compile(r"[^\w\s\']")
# textstat's sentence split; pieces of two words or fewer are not counted as sentences.
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")
_LETTERS = re.compile(r"[A-Za-z]+")
_ENDS = (".", "!", "?")


def word_count(text: str) -> int:
    """textstat.lexicon_count(text): words left after punctuation is removed."""
    return len(_PUNCTUATION.sub("", _STRAY_APOSTROPHE.sub("", text)).split())


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    # Briefs reuse a small vocabulary; hyphenating each word once saves most of the cost.
    return len(_hyphenator().positions(word)) + 1


@lru_cache(maxsize=65536)
def _counts(text: str) -> tuple[int, int, int, int]:
    """(words, sentence pieces, pieces too short to count, syllables) of one stretch of text."""
    pieces = _SENTENCE.findall(text)
    short = sum(1 for p in pieces if word_count(p) <= 2)
    syllables = sum(_syllables(w) for w in _LETTERS.findall(text.lower()))
    return word_count(text), len(pieces), short, syllables


def grade_of_parts(parts: Sequence[str]) -> float:
    """The reading grade of " ".join(parts), from counts kept per part.

    The sums equal the joined text's counts when every part but the last ends
    with '.', '!' or '?': no sentence piece then runs from one part into the
    next, words never span the joining space, and each word boundary reads the
    same alone as joined. Otherwise the joined text is counted as one.
    """
    if not all(map(str.endswith, parts[:-1], repeat(_ENDS))):
        parts = [" ".join(parts)]
    # Column sums of the parts' (words, sentence pieces, short pieces, syllables).
    words, pieces, short, syllables = [sum(column) for column in zip(*map(_counts, parts))] or [0, 0, 0, 0]
    if not words:
        return 0.0
    sentences = max(1, pieces - short)
    return round(0.39 * words / sentences + 11.8 * syllables / words - 15.59, 1)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade of one text."""
    return grade_of_parts([text])
