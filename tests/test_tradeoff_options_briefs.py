"""Briefs of a trade-off with three options whose names share words with its metrics and populations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.narrator import narrate
from schemas.audience import load_profile
from schemas.loading import load_findings

DOC = Path(__file__).parent / "data" / "acceptance" / "feed_tradeoffs.yaml"


@pytest.mark.parametrize("audience", ["executive", "legal", "product", "engineering"])
def test_in_its_favour_follows_its_own_option(audience):
    brief = narrate(load_findings(DOC), load_profile(audience))
    options = next(s for s in brief.sections if s.id == "options").sentences
    introduced = None
    for s in options:
        if s.text.startswith(("Option ", "In favour of option ", "Against option ")):
            introduced = s.sources[0]  # these name the option they are about
        elif s.text.startswith(("In its favour", "Against it")):
            # "its" is the option last introduced: it must be the one these pros or cons belong to.
            assert s.sources[0] == introduced, (s.text, s.sources, introduced)


def test_option_names_holding_metric_words_pass_the_gate(tmp_path):
    # "Balanced engagement and retention objective" holds the metric word "retention", and
    # "Engagement-maximising" a word of a finding's population: neither may flip a comparison or move a figure.
    r = CliRunner().invoke(cli, ["generate", str(DOC), "-a", "all", "-f", "json", "-o", str(tmp_path)])
    assert r.exit_code == 0, r.output
    for path in tmp_path.glob("*.json"):
        assert json.loads(path.read_text(encoding="utf-8"))["eval"]["passed"], path.name
