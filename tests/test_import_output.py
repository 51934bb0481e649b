"""What every import shares: the `# to review` block, stdout vs -o, strict validation, no half-written files."""

from __future__ import annotations

import json

from tests.conftest import write
from tests.import_support import DATA, review_block, roundtrip

SOURCES = [
    ("sarif", DATA / "scan.sarif"),
    ("model-card", DATA / "card.json"),
    ("hf", DATA / "model_card.md"),
    ("garak", DATA / "garak.report.jsonl"),
    ("atlas", DATA / "case_study.yaml"),
    ("csv", DATA / "findings.csv"),
]


def test_every_kind_writes_a_valid_file_that_strict_validation_flags(tmp_path, cli):
    for kind, src in SOURCES:
        out = tmp_path / f"{kind}.yaml"
        r = cli("import", kind, src, "-o", out)
        assert r.exit_code == 0, (kind, r.stderr)
        assert r.stdout == ""
        assert cli("validate", out).exit_code == 0
        strict = cli("validate", "--strict", out)
        # Each sample leaves something the source does not say; strict mode must name it.
        assert strict.exit_code == 2 and "required in strict mode" in strict.stderr, kind
        assert review_block(out.read_text()), kind


def test_stdout_output_is_the_same_document(cli, tmp_path):
    out = tmp_path / "scan.yaml"
    cli("import", "sarif", DATA / "scan.sarif", "-o", out)
    r = cli("import", "sarif", DATA / "scan.sarif")
    assert r.exit_code == 0 and r.stdout == out.read_text()


def test_review_block_survives_a_round_trip(cli):
    text = cli("import", "model-card", DATA / "card.json").stdout
    assert text.startswith("# Imported by `riskbrief import model-card` from card.json.\n# to review")
    assert review_block(roundtrip(text)) == review_block(text)


def test_source_text_cannot_escape_the_comment_block(tmp_path, cli):
    # A newline in a SARIF message must not turn review text into YAML keys.
    log = {"runs": [{"tool": {"driver": {"name": "X\nschema_version: 2"}},
                     "results": [{"ruleId": "R", "message": {"text": "m\nowner: Mallory"}}]}]}
    r = cli("import", "sarif", write(tmp_path, "evil.sarif", json.dumps(log)))
    assert r.exit_code == 0, r.stderr
    header = r.stdout.split("schema_version: 1", 1)[0]
    assert all(line.startswith("#") for line in header.splitlines())
    assert "\nowner: Mallory" not in r.stdout


def test_failed_import_leaves_an_existing_output_alone(tmp_path, cli):
    out = write(tmp_path, "out.yaml", "keep me\n")
    r = cli("import", "garak", write(tmp_path, "bad.jsonl", "not json\n"), "-o", out)
    assert r.exit_code == 2
    assert out.read_text() == "keep me\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.yaml")] == []


def test_missing_file_and_unknown_kind(cli, tmp_path):
    r = cli("import", "sarif", tmp_path / "nope.sarif")
    assert r.exit_code == 2 and "no such file" in r.stderr
    r = cli("import", "pdf", DATA / "scan.sarif")
    assert r.exit_code == 2


def test_help_lists_every_kind(cli):
    r = cli("import", "--help")
    assert r.exit_code == 0
    for kind, _ in SOURCES:
        assert kind in r.stdout
