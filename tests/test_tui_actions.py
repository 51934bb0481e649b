"""Every workspace action, driven by keys, asserted on state and messages."""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Checkbox, Input, TextArea

from engine.errors import ProviderError
from engine.versions import VersionStore, markdown_hash
from tests.tui_support import (
    SIZE,
    copy_example,
    first_paragraph_end,
    generate,
    misquote_sarcasm_accuracy,
    notices,
    of_type,
    settle,
)
from tui.app import make_app
from tui.backend import Backend
from tui.screens.diff import DiffScreen
from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.brief_editor import BriefEditor
from tui.widgets.evidence_panel import EvidencePanel
from tui.widgets.findings_table import FindingsTable
from tui.widgets.generation_status import GenerationStatus

pytestmark = pytest.mark.asyncio
AUDIENCES = ["executive", "legal"]
INVENTED = " Accuracy is 99% on every post."


def rendered_text(renderable) -> str:
    console = Console(file=io.StringIO(), width=150, color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def app_for(path: Path, **kwargs):
    kwargs.setdefault("audiences", AUDIENCES)
    kwargs.setdefault("reviewer", "Dana Reviewer")
    return make_app(path, **kwargs)


async def generate_with_misquote(pilot) -> MainScreen:
    """Generate, then edit the brief so one figure is wrong (65% -> 55%) and leave edit mode re-checked."""
    screen = await generate(pilot)
    await pilot.press("e")
    area = screen.editor().text_area
    area.load_text(misquote_sarcasm_accuracy(area.text))
    await settle(pilot)
    await pilot.press("escape")
    await settle(pilot)
    return screen


async def type_into_brief(pilot, text: str, *, keys: bool = False) -> BriefEditor:
    """Enter edit mode, put the cursor after the first sentence of 'Where we stand' and
    type (key by key when `keys`, else as one insertion, like a paste)."""
    screen = pilot.app.screen
    editor = screen.editor()
    await pilot.press("e")
    area = editor.text_area
    area.move_cursor(first_paragraph_end(area.text))
    if keys:
        await pilot.press(*[("space" if ch == " " else ch) for ch in text])
    else:
        area.insert(text)
        await pilot.pause()
    return editor


async def test_generate_shows_the_brief_and_saves_a_version(tmp_path):
    findings = copy_example(tmp_path)
    messages: list = []
    app = app_for(findings)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        screen = await generate(pilot)
        state = app.session.states["executive"]
        assert len(of_type(messages, MainScreen.Generated)) == 1
        assert state.version is not None and state.version.label == "v1 (generate)"
        assert state.brief.headline in screen.editor().text
        assert state.eval is not None and state.eval.claims
        assert ("information", "Generated", "Wrote the executive brief: saved as v1 (generate).") in notices(messages)
        assert app.session.states["legal"].brief is None  # only the current audience
    saved = VersionStore(findings).latest("executive")
    assert saved is not None and saved.kind == "generate"
    assert (tmp_path / ".riskbrief" / "sentiment" / "executive" / "0001.json").is_file()


async def test_generation_shows_progress_and_can_be_cancelled(tmp_path):
    release = threading.Event()
    backend = Backend()
    real_generate = backend.generate

    def slow_generate(*args, **kwargs):
        release.wait(10)
        return real_generate(*args, **kwargs)

    backend.generate = slow_generate
    messages: list = []
    app = app_for(copy_example(tmp_path), backend=backend)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await pilot.pause()
        status = app.screen.query_one(GenerationStatus)
        assert status.running and status.display
        await pilot.press("escape")
        assert not status.running
        release.set()
        await settle(pilot)
        assert app.session.states["executive"].brief is None
        assert not of_type(messages, MainScreen.Generated)
        assert any("cancelled" in text for _, _, text in notices(messages))
    assert VersionStore(tmp_path / "sentiment.yaml").latest("executive") is None


async def test_failing_model_call_notifies_and_keeps_the_editor_content(tmp_path):
    backend = Backend()
    messages: list = []
    app = app_for(copy_example(tmp_path), backend=backend)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        screen = await generate(pilot)
        editor = await type_into_brief(pilot, INVENTED)
        edited = editor.text
        assert INVENTED.strip() in edited

        def failing(*args, **kwargs):
            raise ProviderError("the model server at http://127.0.0.1:9 refused the connection")

        backend.generate = failing
        await screen.run_action("generate")  # what the palette entry does, while still editing
        await settle(pilot)
        errors = [n for n in notices(messages) if n[0] == "error"]
        assert errors and "refused the connection" in errors[-1][2]
        assert "not changed" in errors[-1][2]
        assert editor.editing and editor.text == edited and editor.text_area.text == edited
        assert app.session.states["executive"].version.number == 1  # nothing saved over the edits
        assert app.is_running


async def test_typing_reevaluates_once_typing_pauses(tmp_path):
    messages: list = []
    # A pause long enough that even a slow test machine types the whole burst within it.
    app = app_for(copy_example(tmp_path), eval_delay=3.0)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await generate(pilot)
        before = len(of_type(messages, MainScreen.Evaluated))
        await type_into_brief(pilot, INVENTED, keys=True)
        edits = of_type(messages, BriefEditor.TextEdited)
        assert len(edits) == len(INVENTED)
        assert not of_type(messages, MainScreen.Evaluated)[before:]  # nothing checked while typing
        assert "re-checking" in str(app.screen.query_one(".eval-score").content)
        await settle(pilot)
        evaluations = of_type(messages, MainScreen.Evaluated)[before:]
        assert len(evaluations) == 1  # debounced: one check for the whole burst of keys
        state = app.session.states["executive"]
        failing = [c.text for c in state.eval.failing]
        assert any("99%" in text for text in failing)
        assert state.eval.audience_fit is not None and state.eval.audience_fit.words > 0
        assert state.dirty
        area = app.screen.editor().text_area
        assert "Accuracy is 99% on every post." in area.marks
        assert area.marks["Accuracy is 99% on every post."] == "unsupported"


async def test_leaving_edit_mode_saves_an_edit_version(tmp_path):
    findings = copy_example(tmp_path)
    app = app_for(findings)
    async with app.run_test(size=SIZE) as pilot:
        await generate(pilot)
        editor = await type_into_brief(pilot, INVENTED)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not editor.editing
        state = app.session.states["executive"]
        assert state.version.kind == "edit" and not state.dirty
    latest = VersionStore(findings).latest("executive")
    assert latest.number == 2 and INVENTED.strip() in latest.markdown
    assert any("99%" in s.text for s in latest.brief.section("situation").sentences)


async def test_regenerate_rewrites_one_section_and_keeps_edits_elsewhere(tmp_path):
    messages: list = []
    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        screen = await generate(pilot)
        editor = await type_into_brief(pilot, INVENTED)
        await pilot.press("escape")
        editor.select_section(app.session.states["executive"].brief.section("findings").title)
        await pilot.press("r")
        await settle(pilot)
        state = app.session.states["executive"]
        assert state.version.kind == "regenerate" and state.version.section == "findings"
        assert INVENTED.strip() in state.markdown  # the edit in 'Where we stand' survived
        assert of_type(messages, MainScreen.Generated)[-1].section == "findings"
        assert screen.editor().text == state.markdown


async def test_regenerate_without_a_brief_says_what_to_do(tmp_path):
    messages: list = []
    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert any("press g" in text for _, _, text in notices(messages))


async def test_approve_records_reviewer_time_and_hash(tmp_path):
    findings = copy_example(tmp_path)
    app = app_for(findings)
    async with app.run_test(size=SIZE) as pilot:
        await generate(pilot)
        await pilot.press("a")
        await settle(pilot)
        state = app.session.states["executive"]
        assert state.approved
        assert "APPROVED" in str(app.screen.editor().query_one(".brief-status").render())
    approved = VersionStore(findings).latest("executive", approved_only=True)
    assert approved.reviewer == "Dana Reviewer"
    assert approved.brief.approval.brief_hash == markdown_hash(approved.markdown)
    assert approved.brief.approval.approved_at


async def test_export_writes_the_chosen_formats(tmp_path):
    out = tmp_path / "out"
    messages: list = []
    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await generate(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-dir", Input).value = str(out)
        await pilot.click("#format-html")  # untick html
        await pilot.click("#export-ok")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        saved = app.session.states["executive"].version
    assert sorted(p.name for p in out.iterdir()) == ["sentiment.executive.json", "sentiment.executive.md"]
    assert (out / "sentiment.executive.md").read_text(encoding="utf-8") == saved.markdown
    assert json.loads((out / "sentiment.executive.json").read_text(encoding="utf-8"))["audience"] == "executive"
    assert any(title == "Exported 2 file(s)" for _, title, _ in notices(messages))


async def test_export_can_print_the_brief_as_pdf_and_word(tmp_path):
    out = tmp_path / "out"
    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await generate(pilot)
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-dir", Input).value = str(out)
        for fmt in ("md", "html", "json", "pdf", "docx"):
            app.screen.query_one(f"#format-{fmt}", Checkbox).value = fmt in ("pdf", "docx")
        await pilot.click("#export-ok")
        await settle(pilot)
    assert sorted(p.name for p in out.iterdir()) == ["sentiment.executive.docx", "sentiment.executive.pdf"]
    assert (out / "sentiment.executive.pdf").read_bytes().startswith(b"%PDF-")
    assert (out / "sentiment.executive.docx").read_bytes().startswith(b"PK")


async def test_diff_shows_what_changed_since_the_previous_version(tmp_path):
    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await generate(pilot)
        await type_into_brief(pilot, INVENTED)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DiffScreen)
        assert app.screen.title_text == "v1 (generate) → v2 (edit)"
        added = [line for line in app.screen.diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
        assert any("Accuracy is 99% on every post." in line for line in added)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_diff_of_the_first_version_explains_there_is_nothing_to_compare(tmp_path):
    messages: list = []
    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await generate(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("nothing to compare" in text for _, _, text in notices(messages))


async def test_tab_and_shift_tab_move_between_panes(tmp_path):
    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await generate(pilot)
        pane_of = lambda: next(a.id for a in app.focused.ancestors_with_self if a.id in  # noqa: E731
                               ("findings-pane", "brief-pane", "evidence-pane"))
        assert pane_of() == "findings-pane"
        await pilot.press("tab")
        assert pane_of() == "brief-pane"
        await pilot.press("tab")
        assert pane_of() == "evidence-pane"
        await pilot.press("tab")
        assert pane_of() == "findings-pane"
        await pilot.press("shift+tab")
        assert pane_of() == "evidence-pane"
        await pilot.press("e")
        assert pane_of() == "brief-pane" and isinstance(app.focused, TextArea)
        await pilot.press("tab")
        assert pane_of() == "evidence-pane"
        await pilot.press("shift+tab")
        assert pane_of() == "brief-pane" and isinstance(app.focused, TextArea)
        assert screen.editor().editing


async def test_selecting_a_claim_highlights_it_in_the_brief_and_the_findings(tmp_path):
    messages: list = []
    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        screen = await generate_with_misquote(pilot)
        panel = screen.query_one(EvidencePanel)
        target = next(i for i, c in enumerate(panel.claims) if "55%" in c.text)
        panel.claim_list.focus()
        panel.claim_list.highlighted = target
        await settle(pilot)
        selected = of_type(messages, EvidencePanel.ClaimSelected)[-1].claim
        assert "55%" in selected.text and selected.error.value == "number"
        marks = screen.editor().markdown.marks
        assert marks[selected.text] == "selected-claim"
        assert screen.query_one(FindingsTable).selected_id == "F1"
        assert "F1.acc_sarcasm" in screen._evidence_sources
        assert screen.editor().current_section == "What we found"
        assert "evidence for the selected claim" in rendered_text(screen.query_one("#finding-detail").content)
        assert "F1.acc_sarcasm" in screen.query_one("#finding-detail").highlight


async def test_help_screen_lists_every_key(tmp_path):
    from tui.actions import ACTIONS, KEY_LABELS

    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rendered = rendered_text(app.screen.query_one("#help-table").content)
        for a in ACTIONS:
            assert KEY_LABELS.get(a.key, a.key) in rendered
            assert a.title in rendered
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_command_palette_runs_actions_by_name(tmp_path):
    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Generate")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.states["executive"].version.kind == "generate"


async def test_palette_offers_every_action_audience_and_file(tmp_path):
    from tui.actions import ACTIONS
    from tui.commands import WorkspaceCommands

    copy_example(tmp_path, "credit.yaml")
    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        provider = WorkspaceCommands(app.screen)
        titles = [title for title, _, _ in provider._commands()]
        for a in ACTIONS:
            if a.action not in ("cancel", "next_pane", "previous_pane"):
                assert any(t.startswith(a.title) for t in titles), a.title
        assert "Audience: legal" in titles
        assert {"Open file: credit.yaml", "Open file: sentiment.yaml"} <= set(titles)


async def test_a_bad_findings_file_opens_with_its_problems(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nsystem: {name: X}\nfindings:\n  - id: F1\n    title: T\n"
                   "    category: nonsense\n    summary: S\n", encoding="utf-8")
    messages: list = []
    app = app_for(bad)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-invalid")
        problems = screen.query_one("#problems")
        assert problems.display and problems.row_count == 1
        row = problems.get_row_at(0)
        assert str(row[0]) == "6" and str(row[1]) == "findings[0].category"
        assert "nonsense" in str(row[2])
        await pilot.press("g")
        await settle(pilot)
        assert any(sev == "error" and "problem" in text for sev, _, text in notices(messages))
        assert app.is_running


async def test_closing_and_reopening_keeps_the_work(tmp_path):
    findings = copy_example(tmp_path)
    app = app_for(findings)
    async with app.run_test(size=SIZE) as pilot:
        await generate(pilot)
        await type_into_brief(pilot, INVENTED)
        edited = app.session.states["executive"].markdown
        await pilot.press("ctrl+p")  # q types into the editor; quitting from edit mode goes through the palette
        await pilot.press("escape")
        await app.screen.run_action("quit")
    assert VersionStore(findings).latest("executive").kind == "edit"
    again = app_for(findings)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        state = again.session.states["executive"]
        assert state.markdown == edited and not state.dirty
        assert again.screen.editor().text == edited
        assert state.eval is not None  # re-checked on open


async def test_a_directory_opens_its_first_file_and_switches_files(tmp_path):
    copy_example(tmp_path, "credit.yaml")
    copy_example(tmp_path, "sentiment.yaml")
    app = app_for(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.session.path.name == "credit.yaml"
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.session.path.name == "sentiment.yaml"
        assert app.screen.query_one(FindingsTable).row_count == len(app.session.doc.findings)
        assert "Sentiment classifier" in app.sub_title


async def test_practice_screen_lists_the_scenarios(tmp_path):
    from tui.practice_bank import list_scenarios
    from tui.screens.practice import PracticeScreen

    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        options = app.screen.query_one("#scenario-list")
        assert options.option_count == len(list_scenarios()) > 0
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_q_saves_unsaved_edits_and_quits(tmp_path):
    findings = copy_example(tmp_path)
    app = app_for(findings)
    async with app.run_test(size=SIZE) as pilot:
        await generate(pilot)
        await type_into_brief(pilot, INVENTED)
        await pilot.press("escape")
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running
    assert VersionStore(findings).latest("executive").kind == "edit"


async def test_practice_scores_an_answer_and_shows_a_model_answer(tmp_path):
    from tui.screens.practice import PracticeScreen

    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)
        await pilot.press("enter")  # choose the highlighted scenario: focus moves to the answer
        answer = screen.query_one("#answer", TextArea)
        assert app.focused is answer
        answer.insert("Our sentiment model was right 90% of the time overall but 65% on sarcastic posts. "
                      "I was asked whether to launch. I routed sarcastic posts to human review. "
                      "As a result the dashboards went live on time. I learned to lead with the slice.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.result is not None and 0 < screen.result.score <= 100
        assert set(screen.result.parts) == {"S", "T", "A", "R", "L"}
        shown = rendered_text(screen.query_one("#practice-feedback").content)
        assert f"Score {screen.result.score}/100" in shown and "Situation" in shown
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "Model answer" in rendered_text(screen.query_one("#practice-feedback").content)


async def test_opening_another_file_drops_a_brief_still_being_written(tmp_path):
    release = threading.Event()
    backend = Backend()
    real_generate = backend.generate

    def slow_generate(*args, **kwargs):
        release.wait(10)
        return real_generate(*args, **kwargs)

    backend.generate = slow_generate
    copy_example(tmp_path, "credit.yaml")
    copy_example(tmp_path, "sentiment.yaml")
    messages: list = []
    app = app_for(tmp_path, backend=backend)
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert app.session.path.name == "sentiment.yaml"
        assert app.session.states["executive"].brief is None
        assert not app.screen.query_one(GenerationStatus).running
        assert any("another file was opened" in text for _, _, text in notices(messages))
    assert VersionStore(tmp_path / "credit.yaml").latest("executive") is None
    assert VersionStore(tmp_path / "sentiment.yaml").latest("executive") is None


async def test_reopening_checks_every_audience_saved_without_a_check(tmp_path):
    from engine.narrator import narrate
    from engine.render.markdown import render_markdown
    from schemas.audience import load_profile
    from schemas.loading import load_findings

    findings = copy_example(tmp_path)
    doc = load_findings(findings)
    for audience in AUDIENCES:
        brief = narrate(doc, load_profile(audience))
        VersionStore(findings).save(audience, brief, render_markdown(brief), "edit")  # no eval attached
    app = app_for(findings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for audience in AUDIENCES:
            state = app.session.states[audience]
            assert state.eval is not None and state.eval.claims, audience
            assert state.eval_hash == markdown_hash(state.markdown)


async def test_model_provider_without_a_key_notifies_and_keeps_the_saved_brief(tmp_path):
    from engine.narrator import narrate
    from engine.render.markdown import render_markdown
    from schemas.audience import load_profile
    from schemas.loading import load_findings

    findings = copy_example(tmp_path)
    brief = narrate(load_findings(findings), load_profile("executive"))
    VersionStore(findings).save("executive", brief, render_markdown(brief), "generate")
    messages: list = []
    app = app_for(findings, provider="openai", model="gpt-4o-mini")
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        before = app.screen.editor().text
        await pilot.press("g")
        await settle(pilot)
        errors = [n for n in notices(messages) if n[0] == "error"]
        assert errors and "OPENAI_API_KEY is not set" in errors[-1][2]
        assert app.screen.editor().text == before and brief.headline in before
        assert not app.screen.query_one(GenerationStatus).running
    assert [v.number for v in VersionStore(findings).list("executive")] == [1]


async def test_clicking_a_highlighted_sentence_selects_its_claim(tmp_path):
    from tui.widgets.brief_markdown import HighlightedParagraph

    messages: list = []
    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        screen = await generate_with_misquote(pilot)
        claim = next(c for c in screen.query_one(EvidencePanel).claims if "55%" in c.text)
        paragraph = next(p for p in screen.query(HighlightedParagraph) if "55%" in p._content.plain)
        start = paragraph._content.plain.index(claim.text)
        actions = [str(span.style.meta.get("@click")) for span in paragraph._content.spans
                   if hasattr(span.style, "meta") and span.start <= start < span.end]
        assert actions and "select_claim_text" in actions[0]
        width = paragraph.content_region.width
        assert start < width - len(claim.text.split()[0])  # the claim starts on the first line
        await pilot.click(paragraph, offset=(start + 1, 0))
        await settle(pilot)
        assert of_type(messages, EvidencePanel.ClaimSelected)[-1].claim.text == claim.text


async def test_each_audience_has_its_own_tab_brief_and_evidence(tmp_path):
    app = app_for(copy_example(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen = await generate(pilot)
        executive = app.session.states["executive"]
        await pilot.click("#--content-tab-tab-legal")
        await settle(pilot)
        assert screen.audience == "legal"
        assert screen.editor().text == ""
        assert "No legal brief yet" in screen.editor().markdown.source
        assert screen.query_one(EvidencePanel).result is None
        await pilot.press("g")
        await settle(pilot)
        legal = app.session.states["legal"]
        assert legal.brief.audience == "legal" and legal.version.label == "v1 (generate)"
        assert screen.editor("legal").text == legal.markdown != executive.markdown
        assert screen.query_one(EvidencePanel).result is legal.eval
        screen.show_audience("executive")
        await settle(pilot)
        assert screen.query_one(EvidencePanel).result is executive.eval
        assert executive.version.number == 1  # untouched
