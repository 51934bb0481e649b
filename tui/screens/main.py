"""The review workspace: findings, the brief per audience, and the evidence."""

from __future__ import annotations

import functools

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane
from textual.worker import get_current_worker

from engine.errors import RiskbriefError
from engine.section_review import review_count, tracked
from schemas.brief import Brief
from schemas.evaluation import Claim, EvalResult
from tui.actions import bindings
from tui import findings_watch
from tui.daemon_call import in_daemon_thread
from tui.review_badges import badges
from tui.screens.common import reports_errors, status_line
from tui.screens.review_actions import ReviewActions
from tui.session import BriefState, Session
from tui.widgets.brief_editor import BriefEditor
from tui.widgets.evidence_panel import EvidencePanel
from tui.widgets.finding_detail import FindingDetail
from tui.widgets.findings_table import FindingsTable
from tui.widgets.generation_status import GenerationStatus
from tui.widgets.problems_view import ProblemsView
from tui.widgets.risk_matrix import RiskMatrix

EVAL_DEBOUNCE_S = 0.6


class MainScreen(ReviewActions, Screen):
    BINDINGS = bindings()

    class Generated(Message):
        def __init__(self, token: int, audience: str, brief: Brief, text: str, section: str | None) -> None:
            self.token, self.audience, self.brief, self.text, self.section = token, audience, brief, text, section
            super().__init__()

    class GenerationFailed(Message):
        def __init__(self, token: int, audience: str, error: str) -> None:
            self.token, self.audience, self.error = token, audience, error
            super().__init__()

    class Evaluated(Message):
        def __init__(self, audience: str, text: str, result: EvalResult | None, error: str | None = None,
                     epoch: int | None = None) -> None:
            self.audience, self.text, self.result, self.error, self.epoch = audience, text, result, error, epoch
            super().__init__()

    def __init__(self, session: Session, *, eval_delay: float = EVAL_DEBOUNCE_S,
                 watch_interval: float = findings_watch.POLL_S, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.eval_delay = eval_delay
        self.watch_interval = watch_interval
        self._generation_token = 0
        self._eval_timers: dict[str, Timer] = {}
        self._evidence_sources: set[str] = set()
        self.selected_claim: Claim | None = None
        self._active_pane = None

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Notifications show text as written: file paths and codes are not markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    # --- layout -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="workspace"):
            with Vertical(id="findings-pane", classes="pane"):
                yield FindingsTable(id="findings-table")
                yield ProblemsView(id="problems")
                yield RiskMatrix(id="risk-matrix")
                with VerticalScroll(id="finding-detail-scroll"):
                    yield FindingDetail(id="finding-detail")
            with Vertical(id="brief-pane", classes="pane"):
                yield GenerationStatus(id="generation-status")
                yield Static("", id="brief-blocked")
                with TabbedContent(id="audience-tabs"):
                    for i, audience in enumerate(self.session.audiences):
                        with TabPane(audience.capitalize(), id=f"tab-{audience}"):
                            if i == 0:  # the others are built when first shown: a faster first paint
                                yield BriefEditor(audience, id=f"brief-{audience}")
            yield EvidencePanel(id="evidence-pane", classes="pane")
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        self.fit_footer(event.size.width)

    def fit_footer(self, width: int) -> None:
        """Every key stays in view on a narrow terminal: the footer closes up, and below 100
        columns drops its ctrl+p hint (the palette still opens; the help screen lists it)."""
        footer = self.query_one(Footer)
        footer.compact = width < 130
        footer.show_command_palette = width >= 100

    async def on_mount(self) -> None:
        self.fit_footer(self.app.size.width)
        self.query_one("#findings-pane").border_title = "Findings"
        self.query_one("#brief-pane").border_title = "Brief"
        self.query_one("#evidence-pane").border_title = "Evidence"
        await self.show_document()
        self.set_interval(self.watch_interval, self.watch_findings)

    # --- helpers --------------------------------------------------------------
    @property
    def audience(self) -> str:
        tabs = self.query("#audience-tabs")
        active = tabs.first(TabbedContent).active if tabs else ""
        return (active or f"tab-{self.session.audiences[0]}").removeprefix("tab-")

    def editor(self, audience: str | None = None) -> BriefEditor:
        """The editor of an audience (default: the current one); a tab gets one when first shown."""
        return self.query_one(f"#brief-{audience or self.audience}", BriefEditor)

    def has_editor(self, audience: str) -> bool:
        return bool(self.query(f"#brief-{audience}"))

    @property
    def state(self) -> BriefState:
        return self.session.states[self.audience]

    def marks(self, state: BriefState) -> dict[str, str]:
        out = {c.text: "unsupported" for c in (state.eval.failing if state.eval else [])}
        if self.selected_claim is not None and self.selected_claim.text in out and state.audience == self.audience:
            out[self.selected_claim.text] = "selected-claim"
        return out

    async def show_document(self) -> None:
        """Fill every pane from the session (after mount or opening a file)."""
        s = self.session
        valid = self.show_findings()
        self.selected_claim = None
        self._evidence_sources = set()
        for audience, state in s.states.items():
            await self.refresh_brief(audience)
            if valid and state.brief is not None and state.eval is None:
                self.schedule_eval(audience, delay=0.0)
        self.refresh_evidence()
        (self.query_one(FindingsTable) if valid else self.query_one(ProblemsView)).focus()

    def show_findings(self) -> bool:
        """Fill the findings pane (or the file's problems); True when the findings are valid."""
        s = self.session
        valid = s.doc is not None
        self.set_class(not valid, "-invalid")
        self.app.sub_title = (f"{s.doc.system.name} · {s.path.name}" if valid and s.path
                              else (s.path.name if s.path else "no file"))
        self.query_one(FindingsTable).show(s.doc)
        self.query_one(ProblemsView).show(s.problems)
        self.query_one(RiskMatrix).show(s.doc)
        blocked = self.query_one("#brief-blocked", Static)
        if not valid:
            count = len(s.problems)
            text = Text(f"{s.path.name if s.path else 'The file'} has {count} problem(s). "
                        "Fix them in the file, then press o to open it again.\n", style="bold")
            for p in s.problems:
                text.append(f"\nline {p.line}: ", style="bold")
                text.append(f"{p.path}: {p.message}")
            blocked.update(text)
        first = s.doc.findings[0].id if s.doc else None
        self.query_one(FindingDetail).show(s.doc.finding(first) if s.doc and first else None)
        return valid

    async def reread_findings(self) -> None:
        """Pick up changes to the findings file made since it was opened (before writing from it)."""
        if not self.session.refresh_findings():
            return
        valid = self.show_findings()
        if not valid:
            await self.leave_briefs()
            return  # require_doc() reports the problems
        self.selected_claim = None
        for audience, state in self.session.states.items():
            await self.refresh_brief(audience)
            if state.brief is not None:
                self.schedule_eval(audience, delay=0.0)  # check the saved briefs against the new findings
        self.refresh_evidence(pending=True)
        self.notify(f"{self.session.path.name} changed on disk; the brief is written from the new findings.",
                    title="Findings re-read")

    def watch_findings(self) -> None:
        """Say so when the findings file changes on disk (or changes back). Nothing is re-read or
        regenerated here: the briefs, their checks and any edits stay until the user presses g or r."""
        if not self.session.check_findings_on_disk():
            return
        for audience, state in self.session.states.items():
            if self.has_editor(audience):
                self.editor(audience).set_status(status_line(state, self.session.findings_changed))
        name = self.session.path.name if self.session.path else "The findings file"
        if self.session.findings_changed:
            self.notify(f"{name} changed on disk. The briefs and their checks are of the findings as they were "
                        "when opened; press g to regenerate from the new findings (unsaved edits are saved "
                        "as a version first).", title="Findings changed", severity="warning", timeout=10)
        else:
            self.notify(f"{name} is back to the findings the briefs were written from.", title="Findings unchanged")

    async def leave_briefs(self) -> None:
        """The findings no longer validate and the briefs are hidden: leave edit mode (unsaved
        edits stay in the session, saved with the next version or on quit) so keys act again
        instead of typing into a brief no one can see, and drop checks that cannot run."""
        for audience in self.session.states:
            self.cancel_eval(audience)
        for editor in self.query(BriefEditor):
            await editor.set_editing(False)
        self.refresh_bindings()
        self.query_one(ProblemsView).focus()

    async def refresh_brief(self, audience: str) -> None:
        if not self.has_editor(audience):
            return  # shown when its tab is first opened
        state = self.session.states[audience]
        editor = self.editor(audience)
        # Badges once any section was approved; hidden over unsaved edits, which they may not describe.
        shown = badges(state.review) if tracked(state.review) and not state.dirty else []
        await editor.show(state.markdown, self.marks(state), shown)
        editor.set_status(status_line(state, self.session.findings_changed))

    def refresh_evidence(self, *, pending: bool = False) -> None:
        state = self.state
        self.query_one(EvidencePanel).show(state.eval, pending=pending, doc=self.session.doc)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """esc shows in the footer only while it does something."""
        if action == "cancel":
            status, editors = self.query(GenerationStatus), self.query(f"#brief-{self.audience}")
            return bool((status and status.first().running) or (editors and editors.first().editing))
        return True

    # --- panes ---
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Outline the pane that has the focus.

        Inline border styles, not a CSS class: a class change restyles every
        widget in the pane, which costs a visible pause on a big brief.
        """
        pane = next((a for a in event.widget.ancestors_with_self if a.has_class("pane")), None)
        if pane is None or pane is self._active_pane:
            return
        accent = self.app.theme_variables.get("accent", "orange")
        if self._active_pane is not None:
            inline = self._active_pane.styles.inline
            for rule in ("border_top", "border_right", "border_bottom", "border_left",
                         "border_title_color", "border_title_style"):
                inline.clear_rule(rule)
            self._active_pane.refresh()
        pane.styles.border = ("round", accent)
        pane.styles.border_title_color = accent
        pane.styles.border_title_style = "bold"
        self._active_pane = pane

    def _panes(self):
        findings = self.query_one(FindingsTable) if self.session.doc is not None else self.query_one(ProblemsView)
        if self.has_editor(self.audience):
            editor = self.editor()
            body = editor.text_area if editor.editing else editor.view
        else:  # the tab was opened a moment ago and its editor is still being built
            body = self.query_one("#audience-tabs", TabbedContent)
        return [findings, body, self.query_one(EvidencePanel).claim_list]

    def _move_pane(self, step: int) -> None:
        panes = self._panes()
        focused = self.focused
        current = next((i for i, p in enumerate(panes) if focused is not None and (focused is p or p in focused.ancestors)), None)
        if current is None:
            pane_ids = ["findings-pane", "brief-pane", "evidence-pane"]
            current = next((i for i, pid in enumerate(pane_ids) if focused is not None
                            and any(getattr(a, "id", None) == pid for a in focused.ancestors_with_self)), -1 if step > 0 else 0)
        panes[(current + step) % len(panes)].focus()

    def action_next_pane(self) -> None:
        self._move_pane(1)

    def action_previous_pane(self) -> None:
        self._move_pane(-1)

    # --- generate / regenerate -------------------------------------------------
    @reports_errors
    async def action_generate(self) -> None:
        if not self.query_one(GenerationStatus).running:
            await self.reread_findings()
        self.session.require_doc()
        self._start_generation(self.audience, None)

    @reports_errors
    async def action_regenerate_section(self) -> None:
        if not self.query_one(GenerationStatus).running:
            await self.reread_findings()
        self.session.require_doc()
        if self.state.brief is None:
            self.notify(f"There is no {self.audience} brief yet: press g to generate one.", severity="warning")
            return
        section = self.editor().current_section if self.has_editor(self.audience) else None
        if not section:
            self.notify("Choose a section first (the Section list above the brief).", severity="warning")
            return
        self._start_generation(self.audience, section)

    def _start_generation(self, audience: str, section: str | None) -> None:
        status = self.query_one(GenerationStatus)
        if status.running:
            self.notify("A brief is already being written; esc cancels it.", severity="warning")
            return
        self._generation_token += 1
        what = f"Rewriting '{section}'" if section else f"Writing the {audience} brief"
        status.start(f"{what} ({self.session.options.provider})")
        self.refresh_bindings()
        self.generate_worker(self._generation_token, audience, section)

    def _write(self, audience: str, section: str | None) -> tuple[Brief, str, str | None]:
        """(brief, text, section id rewritten or None): the slow part, off the event loop."""
        if section is None:
            return (*self.session.generate(audience), None)
        return self.session.regenerate(audience, section)

    @work(exclusive=True, group="generate", exit_on_error=False)
    async def generate_worker(self, token: int, audience: str, section: str | None) -> None:
        # Cancelling this worker (esc, another file) cancels the await: the result is dropped.
        try:
            brief, text, section_id = await in_daemon_thread(self._write, audience, section, name="riskbrief-generate")
        except RiskbriefError as e:
            message = str(e)
        except Exception as e:  # a provider bug must not take the workspace down
            message = f"unexpected error: {type(e).__name__}: {e}"
        else:
            self.post_message(self.Generated(token, audience, brief, text, section_id))
            return
        self.post_message(self.GenerationFailed(token, audience, message))

    @on(Generated)
    @reports_errors
    async def _generated(self, event: Generated) -> None:
        if event.token != self._generation_token:
            return  # cancelled
        self.query_one(GenerationStatus).stop()
        self.refresh_bindings()
        version = self.session.apply_generated(event.audience, event.brief, event.text, section=event.section)
        checked = self.session.states[event.audience].eval is not None
        if checked:
            # The new brief came checked: a re-check scheduled before it (findings re-read) is of
            # an older text, and left to run on this one would replace its check with another count.
            # Stopped before the first await below, or its timer could fire there and check this text.
            self.cancel_eval(event.audience)
        if event.audience == self.audience:
            self.selected_claim = None
        await self.refresh_brief(event.audience)
        todo = version.needs_review if tracked(version.sections) and event.section is None else []
        if self.has_editor(event.audience) and todo and todo[0].section != "headline":
            self.editor(event.audience).select_section(todo[0].title)  # s approves it once read
        if not checked:
            self.schedule_eval(event.audience, delay=0.0)
        if event.audience == self.audience:
            self.refresh_evidence(pending=event.audience in self._eval_timers)
        what = f"section {event.section}" if event.section else f"{event.audience} brief"
        review = ""
        if tracked(version.sections):
            kept = sum(s.approved for s in version.sections)
            review = f"\n{kept} section(s) keep their approval; {review_count(version.sections)}."
        self.notify(f"Wrote the {what}: saved as {version.label}.{review}", title="Generated")
        self.report_fallback(event.brief, event.section)

    def report_fallback(self, brief: Brief, section: str | None) -> None:
        """Say which sections the offline narrator wrote because the model's text was not faithful
        (the CLI fails such a brief without --allow-fallback; here the reviewer decides)."""
        fallback = [s for s in brief.provenance.fallback_sections if section is None or s == section]
        if not fallback:
            return
        titles = {s.id: s.title for s in brief.sections}
        names = ", ".join(f"'{titles.get(s, s)}'" for s in fallback)
        self.notify(f"The model's text for {names} did not pass the faithfulness check after "
                    f"{brief.provenance.repair_rounds} repair round(s), so the offline narrator wrote "
                    f"{'it' if len(fallback) == 1 else 'them'} from the findings.",
                    title="Written in part by the offline narrator", severity="warning", timeout=10)

    @on(GenerationFailed)
    def _generation_failed(self, event: GenerationFailed) -> None:
        if event.token != self._generation_token:
            return
        self.query_one(GenerationStatus).stop()
        self.refresh_bindings()
        self.notify(f"{event.error}\nThe brief was not changed.", title=f"Could not write the {event.audience} brief",
                    severity="error", timeout=10)

    def cancel_generation(self) -> bool:
        """Stop waiting for the brief being written; its result, if any, is dropped."""
        status = self.query_one(GenerationStatus)
        if not status.running:
            return False
        self._generation_token += 1
        self.workers.cancel_group(self, "generate")
        status.stop()
        self.refresh_bindings()
        return True

    async def action_cancel(self) -> None:
        if self.cancel_generation():
            self.notify("Generation cancelled; the brief was not changed.", title="Cancelled")
        elif self.has_editor(self.audience) and self.editor().editing:
            await self.action_toggle_edit()

    # --- editing and re-evaluation ------------------------------------------------
    @reports_errors
    async def action_toggle_edit(self) -> None:
        if not self.has_editor(self.audience):
            return  # the tab was opened a moment ago; its editor is still being built
        editor = self.editor()
        if not editor.editing:
            self.session.require_doc()  # a brief is checked against its findings as it is typed
            if self.state.brief is None:
                self.notify(f"There is no {self.audience} brief to edit yet: press g to generate one.", severity="warning")
                return
            await editor.set_editing(True)
            self.refresh_bindings()
            return
        await editor.set_editing(False)
        self.refresh_bindings()
        version = self.session.save_edit(self.audience)
        await self.refresh_brief(self.audience)
        if version is not None:
            self.notify(f"Saved your edits as {version.label}.", title="Saved")

    @on(BriefEditor.TextEdited)
    def _text_edited(self, event: BriefEditor.TextEdited) -> None:
        self.session.set_text(event.audience, event.text)
        event.editor.set_status(status_line(self.session.states[event.audience], self.session.findings_changed))
        if event.audience == self.audience:
            self.query_one(EvidencePanel).set_pending()
        self.schedule_eval(event.audience)

    def schedule_eval(self, audience: str, delay: float | None = None) -> None:
        """Check the text once typing pauses for `delay` seconds (default: eval_delay)."""
        delay = max(0.01, self.eval_delay if delay is None else delay)  # textual timers reject 0
        self._stop_eval_timer(audience)
        timer = self._eval_timers[audience] = self.set_timer(delay, lambda: self._run_eval(audience, timer))

    def _stop_eval_timer(self, audience: str) -> None:
        timer = self._eval_timers.pop(audience, None)
        if timer is not None:
            timer.stop()

    def cancel_eval(self, audience: str) -> None:
        """Drop a scheduled or running check of `audience`'s brief."""
        self._stop_eval_timer(audience)
        self.workers.cancel_group(self, f"eval-{audience}")

    def _run_eval(self, audience: str, timer: Timer) -> None:
        # A timer that fired hands its callback to the message queue (Textual's set_timer), where
        # stopping the timer no longer reaches it: a stopped or replaced timer's check is dropped here.
        if self._eval_timers.get(audience) is not timer:
            return
        del self._eval_timers[audience]
        state = self.session.states[audience]
        # One check at a time per audience; a newer text replaces an older check.
        self.run_worker(functools.partial(self._evaluate_in_thread, audience, state.markdown, state.epoch), thread=True,
                        exclusive=True, group=f"eval-{audience}", exit_on_error=False)

    def _evaluate_in_thread(self, audience: str, text: str, epoch: int) -> None:
        worker = get_current_worker()
        try:
            result, error = self.session.evaluate(audience, text), None
        except RiskbriefError as e:
            result, error = None, str(e)
        except Exception as e:  # a checker bug must not take the workspace down
            result, error = None, f"unexpected error: {type(e).__name__}: {e}"
        if not worker.is_cancelled:
            self.post_message(self.Evaluated(audience, text, result, error, epoch))

    @on(Evaluated)
    async def _evaluated(self, event: Evaluated) -> None:
        if event.error:
            self.notify(event.error, title="Could not check the brief", severity="error")
            return
        if not self.session.apply_eval(event.audience, event.text, event.result, event.epoch):
            return  # the text changed again; a newer check is on its way
        state = self.session.states[event.audience]
        if self.has_editor(event.audience):
            await self.editor(event.audience).mark(self.marks(state))
        if event.audience == self.audience:
            self.refresh_evidence()

    @property
    def evaluating(self) -> bool:
        return bool(self._eval_timers) or any(w.group.startswith("eval-") and w.is_running for w in self.workers)

    # --- selection ----------------------------------------------------------------
    @on(FindingsTable.FindingSelected)
    def _finding_selected(self, event: FindingsTable.FindingSelected) -> None:
        if self.session.doc is None:
            return
        self.query_one(FindingDetail).show(self.session.doc.finding(event.finding_id), self._evidence_sources)
        self.query_one(RiskMatrix).show(self.session.doc, event.finding_id)

    @on(EvidencePanel.ClaimSelected)
    async def _claim_selected(self, event: EvidencePanel.ClaimSelected) -> None:
        claim = self.selected_claim = event.claim
        editor = self.editor()
        state = self.state
        if claim.section and state.brief is not None:
            wanted = claim.section.strip().lower()
            sec = next((x for x in state.brief.sections if wanted in (x.id, x.title.strip().lower())), None)
            editor.select_section(sec.title if sec else None)
        await editor.mark(self.marks(state))
        editor.select_sentence(claim.text)
        self._evidence_sources = set(claim.sources) | {s.split(".")[0] for s in claim.sources}
        finding_ids = [s.split(".")[0] for s in claim.sources if self.session.doc and self.session.doc.finding(s.split(".")[0])]
        table = self.query_one(FindingsTable)
        if finding_ids and table.selected_id != finding_ids[0]:
            table.select_finding(finding_ids[0])
        elif finding_ids and self.session.doc is not None:
            self.query_one(FindingDetail).show(self.session.doc.finding(finding_ids[0]), self._evidence_sources)

    def action_select_claim_text(self, text: str) -> None:
        """Select the failing claim with this text (a click on a highlighted sentence)."""
        panel = self.query_one(EvidencePanel)
        index = next((i for i, c in enumerate(panel.claims) if c.text == text), None)
        if index is not None:
            panel.claim_list.highlighted = index

    @on(TabbedContent.TabActivated)
    async def _audience_changed(self, event: TabbedContent.TabActivated) -> None:
        audience = self.audience
        if not self.has_editor(audience):
            pane = self.query_one(f"#tab-{audience}", TabPane)
            await pane.mount(BriefEditor(audience, id=f"brief-{audience}"))
            await self.refresh_brief(audience)
        self.selected_claim = None
        self.refresh_evidence(pending=self.audience in self._eval_timers)
