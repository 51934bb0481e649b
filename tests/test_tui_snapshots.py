"""SVG snapshots of the workspace's main screens (160x45).

Briefs and checks are replayed from recordings of the offline provider (see
tests/tui_recorded.py), so the snapshots change only when the screens do.
After an intended change to the screens: pytest tests/test_tui_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from tests.tui_support import SIZE, copy_example, misquote_sarcasm_accuracy, settle
from tests.tui_recorded import recorded_backend
from tui.app import make_app
from tui.widgets.evidence_panel import EvidencePanel



def workspace(tmp_path: Path, name: str = "sentiment.yaml"):
    return make_app(copy_example(tmp_path, name), audiences=["executive", "legal", "product", "engineering"],
                    reviewer="Dana Reviewer", backend=recorded_backend())


async def steady(pilot) -> None:
    """Settle, then remove what changes between runs: toasts and blinking cursors."""
    await settle(pilot)
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False  # the cursor stays drawn while the area has focus
        area.refresh()
    pilot.app.clear_notifications()
    await pilot.pause()
    # A text area's highlighting can land a frame after its refresh on a loaded machine ("# Title" drawn
    # once as one run, once as two): settle again, so the snapshot takes the highlighted frame.
    await settle(pilot)
    await pilot.pause()


async def after_recheck(pilot) -> None:
    """Wait out the edit debounce, then for the re-check it starts: the screen must not depend on timing."""
    await pilot.pause(pilot.app.eval_delay + 0.3)
    await settle(pilot)


async def generated(pilot) -> None:
    await settle(pilot)
    await pilot.press("g")
    await steady(pilot)


async def edited_with_claim_selected(pilot) -> None:
    await generated(pilot)
    screen = pilot.app.screen
    await pilot.press("e")
    area = screen.editor().text_area
    area.load_text(misquote_sarcasm_accuracy(area.text))
    await after_recheck(pilot)
    await pilot.press("escape")
    await settle(pilot)
    panel = screen.query_one(EvidencePanel)
    panel.claim_list.focus()
    panel.claim_list.highlighted = next(i for i, c in enumerate(panel.claims) if "55%" in c.text)
    await steady(pilot)


def test_main_screen_after_generate(snap_compare, tmp_path):
    assert snap_compare(workspace(tmp_path), terminal_size=SIZE, run_before=generated)


def test_claim_selected_highlights_brief_and_finding(snap_compare, tmp_path):
    assert snap_compare(workspace(tmp_path), terminal_size=SIZE, run_before=edited_with_claim_selected)


def test_edit_mode(snap_compare, tmp_path):
    async def run_before(pilot):
        await generated(pilot)
        await pilot.press("e")
        area = pilot.app.screen.editor().text_area
        area.load_text(misquote_sarcasm_accuracy(area.text))
        area.move_cursor((0, 0))
        await after_recheck(pilot)
        # The editor keeps the focus in edit mode; said here so that a re-check that ends late on a busy
        # machine cannot leave the snapshot without the cursor.
        area.focus()
        await steady(pilot)

    assert snap_compare(workspace(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_bad_findings_file_shows_its_problems(snap_compare, tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text(
        "schema_version: 1\nsystem: {name: Fraud model}\nfindings:\n"
        "  - id: F1\n    title: Misses new customers\n    category: fairnes\n    summary: Recall drops.\n"
        "    metrics:\n      - {id: recall, name: recall, value: 140, unit: percent}\n",
        encoding="utf-8",
    )
    app = make_app(bad, audiences=["executive", "legal"])
    assert snap_compare(app, terminal_size=SIZE, run_before=steady)


def test_help_screen(snap_compare, tmp_path):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await steady(pilot)

    assert snap_compare(workspace(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_diff_screen(snap_compare, tmp_path):
    async def run_before(pilot):
        await edited_with_claim_selected(pilot)
        await pilot.press("d")
        await steady(pilot)

    assert snap_compare(workspace(tmp_path), terminal_size=SIZE, run_before=run_before)


def test_practice_screen(snap_compare, tmp_path):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("p")
        await steady(pilot)

    assert snap_compare(workspace(tmp_path), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("example", ["credit.yaml", "agent.yaml"])
def test_other_reference_scenarios(snap_compare, tmp_path, example):
    assert snap_compare(workspace(tmp_path, example), terminal_size=SIZE, run_before=generated)


def test_sections_needing_review_after_the_findings_change(snap_compare, tmp_path):
    async def run_before(pilot):
        await generated(pilot)
        await pilot.press("a")
        await settle(pilot)
        findings = pilot.app.session.path
        findings.write_text(findings.read_text(encoding="utf-8").replace("value: 78", "value: 71"), encoding="utf-8")
        await pilot.press("g")
        await steady(pilot)

    assert snap_compare(workspace(tmp_path), terminal_size=SIZE, run_before=run_before)
