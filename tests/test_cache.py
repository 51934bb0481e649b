"""engine/cache.py and `riskbrief cache stats|clear`."""

from __future__ import annotations

import json

from engine.cache import ResponseCache, cache_key

BASE = dict(
    provider="openai",
    model="gpt-4o-mini",
    params={"temperature": 0.0, "max_tokens": None},
    schema="write_brief:{}",
    prompt_hash="sha256:p",
    input_hash="sha256:i",
    messages=[{"role": "user", "content": "hello"}],
)


def test_key_changes_with_everything_that_changes_the_output():
    k = cache_key(**BASE)
    assert cache_key(**dict(BASE)) == k
    for field, other in [
        ("provider", "fake"),
        ("model", "gpt-4o"),
        ("params", {"temperature": 0.7, "max_tokens": None}),
        ("schema", "plan_brief:{}"),
        ("prompt_hash", "sha256:q"),
        ("input_hash", "sha256:j"),
        ("messages", [{"role": "user", "content": "hello!"}]),
    ]:
        assert cache_key(**{**BASE, field: other}) != k, field


def test_stats_count_hits_misses_and_clear(tmp_path):
    with ResponseCache(tmp_path / "c") as c:
        assert c.get("a") is None
        c.set("a", {"data": {"x": 1}})
        assert c.get("a") == {"data": {"x": 1}}
        s = c.stats()
        assert (s["entries"], s["hits"], s["misses"]) == (1, 1, 1)
        assert c.clear() == 1
        assert c.get("a") is None
    # entries survive a reopen (another process, a later run)
    with ResponseCache(tmp_path / "d") as c:
        c.set("k", {"data": 1})
    with ResponseCache(tmp_path / "d") as c:
        assert c.get("k") == {"data": 1}


def test_cli_stats_and_clear(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("RISKBRIEF_CACHE_DIR", str(tmp_path / "cache"))
    with ResponseCache(tmp_path / "cache") as c:
        c.set("one", {"data": 1})
        c.set("two", {"data": 2})
    r = cli("cache", "stats", "--json")
    assert r.exit_code == 0
    stats = json.loads(r.stdout)
    assert stats["entries"] == 2 and stats["directory"] == str(tmp_path / "cache")
    r = cli("cache", "clear")
    assert r.exit_code == 0 and "removed 2" in r.stdout
    r = cli("cache", "stats")
    assert "entries:   0" in r.stdout


def test_unusable_cache_dir_is_one_clear_line(cli, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("RISKBRIEF_CACHE_DIR", str(blocker / "cache"))
    r = cli("cache", "stats")
    assert r.exit_code == 2
    assert "RISKBRIEF_CACHE_DIR" in r.stderr and "Traceback" not in r.stderr
