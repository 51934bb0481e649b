"""Hostile and broken input files: refused fast, with file and line, exit 2, nothing written."""

from __future__ import annotations

import codecs
import json
import textwrap
import tracemalloc
from pathlib import Path

import pytest

from schemas.loading import FindingsError, load_findings
from tests.conftest import EXAMPLES, write

VALID = (EXAMPLES / "sentiment.yaml").read_text(encoding="utf-8")

LAUGHS = "\n".join(
    [f'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 10)]
    + ["schema_version: 1", "system: {name: Laughs}", "findings: *l9", ""]
)

PYTHON_TAG = textwrap.dedent("""\
    schema_version: 1
    system: !!python/object/apply:os.system ["echo constructed > PWNED"]
    findings: []
    """)

SCALAR_TAG = VALID.replace("title: ", "title: !!python/name:os.system ", 1)


def _deep(levels: int) -> str:
    return "schema_version: 1\nsystem: {name: Deep}\nfindings: " + "[" * levels + "]" * levels + "\n"


def _problems(path: Path) -> list:
    with pytest.raises(FindingsError) as info:
        load_findings(path)
    return info.value.problems


def test_billion_laughs_fails_fast_with_bounded_memory(tmp_path):
    path = write(tmp_path, "laughs.yaml", LAUGHS)
    tracemalloc.start()
    try:
        problems = _problems(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "billion laughs" in problems[0].message and "RISKBRIEF_MAX_ALIAS_VALUES" in problems[0].message
    assert problems[0].line > 1  # points at the alias that crossed the limit
    assert peak < 20 * 1024 * 1024  # expanded, the document would hold 10**10 strings


def test_modest_anchors_and_aliases_still_load(tmp_path):
    text = VALID.replace("mitigations:", "mitigations: &shared", 1)
    doc = load_findings(write(tmp_path, "anchors.yaml", text))
    assert doc.findings


def test_alias_loop_is_refused(tmp_path):
    text = "schema_version: 1\nsystem: {name: Loop}\nfindings: &f [*f]\n"
    problems = _problems(write(tmp_path, "loop.yaml", text))
    assert problems[0].line == 3 and problems[0].path.startswith("findings")  # never expanded


@pytest.mark.parametrize("text", [PYTHON_TAG, SCALAR_TAG], ids=["mapping", "scalar"])
def test_object_construction_tags_are_input_errors(tmp_path, cli, text):
    path = write(tmp_path, "tagged.yaml", text)
    r = cli("validate", path)
    assert r.exit_code == 2
    assert "is not allowed" in r.stderr and "!!python/" in r.stderr
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "!!python" in row)
    assert f"{path}:{line}:" in r.stderr
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


def test_too_deep_for_the_parser_names_the_line(tmp_path):
    problems = _problems(write(tmp_path, "deep.yaml", _deep(5000)))
    assert problems[0].line == 3 and "nested more than" in problems[0].message


def test_deep_json_is_refused(tmp_path):
    text = json.dumps({"schema_version": 1, "system": {"name": "x"}, "findings": []})[:-1] + ', "x": ' + "[" * 3000 + "]" * 3000 + "}"
    problems = _problems(write(tmp_path, "deep.json", text))
    assert "nested more than" in problems[0].message


def test_nesting_past_the_limit_names_the_line(tmp_path):
    text = "schema_version: 1\nsystem: {name: Deep}\nfindings:\n" + "".join("  " * i + "-\n" for i in range(1, 50))
    problems = _problems(write(tmp_path, "deep.yaml", text))
    assert problems[0].line == 3 + 33 and "RISKBRIEF_MAX_DEPTH" in problems[0].message


def test_nesting_limit_can_be_lowered_and_names_the_field(tmp_path, monkeypatch):
    monkeypatch.setenv("RISKBRIEF_MAX_DEPTH", "3")
    problems = _problems(write(tmp_path, "f.yaml", VALID))
    assert problems[0].path.startswith("findings[") and "more than 3 levels" in problems[0].message


def test_huge_list_names_field_and_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("RISKBRIEF_MAX_LIST_ITEMS", "20")
    text = VALID.replace("caveats:", f"caveats: [{', '.join(['x'] * 25)}]\n    old_caveats:", 1)
    problems = _problems(write(tmp_path, "long.yaml", text))
    assert problems[0].path == "findings[0].caveats"
    assert "25 entries; the limit is 20" in problems[0].message
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "caveats: [x, x" in row)
    assert problems[0].line == line


def test_size_limit_has_a_clear_message_and_can_be_raised(tmp_path, monkeypatch):
    path = write(tmp_path, "big.yaml", VALID + "#" * 2048 + "\n")
    monkeypatch.setenv("RISKBRIEF_MAX_INPUT_BYTES", "2048")
    problems = _problems(path)
    assert "larger than the 2 KiB limit" in problems[0].message and "RISKBRIEF_MAX_INPUT_BYTES" in problems[0].message
    monkeypatch.setenv("RISKBRIEF_MAX_INPUT_BYTES", str(path.stat().st_size))
    assert load_findings(path).findings


def test_bad_limit_setting_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("RISKBRIEF_MAX_INPUT_BYTES", "ten megabytes")
    problems = _problems(write(tmp_path, "f.yaml", VALID))
    assert "RISKBRIEF_MAX_INPUT_BYTES" in problems[0].message


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_byte_order_marks_are_decoded(tmp_path, encoding):
    data = VALID.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path = tmp_path / "bom.yaml"
    path.write_bytes(data)
    assert load_findings(path).system.name == load_findings(EXAMPLES / "sentiment.yaml").system.name


def test_invalid_utf8_names_line_and_byte_offset(tmp_path):
    data = VALID.encode()
    at = data.index(b"title:")
    path = tmp_path / "latin1.yaml"
    path.write_bytes(data[:at] + b"title: caf\xe9 " + data[at + 7:])
    problems = _problems(path)
    line = data[:at].count(b"\n") + 1
    assert problems[0].line == line
    assert f"byte offset {at + len('title: caf')}" in problems[0].message and "0xe9" in problems[0].message


def test_utf16_without_a_mark_is_refused_clearly(tmp_path):
    path = tmp_path / "utf16.yaml"
    path.write_bytes(VALID.encode("utf-16-le"))
    assert "NUL bytes" in _problems(path)[0].message


HOSTILE = {
    "laughs.yaml": LAUGHS,
    "tagged.yaml": PYTHON_TAG,
    "deep.yaml": _deep(5000),
    "deep.json": '{"schema_version": 1, "system": {"name": "x"}, "findings": ' + "[" * 5000 + "]" * 5000 + "}",
}

COMMANDS = [
    ("validate", "{f}"),
    ("generate", "{f}", "--out", "{out}", "--format", "md,html,json"),
    ("batch", "{f}", "--out", "{out}"),
    ("matrix", "{f}", "--format", "svg", "-o", "{out}/m.svg"),
    ("fmea", "{f}", "-o", "{out}/fmea.csv"),
    ("tradeoff", "{f}", "--out", "{out}"),
    ("premortem", "{f}", "-o", "{out}/p.md"),
    ("modelcard", "{f}", "-o", "{out}/card.json"),
    ("datasheet", "{f}", "-o", "{out}/sheet.md"),
    ("eval", "--findings", "{f}", str(EXAMPLES / "sentiment.yaml")),
]


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_refuses_hostile_files_without_writing(tmp_path, cli, name, command):
    path = write(tmp_path, name, HOSTILE[name])
    out = tmp_path / "out"
    out.mkdir()
    r = cli(*[a.format(f=path, out=out) for a in command])
    assert r.exit_code == 2, r.output
    assert f"{path}:" in r.stderr and "Traceback" not in r.stderr + r.stdout
    # batch records the invalid file in its summary; no brief is written by anything
    assert [p.name for p in out.iterdir() if p.name not in ("summary.json", "manifest.json")] == []
    if command[0] != "batch":
        assert list(out.iterdir()) == []


def test_eval_brief_input_has_the_same_limits(tmp_path, cli, monkeypatch):
    brief = tmp_path / "brief.md"
    brief.write_bytes(b"# Brief\n\nAccuracy is 65\xff percent.\n")
    r = cli("eval", "--findings", EXAMPLES / "sentiment.yaml", brief)
    assert r.exit_code == 2 and f"{brief}:3:" in r.stderr and "not UTF-8" in r.stderr
    brief.write_text("# Brief\n" + "Accuracy is 65 percent.\n" * 200, encoding="utf-8")
    monkeypatch.setenv("RISKBRIEF_MAX_INPUT_BYTES", "1024")
    r = cli("eval", "--findings", EXAMPLES / "sentiment.yaml", brief)
    assert r.exit_code == 2 and "1 KiB limit" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("kind,name,text", [
    ("atlas", "atlas.yaml", LAUGHS.replace("findings: *l9", "matrices: *l9")),
    ("hf", "README.md", "---\nmodel-index: !!python/object/apply:os.system [echo]\n---\n"),
    ("sarif", "scan.sarif", '{"version": "2.1.0", "runs": ' + "[" * 5000 + "]" * 5000 + "}"),
    ("garak", "report.jsonl", '{"entry_type": "start_run"}\n{"entry_type": ' + "[" * 5000 + "]" * 5000 + "}\n"),
    ("csv", "findings.csv", None),
], ids=["atlas-laughs", "hf-tag", "sarif-deep", "garak-deep", "csv-latin1"])
def test_importers_refuse_hostile_sources(tmp_path, cli, kind, name, text):
    path = tmp_path / name
    if text is None:
        path.write_bytes(b"finding_id,title\nF1,caf\xe9\n")
    else:
        path.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    r = cli("import", kind, path, "-o", out)
    assert r.exit_code == 2, r.output
    assert str(path) in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()


def test_importer_size_limit(tmp_path, cli, monkeypatch):
    path = write(tmp_path, "scan.sarif", '{"version": "2.1.0", "runs": []}' + " " * 4096)
    monkeypatch.setenv("RISKBRIEF_MAX_IMPORT_BYTES", "4096")
    r = cli("import", "sarif", path)
    assert r.exit_code == 2 and "4 KiB limit" in r.stderr and "RISKBRIEF_MAX_IMPORT_BYTES" in r.stderr


def test_endless_device_is_refused_at_the_limit(monkeypatch):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    monkeypatch.setenv("RISKBRIEF_MAX_INPUT_BYTES", "4096")
    with pytest.raises(FindingsError) as info:
        load_findings("/dev/zero")
    assert "larger than the 4 KiB limit" in info.value.problems[0].message
