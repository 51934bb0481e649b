"""The progress bar on a terminal: done/total, a believable rate and ETA, cache hits and failures."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys

import pytest
from rich.console import Console

from engine.batch.progress import BatchProgress
from tests.conftest import EXAMPLES, ROOT


def plain(screen: str) -> str:
    """What a terminal shows, without its control sequences."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)


def test_a_burst_of_briefs_reports_the_average_rate_and_a_real_eta():
    now = [0.0]
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=160, color_system=None)
    bar = BatchProgress(12, console, enabled=True, clock=lambda: now[0])
    with bar:
        # A worker hands back four briefs at once, one second in: microseconds apart.
        for i in range(4):
            now[0] = 1.0 + i * 1e-6
            bar.advance(cached=i == 0, failed=i == 3)
    last = plain(screen.getvalue()).strip().split("\r")[-1]
    assert re.search(r"4/12 +4\.0 briefs/s +ETA 0:00:02 +cached 1 +failed 1", last), last


@pytest.mark.skipif(shutil.which("script") is None, reason="needs util-linux `script` to run the batch on a terminal")
def test_on_a_terminal_the_bar_is_drawn_and_the_table_follows(tmp_path):
    out = tmp_path / "o"
    cmd = f"{sys.executable} -c 'from engine.cli import main; main()' batch {EXAMPLES} -a executive --out {out}"
    r = subprocess.run(["script", "-q", "-e", "-c", cmd, "/dev/null"], cwd=ROOT, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stdout[-2000:]
    assert "\x1b[" in r.stdout  # drawn with terminal controls
    shown = plain(r.stdout)
    assert re.search(r"briefs .* 3/3 +[0-9.]+ briefs/s +ETA 0:00:00 +cached 0 +failed 0", shown), shown[-2000:]
    assert "faithfulness pass" in shown.split("3/3")[-1]  # the table comes after the bar
