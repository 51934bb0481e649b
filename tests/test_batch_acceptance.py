"""`riskbrief batch` from the outside: the paths, options and files a user runs it with.

Each test here pins down behaviour the issue for batch asks for that a user
would notice when it breaks: an output directory that is also the input
directory, option values that make no sense, inputs that name nothing, the
request count of a run where one brief fails, a merged report whose links work.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import EXAMPLES
from tests.test_batch_cli import inputs, summary  # noqa: F401  (inputs is a fixture)
from tests.llm_replies import FAITHFUL
from tests.loopback import LoopbackServer, Seen


def links_of(page: Path) -> list[str]:
    return [unquote(h) for h in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))]


def test_briefs_written_next_to_their_findings_are_not_read_back_as_findings(tmp_path, cli, inputs):
    (inputs / "team").mkdir()
    shutil.move(inputs / "credit.yaml", inputs / "team" / "credit.yaml")
    for search in (inputs, str(inputs / "**" / "*")):  # a directory, then a quoted glob
        r = cli("batch", search, "-a", "legal", "-f", "md,json", "--out", inputs, "--report", "html")
        assert r.exit_code == 0, r.stderr
        assert r.stderr == ""
        assert "\x1b" not in r.stdout and "generated" in r.stdout  # no bar off a terminal; the table
    s = summary(inputs)
    assert (s["inputs"], s["invalid_files"], s["skipped"]) == (3, 0, 3)
    assert (inputs / "team" / "credit.legal.json").is_file()


@pytest.mark.parametrize("args", [["--rpm", "nan"], ["--tpm", "inf"], ["--fail-under", "nan"],
                                  ["--threshold", "nan"], ["--rpm", "-inf"]])
def test_limits_and_scores_that_are_not_finite_numbers_are_usage_errors(tmp_path, cli, inputs, args):
    r = cli("batch", inputs, "-a", "legal", "--out", tmp_path / "o", *args)
    assert r.exit_code == 2
    assert args[0] in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "o").exists()


def test_inputs_that_hold_no_findings_file_write_nothing(tmp_path, cli):
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.txt").write_text("no findings here\n", encoding="utf-8")
    out = tmp_path / "o"
    for paths in ([tmp_path / "empty"], [tmp_path / "notes"], [str(tmp_path / "nothing" / "*.yaml")]):
        for extra in ([], ["--skip-invalid"]):
            r = cli("batch", *paths, "-a", "legal", "--out", out, *extra)
            assert r.exit_code == 2, (paths, extra)
            assert f"{paths[0]}:1: (path):" in r.stderr
            assert "no findings files to produce briefs from" in r.stderr
            assert not out.exists()


def test_a_run_whose_inputs_all_went_bad_keeps_the_last_summary(tmp_path, cli, inputs):
    out = tmp_path / "o"
    assert cli("batch", inputs / "credit.yaml", "-a", "legal", "--out", out).exit_code == 0
    before = (out / "summary.json").read_bytes()
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: 1\nsystem: {name: X}\nfindings: []\n", encoding="utf-8")
    r = cli("batch", broken, "-a", "legal", "--out", out)
    assert r.exit_code == 2 and "broken.yaml:3: findings" in r.stderr
    assert (out / "summary.json").read_bytes() == before


def test_requests_of_a_brief_that_failed_are_counted_like_any_other(tmp_path, cli, monkeypatch):
    def respond(seen: Seen) -> object:
        if "Sentiment classifier 1" in seen.text:
            return LoopbackServer.error(500, {"retry-after-ms": "5"})  # no backoff wait in a test
        return LoopbackServer.tool(seen.tool, FAITHFUL[seen.tool])

    text = (EXAMPLES / "sentiment.yaml").read_text(encoding="utf-8")
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"s{i}.yaml").write_text(
            text.replace("name: Sentiment classifier", f"name: Sentiment classifier {i}"), encoding="utf-8")
    monkeypatch.setenv("RISKBRIEF_MAX_ATTEMPTS", "3")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    out = tmp_path / "o"
    with LoopbackServer(respond) as srv:
        srv.enqueue(srv.error(429, {"retry-after-ms": "5"}))  # the first request is retried: it counts twice
        monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
        r = cli("batch", tmp_path / "in", "-a", "executive", "--provider", "openai", "--model", "m",
                "--out", out, "--report", "html")
    assert r.exit_code == 2
    assert "s1.executive: not produced" in r.stderr
    assert sorted(p.name for p in out.glob("*.md")) == ["s0.executive.md", "s2.executive.md"]
    s = summary(out)
    assert (s["generated"], s["failed"]) == (2, 1)
    assert s["requests"] == len(srv.requests)
    assert s["tokens"] == s["tokens_in"] + s["tokens_out"] > 0
    assert all((out / link).is_file() for link in links_of(out / "index.html"))


def test_dry_run_on_the_model_path_sends_nothing_and_writes_nothing(tmp_path, cli, inputs, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    with LoopbackServer() as srv:
        monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
        r = cli("batch", inputs, "-a", "legal,product", "--provider", "openai", "--model", "m", "--dry-run",
                "--out", tmp_path / "o")
    assert r.exit_code == 0, r.stderr
    estimate = json.loads(r.stdout)
    assert (estimate["briefs"], estimate["to_generate"], estimate["model"]) == (6, 6, "m")
    assert estimate["requests"] >= 12 and estimate["tokens_in"] > 0
    assert srv.requests == [] and not (tmp_path / "o").exists()
    assert not any(Path(os.environ["RISKBRIEF_CACHE_DIR"]).iterdir())  # no cache entry either
    # Offline, the estimate names the narrator the briefs would come from.
    assert json.loads(cli("batch", inputs, "--dry-run", "--out", tmp_path / "o").stdout)["model"].startswith("narrator-")


def test_a_merged_report_links_to_briefs_wherever_they_are(tmp_path, cli, inputs):
    shards = [tmp_path / "s1", tmp_path / "s2"]
    for k, d in enumerate(shards, 1):
        assert cli("batch", inputs, "-a", "legal", "-f", "md,json", "--shard", f"{k}/2", "--out", d).exit_code == 0
    merged = tmp_path / "merged"
    r = cli("batch", "--merge-summaries", *shards, "--out", merged, "--report", "html")
    assert r.exit_code == 0, r.stderr
    links = links_of(merged / "index.html")
    assert len(links) == 3 * 3  # per brief: its name, then md and json
    assert all((merged / link).is_file() for link in links), links
    # Copied together as the README says: the report links the copies.
    for d in shards:
        shutil.copytree(d, merged, dirs_exist_ok=True)
    assert cli("batch", "--merge-summaries", *shards, "--out", merged, "--report", "html").exit_code == 0
    assert all(not link.startswith("..") and (merged / link).is_file() for link in links_of(merged / "index.html"))


def test_a_missing_path_counts_once_when_shard_summaries_are_merged(tmp_path, cli, inputs):
    missing = tmp_path / "gone.yaml"
    whole = tmp_path / "whole"
    assert cli("batch", inputs, missing, "-a", "legal", "--out", whole).exit_code == 2
    shards = [tmp_path / f"s{k}" for k in (1, 2, 3)]
    for k, d in enumerate(shards, 1):
        cli("batch", inputs, missing, "-a", "legal", "--shard", f"{k}/3", "--out", d)
    r = cli("batch", "--merge-summaries", *shards, "--out", tmp_path / "merged")
    merged = summary(tmp_path / "merged")
    for key in ("inputs", "invalid_files", "briefs", "generated", "invalid"):
        assert merged[key] == summary(whole)[key], key
    # The merged run ends as the whole run did: a bad input is exit 2 unless --skip-invalid.
    assert r.exit_code == 2 and r.stderr.count(f"{missing}:1: (file): no such file") == 1
    assert cli("batch", "--merge-summaries", *shards, "--skip-invalid").exit_code == 0


def test_shards_run_with_skip_invalid_merge_without_it(tmp_path, cli, inputs):
    missing = tmp_path / "gone.yaml"
    shards = [tmp_path / f"s{k}" for k in (1, 2)]
    for k, d in enumerate(shards, 1):
        assert cli("batch", inputs, missing, "-a", "legal", "--shard", f"{k}/2", "--out", d,
                   "--skip-invalid").exit_code == 0
    r = cli("batch", "--merge-summaries", *shards)
    assert r.exit_code == 0 and r.stderr.count(f"{missing}:1: (file): no such file") == 1
    # One shard that was not told to accept bad inputs: the merged run is not either.
    assert cli("batch", inputs, missing, "-a", "legal", "--shard", "2/2", "--out", shards[1]).exit_code == 2
    assert cli("batch", "--merge-summaries", *shards).exit_code == 2


def test_a_summary_that_is_not_json_is_named_with_its_line(tmp_path, cli):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "summary.json").write_text('{\n  "briefs": 1,\n  oops\n}\n', encoding="utf-8")
    r = cli("batch", "--merge-summaries", tmp_path / "s")
    assert r.exit_code == 2
    assert f"{tmp_path / 's' / 'summary.json'}:3: (syntax):" in r.stderr


def test_every_kind_of_bad_file_is_named_on_one_line_and_the_good_ones_still_run(tmp_path, cli, inputs):
    (inputs / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    (inputs / "blob.json").write_bytes(bytes(range(256)))
    (inputs / "ci.yml").write_text("name: ci\non: push\njobs: {}\n", encoding="utf-8")
    (inputs / "gone.yaml").symlink_to(tmp_path / "deleted.yaml")
    out = tmp_path / "o"
    r = cli("batch", inputs, "-a", "legal", "--out", out)
    assert r.exit_code == 2
    lines = r.stderr.splitlines()
    for name, where in [("empty.yaml", ":1: (document): the file is empty"), ("blob.json", ":2: (file): not UTF-8"),
                        ("ci.yml", ":1: (document): not a findings document"), ("gone.yaml", ":1: (file): no such file")]:
        assert sum(name in line for line in lines) == 1, (name, r.stderr)
        assert any(f"{inputs / name}{where}" in line for line in lines), (name, r.stderr)
    assert "4 input(s) invalid" in r.stderr
    assert sorted(p.name for p in out.glob("*.md")) == ["agent.legal.md", "credit.legal.md", "sentiment.legal.md"]


def test_a_file_named_several_ways_is_briefed_once(tmp_path, cli, inputs, monkeypatch):
    (inputs / "alias.yaml").symlink_to(inputs / "credit.yaml")
    monkeypatch.chdir(tmp_path)
    r = cli("batch", "findings", "findings/", "./findings/credit.yaml", *sorted(inputs.glob("*.yaml")),
            "findings/*.yaml", "-a", "legal", "--out", "o")
    assert r.exit_code == 0, r.stderr
    s = summary(tmp_path / "o")
    assert (s["inputs"], s["briefs"], s["generated"]) == (3, 3, 3)
    assert sorted(i["key"] for i in s["items"]) == ["agent.legal", "credit.legal", "sentiment.legal"]


def test_the_report_escapes_names_and_titles_and_its_links_resolve(tmp_path, cli, inputs):
    text = (inputs / "credit.yaml").read_text(encoding="utf-8")
    (inputs / "credit.yaml").unlink()
    (inputs / "a<b>&c.yaml").write_text(text.replace("  name: ", "  name: <script>alert(1)</script> ", 1),
                                        encoding="utf-8")
    out = tmp_path / "o"
    assert cli("batch", inputs, "-a", "legal", "-f", "html,md", "--out", out, "--report", "html").exit_code == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "a&lt;b&gt;&amp;c" in page
    links = links_of(out / "index.html")
    assert "a<b>&c.legal.html" in links and all((out / link).is_file() for link in links)
    assert "<script>alert" not in (out / "a<b>&c.legal.html").read_text(encoding="utf-8")


def test_batch_takes_every_option_generate_takes():
    import click

    from engine.cli import cli

    def names(command: str) -> set[str]:
        return {o for p in cli.get_command(click.Context(cli), command).params for o in p.opts if o.startswith("-")}

    assert names("generate") <= names("batch")


def test_piped_output_has_no_progress_bar_and_still_ends_with_the_summary(tmp_path, inputs):
    import subprocess

    from tests.crash_harness import riskbrief_command

    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    env.pop("FORCE_COLOR", None)
    done = subprocess.run([*riskbrief_command(), "batch", str(inputs), "-a", "legal", "--out", str(tmp_path / "o")],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\r" not in done.stdout and "briefs/s" in done.stdout
    for row in ("generated", "skipped", "cached", "failed", "faithfulness pass", "faithfulness fail", "requests",
                "tokens", "cost", "wall time"):
        assert row in done.stdout, row
    assert done.stderr == ""
