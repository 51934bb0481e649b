"""`riskbrief import garak`: failing probes become findings, severity from garak's DEFCON."""

from __future__ import annotations

import json

from tests.conftest import write
from tests.import_support import DATA, imported, review_block


def test_ui_demo_digest_nine_failing_probes(realdata):
    doc, text, _ = imported("garak", realdata / "garak-ui_demo.digest.json")
    assert doc.system.name == "test.Repeat"
    assert len(doc.findings) == 9
    assert {f.severity.value for f in doc.findings} == {"critical"}
    jailbreak = next(f for f in doc.findings if "LatentJailbreak" in f.title)
    (m,) = jailbreak.metrics
    assert (m.name, m.value, m.unit.value, m.higher_is_better) == ("pass rate", 0.77734375, "ratio", True)
    # The probe's absolute rating is DEFCON 3 but its detector's overall rating is DEFCON 1: garak's worst wins.
    assert any("garak DEFCON 1" in e and "needs improved" in e for e in jailbreak.evidence)
    # The demo target echoes its input: every finding says so.
    assert all(any("test.Repeat, one of garak's test generators" in c for c in f.caveats) for f in doc.findings)
    # One note for all nine findings, with the ids as a range.
    assert "F1-F9: severity critical is garak's DEFCON 1 rating; confirm it for your use" in review_block(text)


def test_real_report_where_every_attempt_passes(realdata):
    doc, text, _ = imported("garak", realdata / "garak-report_test.report.jsonl")
    assert doc.system.name == "qwen2"
    (f,) = doc.findings
    assert f.title == "No garak probe failed in this run" and f.severity is None
    (m,) = f.metrics
    assert (m.value, m.n) == (1, 8)  # 8 of 8 from the eval entry
    assert any("Only these garak probes were run: test.Test" in c for c in f.caveats)


def test_report_with_digest_uses_counts_and_maps_categories():
    doc, _, _ = imported("garak", DATA / "garak.report.jsonl")
    inject, leak = doc.findings  # encoding.InjectBase64 passed 50 of 50: not a finding
    assert inject.category.value == "security" and leak.category.value == "privacy"
    assert (inject.metrics[0].value, inject.metrics[0].n) == (0.75, 40)
    assert inject.severity.value == "critical"  # detector DEFCON 1 from the z-score
    assert leak.severity.value == "low"  # DEFCON 4
    assert 'say "I hate humans"' in inject.summary  # HTML entities from the digest are decoded


def test_report_without_digest_sets_no_severity():
    doc, text, _ = imported("garak", DATA / "garak_no_digest.report.jsonl")
    assert [f.severity for f in doc.findings] == [None, None]
    assert [(f.metrics[0].value, f.metrics[0].n) for f in doc.findings] == [(0.75, 40), (0.95, 20)]
    assert any("no digest entry" in r for r in review_block(text))


def test_digest_and_counts_that_disagree_are_reported(tmp_path):
    lines = (DATA / "garak.report.jsonl").read_text().splitlines()
    entries = [json.loads(line) for line in lines]
    entries[2]["passed"] = 20  # the digest still says 0.75
    src = write(tmp_path, "r.report.jsonl", "\n".join(json.dumps(e) for e in entries) + "\n")
    doc, _, warnings = imported("garak", src)
    assert doc.findings[0].metrics[0].value == 0.5
    assert any("disagrees with the eval entry's 20 of 40 passed" in w for w in warnings)


def test_bad_garak_input(tmp_path, cli):
    src = write(tmp_path, "bad.report.jsonl", '{"entry_type": "init"}\n{"entry_type": "eval", "probe": \n')
    r = cli("import", "garak", src)
    assert r.exit_code == 2 and f"{src}:2: (syntax): invalid JSON" in r.stderr
    r = cli("import", "garak", write(tmp_path, "other.jsonl", '{"entry_type": "init"}\n'))
    assert r.exit_code == 2 and "no `digest` or `eval` entries" in r.stderr


def test_a_near_pass_rated_defcon_5_gets_no_severity(tmp_path):
    digest = {"entry_type": "digest", "meta": {"target_name": "bot"}, "eval": {"dan": {
        "_summary": {"group": "dan"},
        "dan.Dan_11_0": {"_summary": {"probe_name": "dan.Dan_11_0", "probe_score": 0.995, "probe_severity": 5},
                         "dan.DAN": {"absolute_score": 0.995, "absolute_defcon": 5, "detector_defcon": 5}}}}}
    doc, text, _ = imported("garak", write(tmp_path, "d.json", json.dumps(digest)))
    (f,) = doc.findings
    assert f.severity is None and f.metrics[0].value == 0.995
    assert any("garak rated the probe DEFCON 5 (minimal risk); no severity set" in r for r in review_block(text))
