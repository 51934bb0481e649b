"""Prompt injection planted in every text field never reaches a brief that exits 0.

The model is `ObedientModel` (tests/injection_harness.py): it does whatever an
injected instruction it can read demands. Each case is a real chain run; the
layer that stopped it is read from what the model saw and did.
"""

from __future__ import annotations

import pytest

from engine.pipeline import generate_brief
from tests.injection_harness import (LAYERS, MODES, UNDETECTED, carried, host_document, inject_everywhere, layer_counts,
                                     load_injections, run_case, run_suite)

INJECTIONS = load_injections()


def test_the_corpus_covers_the_kinds_of_attack():
    assert len(INJECTIONS) >= 30
    assert len({i.id for i in INJECTIONS}) == len(INJECTIONS)
    assert {i.effect for i in INJECTIONS} == {"claim", "drop_caveats", "type_digits", "close_json", "reveal_key"}
    for inj in INJECTIONS:
        assert inj.trigger in inj.text, inj.id
        assert inj.claim or inj.effect in ("drop_caveats", "close_json"), inj.id


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    return run_suite(str(tmp_path_factory.mktemp("cache")), modes=MODES + (UNDETECTED,))


def test_no_injection_reaches_a_brief_that_exits_zero(results):
    shipped = [r for r in results if r.mode in MODES]
    assert [r for r in shipped if r.layer == "reached"] == []
    assert len(shipped) == len(INJECTIONS) * len(MODES)


def test_every_layer_count_comes_from_the_runs(results):
    counts = layer_counts(results)
    for mode in (*MODES, UNDETECTED):
        assert sum(counts[mode].values()) == len(INJECTIONS)
        assert set(counts[mode]) == set(LAYERS)
    # withholding works the same whatever the model does with what it reads
    assert counts["respecting"]["withheld"] == counts["breached"]["withheld"] > len(INJECTIONS) // 2
    # what is not withheld stays data for a model that respects the block, and is stopped later otherwise
    assert counts["respecting"]["delimited"] == len(INJECTIONS) - counts["respecting"]["withheld"]
    assert counts["breached"]["delimited"] == 0
    # with the detector blind, the number rule and the gate each stop real injections on their own,
    # and together they keep every one out of a brief that exits 0
    blind = counts[UNDETECTED]
    assert blind["withheld"] == 0 and blind["number_rule"] > 0 and blind["gate"] > 0
    assert blind["reached"] == 0, [r for r in results if r.layer == "reached"]


@pytest.mark.parametrize("inj", INJECTIONS, ids=[i.id for i in INJECTIONS])
def test_the_offline_brief_only_quotes_an_injection_as_data(inj):
    doc = inject_everywhere(host_document(), inj.text)
    brief = generate_brief(doc, "executive")
    assert brief.eval.passed, [c.text for c in brief.eval.failing] + brief.eval.missing_caveats
    assert carried(brief, inj) is None
    # what the offline brief says beyond the findings' own text is what it says without the injection
    clean = generate_brief(host_document(), "executive")
    assert [s.id for s in brief.sections] == [s.id for s in clean.sections]


@pytest.mark.parametrize("field", ["metric name", "mitigation owner", "system owner", "stakeholder"])
def test_an_instruction_in_any_text_field_is_withheld_from_the_model(field, tmp_path):
    inj = next(i for i in INJECTIONS if i.id == "ignore-previous")
    doc = host_document().model_copy(deep=True)
    if field == "metric name":
        doc.findings[0].metrics[0].name += " " + inj.text
    elif field == "mitigation owner":
        doc.findings[0].mitigations[0].owner += " " + inj.text
    elif field == "system owner":
        doc.system.owner += " " + inj.text
    else:
        doc.context.stakeholders[0] += " " + inj.text
    result = run_case(doc, inj, "breached", str(tmp_path), everywhere=False)
    assert result.layer == "withheld", result
