"""The word cues the rules read off a sentence's text: cheap pre-checks and per-text memory.

A pattern that starts with a word boundary and an alternation has no literal prefix for
re to skip ahead on, so a search tries every position of the sentence, while most
sentences hold none of its words at all; a few substring tests (each a fast scan in C)
rule that out first. And the lexicon's mention finders are pure in the text, which
briefs for several audiences and documents repeat, so each text is read once.
"""

from __future__ import annotations

import re
from typing import Callable

from evals.faithfulness import lexicon as lx
from evals.faithfulness.text_cache import per_text, remembered


class Gated:
    """`rx.search` on lower-cased text, skipped when no fragment occurs in it; `found` says
    whether it matches, remembered per text. Every match of rx must contain a fragment."""

    __slots__ = ("rx", "fragments", "found")

    def __init__(self, rx: re.Pattern, fragments: tuple[str, ...]) -> None:
        self.rx = rx
        self.fragments = fragments
        self.found: Callable[[str], bool] = remembered(lambda low: self.search(low) is not None)

    def search(self, low: str) -> re.Match | None:
        return self.rx.search(low) if contains_any(low, self.fragments) else None


def contains_any(low: str, words: tuple[str, ...]) -> bool:
    """Does any of words occur in low? (A plain loop: no generator to set up.)"""
    for w in words:
        if w in low:
            return True
    return False


# Each returns a fresh list of immutable tuples, so sharing them between sentences is safe.
comparison_mentions = per_text(lx.comparison_mentions)
severity_mentions = per_text(lx.severity_mentions)
likelihood_mentions = per_text(lx.likelihood_mentions)
