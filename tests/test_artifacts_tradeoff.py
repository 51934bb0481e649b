"""Trade-off: framing per audience from the brief's options section, charts as SVG and PNG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.artifacts.tradeoff_chart import OTHER, RECOMMENDED, chart_model, tradeoff_chart_svg
from engine.cli import cli
from schemas.loading import load_findings, load_text

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SVG = "{http://www.w3.org/2000/svg}"
THREE = """
schema_version: 1
system: {name: Feed ranker}
findings:
  - {id: F1, title: Engagement bait ranks high, category: safety, summary: s}
tradeoffs:
  - id: T1
    question: Which ranking do we ship?
    criteria: [engagement, retention, wellbeing]
    options:
      - id: A
        name: Engagement-first
        metrics:
          - {id: eng, name: daily engagement, value: 42, unit: percent}
          - {id: ret, name: 90-day retention, value: 61, unit: percent}
        cons: [Promotes outrage]
      - id: B
        name: Balanced
        metrics:
          - {id: eng, name: daily engagement, value: 38, unit: percent}
          - {id: ret, name: 90-day retention, value: 66, unit: percent}
      - id: C
        name: Chronological
        metrics:
          - {id: ret, name: 90-day retention, value: 58, unit: percent}
"""


def test_credit_writes_framing_and_charts(tmp_path):
    r = CliRunner().invoke(cli, ["tradeoff", str(EXAMPLES / "credit.yaml"), "--out", str(tmp_path)],
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    md = (tmp_path / "credit.T1.md").read_text()
    for audience in ("executive", "legal", "product", "engineering"):
        assert f"## For the {audience} reader:" in md
    assert "The recommendation is option B, the scorecard" in md
    assert "[T1, T1.B]" in md  # every line keeps its sources
    assert (tmp_path / "credit.T1.png").read_bytes()[:4] == b"\x89PNG"
    svg = (tmp_path / "credit.T1.svg").read_text()
    assert "Which credit model do we deploy?" in svg and "Recommended" in svg


def test_framing_to_stdout_for_chosen_audiences():
    r = CliRunner().invoke(cli, ["tradeoff", str(EXAMPLES / "credit.yaml"), "--audience", "legal"])
    assert r.exit_code == 0
    assert "## For the legal reader:" in r.output and "executive reader" not in r.output


@pytest.mark.parametrize("name", ["sentiment", "agent"])
def test_no_tradeoffs_is_a_clear_error(name, tmp_path):
    r = CliRunner().invoke(cli, ["tradeoff", str(EXAMPLES / f"{name}.yaml"), "--out", str(tmp_path)])
    assert r.exit_code == 2 and "no `tradeoffs` entry" in r.output
    assert list(tmp_path.iterdir()) == []


def test_unknown_audience_exit_2():
    r = CliRunner().invoke(cli, ["tradeoff", str(EXAMPLES / "credit.yaml"), "--audience", "nobody"])
    assert r.exit_code == 2 and "unknown audience" in r.output


def test_inline_svg_marks_recommended_and_unmeasured_criteria():
    doc = load_findings(EXAMPLES / "credit.yaml")
    svg = tradeoff_chart_svg(doc.tradeoffs[0])
    root = ET.fromstring(svg)
    bars = {r.find(f"{SVG}title").text: r.get("fill") for r in root.iter(f"{SVG}rect")}
    assert bars == {"A · Gradient-boosted ensemble: 86%": OTHER, "B · Scorecard: 84%": RECOMMENDED}
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Not measured, judged from the gains and costs: explainability, fairness." in texts
    assert "+ Every decision has reason codes" in texts and "− Less accurate" in texts


def test_bars_start_at_zero_and_scale_honestly():
    doc = load_findings(EXAMPLES / "credit.yaml")
    svg = ET.fromstring(tradeoff_chart_svg(doc.tradeoffs[0]))
    widths = {r.find(f"{SVG}title").text[0]: float(r.get("width")) for r in svg.iter(f"{SVG}rect")}
    # On a 0-100 axis, 86% against 84% are bars of nearly equal length.
    assert widths["A"] / widths["B"] == pytest.approx(86 / 84)


def test_three_options_missing_metric_and_no_recommendation():
    doc = load_text(THREE)
    m = chart_model(doc.tradeoffs[0])
    assert [p.title for p in m.panels] == ["daily engagement (higher is better)", "90-day retention (higher is better)"]
    assert [b.label for b in m.panels[0].bars] == ["42%", "38%", "not measured"]
    assert "The findings recommend no option." in m.footnotes
    assert "Not measured, judged from the gains and costs: wellbeing." in m.footnotes
    ET.fromstring(tradeoff_chart_svg(doc.tradeoffs[0]))
    from engine.artifacts.tradeoff_chart import tradeoff_picture

    assert tradeoff_picture(doc.tradeoffs[0], "png")[:4] == b"\x89PNG"


def test_svg_picture_is_byte_stable():
    from engine.artifacts.tradeoff_chart import tradeoff_picture

    doc = load_findings(EXAMPLES / "credit.yaml")
    assert tradeoff_picture(doc.tradeoffs[0], "svg") == tradeoff_picture(doc.tradeoffs[0], "svg")


LONG_NAMES = """
schema_version: 1
system: {name: Resume screen}
findings:
  - {id: F1, title: Shortlist rates differ, category: fairness, summary: s}
tradeoffs:
  - id: T1
    question: How should graduate applicants be screened this season?
    options:
      - {id: keep, name: Keep the model screen as it is today, pros: [Lowest recruiter workload]}
      - {id: blind, name: Model screen with gender proxies removed, pros: [Expected to narrow the gap]}
      - {id: manual, name: Manual screening by the recruiting team, cons: [Four times the recruiter time]}
    recommendation: blind
"""


def test_long_option_headings_do_not_run_into_each_other():
    from engine.artifacts.charts import drawn
    from engine.artifacts.tradeoff_chart import tradeoff_figure

    t = load_text(LONG_NAMES).tradeoffs[0]
    fig = tradeoff_figure(t)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    heads = sorted((x for x in fig.texts if x.get_fontsize() == 10.5), key=lambda x: x.get_position()[0])
    assert len(heads) == 3 and "★ Recommended" in heads[1].get_text()
    boxes = [h.get_window_extent(renderer) for h in heads]
    assert all(a.x1 < b.x0 for a, b in zip(boxes, boxes[1:]))
    assert drawn(lambda: tradeoff_figure(t), "png")[:4] == b"\x89PNG"
    # the inline SVG wraps the same headings over its columns
    svg = tradeoff_chart_svg(t)
    heads = [e.text for e in ET.fromstring(svg).iter(f"{SVG}text") if e.get("font-size") == "12"]
    assert "★ Recommended" in heads and len(heads) > 4
    assert all(len(h) <= 30 for h in heads), heads
