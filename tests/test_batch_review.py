"""Batch edge cases: damaged manifests, two runs into one directory, Ctrl-C, balanced workers."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES


@pytest.fixture
def inputs(tmp_path) -> Path:
    d = tmp_path / "findings"
    shutil.copytree(EXAMPLES, d)
    return d


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("damage", [
    lambda items: [{**i, "outputs": 5} for i in items],
    lambda items: [{**i, "finished_at": "yesterday"} for i in items] * 2,
    lambda items: [{**i, "requests": "many", "gate": [1]} for i in items],
    lambda items: {"not": "a list"},
    lambda items: [None, 3, "x"],
])
def test_a_manifest_with_fields_of_the_wrong_type_means_those_briefs_are_made_again(tmp_path, cli, inputs, damage):
    out = tmp_path / "o"
    assert cli("batch", inputs, "-a", "executive", "--out", out).exit_code == 0
    manifest = out / "manifest.json"
    data = json.loads(manifest.read_text())
    data["items"] = damage(data["items"])
    manifest.write_text(json.dumps(data))
    r = cli("batch", inputs, "-a", "executive", "--out", out)
    assert r.exit_code == 0, r.output
    assert (summary(out)["generated"], summary(out)["skipped"]) == (3, 0)
    # The manifest is whole again: the next run has nothing to do.
    assert cli("batch", inputs, "-a", "executive", "--out", out).exit_code == 0
    assert (summary(out)["generated"], summary(out)["skipped"]) == (0, 3)
