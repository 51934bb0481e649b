"""The word cues the rules read off a sentence's text: cheap pre-checks and per-text memory.

A pattern that starts with a word boundary and an alternation has no literal prefix for
re to skip ahead on, so a search tries every position of the sentence, while most
sentences hold none of its words at all; a few substring tests (each a fast scan in C)
rule that out first (lexicon.contains_any), and what a gated pattern finds is remembered
per text, which briefs for several audiences and documents repeat.
"""

from __future__ import annotations

import re
from typing import Callable

from evals.faithfulness.lexicon import contains_any
from evals.faithfulness.text_cache import remembered


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
