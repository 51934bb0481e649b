"""Claims the checker let through although the findings contradict them: options whose figures are
also finding metrics swapped, an action's owner named as the finding's, overgeneralisations over
slices, denials of what a finding counts, and slices named by a close variant of the findings' words.
Each case is a sentence checked on its own or as an edit of an offline brief."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.pipeline import generate_brief, render_bytes
from evals.faithfulness.harness import check_brief
from schemas.loading import load_findings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GAPS = ROOT / "tests" / "data" / "gaps"
MISSES = ROOT / "tests" / "data" / "misses"


def _failing(doc, text: str) -> list[str]:
    """The error codes of the claims of text that are not supported (caveats are not the point here)."""
    return [c.error.value for c in check_brief(doc, text, fmt="text", memo=False).claims if c.error]


def _md(doc, audience: str = "executive") -> str:
    data = render_bytes(generate_brief(doc, audience), doc, "md")
    return data.decode() if isinstance(data, bytes) else data


def _edited(doc, md: str, old: str, new: str) -> list[str]:
    assert old in md, old
    assert check_brief(doc, md, fmt="md").passed
    return [c.error.value for c in check_brief(doc, md.replace(old, new, 1), fmt="md").claims if c.error]


# --------------------------------------------------------------------- options whose figures are finding metrics too

# credit.yaml: option A (gradient-boosted ensemble) 86% accuracy, option B (scorecard) 84%; F1 measures the
# same two figures as acc_a and acc_b. The findings recommend B.
CREDIT = [
    ("Option A has accuracy of 84%.", ["slice"]),
    ("Option B reaches 86% accuracy and option A 84%.", ["slice"]),
    ("The scorecard reaches 86% accuracy.", ["slice"]),
    ("We recommend the gradient-boosted ensemble.", ["slice"]),
    ("The recommendation is the gradient-boosted ensemble.", ["slice"]),
    ("We would go with the gradient-boosted ensemble.", ["slice"]),
    # the same facts the right way round, and a denial
    ("Option B has accuracy of 84%.", []),
    ("Option A reaches 86% accuracy and option B 84%.", []),
    ("The gradient-boosted ensemble reaches 86% accuracy.", []),
    ("The gradient-boosted ensemble is 2 points more accurate, 86% against 84%.", []),
    ("We recommend the scorecard.", []),
    ("We do not recommend the gradient-boosted ensemble.", []),
]


@pytest.fixture(scope="module")
def credit():
    return load_findings(EXAMPLES / "credit.yaml")


@pytest.mark.parametrize(("text", "codes"), CREDIT)
def test_an_option_named_by_letter_or_name_keeps_its_own_figures_and_recommendation(credit, text, codes):
    assert _failing(credit, text) == codes


@pytest.mark.parametrize(("old", "new"), [
    ("option A is 2 percentage points higher than option B (86% against 84%)",
     "option A is 2 percentage points higher than option B (84% against 86%)"),
    ("The recommendation is option B, the scorecard:", "The recommendation is the gradient-boosted ensemble:"),
])
def test_swapping_the_options_in_the_offline_trade_off_brief_fails(credit, old, new):
    md = _md(credit)
    assert _edited(credit, md, old, new) == ["slice"]


# --------------------------------------------------------------------- the owner of an action is not the finding's

# fraud.yaml: F1 (false declines abroad) is owned by Customer operations, its passcode step by Payments Risk;
# F2 (fraud at new merchants) by Payments Risk, its payout hold by Finance.
FRAUD_OWNERS = [
    ("False declines abroad are owned by Payments Risk.", ["owner"]),
    ("Fraud caught on new merchants is owned by Finance.", ["owner"]),
    ("False declines abroad are owned by Customer operations.", []),
    ("Fraud caught on new merchants is owned by Payments Risk.", []),
    ("Payments Risk owns the passcode step.", []),
    ("Payments Risk owns the mitigation for false declines abroad.", []),
    ("The passcode work is owned by Payments Risk.", []),
]


@pytest.mark.parametrize(("text", "codes"), FRAUD_OWNERS)
def test_owned_by_names_the_owner_of_the_finding(text, codes):
    assert _failing(load_findings(GAPS / "fraud.yaml"), text) == codes


def test_owned_by_an_action_owner_fails_as_an_edit_of_the_offline_brief():
    doc = load_findings(GAPS / "fraud.yaml")
    md = _md(doc)
    old = "It is open, with Customer operations as owner."
    assert _edited(doc, md, old, "It is open and owned by Payments Risk.") == ["owner"]
    assert _edited(doc, md, old, "Payments Risk owns the mitigation.") == []
