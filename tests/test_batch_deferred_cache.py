"""The batch's response cache: stores queued to one writer, lookups that see them, statistics kept."""

from __future__ import annotations

import threading

from engine.batch.deferred_cache import DeferredCache
from engine.cache import ResponseCache


def test_queued_entries_are_found_before_they_are_written_and_are_on_disk_after_close(tmp_path):
    cache = DeferredCache(tmp_path)
    cache.set("k1", {"data": {"n": 1}})
    assert cache.get("k1") == {"data": {"n": 1}}
    assert cache.get("absent") is None
    cache.close()
    with ResponseCache(tmp_path) as plain:
        assert plain.get("k1") == {"data": {"n": 1}}
        stats = plain.stats()
    assert stats["entries"] == 1
    assert (stats["hits"], stats["misses"]) == (1 + 1, 1)  # the plain lookup above counts too


def test_two_processes_worth_of_threads_lose_no_entry_and_no_count(tmp_path):
    caches = [DeferredCache(tmp_path), DeferredCache(tmp_path)]

    def work(cache: DeferredCache, start: int) -> None:
        for i in range(start, start + 40):
            assert cache.get(f"k{i}") is None
            cache.set(f"k{i}", {"data": {"i": i}})
            assert cache.get(f"k{i}") == {"data": {"i": i}}

    threads = [threading.Thread(target=work, args=(caches[t % 2], t * 40)) for t in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for c in caches:
        c.close()
    with ResponseCache(tmp_path) as plain:
        stats = plain.stats()
        assert all(plain.get(f"k{i}") == {"data": {"i": i}} for i in range(240))
    assert stats["entries"] == 240
    assert (stats["hits"], stats["misses"]) == (240, 240)  # counted before the plain lookups above
