"""Workspace workflows on findings written for these tests: quitting with unsaved
edits, a findings file that breaks while open, approving an unfaithful brief,
a model that falls back to the narrator, and an 80x24 terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from engine.versions import VersionStore
from tests.tui_support import generate, notices, settle
from tui.app import make_app

pytestmark = pytest.mark.asyncio

FRAUD = """\
schema_version: 1
system: {name: Fraud screen, version: "4.1", owner: Risk Engineering, purpose: Flag card payments for review}
context: {decision: Extend the fraud screen to debit cards, deadline: 2027-01-20}
findings:
  - id: P1
    title: Recall drops on debit card payments
    category: performance
    severity: high
    likelihood: likely
    summary: Fraud recall falls from 88% on credit card payments to 71% on debit card payments.
    metrics:
      - {id: recall_credit, name: recall, value: 88, unit: percent, population: credit card payments, n: 40000}
      - {id: recall_debit, name: recall, value: 71, unit: percent, population: debit card payments, n: 9000,
         baseline: recall_credit}
    impact: More fraudulent debit payments would go through unflagged.
    owner: Fraud analytics lead
    status: open
    mitigations:
      - {action: Add debit-specific features to the model, owner: Risk Engineering, due: 2026-12-20, status: planned}
    caveats: [The debit sample covers only one quarter of transactions]
  - id: P2
    title: Scoring latency spikes at peak
    category: reliability
    severity: low
    likelihood: almost_certain
    summary: The 99th percentile scoring latency reaches 900 ms at peak.
    metrics:
      - {id: p99_latency, name: p99 latency, value: 900, unit: ms, population: peak-hour payments, n: 100000}
    owner: Platform SRE
    status: accepted
"""
WRONG_FIGURE = ("71%", "61%")
WRONG_OWNER = ("Fraud analytics lead", "Platform SRE")


def fraud_file(tmp_path: Path) -> Path:
    path = tmp_path / "fraud.yaml"
    path.write_text(FRAUD, encoding="utf-8")
    return path


def workspace(path: Path, **kwargs):
    kwargs.setdefault("audiences", ["executive"])
    kwargs.setdefault("reviewer", "Tess Reviewer")
    return make_app(path, **kwargs)


async def generate_and_type(pilot, text: str) -> None:
    await generate(pilot)
    await pilot.press("e")
    area = pilot.app.screen.editor().text_area
    area.move_cursor(area.document.end)
    area.insert(text)
    await pilot.pause()


async def test_ctrl_q_saves_unsaved_edits_before_quitting(tmp_path):
    findings = fraud_file(tmp_path)
    app = workspace(findings)
    async with app.run_test() as pilot:
        await generate_and_type(pilot, "\nA closing note.\n")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
    latest = VersionStore(findings).latest("executive")
    assert latest.kind == "edit" and "A closing note." in latest.markdown


async def test_findings_that_break_while_open_leave_the_brief_safe(tmp_path):
    findings = fraud_file(tmp_path)
    messages: list = []
    app = workspace(findings)
    async with app.run_test(message_hook=messages.append) as pilot:
        await generate_and_type(pilot, "\nA closing note.\n")
        screen = app.screen
        findings.write_text(FRAUD.replace("severity: high", "severity: huge"), encoding="utf-8")
        await screen.run_action("generate")  # the palette entry, run while still editing
        await settle(pilot)
        assert screen.has_class("-invalid")
        error = [text for sev, _, text in notices(messages) if sev == "error"][-1]
        assert "fraud.yaml has 1 problem" in error and "fraud.yaml:8: findings[0].severity: 'huge'" in error
        # Keys are actions again, not text typed into a brief that is no longer shown.
        assert not screen.editor().editing
        state = app.session.states["executive"]
        before = state.markdown
        assert "A closing note." in before and state.dirty
        await pilot.press("e", "x", "d")
        await settle(pilot)
        assert not screen.editor().editing and state.markdown == before
        assert not [n for n in notices(messages) if n[1] == "Could not check the brief"]
        # Fixed on disk: g re-reads it and writes the brief again, the edits saved first.
        findings.write_text(FRAUD.replace("severity: high", "severity: critical"), encoding="utf-8")
        await pilot.press("g")
        await settle(pilot)
        assert not screen.has_class("-invalid")
        kinds = [v.kind for v in VersionStore(findings).list("executive")]
        assert kinds == ["generate", "edit", "generate"]
        assert "critical" in state.markdown


async def test_approving_an_unfaithful_brief_is_recorded_as_an_override(tmp_path):
    findings = fraud_file(tmp_path)
    messages: list = []
    app = workspace(findings)
    async with app.run_test(message_hook=messages.append) as pilot:
        await generate(pilot)
        await pilot.press("e")
        area = app.screen.editor().text_area
        area.load_text(area.text.replace(*WRONG_FIGURE, 1).replace(*WRONG_OWNER, 1))
        await pilot.press("escape")
        await pilot.press("a")  # at once: the check of the edited text may still be pending
        await settle(pilot)
        state = app.session.states["executive"]
        assert state.version.kind == "approve"
        assert any(title == "Approved with open issues" and "override" in text for _, title, text in notices(messages))
    saved = json.loads(sorted((tmp_path / ".riskbrief" / "fraud" / "executive").glob("*.json"))[-1].read_text())
    override = saved["override"]
    assert override["reviewer"] == "Tess Reviewer"
    assert sorted(c["error"] for c in override["claims"]) == ["number", "owner"]
    assert any("61%" in c["text"] for c in override["claims"])
    assert saved["brief"]["approval"]["override"] is True


async def test_approving_a_faithful_brief_records_no_override(tmp_path):
    findings = fraud_file(tmp_path)
    app = workspace(findings)
    async with app.run_test() as pilot:
        await generate(pilot)
        await pilot.press("a")
        await settle(pilot)
    approved = VersionStore(findings).latest("executive")
    assert approved.kind == "approve" and approved.override is None
    assert approved.brief.approval.override is False


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_every_footer_key_is_on_screen(tmp_path, size):
    app = workspace(fraud_file(tmp_path))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        keys = [k for k in footer.query(FooterKey) if k.key_display != "^p"]
        shown = {k.key_display for k in keys}
        assert {"g", "r", "e", "a", "x", "d", "?", "q"} <= shown
        ends = sorted((k.region.x, k.region.right) for k in footer.query(FooterKey))
        assert all(right <= size[0] for _, right in ends)
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(ends, ends[1:]))  # none hidden under another


@pytest.fixture
def model_server(monkeypatch, tmp_path):
    from tests import llm_replies
    from tests.loopback import LoopbackServer

    srv = LoopbackServer(lambda seen: LoopbackServer.tool(seen.tool, llm_replies.FAITHFUL[seen.tool])).start()
    monkeypatch.setenv("OPENAI_BASE_URL", srv.url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-loopback-tui-0123456789")
    monkeypatch.setenv("RISKBRIEF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("RISKBRIEF_MAX_ATTEMPTS", "2")
    yield srv
    srv.stop()


def model_workspace(tmp_path: Path):
    from tests.tui_support import copy_example

    return workspace(copy_example(tmp_path), provider="openai", model="loopback-model")


async def test_sections_the_model_could_not_write_faithfully_are_named(tmp_path, model_server):
    from tests import llm_replies
    from tests.loopback import LoopbackServer

    model_server.responder = lambda seen: LoopbackServer.tool(seen.tool, llm_replies.UNFAITHFUL[seen.tool])
    messages: list = []
    app = model_workspace(tmp_path)
    async with app.run_test(message_hook=messages.append) as pilot:
        await generate(pilot)
        brief = app.session.states["executive"].brief
        fallback = brief.provenance.fallback_sections
        assert fallback
        warning = next(n for n in notices(messages) if n[0] == "warning")
        assert "offline narrator" in warning[2]
        titles = {s.id: s.title for s in brief.sections}
        assert all(titles.get(s, s) in warning[2] for s in fallback)


async def test_a_failing_model_keeps_the_work_and_the_ui_responsive(tmp_path, model_server):
    from tests.loopback import LoopbackServer

    messages: list = []
    app = model_workspace(tmp_path)
    async with app.run_test(message_hook=messages.append) as pilot:
        await generate_and_type(pilot, "\nA closing note.\n")
        screen, state = app.screen, app.session.states["executive"]
        edited = state.markdown
        gate = __import__("threading").Event()

        def stalled(seen):
            gate.wait(10)  # the server holds the request until the UI has been used
            return LoopbackServer.error(500)

        model_server.responder = stalled
        __import__("shutil").rmtree(tmp_path / "cache")  # the model is asked again, not the cache
        await pilot.press("escape")  # saves the edits as v2
        await pilot.press("g")
        await pilot.pause()
        assert screen.query_one("#generation-status").running
        await pilot.press("tab")  # the workspace still answers keys while the model is called
        assert any(a.id == "evidence-pane" for a in app.focused.ancestors_with_self)
        gate.set()
        await settle(pilot)
        error = [n for n in notices(messages) if n[0] == "error"][-1]
        assert "server error (500)" in error[2] and "not changed" in error[2]
        assert "sk-loopback" not in error[2]
        assert state.version.label == "v2 (edit)" and state.markdown == edited
        assert screen.editor().text == edited


async def test_export_renders_the_version_from_the_findings_it_was_written_from(tmp_path):
    from textual.widgets import Input

    findings = fraud_file(tmp_path)
    out = tmp_path / "out"
    messages: list = []
    app = workspace(findings)
    async with app.run_test(message_hook=messages.append) as pilot:
        await generate(pilot)
        findings.write_text(FRAUD.replace("severity: high", "severity: huge"), encoding="utf-8")  # broken since
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-dir", Input).value = str(out)
        await pilot.click("#export-ok")
        await settle(pilot)
        assert app.is_running
        assert any(title == "Exported 3 file(s)" for _, title, _ in notices(messages))
        saved = app.session.states["executive"].version
    assert (out / "fraud.executive.md").read_text(encoding="utf-8") == saved.markdown
    exported = json.loads((out / "fraud.executive.json").read_text(encoding="utf-8"))
    assert exported["eval"]["passed"] is True and "high" in (out / "fraud.executive.html").read_text(encoding="utf-8")


async def test_help_scrolls_to_every_key_on_an_80x24_terminal(tmp_path):
    app = workspace(fraud_file(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        scroll = app.screen.query_one("#help-scroll")
        assert app.screen.query_one("#help-dialog").region.bottom <= 24
        assert app.focused is scroll and scroll.max_scroll_y > 0  # taller than the room it has
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y


async def test_quitting_during_a_model_call_does_not_wait_for_it(tmp_path):
    import threading

    from tui.backend import Backend

    release, calls = threading.Event(), []
    backend = Backend()

    def stuck(*args, **kwargs):  # a model server that never answers
        calls.append(threading.current_thread())
        release.wait(30)
        raise RuntimeError("gave up")

    backend.generate = stuck
    app = workspace(fraud_file(tmp_path), backend=backend)
    try:
        async with app.run_test() as pilot:
            await settle(pilot)
            await pilot.press("g")
            for _ in range(1000):
                if calls:
                    break
                await pilot.pause(0.01)
            await pilot.press("q")
            await pilot.pause()
        assert not app.is_running
        # The interpreter joins non-daemon threads (and the executor's) at exit: the process
        # would hang after q until the call returned.
        assert calls[0].daemon
    finally:
        release.set()


async def test_a_dropped_caveat_is_listed_with_its_code_and_finding(tmp_path):
    from tui.widgets.evidence_panel import EvidencePanel
    from tui.widgets.findings_table import FindingsTable

    app = workspace(fraud_file(tmp_path))
    async with app.run_test() as pilot:
        await generate(pilot)
        screen = app.screen
        screen.query_one(FindingsTable).select_finding("P2")
        await pilot.press("e")
        area = screen.editor().text_area
        caveat_line = next(line for line in area.text.splitlines() if "one quarter of transactions" in line)
        area.load_text(area.text.replace(caveat_line + "\n", ""))
        await settle(pilot)
        panel = screen.query_one(EvidencePanel)
        assert [(c.error.value, c.text) for c in panel.claims] == [
            ("caveat", "The debit sample covers only one quarter of transactions")]
        assert panel.claim_list.option_count == 1  # not also "Every claim is supported."
        panel.claim_list.focus()
        panel.claim_list.highlighted = 0
        await settle(pilot)
        assert screen.query_one(FindingsTable).selected_id == "P1"
        caveats = app.session.states["executive"].brief.section("caveats").title
        assert screen.editor().current_section == caveats
