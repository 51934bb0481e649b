"""Any part of a source with the wrong type is a clean error naming its field, never a crash or an invalid document."""

from __future__ import annotations

import copy
import io
import json

import pytest
from ruamel.yaml import YAML

from engine.errors import RiskbriefError
from schemas.loading import FindingsError
from tests.conftest import write
from tests.import_support import DATA, imported

WRONG = ["x", None, [1]]  # wrong text, a null, a wrong container


def _paths(node, prefix=()):
    if prefix:
        yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def _replaced(root, path, value):
    copy_ = copy.deepcopy(root)
    node = copy_
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return copy_


def _each_mutation(root):
    for path in _paths(root):
        for value in WRONG:
            yield path, value, _replaced(root, path, value)


def _import_or_clean_error(kind, src, **options) -> str:
    try:
        imported(kind, src, **options)
        return "ok"
    except (RiskbriefError, FindingsError) as e:
        assert "bug in the" not in str(e), str(e)
        return "error"


@pytest.mark.parametrize("kind, name", [("sarif", "scan.sarif"), ("model-card", "card.json")])
def test_json_sources(tmp_path, kind, name):
    root = json.loads((DATA / name).read_text())
    outcomes = set()
    for n, (path, value, mutated) in enumerate(_each_mutation(root)):
        src = write(tmp_path, f"{n}-{name}", json.dumps(mutated))
        outcomes.add(_import_or_clean_error(kind, src))
    assert outcomes == {"ok", "error"}  # some mutations are harmless, some are reported


def test_garak_report_lines(tmp_path):
    records = [json.loads(line) for line in (DATA / "garak.report.jsonl").read_text().splitlines()]
    outcomes = set()
    for n, (path, value, mutated) in enumerate(_each_mutation(records)):
        if len(path) == 1:
            continue  # a whole line replaced by a scalar is not a report line; covered below
        src = write(tmp_path, f"{n}.report.jsonl", "\n".join(json.dumps(r) for r in mutated) + "\n")
        outcomes.add(_import_or_clean_error("garak", src))
    assert outcomes == {"ok", "error"}
    r = _import_or_clean_error("garak", write(tmp_path, "scalar.jsonl", '{"entry_type": "init"}\n7\n'))
    assert r == "error"


@pytest.mark.parametrize("kind, name, front_matter", [("atlas", "case_study.yaml", False), ("hf", "model_card.md", True)])
def test_yaml_sources(tmp_path, kind, name, front_matter):
    yaml = YAML(typ="safe")
    text = (DATA / name).read_text()
    root = yaml.load(text.split("---\n")[1] if front_matter else text)
    outcomes = set()
    for n, (path, value, mutated) in enumerate(_each_mutation(root)):
        buf = io.StringIO()
        YAML().dump(mutated, buf)
        body = f"---\n{buf.getvalue()}---\n" if front_matter else buf.getvalue()
        outcomes.add(_import_or_clean_error(kind, write(tmp_path, f"{n}-{name}", body)))
    assert outcomes == {"ok", "error"}


def test_wrong_type_is_named_with_its_line(tmp_path, cli):
    log = json.loads((DATA / "scan.sarif").read_text())
    log["runs"][0]["results"][1]["locations"] = 7
    src = write(tmp_path, "typed.sarif", json.dumps(log, indent=2))
    line = next(i for i, text in enumerate(src.read_text().splitlines(), 1) if '"locations": 7' in text)
    r = cli("import", "sarif", src)
    assert r.exit_code == 2
    assert f"{src}:{line}: runs[0].results[1].locations: expected a list, found a number" in r.stderr
