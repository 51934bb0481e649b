"""Batch edge cases: damaged manifests, two runs into one directory, Ctrl-C, balanced workers."""

from __future__ import annotations

import json

import pytest

from engine.batch.manifest import STATE_DIR
from engine.batch.outlock import OutDirLock
from tests.test_batch_cli import inputs, summary  # noqa: F401  (a fixture and a reader)
from tests.test_batch_resume import copies, request, run, run_interrupted_after


@pytest.mark.parametrize("damage", [
    lambda items: [{**i, "outputs": 5} for i in items],
    lambda items: [{**i, "finished_at": "yesterday"} for i in items] * 2,
    lambda items: [{**i, "requests": "many", "gate": [1]} for i in items],
    lambda items: {"not": "a list"},
    lambda items: [None, 3, "x"],
])
def test_a_manifest_with_fields_of_the_wrong_type_means_those_briefs_are_made_again(tmp_path, cli, inputs, damage):
    out = tmp_path / "o"
    assert cli("batch", inputs, "-a", "executive", "--out", out).exit_code == 0
    manifest = out / "manifest.json"
    data = json.loads(manifest.read_text())
    data["items"] = damage(data["items"])
    manifest.write_text(json.dumps(data))
    r = cli("batch", inputs, "-a", "executive", "--out", out)
    assert r.exit_code == 0, r.output
    assert (summary(out)["generated"], summary(out)["skipped"]) == (3, 0)
    # The manifest is whole again: the next run has nothing to do.
    assert cli("batch", inputs, "-a", "executive", "--out", out).exit_code == 0
    assert (summary(out)["generated"], summary(out)["skipped"]) == (0, 3)


def test_ctrl_c_leaves_a_whole_manifest_of_what_finished_and_no_partial_files(tmp_path, monkeypatch):
    inputs, out = tmp_path / "in", tmp_path / "out"
    copies(inputs, 3)
    run_interrupted_after(4, request(inputs, out, concurrency=1), monkeypatch)
    items = json.loads((out / "manifest.json").read_text())["items"]
    assert len(items) == 4 and all(i["status"] == "generated" for i in items)
    assert not list((out / STATE_DIR).glob("journal-*"))
    for i in items:
        assert all((out / o).stat().st_size > 0 for o in i["outputs"])
    assert not [p for p in out.rglob("*") if p.is_file() and p.name.startswith(".")]
    outcome = run(request(inputs, out, concurrency=1))
    assert (outcome.summary.skipped, outcome.summary.generated) == (4, 8)


def test_a_second_run_into_a_directory_in_use_is_refused_and_writes_nothing(tmp_path, cli, inputs):
    out = tmp_path / "o"
    out.mkdir()
    other = OutDirLock(out)
    other.acquire()  # another run is writing here
    try:
        r = cli("batch", inputs, "-a", "executive", "--out", out)
        assert r.exit_code == 2
        assert "another `riskbrief batch` is writing" in r.stderr and "Traceback" not in r.stderr
        assert list(out.iterdir()) == []
        # A dry run writes nothing, so it may look.
        assert cli("batch", inputs, "-a", "executive", "--dry-run", "--out", out).exit_code == 0
    finally:
        other.release()
    assert cli("batch", inputs, "-a", "executive", "--out", out).exit_code == 0
    assert summary(out)["generated"] == 3


def test_the_rate_budget_is_one_for_every_worker_process():
    import os

    from engine.batch.ratelimit import RateLimiter

    def no_waiting(seconds):
        raise AssertionError(f"asked to wait {seconds:.2f} s")

    limiter = RateLimiter(rpm=60, clock=lambda: 100.0, sleep=no_waiting, shared=True)  # one request a second
    pid = os.fork()
    if pid == 0:  # a worker process takes the second's one request
        try:
            limiter.acquire()
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    with pytest.raises(AssertionError, match="asked to wait 1.00 s"):
        limiter.acquire()  # the budget this process sees is spent too


def test_a_short_model_run_spreads_over_every_worker_process(tmp_path):
    import os

    from engine.batch.model_pool import run_model_processes
    from engine.batch.produce import Plan, Task, recipe_for
    from engine.hashing import input_hash
    from engine.options import GenerateOptions
    from engine.providers.base import tool_name
    from engine.providers.fake import reset_shared
    from schemas.loading import load_findings
    from tests.llm_replies import FAITHFUL

    pids = tmp_path / "pids"

    def reply(messages, schema):
        with open(pids, "a", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        return FAITHFUL[tool_name(schema)]

    opts = GenerateOptions(provider="fake", use_cache=False)
    plan = Plan(out_dir=str(tmp_path / "o"), formats=("md",), options=opts,
                recipes={"executive": recipe_for("executive", opts)})
    tasks = []
    for path in copies(tmp_path / "in", 4):
        doc = load_findings(path)
        tasks.append(Task(str(path), path.stem, input_hash(doc), ("executive",), doc))
    records = []
    reset_shared(reply)
    try:
        run_model_processes(tasks, plan, processes=2, concurrency=8, rpm=None, tpm=None, tag="all",
                            on_record=records.append)
    finally:
        reset_shared()
    assert sorted(r.status for r in records) == ["generated"] * 4
    assert len(set(pids.read_text().split())) == 2


def test_a_change_of_formats_writes_only_the_files_it_adds(tmp_path, cli, inputs):
    out = tmp_path / "o"
    assert cli("batch", inputs, "-a", "executive", "-f", "md,json", "--out", out).exit_code == 0
    times = {p.name: p.stat().st_mtime_ns for p in out.glob("*.executive.*")}
    # Fewer formats: every file asked for is there, so nothing is made again.
    assert cli("batch", inputs, "-a", "executive", "-f", "md", "--out", out).exit_code == 0
    assert (summary(out)["generated"], summary(out)["skipped"]) == (0, 3)
    # One more format: its files appear, rendered from the saved briefs; the ones already there are not rewritten.
    assert cli("batch", inputs, "-a", "executive", "-f", "json,html,md", "--out", out).exit_code == 0
    assert (summary(out)["generated"], summary(out)["rendered"]) == (0, 3)
    assert len(list(out.glob("*.executive.html"))) == 3
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.executive.*") if p.suffix != ".html"} == times
    # A deleted file comes back; its brief's other files stay as they were.
    (out / "credit.executive.md").unlink()
    assert cli("batch", inputs, "-a", "executive", "-f", "md,json,html", "--out", out).exit_code == 0
    assert (summary(out)["generated"], summary(out)["skipped"], summary(out)["rendered"]) == (0, 3, 1)
    assert (out / "credit.executive.md").read_text().startswith("#")
    assert (out / "credit.executive.json").stat().st_mtime_ns == times["credit.executive.json"]


def test_merging_shards_of_different_runs_is_refused_naming_what_differs(tmp_path, cli, inputs):
    def shard(k: int, n: int, *options: str) -> str:
        out = tmp_path / f"s{k}of{n}{''.join(options)}"
        assert cli("batch", inputs, "--shard", f"{k}/{n}", "-f", "md", *options, "--out", out).exit_code == 0
        return str(out)

    one, two = shard(1, 2, "-a", "legal"), shard(2, 2, "-a", "legal")
    assert cli("batch", "--merge-summaries", one, two).exit_code == 0
    other = shard(2, 2, "-a", "executive")
    r = cli("batch", "--merge-summaries", one, other)
    assert r.exit_code == 2 and "different options" in r.stderr and other in r.stderr
    r = cli("batch", "--merge-summaries", one, shard(2, 2, "-a", "legal", "--threshold", "0.5"))
    assert r.exit_code == 2 and "different options" in r.stderr
    r = cli("batch", "--merge-summaries", one, shard(2, 3, "-a", "legal"))
    assert r.exit_code == 2 and "different splits" in r.stderr
    r = cli("batch", "--merge-summaries", one)
    assert r.exit_code == 2 and "shard 2 of 2 is missing" in r.stderr
    assert not (tmp_path / "merged").exists()


def test_a_worker_killed_while_it_holds_the_rate_budget_does_not_stop_the_others():
    import os
    import threading

    from engine.batch.ratelimit import RateLimiter

    limiter = RateLimiter(rpm=600000, shared=True)
    pid = os.fork()
    if pid == 0:
        limiter._lock.__enter__()  # killed in the instant it holds the budget's lock
        os._exit(0)
    os.waitpid(pid, 0)
    done = threading.Event()
    threading.Thread(target=lambda: (limiter.acquire(), done.set()), daemon=True).start()
    assert done.wait(timeout=10), "the budget stayed locked by a process that is gone"
    limiter.close()


def test_a_worker_process_forked_by_a_run_does_not_keep_its_directory_locked(tmp_path):
    import os

    out = tmp_path / "o"
    out.mkdir()
    run = OutDirLock(out)
    run.acquire()
    read, write = os.pipe()
    started_r, started_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # a worker that outlives its run (the run was killed)
        os.close(write)
        os.write(started_w, b"1")
        os.read(read, 1)
        os._exit(0)
    os.close(read)
    os.read(started_r, 1)
    try:
        run.release()  # the run is gone; its worker is not
        again = OutDirLock(out)
        again.acquire()
        again.release()
    finally:
        os.close(write)
        os.waitpid(pid, 0)
