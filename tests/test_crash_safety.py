"""kill -9 during `riskbrief generate` and `riskbrief batch` leaves nothing half-written.

Each run is SIGKILLed (with its workers) at a random moment, several times over the
same output directory; after every kill each file under its final name is complete
and the manifest and cache still open. The run that is finally left alone exits 0
with the same brief bytes as a run that was never interrupted.
"""

from __future__ import annotations

import json

import pytest

from tests import llm_replies as R
from tests.crash_harness import EXAMPLES, kill_repeatedly

pytestmark = pytest.mark.slow


def _check(report, kills):
    assert report.kills == kills
    assert report.partial == []
    assert report.unreadable == []
    assert report.final_exit == 0
    assert report.differing == []


def test_batch_survives_kill_9(tmp_path):
    files = [str(p) for p in sorted(EXAMPLES.glob("*.yaml"))[:2]]
    report = kill_repeatedly(
        lambda out: ["batch", *files, "--audience", "executive,legal", "--format", "md,json,html", "--out", str(out)],
        tmp_path, kills=5, seed=11)
    _check(report, 5)


def test_generate_with_a_model_survives_kill_9(tmp_path):
    replies = tmp_path / "replies.json"
    replies.write_text(json.dumps(R.FAITHFUL), encoding="utf-8")
    report = kill_repeatedly(
        lambda out: ["generate", str(EXAMPLES / "sentiment.yaml"), "--provider", "fake", "--audience", "executive,legal",
                     "--format", "md,json,html", "--out", str(out)],
        tmp_path, kills=4, seed=12, env={"RISKBRIEF_FAKE_REPLIES": str(replies)},
        compare=(".md", ".html"))  # the JSON records requests made and cache hits, which a cached re-run changes
    _check(report, 4)
