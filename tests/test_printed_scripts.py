"""Names in Polish, Turkish, Greek, Chinese and Japanese in printed briefs and risk pictures."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest
from pypdf import PdfReader

from engine.pipeline import generate_brief, render_bytes
from engine.render.fonts import fallback_font_file
from schemas.loading import load_findings

DATA = Path(__file__).parent / "data" / "acceptance"
LATIN_GREEK = ["Zofia Łukasiewicz-Øberg", "Şükrü Öztürk", "Δημήτρης Παπαδόπουλος", "Ilse Ñúñez-Ångström"]
CJK = ["胸部X線トリアージ", "佐藤 花子", "Radiology AI 部門"]


def _pdf_text(stem: str, audience: str) -> str:
    doc = load_findings(DATA / f"{stem}.yaml")
    brief = generate_brief(doc, audience, input_file=f"{stem}.yaml")
    pdf = render_bytes(brief, doc, "pdf")
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split()), brief


def test_accented_latin_and_greek_names_print_as_written():
    text, brief = _pdf_text("resume_ranker", "legal")
    named = [n for n in LATIN_GREEK if any(n in s.text for sec in brief.sections for s in sec.sentences)]
    assert named
    for name in named:
        assert name in text, name


@pytest.mark.skipif(fallback_font_file() is None,
                    reason="no CJK TrueType font on this machine (fonts-droid-fallback; .ci/install-system-packages installs it)")
def test_cjk_names_print_with_the_fallback_font():
    text, brief = _pdf_text("xray_triage", "executive")
    said = " ".join(s.text for sec in brief.sections for s in sec.sentences) + brief.title
    named = [n for n in CJK if n in said]
    assert "胸部X線トリアージ" in named
    for name in named:
        assert name in text, name


@pytest.mark.parametrize("with_fallback", [True, False])
def test_risk_picture_of_a_cjk_system_raises_no_font_warnings(with_fallback, monkeypatch):
    # Without a CJK font matplotlib warns once per missing glyph: a user saw eight 'UserWarning' lines
    # with source code in them. The picture shows boxes then, as the README says, and nothing is printed.
    from engine.artifacts.matrix_chart import risk_matrix_picture
    from engine.render import fonts

    if not with_fallback:
        monkeypatch.setattr(fonts, "fallback_family", lambda: None)
    elif fallback_font_file() is None:
        pytest.skip("no CJK TrueType font on this machine")
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        png = risk_matrix_picture(load_findings(DATA / "xray_triage.yaml"), "png")
    assert png.startswith(b"\x89PNG")
    assert [str(w.message) for w in seen] == []
