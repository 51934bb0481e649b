"""Nothing is written outside --out: hostile names, symlinks, and --out that is not a usable directory."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

SENTIMENT = EXAMPLES / "sentiment.yaml"
CREDIT = EXAMPLES / "credit.yaml"


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() or p.is_symlink()}


def test_bad_audience_name_is_a_usage_error(tmp_path, cli):
    out = tmp_path / "deep" / "out"
    r = cli("generate", SENTIMENT, "-a", "../../x", "--out", out)
    assert r.exit_code == 2
    assert "bad audience name '../../x'" in r.stderr and "Traceback" not in r.stderr
    assert files_under(tmp_path) == set()


def test_tradeoff_id_cannot_leave_the_output_directory(tmp_path, cli):
    findings = tmp_path / "in" / "credit.yaml"
    findings.parent.mkdir()
    findings.write_text(CREDIT.read_text(encoding="utf-8").replace("id: T1", 'id: "../../escaped"'), encoding="utf-8")
    out = tmp_path / "a" / "b" / "out"
    r = cli("tradeoff", findings, "--out", out)
    assert r.exit_code == 0, r.output
    written = files_under(tmp_path) - {findings}
    assert written and all(p.parent == out for p in written)
    assert {p.suffix for p in written} == {".md", ".svg", ".png"}


@pytest.mark.parametrize("name", ["..yaml", "a\\b.yaml", "x\tlog.yaml", "-rf.yaml"])
def test_odd_stems_stay_inside_out(tmp_path, cli, name):
    findings = tmp_path / "in" / name
    findings.parent.mkdir()
    shutil.copy(SENTIMENT, findings)
    out = tmp_path / "out"
    r = cli("generate", findings, "-a", "executive", "-f", "md,json", "--out", out)
    assert r.exit_code == 0, r.output
    written = files_under(tmp_path) - {findings}
    assert len(written) == 2 and all(p.parent == out for p in written)


def test_symlink_at_an_output_name_is_replaced_not_followed(tmp_path, cli):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    link = out / "sentiment.executive.md"
    link.symlink_to(victim)
    r = cli("generate", SENTIMENT, "-a", "executive", "--out", out)
    assert r.exit_code == 0, r.output
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert not link.is_symlink() and link.read_text(encoding="utf-8").startswith("# ")


def test_batch_will_not_write_through_a_symlinked_subdirectory(tmp_path, cli):
    inputs = tmp_path / "in" / "team"
    inputs.mkdir(parents=True)
    shutil.copy(SENTIMENT, inputs / "model.yaml")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "team").symlink_to(elsewhere, target_is_directory=True)
    r = cli("batch", tmp_path / "in", "-a", "executive", "--out", out)
    assert r.exit_code == 2, r.output
    assert "outside the output directory" in r.output and "Traceback" not in r.output
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("command", [
    ("generate", str(SENTIMENT), "-a", "executive", "--out", "{out}"),
    ("batch", str(SENTIMENT), "-a", "executive", "--out", "{out}"),
    ("tradeoff", str(CREDIT), "--out", "{out}"),
], ids=["generate", "batch", "tradeoff"])
@pytest.mark.parametrize("where", ["file", "under-file"])
def test_out_that_is_not_a_directory_is_bad_usage(tmp_path, cli, command, where):
    blocker = tmp_path / "taken"
    blocker.write_text("not a directory\n", encoding="utf-8")
    out = blocker if where == "file" else blocker / "briefs"
    r = cli(*[a.format(out=out) for a in command])
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output and str(blocker.name) in r.output
    assert files_under(tmp_path) == {blocker} and blocker.read_text(encoding="utf-8") == "not a directory\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories, so there is nothing to refuse")
def test_unwritable_out_is_bad_usage(tmp_path, cli):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        r = cli("generate", SENTIMENT, "-a", "executive", "--out", locked / "briefs")
        assert r.exit_code == 2 and "not writable" in r.stderr
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


def test_single_file_output_into_a_file_path_is_a_clean_error(tmp_path, cli):
    blocker = tmp_path / "taken"
    blocker.write_text("x\n", encoding="utf-8")
    r = cli("matrix", SENTIMENT, "--format", "svg", "-o", blocker / "m.svg")
    assert r.exit_code == 2 and "cannot write" in r.stderr and "Traceback" not in r.stderr


def test_import_output_under_a_file_is_a_clean_error(tmp_path, cli):
    source = tmp_path / "findings.csv"
    source.write_text("finding_id,title,category,summary\nF1,Slow replies,reliability,Replies take long.\n",
                      encoding="utf-8")
    blocker = tmp_path / "taken"
    blocker.write_text("x\n", encoding="utf-8")
    r = cli("import", "csv", source, "-o", blocker / "findings.yaml")
    assert r.exit_code == 2 and "cannot write" in r.stderr and "Traceback" not in r.stderr
    assert blocker.read_text(encoding="utf-8") == "x\n"


def test_generate_clears_temporary_files_a_killed_run_left(tmp_path, cli):
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".sentiment.executive.md.k3j2x1.tmp"  # what a generate killed mid-write leaves
    fresh = out / ".sentiment.executive.md.q9w8e7.tmp"  # another writer's file, still in flight
    stale.write_text("half a brief")
    fresh.write_text("half a brief")
    an_hour_ago = os.path.getmtime(stale) - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    r = cli("generate", SENTIMENT, "-a", "executive", "--out", out)
    assert r.exit_code == 0, r.stderr
    assert (out / "sentiment.executive.md").is_file()
    assert not stale.exists() and fresh.exists()
