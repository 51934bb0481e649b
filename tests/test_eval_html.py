"""`riskbrief eval` on HTML briefs: read as the page's text, not its markup; escaped Markdown brackets stay text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from evals.faithfulness.html_text import html_to_text
from evals.faithfulness.text import plain_inline

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("example", ["sentiment", "credit"])
def test_an_html_brief_checks_the_same_claims_as_its_markdown(tmp_path, example):
    doc = str(ROOT / "examples" / f"{example}.yaml")
    assert _run("generate", doc, "-a", "executive,legal", "-f", "html,md", "-o", str(tmp_path)).exit_code == 0
    for audience in ("executive", "legal"):
        out = {}
        for fmt in ("html", "md"):
            r = _run("eval", "--findings", doc, str(tmp_path / f"{example}.{audience}.{fmt}"), "--json")
            assert r.exit_code == 0, r.output
            out[fmt] = json.loads(r.output)
        # the same sentences, and nothing of the page's style, pictures or source markers
        assert [c["text"] for c in out["html"]["claims"]] == [c["text"] for c in out["md"]["claims"]]


def test_a_wrong_figure_in_an_html_brief_fails_with_its_code(tmp_path):
    doc = str(ROOT / "examples" / "sentiment.yaml")
    _run("generate", doc, "-a", "executive", "-f", "html", "-o", str(tmp_path))
    page = tmp_path / "sentiment.executive.html"
    html = page.read_text(encoding="utf-8")
    assert "65%" in html
    page.write_text(html.replace("65%", "75%"), encoding="utf-8")
    r = _run("eval", "--findings", doc, str(page))
    assert r.exit_code == 1
    assert "[number] contradicted:" in r.output and "75%" in r.output and "<" not in r.output.split("contradicted:")[1].splitlines()[0]


def test_html_to_text_keeps_headings_bullets_and_table_rows_and_drops_the_rest():
    page = """<!DOCTYPE html><html><head><title>T</title><style>p { color: red }</style></head><body>
    <h2>What we found</h2><p>Accuracy is 65%<span class="src">F1</span> on short posts.<br>Owner: the ML team.</p>
    <script>alert(1)</script><figure><svg><text>Likely</text></svg><figcaption>How likely each is.</figcaption></figure>
    <ul><li>Retrain by <b>30 June</b>.</li></ul>
    <table><tr><th>Population</th><th>Accuracy</th></tr><tr><td>Short posts</td><td>65%</td></tr></table>
    </body></html>"""
    assert html_to_text(page).splitlines() == [
        "## What we found", "", "Accuracy is 65% on short posts.", "", "Owner: the ML team.", "",
        "- Retrain by 30 June.", "", "| Population | Accuracy |", "", "| Short posts | 65% |",
    ]


def test_bracketed_text_escaped_in_a_markdown_brief_is_read_as_written(tmp_path):
    doc = tmp_path / "scan.yaml"
    doc.write_text(
        "schema_version: 1\nsystem:\n  name: Code scanner\nfindings:\n  - id: F1\n"
        "    title: \"Tainted [user-provided value](1) reaches a SQL query at line 42\"\n"
        "    category: security\n    severity: high\n"
        "    summary: \"A [user-provided value](1) flows into db.execute without escaping.\"\n"
        "    owner: AppSec team\n    status: open\n", encoding="utf-8")
    assert _run("generate", str(doc), "-a", "all", "-f", "md", "-o", str(tmp_path / "out")).exit_code == 0
    for md in sorted((tmp_path / "out").glob("*.md")):
        assert "\\[user-provided value\\](1)" in md.read_text(encoding="utf-8")
        r = _run("eval", "--findings", str(doc), str(md))
        assert r.exit_code == 0, r.output
    # read as the finding's own words, where a real link keeps only its text
    assert plain_inline("Tainted \\[user-provided value\\](1) reaches") == "Tainted [user-provided value](1) reaches"
    assert plain_inline("See [the report](https://example.org/r) now") == "See the report now"
