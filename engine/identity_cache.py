"""Results computed once per object: a findings document, an audience profile.

A batch writes four or more briefs from each document; what depends only on
the document (its hash, its index, its text with planted instructions
withheld) or only on the profile is worked out for the first brief and reused
for the rest. Pydantic models are not hashable, so entries are keyed by object
identity and checked against the object itself: a new object that happens to
reuse a freed object's id is never given a stale result.
"""

from __future__ import annotations

import functools
import threading
from typing import Callable, TypeVar

T = TypeVar("T")
_KEEP = 64  # objects remembered per function: a batch worker holds one document at a time


def per_object(fn: Callable[[object], T]) -> Callable[[object], T]:
    cache: dict[int, tuple[object, T]] = {}
    evicting = threading.Lock()  # a model worker's brief threads share the cache: two must not evict one entry

    @functools.wraps(fn)
    def wrapper(doc):
        hit = cache.get(id(doc))
        if hit is not None and hit[0] is doc:
            return hit[1]
        value = fn(doc)
        with evicting:
            if len(cache) >= _KEEP:
                cache.pop(next(iter(cache)))
            cache[id(doc)] = (doc, value)
        return value

    def cache_clear() -> None:
        with evicting:  # an eviction in progress would find the cache emptied under it
            cache.clear()

    wrapper.cache_clear = cache_clear  # type: ignore[attr-defined]
    return wrapper
