"""What the checker works out from a sentence's text alone, worked out once per text.

Briefs of a batch repeat many sentences (every audience of a document, every
variant of a template), and tokens, numbers, sentence splits and assurance
phrases depend on nothing but the text. Each cache is registered so that a
measurement can forget them all and check sentences as if never seen.
"""

from __future__ import annotations

import functools
from typing import Callable, TypeVar

T = TypeVar("T")
_SIZE = 32768
_CACHES: list = []


def remembered(fn: Callable[..., T]) -> Callable[..., T]:
    """fn cached per text (and any further hashable arguments); what it returns must be immutable (it is shared)."""
    cached = functools.lru_cache(maxsize=_SIZE)(fn)
    _CACHES.append(cached)
    return cached


def per_text(fn: Callable[[str], list[T]]) -> Callable[[str], list[T]]:
    """fn (text -> list of immutable items) cached per text; each caller gets its own list."""
    shared = remembered(lambda text: tuple(fn(text)))

    @functools.wraps(fn)
    def wrapper(text: str) -> list[T]:
        return list(shared(text))

    return wrapper


def forget_texts() -> None:
    """Drop everything remembered about sentence texts."""
    for cached in _CACHES:
        cached.cache_clear()
