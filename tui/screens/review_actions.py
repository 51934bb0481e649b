"""Workspace actions that leave the brief as it is: approve, export, diff,
and the screens for help, practice and opening another file."""

from __future__ import annotations

import functools
from pathlib import Path

from textual.widgets import TabbedContent

from engine.section_review import HEADLINE, review_count, tracked
from tui.screens.common import reports_errors, status_line
from tui.widgets.brief_editor import BriefEditor


class ReviewActions:
    """Mixed into MainScreen, which provides session, audience, state, editor() and show_document()."""

    # --- approve, export, diff ------------------------------------------------------
    @reports_errors
    async def action_approve(self) -> None:
        await self._approve(None)

    @reports_errors
    async def action_approve_section(self) -> None:
        section = self.editor().current_section if self.has_editor(self.audience) else None
        if self.state.brief is not None and not section:
            self.notify("Choose a section first (the Section list above the brief).", severity="warning")
            return
        await self._approve(section)

    def action_next_review(self) -> None:
        """Choose the next section that needs review (after the chosen one) and show it."""
        state = self.state
        review = state.review if tracked(state.review) and not state.dirty else []
        todo = [s for s in review if not s.approved and s.section != HEADLINE]
        if not todo:
            left = "only the headline needs review: press a" if any(not s.approved for s in review) else (
                "no section needs review" if review else "nothing to review again until the brief is approved once")
            self.notify(left[0].upper() + left[1:] + ".", title="Review")
            return
        editor = self.editor()
        titles = [s.title for s in review]
        at = titles.index(editor.current_section) if editor.current_section in titles else -1
        target = next((s for s in review[at + 1:] if s in todo), todo[0])
        editor.select_section(target.title)
        editor.scroll_to_section(target.title)
        self.notify(target.badge, title=target.title)

    async def _approve(self, section: str | None) -> None:
        version = self.session.approve(self.audience, section)
        await self.refresh_brief(self.audience)
        self.refresh_evidence()  # the check the approval was given on
        what = f"'{section}' in {version.label}" if section else version.label
        if version.approved:
            outcome = "every section is approved"
        else:
            outcome = f"{review_count(version.sections)}: " + ", ".join(s.title for s in version.needs_review)
        if version.override is not None:
            claims = version.override.claims
            codes = ", ".join(dict.fromkeys(c.error or c.verdict for c in claims))
            self.notify(f"Approved {what} as an override of {len(claims)} claim(s) the findings do not support "
                        f"({codes}); the override is recorded with the approval.\n{outcome}.",
                        title="Approved with open issues", severity="warning", timeout=8)
        else:
            self.notify(f"Approved {what} ({version.hash[:19]}): {outcome}.", title="Approved")

    @reports_errors
    def action_export(self) -> None:
        from tui.screens.export import ExportScreen

        self.session.require_doc()
        if self.state.brief is None:
            self.notify(f"There is no {self.audience} brief to export: press g to generate one.", severity="warning")
            return
        default = (self.session.path.parent if self.session.path else Path.cwd()) / "briefs"
        audience = self.audience
        self.app.push_screen(ExportScreen(audience, default), functools.partial(self._do_export, audience))

    @reports_errors
    def _do_export(self, audience: str, choice: tuple[Path, list[str]] | None) -> None:
        if choice is None:
            return
        out_dir, formats = choice
        written = self.session.export(audience, out_dir, formats)
        if self.has_editor(audience):
            self.editor(audience).set_status(status_line(self.session.states[audience], self.session.findings_changed))
        self.notify("\n".join(p.name for p in written) + f"\nin {out_dir}", title=f"Exported {len(written)} file(s)")

    @reports_errors
    def action_diff(self) -> None:
        from tui.screens.diff import DiffScreen

        title, text = self.session.diff(self.audience)
        self.app.push_screen(DiffScreen(title, text))

    def show_audience(self, audience: str) -> None:
        self.query_one("#audience-tabs", TabbedContent).active = f"tab-{audience}"

    # --- other screens ------------------------------------------------------------
    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    def action_practice(self) -> None:
        from tui.screens.practice import PracticeScreen

        self.app.push_screen(PracticeScreen())

    def action_open_file(self) -> None:
        from tui.screens.open_file import OpenFileScreen

        self.app.push_screen(OpenFileScreen(self.session.files, self.session.path), self.open_path)

    @reports_errors
    async def open_path(self, path: Path | None) -> None:
        if path is None:
            return
        if self.cancel_generation():
            self.notify("Generation cancelled: another file was opened.", title="Cancelled")
        self.session.save_all_edits()
        for editor in self.query(BriefEditor):
            await editor.set_editing(False)
        self.session.open(path)
        await self.show_document()
        if self.session.doc is None:
            self.notify(f"{path.name} has {len(self.session.problems)} problem(s).", title="Invalid findings file",
                        severity="error")

    @reports_errors
    def action_quit(self) -> None:
        saved = self.session.save_all_edits()
        self.app.exit(saved)
