"""A format a finished brief lacks is rendered from its saved JSON: no model request, no narrator run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from engine.pipeline import render_bytes
from schemas.loading import load_brief
from tests.conftest import EXAMPLES
from tests.test_batch_cli import summary
from tests.test_batch_model import faithful_fake, sentiment_copies  # noqa: F401  (a fixture)


def _no_generation(monkeypatch) -> None:
    """Any brief made again (narrator or model) fails loudly; forked workers inherit the patch."""
    import engine.pipeline

    def refuse(*args, **kw):
        raise AssertionError("the brief was generated again")

    monkeypatch.setattr(engine.pipeline, "generate_brief", refuse)


def _times(out: Path, *suffixes: str) -> dict[str, int]:
    """Modification times of the brief files (not the manifest or summary) with these suffixes."""
    return {p.name: p.stat().st_mtime_ns for p in out.glob("*.*.*") if p.suffix in suffixes}


def test_a_new_format_is_rendered_from_the_saved_brief_as_a_fresh_run_would_write_it(tmp_path, cli, monkeypatch):
    inputs = tmp_path / "in"
    shutil.copytree(EXAMPLES, inputs)
    out, fresh = tmp_path / "o", tmp_path / "fresh"
    assert cli("batch", inputs, "-a", "executive,legal", "-f", "md,json", "--out", out).exit_code == 0
    before = _times(out, ".md", ".json")
    assert cli("batch", inputs, "-a", "executive,legal", "-f", "md,json,html", "--out", fresh).exit_code == 0

    with monkeypatch.context() as m:
        _no_generation(m)
        r = cli("batch", inputs, "-a", "executive,legal", "-f", "md,json,html", "--out", out, "--report", "html")
    assert r.exit_code == 0, r.output + r.stderr
    s = summary(out)
    assert (s["generated"], s["skipped"], s["rendered"], s["failed"]) == (0, 6, 6, 0)
    assert s["faithfulness_pass"] == 6 and s["requests"] == 0
    for html in fresh.glob("*.html"):
        assert (out / html.name).read_bytes() == html.read_bytes(), html.name
    assert _times(out, ".md", ".json") == before  # the files already there are left alone
    assert all(i["rendered"] and i["status"] == "skipped" and len(i["outputs"]) == 3 for i in s["items"])
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "6 skipped (6 with files added)" in page and page.count("skipped (files added)") == 6
    # Recorded in the manifest: the next run with the same formats has nothing to do.
    assert cli("batch", inputs, "-a", "executive,legal", "-f", "md,json,html", "--out", out).exit_code == 0
    assert (summary(out)["skipped"], summary(out)["rendered"]) == (6, 0)


def test_a_model_brief_gets_its_new_format_with_no_request_and_no_key(tmp_path, cli, faithful_fake, monkeypatch):
    inputs = sentiment_copies(tmp_path / "in", 1)
    out = tmp_path / "o"
    assert cli("batch", inputs, "-a", "executive", "-f", "md,json", "--provider", "fake", "--no-cache",
               "--out", out).exit_code == 0
    asked = len(faithful_fake.history)
    assert asked > 0
    r = cli("batch", inputs, "-a", "executive", "-f", "md,json,html,pdf", "--provider", "fake", "--no-cache",
            "--out", out)
    assert r.exit_code == 0, r.output + r.stderr
    assert len(faithful_fake.history) == asked  # not one request
    assert (summary(out)["requests"], summary(out)["rendered"], summary(out)["generated"]) == (0, 1, 0)
    saved = load_brief(out / "s0.executive.json")
    for fmt in ("html", "pdf"):
        assert (out / f"s0.executive.{fmt}").read_bytes() == render_bytes(saved, None, fmt)


def test_an_openai_brief_needs_no_key_to_gain_a_format(tmp_path, cli, monkeypatch):
    from tests.llm_replies import FAITHFUL
    from tests.loopback import LoopbackServer

    inputs = sentiment_copies(tmp_path / "in", 1)
    out = tmp_path / "o"
    with LoopbackServer(lambda seen: LoopbackServer.tool(seen.tool, FAITHFUL[seen.tool])) as srv:
        monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test-saved-briefs")
        args = ("batch", inputs, "-a", "legal", "--provider", "openai", "--model", "loopback-model", "--out", out)
        assert cli(*args, "-f", "json").exit_code == 0
        sent = len(srv.requests)
        # No key and no local server: making the brief again would be refused before any work.
        monkeypatch.delenv("OPENAI_API_KEY")
        monkeypatch.delenv("OPENAI_BASE_URL")
        r = cli(*args, "-f", "json,md")
        assert r.exit_code == 0, r.output + r.stderr
        assert len(srv.requests) == sent
    assert (out / "s0.legal.md").read_bytes() == render_bytes(load_brief(out / "s0.legal.json"), None, "md")


def _delete(path: Path) -> None:
    path.unlink()


def _garble(path: Path) -> None:
    path.write_text('{"audience": "legal", "headline": ', encoding="utf-8")


def _other_input(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["provenance"]["input_hash"] = "sha256:" + "0" * 64
    path.write_text(json.dumps(data), encoding="utf-8")


def _other_prompt(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["provenance"]["prompt_hash"] = "sha256:" + "1" * 64
    path.write_text(json.dumps(data), encoding="utf-8")


def _other_audience(path: Path) -> None:
    shutil.copyfile(path.with_name("credit.executive.json"), path)


@pytest.mark.parametrize("spoil", [_delete, _garble, _other_input, _other_prompt, _other_audience])
def test_a_saved_brief_that_is_missing_unreadable_or_of_other_inputs_is_made_again(tmp_path, cli, spoil):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(EXAMPLES / "credit.yaml", inputs)
    out = tmp_path / "o"
    assert cli("batch", inputs, "-a", "executive,legal", "-f", "md,json", "--out", out).exit_code == 0
    spoil(out / "credit.legal.json")
    r = cli("batch", inputs, "-a", "executive,legal", "-f", "md,json,html", "--out", out)
    assert r.exit_code == 0, r.output + r.stderr
    s = summary(out)
    assert (s["generated"], s["rendered"]) == (1, 1)
    assert {i["key"]: i["rendered"] for i in s["items"]} == {"credit.executive": True, "credit.legal": False}
    brief = load_brief(out / "credit.legal.json")  # made again, whole
    assert brief.audience == "legal"
    assert (out / "credit.legal.html").read_bytes() == render_bytes(brief, None, "html")
