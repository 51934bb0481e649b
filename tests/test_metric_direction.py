"""Which way is better for a metric that does not say: inferred from whole words of its name."""

from __future__ import annotations

import pytest

from schemas.findings import Metric


@pytest.mark.parametrize("name,higher_better", [
    ("accuracy", True),
    ("latency p95", False),
    ("response time", False),
    ("uptime", True),
    ("customer lifetime value", True),
    ("submission rate", True),
    ("miss rate", False),
    ("recruiter hours per week", False),
    ("false removal multiplier", False),
    ("under-triage rate", False),
    ("duplicate payment calls", False),
    ("monthly fraud losses", False),
    ("false denial rate", False),
    ("false decline rate", False),
    ("app crash rate", False),
    ("cart abandonment rate", False),
    ("harmful content escape rate", False),
    ("escalation rate", True),
    # what is saved or avoided is a gain, whatever it counts
    ("estimated transcriber hours saved per month", True),
    ("night staff hours released per home per week", True),
    ("fraud losses prevented", True),
    ("expected ticket reduction", True),
])
def test_direction_is_inferred_from_whole_words(name, higher_better):
    assert Metric(id="m", name=name, value=1, unit="count").better_when_higher is higher_better


def test_a_stated_direction_wins():
    assert Metric(id="m", name="uptime", value=1, unit="count", higher_is_better=False).better_when_higher is False
