"""Every brief the offline narrator writes is fully supported, as JSON and as rendered Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.faithfulness import check_brief
from schemas.audience import load_profile
from schemas.loading import load_findings

narrator = pytest.importorskip("engine.narrator", reason="the offline narrator is not installed")
ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ("sentiment", "credit", "agent")
AUDIENCES = ("executive", "legal", "product", "engineering")


@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("audience", AUDIENCES)
def test_offline_narrator_briefs_are_fully_supported(example, audience):
    doc = load_findings(ROOT / "examples" / f"{example}.yaml")
    brief = narrator.narrate(doc, load_profile(audience))
    result = check_brief(doc, brief)
    assert [(c.error, c.text) for c in result.failing] == []
    assert result.score == 1.0 and result.passed
    assert result.missing_caveats == []
    assert len(result.claims) >= 10  # the narrator's prose is checked, not skipped as framing


@pytest.mark.parametrize("example", EXAMPLES)
def test_rendered_markdown_is_fully_supported_too(example):
    render = pytest.importorskip("engine.render.markdown", reason="the Markdown renderer is not installed")
    doc = load_findings(ROOT / "examples" / f"{example}.yaml")
    for audience in AUDIENCES:
        text = render.render_markdown(narrator.narrate(doc, load_profile(audience)))
        result = check_brief(doc, text)
        assert [(c.error, c.text) for c in result.failing] == [] and result.missing_caveats == [], audience
