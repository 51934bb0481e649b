"""`--report html` as a reader sees it: every brief linked with its score, and every input that was not read."""

from __future__ import annotations

import html
import re
import shutil
from urllib.parse import unquote

from tests.conftest import EXAMPLES


def page_text(page: str) -> str:
    """The page's visible text, one table row or paragraph a line."""
    body = page.split("<body>", 1)[1]
    body = re.sub(r"<(tr|p|h1|h2|li)\b[^>]*>", "\n", body)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_the_report_lists_the_invalid_inputs_beside_every_brief(tmp_path, cli):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(EXAMPLES / "credit.yaml", inputs / "crédit <b>&.yaml")
    shutil.copy(EXAMPLES / "agent.yaml", inputs)
    (inputs / "broken.yaml").write_text("schema_version: 1\nsystem: {name: X}\nfindings:\n  - id: F1\n    title: t\n"
                                        "    category: nonsense\n    summary: s\n", encoding="utf-8")
    (inputs / "workflow.yml").write_text("name: CI\non: push\n", encoding="utf-8")
    out = tmp_path / "o"
    r = cli("batch", inputs, "-a", "executive,legal", "-f", "md,html", "--out", out, "--report", "html",
            "--skip-invalid")
    assert r.exit_code == 0, r.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    text = page_text(page)
    for stem in ("crédit <b>&", "agent"):
        for audience in ("executive", "legal"):
            row = next(line for line in text.splitlines() if f"{stem} · {audience}" in line)
            assert "1.00" in row and "pass" in row, row
    links = [unquote(h) for h in re.findall(r'href="([^"]+)"', page)]
    assert "crédit <b>&.executive.html" in links and all((out / link).is_file() for link in links)
    assert "<b>&" not in page  # the file name is text, not markup
    # The two files that were not read are on the page too, each with its line and field.
    assert "2 inputs not read" in text
    assert re.search(r"broken\.yaml:6: findings\[0\]\.category: .*nonsense", text), text
    assert "workflow.yml:1: (document): not a findings document" in text


def test_briefs_that_failed_the_gate_are_listed_in_order_on_stderr(tmp_path, cli):
    from engine.providers.base import tool_name
    from engine.providers.fake import reset_shared
    from tests.llm_replies import UNFAITHFUL
    from tests.test_batch_model import sentiment_copies

    inputs = sentiment_copies(tmp_path / "in", 4)
    reset_shared(lambda messages, schema: UNFAITHFUL[tool_name(schema)])
    try:
        r = cli("batch", inputs, "-a", "executive,legal", "--provider", "fake", "--concurrency", "8",
                "--out", tmp_path / "o")
    finally:
        reset_shared()
    assert r.exit_code == 1
    listed = [line.split(":")[1].strip() for line in r.stderr.splitlines() if line.startswith("riskbrief: s")]
    assert len(listed) == 8 and listed == sorted(listed), listed


def test_a_file_name_with_a_line_break_stays_on_its_problem_line(tmp_path, cli):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(EXAMPLES / "agent.yaml", inputs)
    (inputs / "bad\nname.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    r = cli("batch", inputs, "-a", "executive", "--out", tmp_path / "o", "--report", "html")
    assert r.exit_code == 2
    problems = [line for line in r.stderr.splitlines() if "name.yaml" in line]
    assert problems == [f"{inputs}/bad\\nname.yaml:1: system: required field is missing",
                        f"{inputs}/bad\\nname.yaml:1: findings: required field is missing"]
