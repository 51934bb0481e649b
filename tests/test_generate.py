"""`riskbrief generate`: every audience x format, determinism, bad input, installed wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from schemas.brief import Brief
from schemas.audience import audience_names
from tests.conftest import ROOT, write

AUDIENCES = ["executive", "legal", "product", "engineering"]


def test_every_example_audience_and_format(tmp_path, cli, example_files):
    r = cli("generate", *example_files, "--format", "md,html,json", "--out", tmp_path)
    assert r.exit_code == 0, r.stderr
    schema = Brief.model_json_schema()
    for f in example_files:
        for a in AUDIENCES:
            for ext in ("md", "html", "json"):
                assert (tmp_path / f"{f.stem}.{a}.{ext}").is_file()
            data = json.loads((tmp_path / f"{f.stem}.{a}.json").read_text())
            jsonschema.validate(data, schema)
            assert data["audience"] == a
            assert set(data["provenance"]) >= {"provider", "model", "prompt_hash", "input_hash", "created_at"}
            for s in data["sections"]:
                assert s["sentences"], f"empty section {s['id']} in {f.stem}.{a}"
                assert all(sen["sources"] for sen in s["sentences"])
    assert len(list(tmp_path.iterdir())) == len(example_files) * 4 * 3


def test_default_is_all_audiences_markdown(tmp_path, cli, examples_dir):
    r = cli("generate", examples_dir / "sentiment.yaml", "--out", tmp_path)
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"sentiment.{a}.md" for a in AUDIENCES)


def test_same_input_same_bytes(tmp_path, cli, example_files):
    for run in ("one", "two"):
        r = cli("generate", *example_files, "--format", "md,html,json", "--out", tmp_path / run)
        assert r.exit_code == 0, r.stderr
    one = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert one == two and len(one) == 36


def test_html_is_self_contained_with_risk_matrix(tmp_path, cli, examples_dir):
    r = cli("generate", examples_dir / "agent.yaml", "-a", "executive", "-f", "html", "--out", tmp_path)
    assert r.exit_code == 0, r.stderr
    html = (tmp_path / "agent.executive.html").read_text()
    assert "<style>" in html and "<svg" in html
    assert "<link" not in html and "<script src" not in html and 'src="http' not in html


def test_unknown_audience_and_format_exit_2_and_write_nothing(tmp_path, cli, examples_dir):
    r = cli("generate", examples_dir / "sentiment.yaml", "--audience", "nobody", "--out", tmp_path / "a")
    assert r.exit_code == 2
    for name in audience_names():
        assert name in r.stderr
    assert not (tmp_path / "a").exists()
    r = cli("generate", examples_dir / "sentiment.yaml", "--format", "md,odt", "--out", tmp_path / "b")
    assert r.exit_code == 2 and "'odt'" in r.stderr and "md, html, json, pdf, docx" in r.stderr
    assert not (tmp_path / "b").exists()


def test_invalid_file_writes_nothing_for_any_file(tmp_path, cli, examples_dir):
    bad = write(tmp_path, "bad.yaml", (examples_dir / "sentiment.yaml").read_text().replace("value: 65", "value: 165"))
    r = cli("generate", examples_dir / "credit.yaml", bad, "--out", tmp_path / "out")
    assert r.exit_code == 2
    assert f"{bad}:" in r.stderr and "findings[0].metrics[1].value" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()


def test_installed_wheel_finds_its_prompts(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("riskbrief-*.whl"))
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import sys, schemas, engine\n"
        "assert not schemas.__file__.startswith(%r), schemas.__file__\n"
        "from schemas.audience import audience_names, load_profile\n"
        "from schemas.loading import load_findings\n"
        "from engine.pipeline import generate_brief\n"
        "doc = load_findings(%r)\n"
        "print(sorted(audience_names()))\n"
        "print(generate_brief(doc, 'legal').eval.passed)\n"
    ) % (str(ROOT), str(ROOT / "examples" / "sentiment.yaml"))
    env = {**os.environ, "PYTHONPATH": str(site)}
    r = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "['engineering', 'executive', 'legal', 'product']" in r.stdout
    assert r.stdout.strip().endswith("True")


def test_eval_accepts_riskbrief_markdown_with_its_check_line(tmp_path, cli, examples_dir):
    r = cli("generate", examples_dir / "agent.yaml", "-a", "engineering", "--out", tmp_path)
    assert r.exit_code == 0, r.stderr
    md = tmp_path / "agent.engineering.md"
    assert "*riskbrief check: faithfulness passed" in md.read_text()
    r = cli("eval", "--findings", examples_dir / "agent.yaml", md, "--json")
    assert r.exit_code == 0, r.stdout
    assert json.loads(r.stdout)["passed"] is True
