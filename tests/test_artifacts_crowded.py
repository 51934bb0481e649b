"""Risk pictures for documents far from the examples: many findings, none of them assessed."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

from PIL import Image

from engine.artifacts.matrix_chart import risk_matrix_picture
from engine.render.matrix_svg import risk_matrix_svg
from schemas.loading import load_text

SVG = "{http://www.w3.org/2000/svg}"


def _doc(n: int, likelihood: bool):
    rows = "".join(
        f"  - {{id: R{i:02d}, title: Risk {i}, category: security, severity: high,"
        f"{' likelihood: likely,' if likelihood else ''} summary: s}}\n" for i in range(1, n + 1))
    return load_text(f"schema_version: 1\nsystem: {{name: Claims triage}}\nfindings:\n{rows}")


def _png_width(data: bytes) -> int:
    return Image.open(io.BytesIO(data)).size[0]


def test_many_unassessed_findings_keep_the_picture_its_width():
    # 30 findings with no likelihood once made a 5,700-pixel-wide strip with the grid a speck in it.
    plain = _png_width(risk_matrix_picture(_doc(3, likelihood=True), "png"))
    crowded = risk_matrix_picture(_doc(30, likelihood=False), "png")
    assert _png_width(crowded) <= plain * 1.1


def test_inline_svg_wraps_the_unassessed_list_inside_its_box_and_names_every_finding_or_counts_it():
    svg = risk_matrix_svg(_doc(30, likelihood=False))
    root = ET.fromstring(svg)
    width = float(root.get("width"))
    notes = [t.text for t in root.iter(f"{SVG}text") if t.text and ("(no likelihood)" in t.text or "more" in t.text)]
    assert len(notes) >= 2
    # 12-pixel text: about 6.5 pixels a character in the browser's sans-serif face.
    assert all(len(line) * 6.5 <= width for line in notes), notes
    text = " ".join(notes)
    named = [f"R{i:02d}" for i in range(1, 31) if f"R{i:02d} (no likelihood)" in text]
    assert named == [f"R{i:02d}" for i in range(1, len(named) + 1)]
    if len(named) < 30:
        assert f"and {30 - len(named)} more not yet assessed" in text
    # Every line sits inside the picture.
    ys = [float(t.get("y")) for t in root.iter(f"{SVG}text") if t.text in notes]
    assert max(ys) < float(root.get("height"))


def _tradeoff(name_b: str):
    doc = load_text(f"""\
schema_version: 1
system: {{name: Feed}}
findings: [{{id: F1, title: t, category: performance, summary: s}}]
tradeoffs:
  - id: T1
    question: Which objective?
    options:
      - {{id: A, name: Clicks, metrics: [{{id: ret, name: retention, value: 41, unit: percent}}]}}
      - {{id: B, name: "{name_b}", metrics: [{{id: ret, name: retention, value: 45, unit: percent}}]}}
    recommendation: B
""")
    return doc.tradeoffs[0]


def test_a_long_option_name_wraps_beside_its_bar_instead_of_widening_the_chart():
    from engine.artifacts.tradeoff_chart import tradeoff_picture

    short = _png_width(tradeoff_picture(_tradeoff("Balanced"), "png"))
    long = _png_width(tradeoff_picture(_tradeoff(
        "Balanced engagement and retention objective with a diversity constraint on every slate"), "png"))
    assert long <= short * 1.05


def test_a_long_system_name_wraps_inside_the_inline_matrix():
    name = "Automated underwriting and claims triage model for small-business commercial property insurance"
    doc = load_text(f"schema_version: 1\nsystem: {{name: {name}}}\nfindings:\n"
                    "  - {id: F1, title: t, category: security, severity: high, likelihood: likely, summary: s}\n")
    root = ET.fromstring(risk_matrix_svg(doc))
    width = float(root.get("width"))
    texts = list(root.iter(f"{SVG}text"))
    heads = [t for t in texts if t.get("font-size") == "15"]
    # 15-pixel bold text: about 8.5 pixels a character; centred, so each line must fit the picture.
    assert all(len(t.text) * 8.5 <= width for t in heads), [t.text for t in heads]
    assert " ".join(t.text for t in heads) == f"Risk matrix: {name}"
    # The grid moved down to make room: no cell label sits above the last title line.
    lowest_title = max(float(t.get("y")) for t in heads)
    rects = [float(r.get("y")) for r in root.iter(f"{SVG}rect") if r.get("width") == "104"]
    assert min(rects) > lowest_title
