"""PDF and Word briefs: what a reader sees in them, read back from the files."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from functools import lru_cache
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from engine.pipeline import generate_brief, render_bytes
from engine.render.blocks import created_text
from engine.render import figures as figures_module
from schemas.loading import load_findings, load_text
from tests.conftest import EXAMPLES

STEMS = ["sentiment", "credit", "agent"]


@lru_cache(maxsize=None)
def printed(stem: str, audience: str = "executive"):
    """(brief, pdf bytes, docx bytes) for one example, made once per test run."""
    doc = load_findings(EXAMPLES / f"{stem}.yaml")
    brief = generate_brief(doc, audience, input_file=f"examples/{stem}.yaml")
    return brief, render_bytes(brief, doc, "pdf"), render_bytes(brief, doc, "docx")


def flat(text: str) -> str:
    """Text with line breaks and runs of spaces made single spaces (printed text wraps anywhere)."""
    return " ".join(text.split())


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def assert_reads_as_the_brief(pages: list[str], brief) -> None:
    text = flat(" ".join(pages))
    assert flat(brief.headline) in text
    assert brief.caveats
    for caveat in brief.caveats:
        assert flat(caveat) in text, caveat
    for section in brief.sections:
        assert flat(section.title) in text
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        footer = flat(page)
        assert f"Page {n} of {total}" in footer
        assert brief.provenance.input_hash in footer
        assert f"Provider {brief.provenance.provider} ({brief.provenance.model})" in footer
        assert created_text(brief.provenance.created_at) in footer


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_text_has_headline_caveats_page_numbers_and_provenance(stem):
    brief, pdf, _ = printed(stem)
    assert pdf.startswith(b"%PDF-")
    assert_reads_as_the_brief(pdf_pages(pdf), brief)


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_pages_render_to_pictures_and_read_back_with_poppler(stem, tmp_path):
    if not (shutil.which("pdftoppm") and shutil.which("pdftotext")):
        pytest.skip("pdftoppm/pdftotext not installed (poppler-utils; `.ci/install-system-packages` installs it)")
    brief, pdf, _ = printed(stem)
    path = tmp_path / f"{stem}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True, timeout=120)
    pictures = sorted(tmp_path.glob("page-*.png"))
    pages = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], check=True, timeout=60,
                            capture_output=True, text=True).stdout for n in range(1, len(pictures) + 1)]
    assert len(pictures) == len(PdfReader(path).pages) >= 1
    for png in pictures:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert_reads_as_the_brief(pages, brief)


@pytest.mark.parametrize("stem", STEMS)
def test_word_brief_reads_back_with_headline_caveats_pictures_and_footer(stem):
    brief, _, data = printed(stem)
    word = docx.Document(io.BytesIO(data))
    body = flat(" ".join(p.text for p in word.paragraphs))
    assert flat(brief.headline) in body
    for caveat in brief.caveats:
        assert flat(caveat) in body, caveat
    # The risk matrix, then one chart per trade-off.
    doc = load_findings(EXAMPLES / f"{stem}.yaml")
    assert len(word.inline_shapes) == 1 + len(doc.tradeoffs)
    footer = word.sections[0].footer
    footer_text = flat(" ".join(p.text for p in footer.paragraphs))
    assert brief.provenance.input_hash in footer_text and created_text(brief.provenance.created_at) in footer_text
    assert f"Provider {brief.provenance.provider}" in footer_text
    fields = " ".join(footer._element.xpath(".//w:instrText/text()"))
    assert "PAGE" in fields and "NUMPAGES" in fields and footer_text.endswith("Page 1 of 1")


def test_the_same_brief_gives_the_same_bytes():
    brief, pdf, word = printed("credit")
    doc = load_findings(EXAMPLES / "credit.yaml")
    figures_module._pictures.cache_clear()  # draw the charts again, too
    assert render_bytes(brief, doc, "pdf") == pdf
    assert render_bytes(brief, doc, "docx") == word


def test_document_dates_come_from_the_brief_not_the_clock():
    brief, _, _ = printed("sentiment")
    dated = brief.model_copy(deep=True)
    dated.provenance.created_at = "2026-03-04T05:06:07Z"
    pdf = render_bytes(dated, None, "pdf")
    assert re.search(rb"/CreationDate \(D:20260304050607", pdf)
    word = render_bytes(dated, None, "docx")
    props = docx.Document(io.BytesIO(word)).core_properties
    assert props.created.isoformat().startswith("2026-03-04T05:06:07")
    assert {info.date_time for info in zipfile.ZipFile(io.BytesIO(word)).infolist()} == {(2026, 3, 4, 5, 6, 6)}


def with_title(title: str) -> str:
    return (EXAMPLES / "sentiment.yaml").read_text(encoding="utf-8").replace(
        "title: Accuracy collapses on short sarcastic posts", f"title: {title}")


def test_findings_text_prints_literally_never_as_markup():
    doc = load_text(with_title('"<b>x</b> & <script> &amp; <para> &#60;i>"'), "hostile.yaml")
    brief = generate_brief(doc, "engineering")
    literal = "<b>x</b> & <script> &amp; <para> &#60;i>"
    assert literal in flat(" ".join(pdf_pages(render_bytes(brief, doc, "pdf"))))
    word = docx.Document(io.BytesIO(render_bytes(brief, doc, "docx")))
    assert literal in " ".join(p.text for p in word.paragraphs)


def test_non_latin_text_and_control_characters_print():
    title = "Ünïcödé Ærøskøbing, 日本語の投稿, العربية"
    doc = load_text(with_title(f'"{title} \\x07 bell"'), "scripts.yaml")
    brief = generate_brief(doc, "legal")
    assert "\x07" in brief.headline  # the narrator keeps it; the printed formats must cope
    pdf_text = flat(" ".join(pdf_pages(render_bytes(brief, doc, "pdf"))))
    assert "nïcödé Ærøskøbing," in pdf_text and "bell" in pdf_text
    body = " ".join(p.text for p in docx.Document(io.BytesIO(render_bytes(brief, doc, "docx"))).paragraphs)
    assert title[1:] in body and "\x07" not in body


def test_a_brief_without_chart_data_prints_without_charts():
    brief, _, _ = printed("credit")
    bare = brief.model_copy(update={"figures": None})
    word = docx.Document(io.BytesIO(render_bytes(bare, None, "docx")))
    assert len(word.inline_shapes) == 0
    assert flat(brief.headline) in flat(" ".join(pdf_pages(render_bytes(bare, None, "pdf"))))


def test_fonts_come_from_matplotlib():
    import matplotlib

    from engine.render.fonts import FACES, font_file

    data = Path(matplotlib.get_data_path())
    for face in FACES:
        assert font_file(face).is_file() and data in font_file(face).parents


def test_panels_longer_than_a_page_flow_on():
    from schemas.brief import Section, Sentence

    brief, _, _ = printed("agent")
    caveats = [f"Caveat number {i} about the evidence behind the agent findings." for i in range(120)]
    long = brief.model_copy(update={
        "headline": " ".join(["Approve the launch only with the guardrails in place."] * 60),
        "sections": [s for s in brief.sections if s.id != "caveats"]
        + [Section(id="caveats", title="Caveats", sentences=[Sentence(text=c, sources=["F1"]) for c in caveats])],
        "caveats": caveats,
    })
    long.provenance.input_file = "/home/someone/" + "deep/" * 40 + "a-findings-file-with-a-long-name" * 6 + ".yaml"
    pages = pdf_pages(render_bytes(long, None, "pdf"))
    text = flat(" ".join(pages))
    assert len(pages) >= 4
    assert all(c in text for c in caveats)
    # The footer names the file, not where it lives, shortened to leave room for the page number.
    assert "/home/someone" not in text and "…" in text
    assert f"Page {len(pages)} of {len(pages)}" in flat(pages[-1])


def test_a_tall_chart_is_scaled_to_fit_the_page():
    from docx.shared import Cm

    doc = load_findings(EXAMPLES / "credit.yaml")
    wide = doc.model_copy(deep=True)
    for option in wide.tradeoffs[0].options:
        option.metrics = [m.model_copy(update={"id": f"m{i}", "name": f"quality {i}"})
                          for m in option.metrics for i in range(14)]
    brief = generate_brief(wide, "executive")
    word = docx.Document(io.BytesIO(render_bytes(brief, wide, "docx")))
    chart = word.inline_shapes[1]
    assert chart.height <= Cm(15) + 1 and chart.width < Cm(17)  # narrowed to keep its shape
    assert len(pdf_pages(render_bytes(brief, wide, "pdf"))) >= 2
