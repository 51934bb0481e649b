"""`riskbrief import garak` on reports from older and newer garak releases, and files that are not reports."""

from __future__ import annotations

import json

from tests.conftest import write
from tests.import_support import imported


def _report(*entries: dict) -> str:
    return "\n".join(json.dumps(e) for e in entries) + "\n"


def test_older_report_counts_with_total_not_total_evaluated(tmp_path):
    # garak 0.9 wrote {"passed": P, "total": T} and prefixed detector names with "detector.".
    text = _report(
        {"entry_type": "start_run setup", "_config.version": "0.9.0.9", "plugins.model_type": "huggingface",
         "plugins.model_name": "gpt2", "transient.run_id": "r1"},
        {"entry_type": "eval", "probe": "dan.AntiDAN", "detector": "detector.dan.AntiDAN", "passed": 2, "total": 5},
        {"entry_type": "eval", "probe": "encoding.InjectBase64", "detector": "detector.encoding.DecodeMatch",
         "passed": 170, "total": 170},
    )
    doc, _, _ = imported("garak", write(tmp_path, "old.report.jsonl", text))
    (f,) = doc.findings  # the probe that passed everything is not a finding
    (m,) = f.metrics
    assert (m.value, m.n) == (0.4, 5)
    assert "dan.AntiDAN" in f.title and doc.system.name == "gpt2"


def test_eval_with_fails_but_no_passed_count(tmp_path):
    text = _report({"entry_type": "eval", "probe": "promptinject.HijackHateHumans",
                    "detector": "promptinject.AttackRogueString", "fails": 3, "total_evaluated": 4})
    doc, _, _ = imported("garak", write(tmp_path, "fails.report.jsonl", text))
    assert (doc.findings[0].metrics[0].value, doc.findings[0].metrics[0].n) == (0.25, 4)


def test_counts_that_disagree_are_reported(tmp_path):
    text = _report({"entry_type": "eval", "probe": "dan.Dan_11_0", "detector": "dan.DAN",
                    "passed": 3, "fails": 3, "total_evaluated": 5})
    _, _, warnings = imported("garak", write(tmp_path, "odd.report.jsonl", text))
    assert any("passed 3 + fails 3" in w and "total_evaluated 5" in w for w in warnings)


def test_a_hitlog_is_named_as_such(tmp_path, cli):
    hit = {"goal": "inject a prompt", "prompt": "p", "output": "o", "trigger": "t", "score": 1.0, "run_id": "r",
           "attempt_id": "a", "attempt_seq": 0, "attempt_idx": 0, "generator": "openai gpt-4o",
           "probe": "promptinject.HijackHateHumans", "detector": "promptinject.AttackRogueString"}
    src = write(tmp_path, "run.hitlog.jsonl", _report(hit))
    r = cli("import", "garak", src, "-o", tmp_path / "out.yaml")
    assert r.exit_code == 2
    assert "hitlog" in r.output and "report.jsonl" in r.output
    assert not (tmp_path / "out.yaml").exists()


def test_a_directory_or_an_empty_file_is_a_file_error(tmp_path, cli):
    empty = write(tmp_path, "empty.sarif", "")
    for kind, path, message in (("sarif", tmp_path, "is a directory"), ("sarif", empty, "empty file"),
                                ("model-card", empty, "empty file"), ("atlas", empty, "empty file")):
        r = cli("import", kind, path, "-o", tmp_path / "out.yaml")
        assert r.exit_code == 2, r.output
        assert r.output.startswith(f"riskbrief: {path}: (file): {message}") or f"{path}: (file): {message}" in r.output
        assert "Traceback" not in r.output and "Usage:" not in r.output
        assert not (tmp_path / "out.yaml").exists()
