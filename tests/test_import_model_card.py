"""`riskbrief import model-card`: Model Card Toolkit JSON; source inconsistencies are reported."""

from __future__ import annotations

import json

from tests.conftest import write
from tests.import_support import DATA, imported, review_block


def test_cats_vs_dogs_maps_slices_and_drops_the_impossible_interval(realdata, cli, tmp_path):
    src = realdata / "mct-cats_vs_dogs_v0_0_2.json"
    doc, text, warnings = imported("model-card", src)
    assert doc.system.name == "Fine-tuned MobileNetV2 Model for Cat vs. Dogs"
    assert doc.system.owner == "Model Cards Team" and doc.system.version == "v1.0"
    perf = doc.findings[0]
    values = {m.id: (m.value, m.unit.value, m.population, m.baseline) for m in perf.metrics}
    assert values == {
        "accuracy_overall": (0.9781249761581421, "ratio", "whole evaluation set", None),
        "accuracy_cat": (0.9932885766029358, "ratio", "slice cat", "accuracy_overall"),
        "accuracy_dog": (0.9649122953414917, "ratio", "slice Dog", "accuracy_overall"),
    }
    # The cat interval's upper bound 1.0033 is above 1.0: dropped, never clamped, and said so.
    assert perf.metric("accuracy_cat").ci is None
    assert perf.metric("accuracy_dog").ci == [0.95491229534, 0.97491229534]
    assert any("1.0032885766" in c and "left the interval out" in c for c in perf.caveats)
    assert any("1.0032885766" in w for w in warnings)
    assert any("1.0032885766" in r for r in review_block(text))
    assert "1.0" not in str(perf.metric("accuracy_cat").model_dump())  # no clamped bound anywhere
    # The same report reaches stderr through the CLI.
    r = cli("import", "model-card", src, "-o", tmp_path / "card.yaml")
    assert r.exit_code == 0 and "1.0032885766" in r.stderr


def test_considerations_become_findings_with_the_cards_mitigation(realdata):
    doc, text, _ = imported("model-card", realdata / "mct-cats_vs_dogs_v0_0_2.json")
    limitation, ethics = doc.findings[1], doc.findings[2]
    assert limitation.summary == "This model is not able to classify images of other classes."
    assert ethics.summary.startswith("While distinguishing between cats and dogs")
    # Too long for a title, and a cut sentence ("...generally agreed to be a benign...") would mislead.
    assert ethics.title == "Ethical consideration 1"
    (mit,) = ethics.mitigations
    assert mit.action == "Avoid application on non-dog and non-cat images."
    assert mit.owner is None and mit.status is None and mit.due is None
    assert "Recall vs Precision." in doc.findings[0].summary
    assert all(f.severity is None and f.owner is None for f in doc.findings)
    assert any("F3: the mitigation has no owner, due date or status" in r for r in review_block(text))


def test_hand_written_card_reports_reversed_interval_and_unknown_unit():
    doc, text, warnings = imported("model-card", DATA / "card.json")
    perf = doc.findings[0]
    assert [m.id for m in perf.metrics] == ["recall_overall", "recall_applicants_under_25", "recall_applicants_25_and_over"]
    assert perf.metric("recall_applicants_under_25").ci == [0.55, 0.69]
    assert perf.metric("recall_applicants_25_and_over").ci is None
    assert any("bounds are in reverse order" in w for w in warnings)
    review = "\n".join(review_block(text))
    assert "log loss on the whole evaluation set = 2.3 not imported" in review
    assert doc.findings[2].mitigations[0].action == "Review every declined applicant under 25 by hand."
    assert doc.findings[3].mitigations == []


def test_wrong_kind_and_bad_value_fail_cleanly(tmp_path, cli):
    r = cli("import", "model-card", DATA / "scan.sarif")
    assert r.exit_code == 2 and "not a Model Card Toolkit card" in r.stderr
    card = {"quantitative_analysis": {"performance_metrics": [{"type": "accuracy", "value": "high"}]}}
    src = write(tmp_path, "card.json", json.dumps(card, indent=2))
    r = cli("import", "model-card", src)
    assert r.exit_code == 2
    assert f"{src}:6: quantitative_analysis.performance_metrics[0].value: 'high' is not a number" in r.stderr
    assert r.stdout == ""


def test_the_cards_intended_users_are_kept_and_written_back(realdata, cli, tmp_path):
    src = realdata / "mct-cats_vs_dogs_v0_0_2.json"
    doc, _, _ = imported("model-card", src)
    assert doc.system.users == ["Fans of dogs and cats."]
    out = tmp_path / "card.yaml"
    assert cli("import", "model-card", src, "-o", out).exit_code == 0
    r = cli("modelcard", out, "--format", "mct")
    assert json.loads(r.stdout)["considerations"]["users"] == [{"description": "Fans of dogs and cats."}]
