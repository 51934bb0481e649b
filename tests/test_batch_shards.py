"""Shards over machines, merged summaries, the --fail-under gate and the rate limiter."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from engine.batch.manifest import ItemRecord
from engine.batch.ratelimit import RateLimitedProvider, RateLimiter
from engine.batch.summary import Summary
from engine.providers.base import CallConfig, Completion
from tests.conftest import EXAMPLES


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def make_inputs(directory: Path, count: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for src in EXAMPLES.glob("*.yaml"):
        text = src.read_text(encoding="utf-8")
        for i in range(count):
            (directory / f"{src.stem}-{i}.yaml").write_text(text.replace("  name: ", f"  name: {i} ", 1),
                                                             encoding="utf-8")
    return directory


def test_shards_split_the_work_without_overlap_and_merge_into_the_whole(tmp_path, cli):
    inputs = make_inputs(tmp_path / "in", 3)  # 9 files
    produced = []
    for k in (1, 2, 3):
        out = tmp_path / f"shard{k}"
        r = cli("batch", inputs, "-a", "executive", "--shard", f"{k}/3", "--out", out)
        assert r.exit_code == 0, r.output
        assert (out / f"manifest.shard-{k}-of-3.json").is_file()
        produced.append({p.name for p in out.glob("*.md")})
    assert sum(len(p) for p in produced) == 9
    assert set().union(*produced) == {f"{p.stem}.executive.md" for p in inputs.glob("*.yaml")}
    # Same inputs listed in another order: the same split.
    again = tmp_path / "again"
    cli("batch", *sorted(inputs.glob("*.yaml"), reverse=True), "-a", "executive", "--shard", "2/3", "--out", again)
    assert {p.name for p in again.glob("*.md")} == produced[1]

    merged = tmp_path / "merged"
    r = cli("batch", "--merge-summaries", tmp_path / "shard1", tmp_path / "shard2", tmp_path / "shard3",
            "--out", merged, "--report", "html")
    assert r.exit_code == 0, r.output
    m = summary(merged)
    assert (m["briefs"], m["generated"], m["inputs"], m["shard"]) == (9, 9, 9, "merged")
    assert m["wall_s"] == max(summary(tmp_path / f"shard{k}")["wall_s"] for k in (1, 2, 3))
    page = (merged / "index.html").read_text(encoding="utf-8")
    assert len(set(re.findall(r'href="([^"]+\.executive\.md)"', page))) == 9
    # Copying the shard directories together gives a directory a full run treats as done.
    for k in (1, 2, 3):
        shutil.copytree(tmp_path / f"shard{k}", merged, dirs_exist_ok=True)
    r = cli("batch", inputs, "-a", "executive", "--out", merged)
    assert r.exit_code == 0 and summary(merged)["skipped"] == 9


def test_merging_a_shard_twice_is_refused(tmp_path, cli):
    out = tmp_path / "one"
    cli("batch", EXAMPLES / "credit.yaml", "-a", "legal", "--out", out)
    r = cli("batch", "--merge-summaries", out, out)
    assert r.exit_code == 2 and "overlap" in r.stderr
    r = cli("batch", "--merge-summaries", tmp_path / "nowhere")
    assert r.exit_code == 2 and "no summary here" in r.stderr


def record(key: str, score: float, passed: bool = True, gate: list[str] | None = None) -> ItemRecord:
    stem, audience = key.split(".")
    return ItemRecord(key=key, input=f"{stem}.yaml", stem=stem, audience=audience, input_hash="h", prompt_hash="p",
                      provider="offline", model="m", options={}, status="generated", outputs=[f"{key}.md"],
                      score=score, passed=passed, gate=gate or [])


def test_fail_under_fails_briefs_below_the_score(tmp_path, cli):
    s = Summary(provider="offline", model="m")
    s.add(record("a.legal", 1.0), skipped=False, fail_under=0.9)
    s.add(record("b.legal", 0.85), skipped=True, fail_under=0.9)
    assert s.gate_failed == 1 and [i.gate_ok for i in s.items] == [True, False]
    assert "under --fail-under 0.9" in s.items[1].reasons[0]

    for name, score in (("d1", 1.0), ("d2", 0.8)):
        part = Summary(provider="offline", model="m")
        part.add(record(f"{name}.legal", score), skipped=False, fail_under=None)
        (tmp_path / name).mkdir()
        part.write(tmp_path / name)
    r = cli("batch", "--merge-summaries", tmp_path / "d1", tmp_path / "d2", "--fail-under", "0.9")
    assert r.exit_code == 1 and "d2.legal: faithfulness score 0.80" in r.stderr
    assert cli("batch", "--merge-summaries", tmp_path / "d1", tmp_path / "d2", "--fail-under", "0.75").exit_code == 0


def test_fail_under_on_a_real_run(tmp_path, cli):
    out = tmp_path / "o"
    assert cli("batch", EXAMPLES / "agent.yaml", "-a", "product", "--fail-under", "1", "--out", out).exit_code == 0
    assert summary(out)["fail_under"] == 1.0


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_requests_per_minute_are_spread_out():
    clock = FakeClock()
    limiter = RateLimiter(rpm=60, clock=clock, sleep=clock.sleep)
    for _ in range(10):
        limiter.acquire()
    # The first request goes at once, each next one a second later.
    assert clock.now == pytest.approx(9.0)
    assert RateLimiter().active is False


def test_tokens_per_minute_include_what_the_replies_really_used():
    clock = FakeClock()
    limiter = RateLimiter(tpm=6000, clock=clock, sleep=clock.sleep)  # 100 tokens a second

    class Echo:
        name, needs_model = "echo", True

        def generate(self, messages, schema, config):
            return Completion(data={}, tokens_in=100, tokens_out=400)

    provider = RateLimitedProvider(Echo(), limiter)
    for _ in range(3):
        provider.generate([{"role": "user", "content": "x" * 400}], Summary, CallConfig(model="m"))
    # 500 tokens per request at 100 a second: about 5 s between requests once the first second's budget is spent.
    assert clock.now == pytest.approx(9.0, abs=0.5)
    assert provider.name == "echo"
