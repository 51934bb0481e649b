"""`riskbrief batch` end to end on the reference examples with the offline provider."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

AUDIENCES = ["executive", "legal", "product", "engineering"]


@pytest.fixture
def inputs(tmp_path) -> Path:
    d = tmp_path / "findings"
    shutil.copytree(EXAMPLES, d)
    return d


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_every_example_and_audience_is_written_with_a_summary_and_manifest(tmp_path, cli, inputs):
    out = tmp_path / "briefs"
    r = cli("batch", inputs, "--format", "md,json", "--out", out)
    assert r.exit_code == 0, r.output
    stems = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
    for stem in stems:
        for a in AUDIENCES:
            assert (out / f"{stem}.{a}.md").read_text().startswith("#")
            brief = json.loads((out / f"{stem}.{a}.json").read_text())
            assert brief["audience"] == a and brief["eval"]["passed"] is True
    s = summary(out)
    assert (s["briefs"], s["generated"], s["skipped"], s["failed"]) == (12, 12, 0, 0)
    assert (s["faithfulness_pass"], s["faithfulness_fail"], s["gate_failed"]) == (12, 0, 0)
    assert s["requests"] == 0 and s["cost_usd"] == 0.0 and s["wall_s"] > 0
    manifest = json.loads((out / "manifest.json").read_text())
    items = {i["key"]: i for i in manifest["items"]}
    assert sorted(items) == sorted(f"{s}.{a}" for s in stems for a in AUDIENCES)
    one = items["sentiment.legal"]
    brief = json.loads((out / "sentiment.legal.json").read_text())
    assert one["input_hash"] == brief["provenance"]["input_hash"]
    assert one["prompt_hash"] == brief["provenance"]["prompt_hash"]
    assert (one["provider"], one["model"], one["status"]) == ("offline", brief["provenance"]["model"], "generated")
    assert sorted(one["outputs"]) == ["sentiment.legal.json", "sentiment.legal.md"]
    # The table is printed even though stdout is not a terminal (and no progress bar is).
    assert "generated" in r.stdout and "faithfulness pass" in r.stdout
    assert "\r" not in r.stdout


def test_a_second_run_skips_everything_and_writes_nothing(tmp_path, cli, inputs):
    out = tmp_path / "briefs"
    assert cli("batch", inputs, "-a", "executive,legal", "--out", out).exit_code == 0
    before = {p: p.stat().st_mtime_ns for p in out.glob("*.md")}
    r = cli("batch", inputs, "-a", "executive,legal", "--out", out)
    assert r.exit_code == 0
    s = summary(out)
    assert (s["generated"], s["skipped"], s["faithfulness_pass"]) == (0, 6, 6)
    assert {p: p.stat().st_mtime_ns for p in out.glob("*.md")} == before


def test_new_audience_or_format_only_produces_what_is_missing(tmp_path, cli, inputs):
    out = tmp_path / "briefs"
    assert cli("batch", inputs, "-a", "executive", "--out", out).exit_code == 0
    assert cli("batch", inputs, "-a", "executive,product", "--out", out).exit_code == 0
    s = summary(out)
    assert (s["generated"], s["skipped"]) == (3, 3)
    assert all(i["status"] == ("skipped" if i["audience"] == "executive" else "generated") for i in s["items"])
    # A different set of formats changes the output, so those briefs are produced again.
    assert cli("batch", inputs, "-a", "executive", "-f", "md,html", "--out", out).exit_code == 0
    assert (summary(out)["generated"], summary(out)["skipped"]) == (3, 0)
    assert (out / "credit.executive.html").is_file()


def test_bad_files_are_all_reported_first_and_the_rest_still_run(tmp_path, cli, inputs):
    (inputs / "broken.yaml").write_text("schema_version: 1\nsystem: {name: X}\nfindings:\n  - id: F1\n    title: t\n"
                                        "    category: nonsense\n    summary: s\n", encoding="utf-8")
    (inputs / "syntax.json").write_text('{"schema_version": 1,\n "system": }\n', encoding="utf-8")
    out = tmp_path / "briefs"
    r = cli("batch", inputs, "-a", "executive", "--out", out)
    assert r.exit_code == 2
    assert re.search(r"broken\.yaml:6: findings\[0\]\.category: .*nonsense", r.stderr), r.stderr
    assert re.search(r"syntax\.json:2: \(syntax\): invalid JSON", r.stderr), r.stderr
    assert "Traceback" not in r.stderr
    assert "2 input(s) invalid" in r.stderr
    written = sorted(p.name for p in out.glob("*.md"))
    assert written == ["agent.executive.md", "credit.executive.md", "sentiment.executive.md"]
    s = summary(out)
    assert s["invalid_files"] == 2 and s["generated"] == 3 and len(s["invalid"]) == 2
    r = cli("batch", inputs, "-a", "executive", "--out", out, "--skip-invalid")
    assert r.exit_code == 0 and "broken.yaml:6" in r.stderr


def test_missing_path_is_bad_input(tmp_path, cli, inputs):
    r = cli("batch", inputs / "sentiment.yaml", tmp_path / "nope.yaml", "-a", "legal", "--out", tmp_path / "o")
    assert r.exit_code == 2
    assert f"{tmp_path / 'nope.yaml'}:1: (file): no such file or directory" in r.stderr
    assert (tmp_path / "o" / "sentiment.legal.md").is_file()


def test_usage_errors_exit_2_before_writing_anything(tmp_path, cli, inputs):
    for args in (["-a", "board"], ["-f", "pdf,odt"], ["--shard", "3/2"], ["--concurrency", "0"]):
        r = cli("batch", inputs, "--out", tmp_path / "o", *args)
        assert r.exit_code == 2, args
        assert "Traceback" not in r.output
    assert not (tmp_path / "o").exists()


def test_html_report_links_every_brief_with_its_score(tmp_path, cli, inputs):
    out = tmp_path / "briefs"
    r = cli("batch", inputs, "-f", "html,json", "--out", out, "--report", "html")
    assert r.exit_code == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', page)
    for stem in ("agent", "credit", "sentiment"):
        for a in AUDIENCES:
            assert f"{stem}.{a}.html" in links and f"{stem}.{a}.json" in links
    assert all((out / link).is_file() for link in links)
    assert page.count('<td class="num">1.00</td>') == 12
    assert page.count('class="pass"') == 12


def test_dry_run_estimates_and_writes_nothing(tmp_path, cli, inputs):
    out = tmp_path / "briefs"
    r = cli("batch", inputs, "--dry-run", "--out", out)
    assert r.exit_code == 0
    est = json.loads(r.stdout)
    assert est["briefs"] == 12 and est["to_generate"] == 12 and est["requests"] == 0
    assert not out.exists()


def test_help_lists_the_generate_options_too(cli):
    r = cli("batch", "--help")
    assert r.exit_code == 0
    for opt in ("--provider", "--model", "--allow-fallback", "--no-cache", "--dry-run", "--max-repairs", "--threshold",
                "--concurrency", "--rpm", "--tpm", "--shard", "--fail-under", "--report", "--merge-summaries",
                "--skip-invalid"):
        assert opt in r.output


def test_output_directory_inside_the_input_directory_is_not_read_back(tmp_path, cli, inputs):
    out = inputs / "briefs"
    assert cli("batch", inputs, "-a", "legal", "-f", "json", "--out", out).exit_code == 0
    r = cli("batch", inputs, "-a", "legal", "-f", "json", "--out", out)
    assert r.exit_code == 0, r.stderr
    assert summary(out)["inputs"] == 3 and summary(out)["skipped"] == 3


def test_bad_inputs_are_reported_before_any_brief_is_written(tmp_path, inputs):
    import io

    from rich.console import Console

    from engine.batch import BatchRequest, run_batch

    (inputs / "broken.yaml").write_text("schema_version: 1\nsystem: {}\n", encoding="utf-8")
    out = tmp_path / "briefs"
    heard = []

    def on_problems(problems):
        heard.append(([str(p) for p in problems], sorted(out.glob("*.md")) if out.exists() else []))

    outcome = run_batch(BatchRequest(paths=[str(inputs)], audiences=["legal"], formats=["md"], out_dir=str(out)),
                        console=Console(file=io.StringIO()), progress=False, on_problems=on_problems)
    assert len(heard) == 1
    problems, written_then = heard[0]
    assert written_then == [] and any("broken.yaml:2: system.name" in p for p in problems)
    assert outcome.summary.generated == 3


def test_rate_limits_with_the_offline_provider_are_reported_as_having_no_effect(tmp_path, cli, inputs):
    out = tmp_path / "briefs"
    r = cli("batch", inputs, "-a", "executive", "--format", "md", "--rpm", "60", "--out", out)
    assert r.exit_code == 0, r.output
    assert "--rpm and --tpm limit model requests; the offline provider sends none" in r.stderr
    assert summary(out)["generated"] == 3
    quiet = cli("batch", inputs, "-a", "executive", "--format", "md", "--out", tmp_path / "other")
    assert "--rpm" not in quiet.stderr
