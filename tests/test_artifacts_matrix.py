"""Risk matrix: terminal grid, SVG/PNG picture, and the inline SVG of the HTML brief."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.artifacts.matrix import BANDS, band, build_matrix
from engine.cli import cli
from engine.render.matrix_svg import risk_matrix_svg
from schemas.findings import Likelihood, Severity
from schemas.loading import load_findings, load_text

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NAMES = ["sentiment", "credit", "agent"]
SVG = "{http://www.w3.org/2000/svg}"

UNASSESSED = """
schema_version: 1
system: {name: Churn predictor}
findings:
  - {id: F1, title: Recall drops on annual plans, category: performance, severity: high, likelihood: likely,
     summary: s}
  - {id: F2, title: Scanner found an exposed key, category: security, summary: s}
  - {id: F3, title: Drift in spring, category: robustness, severity: medium, summary: s}
"""


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _cell_row(out: str, label: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(f"│ {label}"))


@pytest.mark.parametrize("name", NAMES)
def test_terminal_grid_puts_each_finding_in_its_cell(name):
    doc = load_findings(EXAMPLES / f"{name}.yaml")
    r = run("matrix", str(EXAMPLES / f"{name}.yaml"))
    assert r.exit_code == 0, r.output
    assert "How likely is it?" in r.output and "How bad would it be?" in r.output
    for f in doc.findings:
        cells = [c.strip() for c in _cell_row(r.output, {
            "almost_certain": "Almost certain"}.get(f.likelihood.value, f.likelihood.value.capitalize())).split("│")[2:-1]]
        col = list(Severity).index(f.severity)
        assert f.id in cells[col].split(), (f.id, cells)


def test_agent_critical_likely_is_very_high_risk():
    r = run("matrix", str(EXAMPLES / "agent.yaml"))
    assert "F1  No incident playbook for the agent's mistakes — critical impact, likely (very high risk)" in r.output


def test_unassessed_findings_are_listed_not_placed(tmp_path):
    p = tmp_path / "churn.yaml"
    p.write_text(UNASSESSED)
    r = run("matrix", str(p))
    assert r.exit_code == 0
    grid = r.output.split("Colour key")[0]
    assert "F2" not in grid and "F3" not in grid and "F1" in grid
    assert "F2  Scanner found an exposed key — severity and likelihood not yet assessed" in r.output
    assert "F3  Drift in spring — likelihood not yet assessed" in r.output
    svg = risk_matrix_svg(load_text(UNASSESSED))
    assert "Not yet assessed: F2 (no severity and likelihood), F3 (no likelihood)" in svg


def test_bands_rise_with_severity_and_likelihood():
    order = [b.name for b in BANDS]
    assert band(Likelihood.rare, Severity.low).name == "Low"
    assert band(Likelihood.almost_certain, Severity.critical).name == "Very high"
    for lk in Likelihood:
        ranks = [order.index(band(lk, s).name) for s in Severity]
        assert ranks == sorted(ranks, reverse=True)


@pytest.mark.parametrize("name", NAMES)
def test_inline_svg_is_valid_and_shows_same_cells_and_colours(name):
    doc = load_findings(EXAMPLES / f"{name}.yaml")
    svg = risk_matrix_svg(doc)
    root = ET.fromstring(svg)
    rects = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(rects) == 20
    m = build_matrix(doc)
    for f in doc.findings:
        rect = next(r for r in rects if f.id in r.find(f"{SVG}title").text.split("(")[-1])
        assert rect.get("fill") == band(f.likelihood, f.severity).fill
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert f"Risk matrix: {doc.system.name}" in texts
    assert sum(len(m.ids(lk, s)) for lk in Likelihood for s in Severity) == len(doc.findings)


def test_inline_svg_escapes_text():
    doc = load_text(UNASSESSED.replace("Churn predictor", "A <b> & 'C'"))
    svg = risk_matrix_svg(doc)
    ET.fromstring(svg)
    assert "<b>" not in svg


@pytest.mark.parametrize("fmt,magic", [("svg", b"<svg"), ("png", b"\x89PNG")])
def test_picture_written_with_o(tmp_path, fmt, magic):
    out = tmp_path / f"m.{fmt}"
    r = run("matrix", str(EXAMPLES / "credit.yaml"), "--format", fmt, "-o", str(out))
    assert r.exit_code == 0
    data = out.read_bytes()
    assert magic in data[:200]
    if fmt == "svg":
        # The picture uses the same colours as the inline SVG.
        fills = set(re.findall(r"fill: ?(#[0-9a-f]{6})", data.decode()))
        assert {b.fill for b in BANDS} <= fills
        assert "Risk matrix: Credit scoring model" in data.decode()


def test_picture_needs_o(tmp_path):
    r = CliRunner().invoke(cli, ["matrix", str(EXAMPLES / "credit.yaml"), "--format", "png"])
    assert r.exit_code == 2
    assert "-o PATH" in r.output


def test_bad_file_reports_line_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(UNASSESSED.replace("severity: high", "severity: huge"))
    out = tmp_path / "m.svg"
    r = CliRunner().invoke(cli, ["matrix", str(bad), "--format", "svg", "-o", str(out)])
    assert r.exit_code == 2
    assert f"{bad}:5: findings[0].severity" in r.output
    assert not out.exists()
