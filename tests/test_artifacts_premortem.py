"""Pre-mortem: stories grouped, tied to findings, signals, mitigations; no invented numbers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.artifacts.premortem import GROUP_ORDER, load_catalogue
from engine.cli import cli
from engine.errors import RiskbriefError
from schemas.loading import load_findings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NAMES = ["sentiment", "credit", "agent"]


def run(*args):
    r = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.output


def numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?", text))


def test_catalogue_has_no_numbers_and_covers_every_group():
    cat = load_catalogue()
    assert {m.group for m in cat.modes} == set(GROUP_ORDER)
    for m in cat.modes:
        assert not numbers(m.story + " ".join(m.signals) + m.title), m.id


@pytest.mark.parametrize("name", NAMES)
def test_every_story_is_tied_to_findings_and_numbers_come_from_them(name):
    doc = load_findings(EXAMPLES / f"{name}.yaml")
    data = json.loads(run("premortem", str(EXAMPLES / f"{name}.yaml"), "--json"))
    ids = {f.id for f in doc.findings}
    source_numbers = numbers((EXAMPLES / f"{name}.yaml").read_text())
    assert data["stories"]
    groups = [s["group"] for s in data["stories"]]
    assert groups == sorted(groups, key=GROUP_ORDER.index)
    for s in data["stories"]:
        assert s["findings"] and set(s["findings"]) <= ids
        assert s["early_warning_signals"]
        text = s["story"] + " ".join(s["early_warning_signals"])
        assert numbers(text) <= source_numbers, (s["mode"], numbers(text) - source_numbers)
    assert data["findings_without_story"] == []


def test_agent_stories_and_mitigations():
    data = json.loads(run("premortem", str(EXAMPLES / "agent.yaml"), "--json"))
    by_mode = {s["mode"]: s for s in data["stories"]}
    attack = by_mode["abuse_by_attackers"]
    assert attack["group"] == "security" and attack["findings"] == ["F2"]
    assert any("Filter tool calls against an allow-list (planned" in a for a in attack["addressed_by"])
    assert any("(the findings give 3.5%, F2.unsafe_rate)" in sig for sig in attack["early_warning_signals"])
    # F3 is slow and accepted with no action: told as such, with no mitigation invented.
    assert by_mode["service_degrades"]["addressed_by"] == []
    assert by_mode["accepted_and_forgotten"]["findings"] == ["F3"]
    md = run("premortem", str(EXAMPLES / "agent.yaml"))
    assert "It is six months after the launch of Customer support agent and it has failed. Why?" in md
    assert "- **Addressed by:** no mitigation yet" in md
    assert md.index("## People") < md.index("## Process") < md.index("## Security")


def test_sentiment_fix_due_after_deadline_is_a_story():
    data = json.loads(run("premortem", str(EXAMPLES / "sentiment.yaml"), "--json"))
    late = next(s for s in data["stories"] if s["mode"] == "fix_after_launch")
    assert late["findings"] == ["F2"]
    assert late["evidence"] == ["Decision deadline 2026-12-15; F2: Retrain the sarcasm flag on campaign-specific posts "
                                "(in progress, owner ML Platform, due 2027-01-15)"]


def test_no_owner_no_mitigation_and_closed(tmp_path):
    p = tmp_path / "f.yaml"
    p.write_text("""
schema_version: 1
system: {name: Churn predictor}
findings:
  - {id: F1, title: Key exposed in a notebook, category: security, summary: s}
  - {id: F2, title: Old drift issue, category: robustness, status: closed, summary: s}
""")
    data = json.loads(run("premortem", str(p), "--json"))
    modes = {s["mode"]: s for s in data["stories"]}
    assert modes["nobody_owned_it"]["findings"] == ["F1"] and modes["no_plan"]["findings"] == ["F1"]
    assert all("F2" not in s["findings"] for s in data["stories"])
    assert data["findings_without_story"] == ["F2"]


def test_broken_catalogue_is_a_clear_error():
    with pytest.raises(RiskbriefError, match="failure_modes.yaml is invalid"):
        load_catalogue("version: 1\ngroups: {}\nmodes: [{id: x, group: weather, title: t, when: {}, story: s, signals: [a]}]")


def test_model_brainstorm_is_checked_against_the_findings():
    from engine.providers.fake import reset_shared

    fake = reset_shared()
    good = {"group": "people", "title": "Staff trusted refunds blindly",
            "story": "Agents approved whatever the bot proposed.", "findings": ["F2"],
            "early_warning_signals": ["Refund approvals take seconds"],
            "addressed_by": ["Require human approval for refunds above 50 dollars"]}
    invented = {"group": "model", "title": "Error rate hit 40%", "story": "s", "findings": ["F9"],
                "early_warning_signals": ["x"], "addressed_by": ["Hire a red team"]}
    fake.enqueue({"stories": [good, invented]}, {"stories": [good, invented]}, {"stories": [good, invented]})
    r = CliRunner().invoke(cli, ["premortem", str(EXAMPLES / "agent.yaml"), "--provider", "fake", "--json"],
                           catch_exceptions=False)
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert [s["title"] for s in data["model_stories"]] == ["Staff trusted refunds blindly"]
    assert data["model_stories"][0]["addressed_by"] == ["F2: Require human approval for refunds above 50 dollars"]
    assert data["model_stories_dropped"] == 1
    # The model was re-asked with what was wrong, and the findings reached it only as data.
    assert len(fake.history) == 3
    reask = fake.history[1].messages[-1]["content"]
    assert "unknown finding id 'F9'" in reask and "numbers not in the findings: 40" in reask
    assert "<findings_data>" in fake.history[0].text
    # The catalogue stories are still all there.
    assert len(data["stories"]) == len(json.loads(run("premortem", str(EXAMPLES / "agent.yaml"), "--json"))["stories"])
