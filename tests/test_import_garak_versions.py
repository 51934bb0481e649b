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


def _with_interval(report: str, probe: str, **fields) -> str:
    """The real report with one eval entry's counts and interval set as a newer garak writes them."""
    lines = []
    for line in report.splitlines():
        entry = json.loads(line) if line.strip() else None
        if entry and entry.get("entry_type") == "eval" and entry["probe"].endswith(probe):
            entry.update(fields)
        lines.append(json.dumps(entry) if entry else line)
    return "\n".join(lines) + "\n"


def test_garak_confidence_bounds_become_the_pass_rate_interval(realdata, tmp_path, cli):
    real = (realdata / "garak-report_test.report.jsonl").read_text()
    # Without bounds (garak 0.13.3 as run), no interval is invented.
    doc, _, _ = imported("garak", realdata / "garak-report_test.report.jsonl")
    assert all(m.ci is None for f in doc.findings for m in f.metrics)
    # garak's interval is of the attack success rate; the pass rate's is its mirror image.
    text = _with_interval(real, "test.Test", passed=30, fails=10, total_evaluated=40,
                          confidence="0.95", confidence_method="bootstrap", confidence_lower=0.125, confidence_upper=0.4)
    src = write(tmp_path, "ci.report.jsonl", text)
    doc, yaml_text, warnings = imported("garak", src)
    (m,) = doc.findings[0].metrics
    assert (m.value, m.n, m.ci) == (0.75, 40, [0.6, 0.875])
    assert any("95% confidence interval" in e for e in doc.findings[0].evidence)
    assert not any("interval" in w for w in warnings)  # (the edited counts differ from the digest: reported)
    # The imported document is a valid findings file whose briefs pass the gate.
    out = tmp_path / "ci.yaml"
    assert cli("import", "garak", src, "-o", out).exit_code == 0
    assert cli("generate", out, "--audience", "engineering", "--format", "json", "--out", tmp_path / "b").exit_code == 0


def test_a_garak_interval_that_cannot_be_right_is_reported_not_used(realdata, tmp_path):
    real = (realdata / "garak-report_test.report.jsonl").read_text()
    for bounds, why in (((0.5, 0.7), "does not hold the pass rate 0.75"), ((-0.2, 0.3), "not an interval within 0 to 1"),
                        ((0.1, None), "not numbers")):
        text = _with_interval(real, "test.Test", passed=30, fails=10, total_evaluated=40,
                              confidence_lower=bounds[0], confidence_upper=bounds[1])
        doc, _, warnings = imported("garak", write(tmp_path, "bad.report.jsonl", text))
        assert doc.findings[0].metrics[0].ci is None
        assert any(why in w and "left the interval out" in w for w in warnings), (bounds, warnings)
        if bounds == (0.5, 0.7):  # an interval garak gave, corrected away from the raw rate: kept as evidence
            assert any("[0.3, 0.5], which does not hold the pass rate 0.75" in e for e in doc.findings[0].evidence)


def test_a_digest_interval_is_the_pass_rate_interval(realdata, tmp_path):
    digest = json.loads((realdata / "garak-ui_demo.digest.json").read_text())
    group = digest["eval"]["latentinjection"]
    probe = next(k for k in group if k != "_summary")
    det_name, det = next((k, v) for k, v in group[probe].items() if k != "_summary")
    score = det["absolute_score"]
    det.update(confidence="0.9", absolute_confidence_lower=max(0.0, score - 0.05),
               absolute_confidence_upper=min(1.0, score + 0.05))
    doc, _, _ = imported("garak", write(tmp_path, "ci.digest.json", json.dumps(digest)))
    (f,) = [f for f in doc.findings if probe in f.title]
    (m,) = [m for m in f.metrics if det_name in (m.population or "")]
    assert m.ci == [round(max(0.0, score - 0.05), 12), round(min(1.0, score + 0.05), 12)]
    assert any("90% confidence interval" in e for e in f.evidence)
