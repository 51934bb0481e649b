"""The brief's Markdown in an editor, with unsupported sentences highlighted."""

from __future__ import annotations

from rich.style import Style
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from tui.sections import find_sentence

MARK_STYLES = {
    "riskbrief.unsupported": Style(bgcolor="#5c1f1f", underline=True),
    "riskbrief.selected-claim": Style(color="#121212", bgcolor="#fea62b", bold=True),
}


class BriefTextArea(TextArea):
    """A TextArea that marks whole sentences (`marks`: sentence -> class)."""

    def __init__(self, text: str = "", **kwargs) -> None:
        self.marks: dict[str, str] = {}
        super().__init__(text, soft_wrap=True, tab_behavior="focus", show_line_numbers=False, **kwargs)

    def _set_theme(self, theme: str) -> None:
        super()._set_theme(theme)
        # The theme object is a shallow copy of a shared one: give it its own dict.
        self._theme.syntax_styles = {**self._theme.syntax_styles, **MARK_STYLES}

    def set_marks(self, marks: dict[str, str]) -> None:
        self.marks = dict(marks)
        self._build_highlight_map()
        self.refresh()

    def _build_highlight_map(self) -> None:
        super()._build_highlight_map()
        if not getattr(self, "marks", None):
            return
        text = self.text
        line_starts = [0]
        for line in text.split("\n")[:-1]:
            line_starts.append(line_starts[-1] + len(line) + 1)
        lines = text.split("\n")

        def to_loc(offset: int) -> tuple[int, int]:
            row = max(i for i, s in enumerate(line_starts) if s <= offset)
            return row, offset - line_starts[row]

        def byte_col(row: int, col: int) -> int:
            return len(lines[row][:col].encode("utf-8"))

        for sentence, cls in self.marks.items():
            where = find_sentence(text, sentence)
            if where is None:
                continue
            (r0, c0), (r1, c1) = to_loc(where[0]), to_loc(where[1])
            name = f"riskbrief.{cls}"
            for row in range(r0, r1 + 1):
                start = byte_col(row, c0) if row == r0 else 0
                end = byte_col(row, c1) if row == r1 else None
                self._highlights[row].append((start, end, name))

    def select_sentence(self, sentence: str) -> bool:
        """Move the selection onto `sentence` and scroll it into view."""
        where = find_sentence(self.text, sentence)
        if where is None:
            return False
        start = self.document.get_location_from_index(where[0])
        end = self.document.get_location_from_index(where[1])
        self.selection = Selection(start, end)
        self.scroll_cursor_visible(center=True)
        return True
