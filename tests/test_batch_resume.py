"""A batch that is interrupted or whose inputs change redoes only what it must."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console

from engine.batch import BatchRequest, run_batch
from engine.batch import produce as produce_module
from engine.batch.produce import outputs_exist
from engine.batch.manifest import STATE_DIR, load_records
from engine.options import GenerateOptions
from tests.conftest import EXAMPLES, ROOT

AUDIENCES = ["executive", "legal", "product", "engineering"]


def copies(directory: Path, count: int) -> list[Path]:
    """`count` distinct valid findings files (the sentiment example under other system names)."""
    directory.mkdir(parents=True, exist_ok=True)
    text = (EXAMPLES / "sentiment.yaml").read_text(encoding="utf-8")
    paths = []
    for i in range(count):
        p = directory / f"doc-{i:03d}.yaml"
        p.write_text(text.replace("name: Sentiment classifier", f"name: Sentiment classifier {i}"), encoding="utf-8")
        paths.append(p)
    return paths


def request(inputs: Path, out: Path, **kw) -> BatchRequest:
    return BatchRequest(paths=[str(inputs)], audiences=kw.pop("audiences", AUDIENCES), formats=["md", "json"],
                        out_dir=str(out), options=GenerateOptions(), **kw)


def run(req: BatchRequest):
    return run_batch(req, console=Console(file=io.StringIO()), progress=False)


def stamps(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.glob("*.md")}


def statuses(outcome) -> dict[str, str]:
    return {i.key: i.status for i in outcome.summary.items}


def run_interrupted_after(count: int, req: BatchRequest, monkeypatch) -> None:
    """Run `req` with a Ctrl-C arriving as the brief after the first `count` starts."""
    real = produce_module.produce_item
    calls = []

    def interrupted(*args, **kw):
        if len(calls) == count:
            raise KeyboardInterrupt
        calls.append(args[2])
        return real(*args, **kw)

    monkeypatch.setattr(produce_module, "produce_item", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run(req)
    monkeypatch.setattr(produce_module, "produce_item", real)


def test_interrupted_run_resumes_without_redoing_finished_briefs(tmp_path, monkeypatch):
    inputs, out = tmp_path / "in", tmp_path / "out"
    copies(inputs, 3)
    run_interrupted_after(5, request(inputs, out, concurrency=1), monkeypatch)

    finished = load_records(out)
    assert len(finished) == 5 and all(r.status == "generated" for r in finished.values())
    before = stamps(out)
    assert len(before) == 5

    outcome = run(request(inputs, out, concurrency=1))
    s = outcome.summary
    assert (s.briefs, s.skipped, s.generated, s.failed) == (12, 5, 7, 0)
    assert {k for k, v in statuses(outcome).items() if v == "skipped"} == set(finished)
    after = stamps(out)
    assert all(after[name] == ns for name, ns in before.items()), "finished briefs were rewritten"
    assert len(after) == 12
    # The journal was folded into the manifest.
    assert not list((out / STATE_DIR).glob("journal-*"))
    assert len(json.loads((out / "manifest.json").read_text())["items"]) == 12


def test_changing_one_findings_file_regenerates_only_its_briefs(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    docs = copies(inputs, 3)
    run(request(inputs, out))
    # A comment or reformatting does not change the validated document: nothing is redone.
    docs[0].write_text("# reviewed\n" + docs[0].read_text(encoding="utf-8"), encoding="utf-8")
    assert run(request(inputs, out)).summary.generated == 0
    # A real change to one document redoes its four briefs and nothing else.
    docs[1].write_text(docs[1].read_text(encoding="utf-8").replace("value: 65", "value: 64"), encoding="utf-8")
    outcome = run(request(inputs, out))
    generated = sorted(k for k, v in statuses(outcome).items() if v == "generated")
    assert generated == [f"doc-001.{a}" for a in sorted(AUDIENCES)]
    assert outcome.summary.skipped == 8
    assert "64%" in (out / "doc-001.executive.md").read_text(encoding="utf-8")


def test_a_deleted_output_or_a_torn_journal_line_is_handled(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    copies(inputs, 2)
    run(request(inputs, out, audiences=["legal"]))
    (out / "doc-000.legal.md").unlink()
    state = out / STATE_DIR
    (state / "journal-all-otherhost-1.jsonl").write_bytes(b'{"key": "doc-001.legal", "inp')
    outcome = run(request(inputs, out, audiences=["legal"]))
    # The deleted file comes back, rendered from the brief's saved JSON rather than made again.
    assert statuses(outcome) == {"doc-000.legal": "skipped", "doc-001.legal": "skipped"}
    assert [i.key for i in outcome.summary.items if i.rendered] == ["doc-000.legal"]
    assert (out / "doc-000.legal.md").read_text(encoding="utf-8").startswith("#")


def test_killed_process_resumes_cleanly(tmp_path):
    """A real `riskbrief batch` killed with SIGKILL mid-run, then run again."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    copies(inputs, 40)
    cmd = [sys.executable, "-c", "from engine.cli import main; main()", "batch", str(inputs), "-a", "executive,legal", "-f", "md,json",
           "--out", str(out), "--concurrency", "2"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    journaled = 0
    try:
        for _ in range(600):  # at most ~60 s
            if proc.poll() is not None:
                break
            journaled = sum(len(p.read_bytes().splitlines()) for p in (out / STATE_DIR).glob("journal-*.jsonl")) \
                if (out / STATE_DIR).is_dir() else 0
            if journaled >= 20:
                break
            time.sleep(0.1)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    if proc.returncode == 0:
        pytest.skip("the batch finished before it could be killed")
    recorded = load_records(out)
    assert recorded and all(r.status == "generated" for r in recorded.values()), proc.stderr.read().decode()[-2000:]
    assert not (out / "manifest.json").exists()
    before = {n: ns for n, ns in stamps(out).items() if n[: -len(".md")] in recorded}
    # A record whose files were not all renamed into place yet (killed in between) is made again:
    # which records are complete is read now, before the re-run puts every file in place.
    complete = [r for r in recorded.values() if outputs_exist(out, r)]

    outcome = run(request(inputs, out, audiences=["executive", "legal"]))
    s = outcome.summary
    assert s.briefs == 80 and s.failed == 0
    assert s.skipped >= len(complete) >= len(recorded) - 2 and s.skipped + s.generated == 80
    after = stamps(out)
    assert [n for n, ns in before.items() if after[n] != ns] == [], "recorded briefs were regenerated"
    for p in out.glob("*.json"):
        if p.name not in ("manifest.json", "summary.json"):
            json.loads(p.read_text(encoding="utf-8"))  # every file whole, none half-written
    assert len(list(out.glob("*.md"))) == 80


def test_editing_one_audience_profile_regenerates_only_that_audience(tmp_path, monkeypatch):
    from schemas.audience import profile_text

    inputs, out, profiles = tmp_path / "in", tmp_path / "out", tmp_path / "audiences"
    copies(inputs, 2)
    profiles.mkdir()
    (profiles / "legal.yaml").write_text(profile_text("legal"), encoding="utf-8")
    monkeypatch.setenv("RISKBRIEF_AUDIENCES_DIR", str(profiles))
    run(request(inputs, out))
    text = profile_text("legal")
    (profiles / "legal.yaml").write_text(text.replace("max_words:", "# tightened\nmax_words:"), encoding="utf-8")
    outcome = run(request(inputs, out))
    assert sorted(k for k, v in statuses(outcome).items() if v == "generated") == ["doc-000.legal", "doc-001.legal"]
    assert outcome.summary.skipped == 6


def test_files_left_half_done_by_a_killed_run_are_swept(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    copies(inputs, 1)
    out.mkdir()
    stale = out / ".doc-000.legal.md.k1l2.batch.tmp"
    stale.write_text("half a bri", encoding="utf-8")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    fresh = out / ".other.md.x.batch.tmp"  # another run may be writing this one right now
    fresh.write_text("x", encoding="utf-8")
    run(request(inputs, out, audiences=["legal"]))
    assert not stale.exists() and fresh.exists()
    assert (out / "doc-000.legal.md").read_text(encoding="utf-8").startswith("#")
    assert not [p for p in out.glob(".doc-000*") if p != fresh]
