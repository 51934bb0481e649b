"""One audience's brief: a Markdown view and an edit mode, with a status line,
per-section review badges, and the section that `r` rewrites and `s` approves."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import ContentSwitcher, Label, Select, TextArea

from tui.review_badges import Badge, badge_marks, with_badges
from tui.sections import section_at_line, section_spans
from tui.widgets.brief_markdown import BriefMarkdown
from tui.widgets.brief_text_area import BriefTextArea


def empty_text(audience: str) -> str:
    return f"*No {audience} brief yet.*\n\nPress **g** to generate it from the findings."


class BriefEditor(Vertical):
    """The brief for one audience."""


    class TextEdited(Message):
        """The person changed the text in edit mode."""

        def __init__(self, editor: "BriefEditor", text: str) -> None:
            self.editor = editor
            self.text = text
            super().__init__()

        @property
        def audience(self) -> str:
            return self.editor.audience

    def __init__(self, audience: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.audience = audience
        self._text = ""
        self._marks: dict[str, str] = {}
        self._titles: list[str] = []
        self._options: list[tuple[str, str]] = []
        self._badges: list[Badge] = []
        self._editing = False

    def compose(self) -> ComposeResult:
        with Horizontal(classes="brief-bar"):
            yield Label("", classes="brief-status")
            yield Select[str]([], prompt="Section", allow_blank=True, compact=True, classes="section-select")
        with ContentSwitcher(initial="view", classes="brief-switcher"):
            with VerticalScroll(id="view", classes="brief-view"):
                yield BriefMarkdown(empty_text(self.audience), classes="brief-markdown")
            # The editor is built on first use: a faster first paint.

    @property
    def text(self) -> str:
        return self._text

    @property
    def view(self) -> VerticalScroll:
        return self.query_one(".brief-view", VerticalScroll)

    @property
    def text_area(self) -> BriefTextArea:
        """The editor (exists once edit mode has been entered)."""
        return self.query_one(BriefTextArea)

    @property
    def _area(self) -> BriefTextArea | None:
        found = self.query(BriefTextArea)
        return found.first() if found else None

    @property
    def markdown(self) -> BriefMarkdown:
        return self.query_one(BriefMarkdown)

    @property
    def current_section(self) -> str | None:
        value = self.query_one(".section-select", Select).value
        return value if isinstance(value, str) else None

    def set_status(self, status: str) -> None:
        if status != getattr(self, "_status", None):  # an update re-lays out the screen: only when it changes
            self._status = status
            self.query_one(".brief-status", Label).update(Text(status))

    @property
    def badges(self) -> list[Badge]:
        return list(self._badges)

    @property
    def section_options(self) -> list[tuple[str, str]]:
        """(label, title) of each entry in the Section list; labels mark the review state."""
        return list(self._options)

    async def show(self, text: str, marks: dict[str, str], badges: list[Badge] | None = None) -> None:
        """Show text (an empty string for no brief yet) with these sentences marked and,
        in the view, each section's review badge."""
        changed = text != self._text
        if badges is not None and badges != self._badges:
            self._badges = list(badges)
            changed = True
        self._text, self._marks = text, dict(marks)
        area = self._area
        if area is not None:
            if changed and area.text != text:
                with area.prevent(TextArea.Changed):
                    area.load_text(text)
            area.set_marks(marks)
        if changed:
            self._refresh_sections()
        if not self.editing:
            await self._show_view()

    async def _show_view(self) -> None:
        if not self._text:
            await self.markdown.show(empty_text(self.audience), self._marks)
            return
        await self.markdown.show(with_badges(self._text, self._badges), {**badge_marks(self._badges), **self._marks})

    async def mark(self, marks: dict[str, str]) -> None:
        """Change only the highlights."""
        self._marks = dict(marks)
        if self._area is not None:
            self._area.set_marks(marks)
        if not self.editing:
            await self._show_view()

    def select_section(self, title: str | None) -> None:
        select = self.query_one(".section-select", Select)
        if title and title in self._titles:
            select.value = title

    def scroll_to_section(self, title: str) -> None:
        """Bring a section's heading to the top of the view (or the editor's cursor to it)."""
        wanted = title.strip().lower()
        if self.editing:
            span = next((sp for sp in section_spans(self._text) if sp.title.strip().lower() == wanted), None)
            if span is not None:
                self.text_area.move_cursor((span.start, 0), center=True)
            return
        for level, heading, header_id in self.markdown.table_of_contents:
            if level == 2 and heading.strip().lower() == wanted and header_id:
                self.markdown.query_one(f"#{header_id}").scroll_visible(top=True, animate=False)
                return

    def select_sentence(self, sentence: str) -> None:
        if self.editing:
            self.text_area.select_sentence(sentence)

    def _refresh_sections(self) -> None:
        select = self.query_one(".section-select", Select)
        current = self.current_section
        titles = [span.title for span in section_spans(self._text)]
        state = {b.title.strip().lower(): b.approved for b in self._badges}
        # The Section list marks each section: ✓ approved, ● needs review.
        options = [(t if t.strip().lower() not in state else f"{'✓' if state[t.strip().lower()] else '●'} {t}", t)
                   for t in titles]
        if options == self._options:
            return
        self._titles, self._options = titles, options
        select.set_options(options)
        if current in titles:
            select.value = current
        elif titles:
            select.value = titles[0]

    @property
    def editing(self) -> bool:
        return self._editing

    async def set_editing(self, editing: bool) -> None:
        """Switch between the Markdown view and the editor; returns once the switch is shown."""
        if editing == self._editing:
            return
        self._editing = editing
        switcher = self.query_one(ContentSwitcher)
        if editing:
            if self._area is None:
                area = BriefTextArea(self._text, id="edit", classes="brief-text")
                await switcher.mount(area)
                area.set_marks(self._marks)
            switcher.current = "edit"
            self.text_area.focus()
        else:
            switcher.current = "view"
            await self._show_view()
            self.view.focus()

    def focus_body(self) -> None:
        (self.text_area if self.editing else self.view).focus()

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = event.text_area.text
        if text != self._text:
            self._text = text
            self._refresh_sections()
            self.post_message(self.TextEdited(self, text))

    @on(TextArea.SelectionChanged)
    def _cursor_moved(self, event: TextArea.SelectionChanged) -> None:
        event.stop()
        title = section_at_line(self._text, event.selection.end[0])
        if title and title != self.current_section:
            self.select_section(title)
