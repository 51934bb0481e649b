"""The workspace notices a findings file changed on disk (and says so, regenerating nothing), and its
findings table shows each finding's severity and status even at 80 columns."""

from __future__ import annotations

import pytest

from engine.versions import VersionStore
from tests.test_tui_workflows import fraud_file, workspace
from tests.tui_support import generate, notices, settle
from tui.widgets.findings_table import FindingsTable

pytestmark = pytest.mark.asyncio

CHANGED = "findings changed on disk"


def status(app) -> str:
    return str(app.screen.editor().query_one(".brief-status").render())


async def wait_for(pilot, condition, polls: int = 100) -> None:
    for _ in range(polls):
        if condition():
            return
        await pilot.pause(0.05)


async def test_a_change_on_disk_is_reported_and_nothing_is_regenerated_or_lost(tmp_path):
    findings = fraud_file(tmp_path)
    original = findings.read_text(encoding="utf-8")
    messages = []
    app = workspace(findings, watch_interval=0.05)
    async with app.run_test(message_hook=messages.append) as pilot:
        await generate(pilot)
        await pilot.press("e")
        area = app.screen.editor().text_area
        area.move_cursor(area.document.end)
        area.insert("\nA reviewer's note typed before the file changed.")
        await settle(pilot)
        versions = [v.label for v in VersionStore(findings).list("executive")]
        assert CHANGED not in status(app)

        findings.write_text(original.replace("value: 71", "value: 64"), encoding="utf-8")
        await wait_for(pilot, lambda: CHANGED in status(app))
        assert CHANGED in status(app) and "g regenerates" in status(app)
        assert any(sev == "warning" and title == "Findings changed" and "press g" in text
                   for sev, title, text in notices(messages))
        # Nothing was re-read, regenerated or saved behind the user's back; the typed text is still there.
        await pilot.pause(0.3)
        assert [v.label for v in VersionStore(findings).list("executive")] == versions
        assert app.screen.session.doc.findings[0].metric("recall_debit").value == 71
        assert "typed before the file changed" in area.text and app.screen.editor().editing

        # Changed back: the notice goes away.
        findings.write_text(original, encoding="utf-8")
        await wait_for(pilot, lambda: CHANGED not in status(app))
        assert CHANGED not in status(app)

        # Changed again, then g: the edit is kept as a version and the brief is written from the new findings.
        findings.write_text(original.replace("value: 71", "value: 64"), encoding="utf-8")
        await wait_for(pilot, lambda: CHANGED in status(app))
        await pilot.press("escape")
        await generate(pilot)
        assert CHANGED not in status(app)
        assert "64%" in app.screen.session.states["executive"].markdown
        kinds = [v.kind for v in VersionStore(findings).list("executive")]
        assert kinds[len(versions):] == ["edit", "generate"]


async def test_saving_the_same_text_again_is_not_a_change(tmp_path):
    findings = fraud_file(tmp_path)
    messages = []
    app = workspace(findings, watch_interval=0.05)
    async with app.run_test(message_hook=messages.append) as pilot:
        await generate(pilot)
        findings.write_text(findings.read_text(encoding="utf-8"), encoding="utf-8")  # touched, same findings
        await pilot.pause(0.4)
        assert CHANGED not in status(app)
        assert not [n for n in notices(messages) if n[1] == "Findings changed"]


def visible_lines(table: FindingsTable) -> list[str]:
    return ["".join(seg.text for seg in table.render_line(y)) for y in range(table.size.height)]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45), (200, 60)])
async def test_the_findings_table_shows_severity_and_status_at_any_width(tmp_path, size):
    findings = fraud_file(tmp_path)
    app = workspace(findings)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one(FindingsTable)
        lines = visible_lines(table)
        doc = app.screen.session.doc
        for f, severity, state in ((doc.findings[0], "high", "open"), (doc.findings[1], "low", "accepted")):
            at = next(i for i, line in enumerate(lines) if f" {f.id} " in f" {line} ")
            row = " ".join(lines[at:at + 2])  # one line, or two in a narrow pane
            assert f.title[:8] in lines[at], (size, lines)  # the title, cut to fit, still begins the same
            assert f" {severity} " in f" {row} " and f" {state} " in f" {row} ", (size, lines)
