"""An output directory that cannot be written: one clear error, exit 2, nothing half-written."""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from engine.batch.manifest import STATE_DIR
from tests.conftest import EXAMPLES


@contextmanager
def read_only(path: Path):
    """`path` (a directory) made unwritable, even for root where the file system allows it."""
    if os.geteuid() != 0:
        path.chmod(0o555)
        try:
            yield
        finally:
            path.chmod(0o755)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("running as root on a file system without immutable directories: nothing is read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


@pytest.fixture
def two_inputs(tmp_path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    for name in ("credit.yaml", "sentiment.yaml"):
        shutil.copy(EXAMPLES / name, d)
    return d


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_a_read_only_output_directory_is_refused_before_any_work(tmp_path, cli, two_inputs):
    out = tmp_path / "o"
    out.mkdir()
    with read_only(out):
        for target in (out, out / "deeper"):
            r = cli("batch", two_inputs, "-a", "executive", "--out", target)
            assert r.exit_code == 2 and "not writable" in r.stderr and "Traceback" not in r.stderr
    assert _files(out) == []


def test_a_read_only_state_directory_is_one_clear_error_with_no_brief_written(tmp_path, cli, two_inputs):
    out = tmp_path / "o"
    (out / STATE_DIR).mkdir(parents=True)
    with read_only(out / STATE_DIR):
        r = cli("batch", two_inputs, "-a", "executive,legal", "-f", "md,json", "--out", out)
    assert r.exit_code == 2, r.output
    assert f"{out / STATE_DIR}" in r.stderr and "cannot write" in r.stderr and "Traceback" not in r.stderr
    assert _files(out) == [STATE_DIR]
    # Writable again: the run goes through.
    assert cli("batch", two_inputs, "-a", "executive,legal", "-f", "md,json", "--out", out).exit_code == 0


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc (Linux), where no directory can be made")
def test_an_output_directory_that_cannot_be_created_is_an_error_not_a_traceback(cli, two_inputs):
    r = cli("batch", two_inputs, "-a", "executive", "--out", "/proc/riskbrief-batch-out")
    assert r.exit_code == 2 and "/proc/riskbrief-batch-out" in r.stderr and "Traceback" not in r.stderr
