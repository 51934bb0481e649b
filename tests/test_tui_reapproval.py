"""Partial re-approval in the workspace: after the findings change, only the
sections resting on what changed need review again, and the brief shows which."""

from __future__ import annotations

import pytest
from engine.versions import VersionStore
from tests.tui_support import SIZE, copy_example, notices, settle
from tui.app import make_app

pytestmark = pytest.mark.asyncio


def status(screen) -> str:
    return str(screen.editor().query_one(".brief-status").render())


def cites(section, finding_id: str) -> bool:
    return any(src.split(".")[0] == finding_id for s in section.sentences for src in s.sources)


async def test_regenerating_after_a_metric_changes_asks_review_only_where_it_is_cited(tmp_path):
    findings = copy_example(tmp_path)
    messages: list = []
    app = make_app(findings, audiences=["executive"], reviewer="Dana Reviewer")
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        screen = app.screen
        assert "need review" not in status(screen) and not screen.editor().badges  # nothing approved yet
        await pilot.press("a")
        await settle(pilot)
        assert "APPROVED" in status(screen)
        approved = app.session.states["executive"].version

        # The recall of F2 is re-measured while the workspace is open.
        findings.write_text(findings.read_text(encoding="utf-8").replace("value: 78", "value: 71"), encoding="utf-8")
        await pilot.press("g")
        await settle(pilot)
        state = app.session.states["executive"]
        changed = {sec.title for sec in state.brief.sections if cites(sec, "F2")}
        assert changed and state.version.findings_text == findings.read_text(encoding="utf-8")
        total = len(state.brief.sections) + 1  # with the headline
        assert f"{len(changed)} of {total} sections need review" in status(screen)
        assert any(title == "Findings re-read" for _, title, _ in notices(messages))

        badges = {b.title: b for b in screen.editor().badges}
        for sec in state.brief.sections:
            badge = badges[sec.title]
            if sec.title in changed:
                assert not badge.approved and badge.text.startswith("● needs review:") and "F2" in badge.text
            else:
                assert badge.approved and badge.text == f"✓ approved (carried from v{approved.number})"
        shown = screen.editor().markdown.source
        assert "● needs review: F2.sarcasm" in shown.replace("\\", "")
        assert "● needs review" not in state.markdown  # badges are drawn, not written into the brief
        labels = [label for label, _ in screen.editor().section_options]
        assert sorted(label.startswith("●") for label in labels) == sorted(
            sec.title in changed for sec in state.brief.sections)

        # The first section to review is chosen; n moves on to the next one and scrolls to it.
        order = [sec.title for sec in state.brief.sections if sec.title in changed]
        assert screen.editor().current_section == order[0]
        await pilot.press("n")
        await pilot.pause()
        assert screen.editor().current_section == order[1] and screen.editor().view.scroll_y > 0

        # s approves the section chosen in the Section list; a approves the rest.
        first = order[0]
        screen.editor().select_section(first)
        await pilot.press("s")
        await settle(pilot)
        assert len(changed) > 1 and f"{len(changed) - 1} of {total} sections need review" in status(screen)
        assert next(b for b in screen.editor().badges if b.title == first).approved
        await pilot.press("a")
        await settle(pilot)
        assert "APPROVED" in status(screen)
        assert all(b.approved for b in screen.editor().badges)
    final = VersionStore(findings).latest("executive", approved_only=True)
    assert final.brief.approval is not None and final.findings_text == findings.read_text(encoding="utf-8")


async def test_regenerating_unchanged_findings_keeps_the_approval(tmp_path):
    findings = copy_example(tmp_path)
    app = make_app(findings, audiences=["executive"], reviewer="Dana Reviewer")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        state = app.session.states["executive"]
        assert state.version.kind == "generate" and state.approved
        assert "APPROVED" in status(app.screen)
