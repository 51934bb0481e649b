"""`riskbrief import model-card` on cards with several metric types, thresholds and scales."""

from __future__ import annotations

import json

from tests.conftest import write
from tests.import_support import imported, review_block


def _card(metrics: list[dict]) -> str:
    return json.dumps({"model_details": {"name": "Fraud detector"},
                       "quantitative_analysis": {"performance_metrics": metrics}})


def test_slices_are_named_once_in_the_summary(tmp_path):
    doc, _, _ = imported("model-card", write(tmp_path, "card.json", _card([
        {"type": "recall", "value": 0.62, "slice": "country=BR"}, {"type": "recall", "value": 0.88, "slice": "country=US"},
        {"type": "precision", "value": 0.7, "slice": "country=BR"}, {"type": "precision", "value": 0.8, "slice": "country=US"}])))
    summary = doc.findings[0].summary
    assert summary.count("country=BR") == 1 and summary.count("country=US") == 1


def test_metrics_at_different_thresholds_are_kept_apart(tmp_path):
    doc, _, _ = imported("model-card", write(tmp_path, "card.json", _card([
        {"type": "recall", "value": 0.95, "threshold": "0.3"},
        {"type": "recall", "value": 0.80, "threshold": "0.7"},
        {"type": "recall", "value": 0.70, "slice": "lang=de", "threshold": "0.7"}])))
    low, high, german = doc.findings[0].metrics
    # Same slice, different thresholds: the population says which threshold, so no two values share one.
    assert low.population != high.population and "0.3" in low.population and "0.7" in high.population
    # A slice is compared with the overall value at its own threshold.
    assert german.baseline == high.id


def test_one_metric_on_two_scales_is_reported_not_compared(tmp_path):
    doc, text, warnings = imported("model-card", write(tmp_path, "card.json", _card([
        {"type": "accuracy", "value": 91.5}, {"type": "accuracy", "value": 0.8, "slice": "age<18"}])))
    overall, young = doc.findings[0].metrics
    assert (overall.unit, young.unit) == ("percent", "ratio")
    assert young.baseline is None
    assert any("accuracy" in w and "both" in w for w in warnings)
    assert any("accuracy" in r and "both" in r for r in review_block(text))
