"""Every imported document goes through the one pipeline: briefs for all four audiences that pass the faithfulness gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REALDATA
from tests.import_support import DATA, imported

AUDIENCES = ["executive", "legal", "product", "engineering"]
ATLAS_REFS = {"tactics": REALDATA / "atlas-tactics.yaml", "techniques": REALDATA / "atlas-techniques.yaml"}

REAL = [
    ("sarif", "sarif-tutorials-standard-taxonomy.sarif", {}),
    ("sarif", "sarif-tutorials-bad-eval-with-code-flow.sarif", {}),
    ("model-card", "mct-cats_vs_dogs_v0_0_2.json", {}),
    ("hf", "hfhub-sample_simple_model_index.md", {}),
    ("garak", "garak-report_test.report.jsonl", {}),
    ("garak", "garak-ui_demo.digest.json", {}),
    *[("atlas", f"atlas-AML.{case}.yaml", ATLAS_REFS) for case in
      ("CS0000", "CS0009", "CS0016", "CS0022", "CS0035")],
]
HAND_WRITTEN = [
    ("sarif", "scan.sarif", {}),
    ("model-card", "card.json", {}),
    ("hf", "model_card.md", {}),
    ("garak", "garak.report.jsonl", {}),
    ("garak", "garak_no_digest.report.jsonl", {}),
    ("atlas", "case_study.yaml", {"tactics": DATA / "tactics.yaml", "techniques": DATA / "techniques.yaml"}),
    ("csv", "findings.csv", {}),
]


def _briefs_pass(kind: str, path: Path, options: dict) -> None:
    from engine.pipeline import generate_brief

    doc, _, _ = imported(kind, path, **options)
    failures = []
    for audience in AUDIENCES:
        brief = generate_brief(doc, audience, provider="offline")
        result = brief.eval
        assert result is not None, f"{audience}: no eval attached"
        if not result.passed:
            bad = [f"[{c.verdict.value}/{c.error.value if c.error else '-'}] {c.text}" for c in result.failing]
            failures.append(f"{audience} (score {result.score}): " + " | ".join(bad + [f"missing caveat: {m}" for m in result.missing_caveats]))
    assert not failures, f"{kind} {path.name}:\n" + "\n".join(failures)


@pytest.mark.parametrize("kind, name, options", REAL, ids=[n for _, n, _ in REAL])
def test_real_file_briefs_pass_the_gate(realdata, kind, name, options):
    _briefs_pass(kind, realdata / name, options)


@pytest.mark.parametrize("kind, name, options", HAND_WRITTEN, ids=[n for _, n, _ in HAND_WRITTEN])
def test_hand_written_briefs_pass_the_gate(kind, name, options):
    _briefs_pass(kind, DATA / name, options)
