"""Markup in findings text renders inert: HTML, SVG and Markdown outputs.

The findings file plants scripts, event handlers, iframes, javascript: links
and Markdown links in every kind of text field. Each output is parsed (and the
Markdown rendered by a CommonMark renderer first) and must hold none of them
as live markup; the payload text must still be there, shown as text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import ROOT

HOSTILE = ROOT / "tests" / "data" / "hostile_markup.yaml"
LIVE_TAGS = {"script", "iframe", "object", "embed", "img", "a", "form", "base", "link", "meta", "b", "i"}


class _Markup(HTMLParser):
    """Every element and attribute of a page, and its visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Markup:
    p = _Markup()
    p.feed(html)
    p.close()
    return p


def assert_inert(html: str, *, allowed: set[str] = frozenset()) -> _Markup:
    page = parse(html)
    for tag, attrs in page.tags:
        assert tag not in LIVE_TAGS - allowed, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            assert "javascript:" not in (value or "").lower().replace(" ", ""), (tag, name, value)
    return page


def rendered_markdown(md: str) -> str:
    # CommonMark with raw HTML enabled, as GitHub-style viewers render it.
    return MarkdownIt("commonmark", {"html": True}).render(md)


@pytest.fixture(scope="module")
def briefs(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from engine.cli import cli

    out = tmp_path_factory.mktemp("briefs")
    r = CliRunner().invoke(cli, ["generate", str(HOSTILE), "-a", "all", "-f", "md,html,json", "--out", str(out)])
    # The planted markup may trip the faithfulness gate (exit 1); the briefs are still written.
    assert r.exit_code in (0, 1), r.output
    return out


@pytest.mark.parametrize("audience", ["executive", "legal", "product", "engineering"])
def test_html_brief_holds_no_live_markup_from_findings(briefs, audience):
    html = (briefs / f"hostile_markup.{audience}.html").read_text(encoding="utf-8")
    page = assert_inert(html, allowed={"meta"})
    metas = [a for t, a in page.tags if t == "meta"]
    assert all(a.get("http-equiv") or a.get("charset") or a.get("name") == "viewport" for a in metas)
    csp = next(a["content"] for a in metas if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp and "script-src" not in csp
    text = "".join(page.text)
    assert "<script>document.title='PWNED'</script>Refusals fail on jailbreaks" in text  # shown, not run


@pytest.mark.parametrize("audience", ["executive", "engineering"])
def test_markdown_brief_renders_without_html_or_links(briefs, audience):
    md = (briefs / f"hostile_markup.{audience}.md").read_text(encoding="utf-8")
    page = assert_inert(rendered_markdown(md))
    text = "".join(page.text)
    assert "[details](javascript:alert(1))" in text or "[support questions](javascript:alert(1))" in text
    assert "<script>document.title='PWNED'</script>" in text


def test_markdown_escaping_keeps_the_brief_faithful_to_its_json(briefs):
    from evals.faithfulness import check_file
    from schemas.loading import load_findings

    doc = load_findings(HOSTILE)
    md = check_file(doc, briefs / "hostile_markup.executive.md")
    js = check_file(doc, briefs / "hostile_markup.executive.json")
    # Escapes are read back as the characters they stand for: the same claims fail either way.
    assert sorted(c.text for c in md.claims if c.verdict.value != "supported") == \
        sorted(c.text for c in js.claims if c.verdict.value != "supported")


def test_risk_matrix_and_tradeoff_svg_are_inert(tmp_path, cli):
    r = cli("matrix", HOSTILE, "--format", "svg", "-o", tmp_path / "m.svg")
    assert r.exit_code == 0, r.output
    assert_inert((tmp_path / "m.svg").read_text(encoding="utf-8"))
    r = cli("tradeoff", HOSTILE, "--out", tmp_path)
    assert r.exit_code == 0, r.output
    svg = assert_inert((tmp_path / "hostile_markup.T1.svg").read_text(encoding="utf-8"))
    assert "Ship <script>alert(1)</script> now or later?" in "".join(svg.text)
    md = (tmp_path / "hostile_markup.T1.md").read_text(encoding="utf-8")
    page = assert_inert(rendered_markdown(md), allowed={"img"})
    assert [a["src"] for t, a in page.tags if t == "img"] == ["hostile_markup.T1.svg"]


@pytest.mark.parametrize("command", [("premortem",), ("datasheet",), ("modelcard", "--format", "hf")],
                         ids=["premortem", "datasheet", "modelcard-hf"])
def test_markdown_artifacts_are_inert(tmp_path, cli, command):
    r = cli(*command, HOSTILE, "-o", tmp_path / "a.md")
    assert r.exit_code == 0, r.output
    text = (tmp_path / "a.md").read_text(encoding="utf-8")
    if text.startswith("---\n"):  # a model card's YAML metadata is data, not Markdown
        text = text.split("\n---\n", 1)[1]
    page = assert_inert(rendered_markdown(text))
    assert "<" in "".join(page.text)  # the planted markup is still there, as text


def test_batch_report_index_is_inert(tmp_path, cli):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(HOSTILE, inputs / "hostile.yaml")
    r = cli("batch", inputs, "-a", "executive", "-f", "html", "--out", tmp_path / "out", "--report", "html")
    assert r.exit_code in (0, 1), r.output
    page = assert_inert((tmp_path / "out" / "index.html").read_text(encoding="utf-8"), allowed={"a", "meta"})
    assert all(not a["href"].lower().startswith("javascript") for t, a in page.tags if t == "a")


def _chromium() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def _dump_dom(browser: str, page: Path, profile: Path) -> str:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--dump-dom", page.resolve().as_uri()]
    env = {**os.environ, "HOME": str(profile)}
    return subprocess.run([browser, *flags], capture_output=True, text=True, timeout=120, env=env, check=True).stdout


def test_no_script_runs_in_a_real_browser(briefs, tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("Chromium is not installed (/usr/bin/chromium or `chromium` on PATH); the parser tests above still ran")
    # Control: the same browser does run a script that sets the title, so a clean result means something.
    control = tmp_path / "control.html"
    control.write_text("<!DOCTYPE html><html><head><title>clean</title></head><body>"
                       "<script>document.title='PWNED'</script></body></html>", encoding="utf-8")
    assert "<title>PWNED</title>" in _dump_dom(browser, control, tmp_path / "p1")
    dom = _dump_dom(browser, briefs / "hostile_markup.executive.html", tmp_path / "p2")
    title = dom.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("Chat &lt;script&gt;") and title != "PWNED"  # the system name, never the payload's title
    assert_inert(dom, allowed={"meta"})  # nothing was added to the page either
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;Refusals" in dom  # shown as text
