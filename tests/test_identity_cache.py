"""Per-object caches are shared by a model worker's brief threads."""

from __future__ import annotations

import sys
import threading

from engine.identity_cache import per_object


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
    errors: list[BaseException] = []
    start = threading.Barrier(16)

    def work():
        start.wait()
        for _ in range(400):
            doc = Doc()
            try:
                assert calls(doc) == ("for", id(doc))
            except BaseException as exc:  # noqa: BLE001 - any failure in a thread is the finding
                errors.append(exc)
                return

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, between any two steps of the eviction
    try:
        threads = [threading.Thread(target=work) for _ in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
