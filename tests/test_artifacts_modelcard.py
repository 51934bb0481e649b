"""Model card (MCT JSON validated against the real v0.0.2 schema; HF Markdown) and datasheet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from engine.cli import cli
from schemas.loading import load_findings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NAMES = ["sentiment", "credit", "agent"]
MINIMAL = """
schema_version: 1
system: {name: Churn predictor}
findings:
  - id: F1
    title: Recall drops on annual plans
    category: performance
    summary: Recall is lower on annual-plan customers.
    metrics:
      - {id: rec, name: recall, value: 64, unit: percent}
"""


def run(*args):
    r = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.output


@pytest.fixture
def mct_schema(realdata):
    return json.loads((realdata / "mct-model_card.schema.v0.0.2.json").read_text())


@pytest.mark.parametrize("name", NAMES)
def test_mct_card_validates_against_real_schema(name, mct_schema):
    import jsonschema

    card = json.loads(run("modelcard", str(EXAMPLES / f"{name}.yaml"), "--format", "mct"))
    jsonschema.Draft7Validator(mct_schema, format_checker=jsonschema.FormatChecker()).validate(card)
    doc = load_findings(EXAMPLES / f"{name}.yaml")
    assert card["model_details"]["name"] == doc.system.name
    risks = card["considerations"]["ethical_considerations"]
    assert [r["name"].split(":")[0] for r in risks] == [f.id for f in doc.findings]


def test_mct_schema_rejects_a_broken_card(mct_schema):
    # The validation above can fail: an extra top-level key is refused by the schema.
    import jsonschema

    card = json.loads(run("modelcard", str(EXAMPLES / "sentiment.yaml"), "--format", "mct"))
    card["risks"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(card, mct_schema)


def test_mct_metrics_keep_values_slices_and_intervals():
    card = json.loads(run("modelcard", str(EXAMPLES / "sentiment.yaml"), "--format", "mct"))
    pm = {m["type"]: m for m in card["quantitative_analysis"]["performance_metrics"]}
    sarc = pm["accuracy (F1.acc_sarcasm)"]
    assert sarc["value"] == "65%" and sarc["slice"] == "short sarcastic social posts"
    assert sarc["confidence_interval"] == {"lower_bound": "61.7", "upper_bound": "68.2"}
    assert "confidence_interval" not in pm["accuracy (F1.acc_overall)"]


def test_mct_says_no_mitigation_rather_than_inventing(tmp_path, mct_schema):
    import jsonschema

    p = tmp_path / "churn.yaml"
    p.write_text(MINIMAL)
    card = json.loads(run("modelcard", str(p), "--format", "mct"))
    jsonschema.validate(card, mct_schema)
    risk = card["considerations"]["ethical_considerations"][0]
    assert risk["mitigation_strategy"] == "No mitigation yet."
    assert "severity not yet assessed" in risk["name"]
    assert "owners" not in card["model_details"] and "version" not in card["model_details"]
    assert "slice" not in card["quantitative_analysis"]["performance_metrics"][0]


@pytest.mark.parametrize("name", NAMES)
def test_hf_card_has_yaml_metadata_and_sections(name):
    text = run("modelcard", str(EXAMPLES / f"{name}.yaml"), "--format", "hf")
    assert text.startswith("---\n")
    meta = YAML(typ="safe").load(text.split("---\n")[1])
    doc = load_findings(EXAMPLES / f"{name}.yaml")
    assert meta["model_name"] == doc.system.name
    for heading in ("## Model Details", "## Uses", "## Bias, Risks, and Limitations", "## Evaluation"):
        assert heading in text
    for f in doc.findings:
        assert f"**{f.id}: {f.title}" in text
        for c in f.caveats:
            assert c in text
    # What the findings do not say is marked, not made up.
    assert "- **License:** [More Information Needed]" in text


def test_hf_card_results_table_and_tradeoff():
    text = run("modelcard", str(EXAMPLES / "credit.yaml"), "--format", "hf")
    assert "| adverse impact ratio | 0.71 |" in text
    assert "Recommended: option B (Scorecard)" in text


def test_modelcard_to_file(tmp_path):
    out = tmp_path / "card.md"
    run("modelcard", str(EXAMPLES / "agent.yaml"), "-o", str(out))
    assert out.read_text().startswith("---\n")


@pytest.mark.parametrize("name", NAMES)
def test_datasheet_answers_only_from_findings(name):
    data = json.loads(run("datasheet", str(EXAMPLES / f"{name}.yaml"), "--json"))
    doc = load_findings(EXAMPLES / f"{name}.yaml")
    pops = []
    for f in doc.findings:
        for m in f.metrics:
            if m.population and m.population not in pops:
                pops.append(m.population)
    assert [d["name"] for d in data["datasets"]] == pops
    for d in data["datasets"]:
        answered = [a for a in d["answers"] if a["answer"]]
        assert answered and all(a["sources"] for a in answered)
        assert any(a["answer"] is None and "licence" in a["question"] for a in d["answers"])


def test_datasheet_sizes_and_open_questions():
    data = json.loads(run("datasheet", str(EXAMPLES / "sentiment.yaml"), "--json"))
    sarc = next(d for d in data["datasets"] if d["name"] == "short sarcastic social posts")
    size = next(a for a in sarc["answers"] if a["question"] == "How many instances are there?")
    assert size["answer"] == "n=800 for F1.acc_sarcasm; n=800 for F2.sarcasm_recall."
    source = next(a for a in sarc["answers"] if a["question"] == "Where do the measurements come from?")
    assert source["answer"] is None  # no metric names a source
    md = run("datasheet", str(EXAMPLES / "sentiment.yaml"))
    assert "## short sarcastic social posts" in md and "### Open questions" in md


def test_datasheet_metric_without_population_is_an_open_question(tmp_path):
    p = tmp_path / "churn.yaml"
    p.write_text(MINIMAL)
    md = run("datasheet", str(p))
    assert "The findings name no data population" in md
    assert "Open question: on what data were these measured? F1.rec" in md


def test_mct_users_are_the_intended_users_not_the_decisions_stakeholders(tmp_path, mct_schema):
    import jsonschema

    # The examples name stakeholders (Marketing, the board ...) and no intended users: no users field.
    for name in NAMES:
        doc = load_findings(EXAMPLES / f"{name}.yaml")
        assert doc.context and doc.context.stakeholders
        card = json.loads(run("modelcard", str(EXAMPLES / f"{name}.yaml"), "--format", "mct"))
        assert "users" not in card["considerations"]
        hf = run("modelcard", str(EXAMPLES / f"{name}.yaml"), "--format", "hf")
        assert not any(who in hf.split("## Uses")[1].split("## Bias")[0] for who in doc.context.stakeholders)
    # Intended users, when the findings name them, are what fills it.
    src = tmp_path / "churn.yaml"
    src.write_text(MINIMAL.replace(
        "system: {name: Churn predictor}",
        "system: {name: Churn predictor, users: [Retention analysts, Account managers]}\n"
        "context: {stakeholders: [Chief Revenue Officer]}"))
    card = json.loads(run("modelcard", str(src), "--format", "mct"))
    jsonschema.Draft7Validator(mct_schema, format_checker=jsonschema.FormatChecker()).validate(card)
    assert card["considerations"]["users"] == [{"description": "Retention analysts"},
                                               {"description": "Account managers"}]
    hf = run("modelcard", str(src), "--format", "hf")
    assert "Intended users named in the findings: Retention analysts, Account managers." in hf
    assert "Chief Revenue Officer" not in hf
