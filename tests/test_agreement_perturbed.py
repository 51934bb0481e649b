"""The offline narrator and the checker agree on documents that differ from the ones they were
written with: figures on other scales, without baselines, repeated findings, other plans,
slices, titles, decisions and trade-offs (tests/perturbations.py)."""

from __future__ import annotations

import random

import pytest

from tests.perturbations import PERTURBATIONS, agreement_failures, documents, perturbed

COMBINATIONS = [
    (11, ["ratios", "no-baselines", "tradeoffs"]),
    (12, ["second-site", "values", "directions"]),
    (13, ["slices", "plans", "titles-context", "milliseconds"]),
]


@pytest.mark.parametrize(("seed", "names"), COMBINATIONS, ids=["+".join(n) for _, n in COMBINATIONS])
def test_offline_briefs_of_perturbed_documents_pass_their_own_check(seed, names):
    failures, checked = {}, 0
    for path in documents():
        # one generator per document: adding a document leaves every other one's perturbation as it was
        doc = perturbed(path, names, random.Random(f"{seed}:{path.name}"))
        if doc is None:
            continue
        checked += 1
        if bad := agreement_failures(doc):
            failures[path.name] = bad[:3]
    assert checked >= 20, checked
    assert not failures, failures


def test_every_perturbation_changes_some_document():
    rng = random.Random(1)
    for name in PERTURBATIONS:
        assert any(perturbed(path, [name], rng) is not None for path in documents()), name
