"""`riskbrief import hf`: a model card's model-index becomes metrics per dataset and split."""

from __future__ import annotations

from tests.conftest import write
from tests.import_support import DATA, imported, review_block


def test_sample_model_index(realdata):
    doc, text, _ = imported("hf", realdata / "hfhub-sample_simple_model_index.md")
    assert doc.system.name == "my-cool-model"
    (f,) = doc.findings
    assert f.category.value == "performance"
    got = {(m.name, m.value, m.unit.value, m.population) for m in f.metrics}
    assert got == {("accuracy", 0.9, "ratio", "Beans"), ("f1", 0.66, "ratio", "Beans (config default, split test)")}
    assert any("5503434ddd753f426f4b38109466949a1217c2bb" in (m.source or "") for m in f.metrics)
    assert any("names no split of Beans" in r for r in review_block(text))


def test_tasks_datasets_units_and_unknown_metrics():
    doc, text, _ = imported("hf", DATA / "model_card.md")
    intent, generation = doc.findings
    assert intent.title.startswith("Reported Intent classification results on Support tickets")
    by_id = {m.id: m for m in intent.metrics}
    acc = by_id["accuracy_support_tickets_config_en_split_test"]
    assert (acc.name, acc.value, acc.unit.value) == ("Test accuracy", 91.4, "percent")
    assert by_id["accuracy_support_tickets_spanish_split_validation"].unit.value == "ratio"
    assert "accuracy_support_tickets_config_en_split_test: verified by Hugging Face" in intent.evidence
    # Perplexity has no unit riskbrief can state: kept as evidence text, not as a metric.
    assert generation.metrics == []
    assert "perplexity = 18.2 on WikiText-103 (split test) (unit not stated)" in generation.evidence
    review = "\n".join(review_block(text))
    assert "'accuracy' = 91.4 read as a percent" in review
    assert "perplexity = 18.2 not imported as a metric" in review


def test_system_option_overrides_the_model_name():
    doc, _, _ = imported("hf", DATA / "model_card.md", system="Support triage")
    assert doc.system.name == "Support triage"


def test_card_without_model_index_or_with_broken_metadata(tmp_path, cli):
    plain = write(tmp_path, "README.md", "---\nlicense: mit\n---\n# A model\n")
    r = cli("import", "hf", plain)
    assert r.exit_code == 2 and "no model-index" in r.stderr
    broken = write(tmp_path, "broken.md", "---\nmodel-index:\n- name: x\n  results: [\n---\n")
    r = cli("import", "hf", broken)
    assert r.exit_code == 2 and f"{broken}:" in r.stderr and "invalid YAML" in r.stderr
    bad_value = write(tmp_path, "bad.md", "---\nmodel-index:\n- name: x\n  results:\n  - task: {type: t}\n"
                                          "    dataset: {name: d, split: test}\n    metrics:\n    - {type: accuracy, value: high}\n---\n")
    r = cli("import", "hf", bad_value)
    assert r.exit_code == 2
    assert f"{bad_value}:8: model-index[0].results[0].metrics[0]: metric accuracy: value 'high' is not a number" in r.stderr
