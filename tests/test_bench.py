"""The faithfulness benchmark: independent generator, one error per copy, deterministic report."""

from __future__ import annotations

import ast
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from evals.bench import baseline, run
from evals.bench.docs import generate
from evals.bench.inject import CODES, FAMILIES, family_style, inject
from evals.bench.writer import Style, render, statements

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ("docs.py", "writer.py", "inject.py", "from_doc.py", "baseline.py")


@pytest.mark.parametrize("module", GENERATOR)
def test_generator_shares_no_code_with_the_checker(module):
    tree = ast.parse((ROOT / "evals" / "bench" / module).read_text())
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)} | {
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    ours = {m for m in imported if m and m.split(".")[0] in ("evals", "engine", "schemas", "tui", "prompts")}
    assert all(m.startswith("schemas") or m.startswith("evals.bench") for m in ours), ours


@pytest.fixture(scope="module")
def specs():
    return generate(11, 6)


def _texts(spec, stmts, style=None):
    style = style or Style()
    return [render(spec, s, style) for s in stmts]


@pytest.mark.parametrize("code", CODES)
def test_each_injection_changes_exactly_one_statement(specs, code):
    rng = random.Random(3)
    changed = 0
    for spec in specs:
        base = statements(spec, Style())
        bad = inject(spec, base, code, rng)
        if bad is None:
            continue
        a, b = _texts(spec, base), _texts(spec, bad)
        diff = len(set(a) ^ set(b))
        assert diff in (1, 2), (code, set(a) ^ set(b))  # one sentence added, removed, or replaced
        assert abs(len(a) - len(b)) <= 1
        changed += 1
    assert changed >= 3


@pytest.mark.parametrize("family", FAMILIES)
def test_paraphrase_families_keep_the_facts_and_change_the_words(specs, family):
    rng = random.Random(5)
    spec = specs[0]
    style = family_style(family, rng)
    base = " ".join(_texts(spec, statements(spec, Style())))
    para = " ".join(_texts(spec, statements(spec, style), style))
    assert para != base or family in ("reordering",)  # reordering changes order in the brief, not the sentence set


def test_baseline_flags_invented_numbers_but_not_gaps(specs):
    doc = specs[0].doc
    nums = baseline.document_numbers(doc)
    a, b = doc.findings[0].metrics[:2]
    gap = abs(a.value - b.value)
    assert not baseline.flags(nums, f"The gap is {gap:g} points.")
    assert baseline.flags(nums, "This affects 123,457 people.")


def test_small_run_is_deterministic_and_meets_its_quality_bar():
    first, second = run(3, "small"), run(3, "small")
    for r in (first, second):
        r.pop("timing")
        r["targets"].pop("throughput")
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    assert first["overall"]["fp_rate"] <= 0.02
    assert first["overall"]["balanced_accuracy"] >= 0.95
    assert first["overall"]["baseline_balanced_accuracy"] < first["overall"]["balanced_accuracy"]
    assert set(first["per_code"]) == set(CODES)
    assert all(v["n"] > 0 for v in first["per_code"].values())


def test_bench_command_json_without_timing_is_byte_identical():
    from engine.cli import cli

    args = ["bench", "faithfulness", "--size", "small", "--seed", "5", "--json", "--no-timing"]
    a = CliRunner().invoke(cli, args)
    b = CliRunner().invoke(cli, args)
    assert a.exit_code == 0, a.output
    assert a.output == b.output
    out = json.loads(a.output)
    assert "timing" not in out and out["corpus"]["briefs"] > 100
