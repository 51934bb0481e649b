"""Per-object caches are shared by a model worker's brief threads."""

from __future__ import annotations

from engine.identity_cache import per_object
from tests.threads_support import at_once


class Doc:
    pass


def test_a_new_object_never_gets_a_freed_objects_result():
    seen = per_object(lambda doc: object())
    first = Doc()
    value = seen(first)
    assert seen(first) is value
    assert seen(Doc()) is not value


def test_threads_filling_a_full_cache_at_once_all_get_their_own_results():
    calls = per_object(lambda doc: ("for", id(doc)))

    def work(_: int) -> None:
        for _ in range(400):
            doc = Doc()
            assert calls(doc) == ("for", id(doc))

    assert at_once(16, work) == []
