"""`riskbrief export BRIEF.json`: a saved brief rendered again, with no model and no findings file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from tests.conftest import EXAMPLES

STEMS = ["sentiment", "credit", "agent"]


@pytest.fixture
def generated(tmp_path, cli) -> Path:
    """md, html and json briefs for every example, as `riskbrief generate` writes them."""
    out = tmp_path / "briefs"
    r = cli("generate", *[EXAMPLES / f"{s}.yaml" for s in STEMS], "-a", "executive", "-f", "md,html,json", "--out", out)
    assert r.exit_code == 0, r.stderr
    return out


def test_export_gives_the_bytes_generate_wrote(generated, tmp_path, cli, monkeypatch):
    # No provider may be called and no findings file read: make both impossible.
    monkeypatch.setenv("RISKBRIEF_PROVIDER", "openai")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9")
    again = tmp_path / "again"
    for stem in STEMS:
        r = cli("export", generated / f"{stem}.executive.json", "--format", "md,html,json", "--out", again)
        assert r.exit_code == 0, r.stderr
        assert r.stdout.splitlines() == [str(again / f"{stem}.executive.{ext}") for ext in ("md", "html", "json")]
    for stem in STEMS:
        for ext in ("md", "html", "json"):
            name = f"{stem}.executive.{ext}"
            assert (again / name).read_bytes() == (generated / name).read_bytes(), name
    html = (again / "credit.executive.html").read_text(encoding="utf-8")
    assert "class='risk-matrix'" in html and "class='tradeoff-chart'" in html


def test_export_prints_pdf_and_word_beside_the_brief_by_default(generated, cli):
    r = cli("export", generated / "credit.executive.json")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == [str(generated / "credit.executive.pdf"), str(generated / "credit.executive.docx")]
    brief = json.loads((generated / "credit.executive.json").read_text(encoding="utf-8"))
    pdf = PdfReader(generated / "credit.executive.pdf")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages)
    assert " ".join(brief["headline"].split()) in text and f"Page {len(pdf.pages)} of {len(pdf.pages)}" in text
    word = docx.Document(str(generated / "credit.executive.docx"))
    assert any(p.text == brief["headline"] for p in word.paragraphs)
    assert len(word.inline_shapes) == 2  # the risk matrix and the trade-off chart, from the brief's own data


def test_a_brief_saved_without_chart_data_exports_without_charts_and_says_so(generated, tmp_path, cli):
    data = json.loads((generated / "sentiment.executive.json").read_text(encoding="utf-8"))
    del data["figures"]
    old = tmp_path / "old.executive.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    r = cli("export", old, "--format", "html,docx", "--out", tmp_path / "o")
    assert r.exit_code == 0, r.stderr
    assert "no chart data" in r.stderr
    assert "risk-matrix" not in (tmp_path / "o" / "old.executive.html").read_text(encoding="utf-8")
    assert len(docx.Document(str(tmp_path / "o" / "old.executive.docx")).inline_shapes) == 0


def test_bad_brief_json_exits_2_naming_file_line_and_field(generated, tmp_path, cli):
    text = (generated / "agent.executive.json").read_text(encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), start=1) if '"headline":' in ln)
    bad = tmp_path / "bad.executive.json"
    bad.write_text(text.replace('"headline": "', '"headline": 7, "x": "', 1), encoding="utf-8")
    r = cli("export", bad, "--out", tmp_path / "o")
    assert r.exit_code == 2
    assert f"{bad}:{line}: headline: Input should be a valid string" in r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "o").exists()

    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "audience": "executive",\n  "headline": \n}\n', encoding="utf-8")
    r = cli("export", broken, "--out", tmp_path / "o")
    assert r.exit_code == 2 and f"{broken}:4: (syntax): invalid JSON" in r.stderr
    assert not (tmp_path / "o").exists()

    r = cli("export", generated / "agent.executive.json", "--format", "pdf,rtf", "--out", tmp_path / "o")
    assert r.exit_code == 2 and "unknown format 'rtf'" in r.stderr and not (tmp_path / "o").exists()


def test_export_refuses_an_unapproved_brief_or_the_wrong_audience(generated, tmp_path, cli):
    brief = generated / "sentiment.executive.json"
    r = cli("export", brief, "--approved-only", "--out", tmp_path / "o")
    assert r.exit_code == 2 and "not been approved" in r.stderr
    r = cli("export", brief, "--audience", "legal", "--out", tmp_path / "o")
    assert r.exit_code == 2 and "executive brief" in r.stderr
    assert not (tmp_path / "o").exists()


def test_printed_formats_come_from_batch_too(tmp_path, cli):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "agent.yaml").write_bytes((EXAMPLES / "agent.yaml").read_bytes())
    r = cli("batch", inputs, "-a", "executive", "-f", "json,pdf,docx", "--out", tmp_path / "out")
    assert r.exit_code == 0, r.stderr
    pdf = (tmp_path / "out" / "agent.executive.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and len(PdfReader(io.BytesIO(pdf)).pages) >= 1
    word = docx.Document(str(tmp_path / "out" / "agent.executive.docx"))
    headline = json.loads((tmp_path / "out" / "agent.executive.json").read_text(encoding="utf-8"))["headline"]
    assert any(p.text == headline for p in word.paragraphs)
