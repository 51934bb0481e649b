"""`riskbrief diff OLD NEW` and `riskbrief eval --previous OLD` on the command line."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import yaml

from tests.change_pairs import example
from tests.test_changes import worse_sarcasm


def pair(tmp_path: Path, edit=worse_sarcasm) -> tuple[Path, Path]:
    old = example()
    new = copy.deepcopy(old)
    edit(new)
    (tmp_path / "v1.yaml").write_text(yaml.safe_dump(old, sort_keys=False), encoding="utf-8")
    (tmp_path / "v2.yaml").write_text(yaml.safe_dump(new, sort_keys=False), encoding="utf-8")
    return tmp_path / "v1.yaml", tmp_path / "v2.yaml"


def test_diff_prints_a_markdown_change_brief_by_default(cli, tmp_path):
    old, new = pair(tmp_path)
    result = cli("diff", old, new)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Sentiment classifier: what changed: brief for board and executive team")
    assert "fell from 65% to 60%, down 5 percentage points" in result.stdout
    assert "faithfulness passed" in result.stdout
    assert sorted(tmp_path.iterdir()) == sorted([old, new])  # nothing written without --out


def test_diff_writes_every_format_through_the_shared_writer(cli, tmp_path):
    old, new = pair(tmp_path)
    out = tmp_path / "out"
    result = cli("diff", old, new, "--audience", "engineering,legal", "--format", "md,html,json", "--out", out)
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"v2.changes.{a}.{ext}" for a in ("engineering", "legal") for ext in ("md", "html", "json"))
    data = json.loads((out / "v2.changes.engineering.json").read_text(encoding="utf-8"))
    assert data["eval"]["passed"] is True
    assert data["provenance"]["previous_input_file"] == "v1.yaml" and data["provenance"]["input_file"] == "v2.yaml"
    sources = {s for sec in data["sections"] for sent in sec["sentences"] for s in sent["sources"]}
    assert {"old:F1.acc_sarcasm", "new:F1.acc_sarcasm"} <= sources
    assert "<html" in (out / "v2.changes.legal.html").read_text(encoding="utf-8").lower()


def test_eval_previous_checks_a_change_brief_against_both_documents(cli, tmp_path):
    old, new = pair(tmp_path)
    out = tmp_path / "out"
    cli("diff", old, new, "-a", "engineering", "-f", "json,md", "-o", out)
    brief = out / "v2.changes.engineering.json"
    good = cli("eval", "--findings", new, "--previous", old, brief, "--json")
    assert good.exit_code == 0
    data = json.loads(good.stdout)
    assert list(data)[:4] == ["score", "passed", "claims", "missing_caveats"] and data["passed"] is True
    assert cli("eval", "--findings", new, "--previous", old, out / "v2.changes.engineering.md").exit_code == 0
    # The same brief read against the wrong sides fails, naming the swapped values.
    wrong = cli("eval", "--findings", old, "--previous", new, brief, "--json")
    assert wrong.exit_code == 1
    assert "slice" in {c["error"] for c in json.loads(wrong.stdout)["claims"]}
    text = brief.read_text(encoding="utf-8").replace("from 65% to 60%", "from 65% to 55%")
    (out / "edited.json").write_text(text, encoding="utf-8")
    edited = cli("eval", "--findings", new, "--previous", old, out / "edited.json")
    assert edited.exit_code == 1 and "[number]" in edited.stdout


def test_bad_input_names_file_line_and_field_and_writes_nothing(cli, tmp_path):
    old, new = pair(tmp_path)
    new.write_text(new.read_text(encoding="utf-8").replace("value: 60", "value: 160"), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("diff", old, new, "--out", out)
    assert result.exit_code == 2
    assert f"{new}:" in result.stderr and "findings[0].metrics[1].value" in result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_diff_exits_1_when_the_change_brief_fails_the_gate(cli, tmp_path, monkeypatch):
    from engine.changes import sentences

    old, new = pair(tmp_path)
    real = sentences.metric_move

    def wrong(move, f, profile):
        said = real(move, f, profile)
        return said.model_copy(update={"text": said.text.replace("fell from", "rose from")})

    monkeypatch.setattr(sentences, "metric_move", wrong)
    out = tmp_path / "out"
    result = cli("diff", old, new, "-a", "engineering", "-f", "json", "-o", out)
    assert result.exit_code == 1
    assert "did not pass" in result.stderr
    assert json.loads((out / "v2.changes.engineering.json").read_text(encoding="utf-8"))["eval"]["passed"] is False


def test_diff_forms_are_told_apart_and_documented(cli, tmp_path):
    old, new = pair(tmp_path)
    assert cli("diff", old, new, "--from", "1").exit_code == 2
    assert cli("diff", old, new, old).exit_code == 2
    missing = cli("diff", old, "--versions", "--audience", "legal")
    assert missing.exit_code == 2 and "no saved legal brief" in missing.stderr
    helptext = cli("diff", "--help").stdout
    assert "riskbrief diff OLD NEW" in helptext and "riskbrief diff FILE --audience A" in helptext


def test_json_findings_files_compare_like_yaml(cli, tmp_path):
    old, new = pair(tmp_path)
    for path in (old, new):
        path.with_suffix(".json").write_text(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str),
                                            encoding="utf-8")
    result = cli("diff", old.with_suffix(".json"), new.with_suffix(".json"), "-a", "legal")
    assert result.exit_code == 0, result.stderr
    assert "fell from 65% to 60%" in result.stdout


def test_printed_formats_go_through_the_same_writer(cli, tmp_path):
    old, new = pair(tmp_path)
    out = tmp_path / "out"
    result = cli("diff", old, new, "-a", "legal", "-f", "pdf,docx", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert (out / "v2.changes.legal.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "v2.changes.legal.docx").read_bytes().startswith(b"PK")
    assert cli("diff", old, new, "-f", "pdf").exit_code == 2  # a file format needs --out


def test_a_decision_added_is_written_and_an_edited_one_fails_eval(cli, tmp_path):
    old_doc = example("credit")
    new_doc = copy.deepcopy(old_doc)
    new_doc["tradeoffs"].append({"id": "T2", "question": "Do we launch in the EU this quarter?",
                                 "options": [{"id": "A", "name": "Launch now"}, {"id": "B", "name": "Wait for the audit"}],
                                 "recommendation": "B"})
    old, new = tmp_path / "q1.yaml", tmp_path / "q2.yaml"
    old.write_text(yaml.safe_dump(old_doc, sort_keys=False), encoding="utf-8")
    new.write_text(yaml.safe_dump(new_doc, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    result = cli("diff", old, new, "-a", "all", "-f", "md,json", "-o", out)
    assert result.exit_code == 0, result.stderr
    said = ("New decision on the table: “Do we launch in the EU this quarter?”, choosing between option A (Launch now) "
            "and option B (Wait for the audit); the findings recommend option B (Wait for the audit).")
    for audience in ("executive", "legal", "product"):
        assert said in (out / f"q2.changes.{audience}.md").read_text(encoding="utf-8")
    md = out / "q2.changes.executive.md"
    md.write_text(md.read_text(encoding="utf-8").replace("recommend option B (Wait for the audit)",
                                                         "recommend option A (Launch now)"), encoding="utf-8")
    wrong = cli("eval", "--findings", new, "--previous", old, md, "--json")
    assert wrong.exit_code == 1
    assert [c["error"] for c in json.loads(wrong.stdout)["claims"] if c["verdict"] != "supported"] == ["extrinsic"]
