"""The findings of the open document, one row each."""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.message import Message
from textual.widgets import DataTable

from schemas.findings import FindingsDocument
from tui.widgets.palette import SEVERITY_STYLE, STATUS_STYLE, label

# When severity and status side by side would leave the title fewer characters than this, they go
# on a second line of each row, under the title.
ONE_LINE_TITLE = 20
MIN_TITLE = 10
MAX_TITLE = 40


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


class FindingsTable(DataTable):
    """ID, severity, status and title per finding (the title is what gives way to a narrow pane),
    then likelihood, owner and category. In a narrow pane each row is two lines: ID and title,
    then severity and status."""

    class FindingSelected(Message):
        def __init__(self, finding_id: str) -> None:
            self.finding_id = finding_id
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._doc: FindingsDocument | None = None
        self._laid_out_for: tuple[int, bool] | None = None

    def on_mount(self) -> None:
        self.show(None)

    def on_resize(self, event: events.Resize) -> None:
        if self._doc is not None and self._layout() != self._laid_out_for:
            self.show(self._doc)

    def _width(self) -> int:
        return self.scrollable_content_region.width or self.size.width

    def _layout(self) -> tuple[int, bool]:
        """(title width, two-line rows) for the width the table has now."""
        width = self._width()
        if not width:
            return MAX_TITLE // 2, False  # not laid out yet: on_resize lays it out again
        pad = 2 * self.cell_padding
        findings = self._doc.findings if self._doc else []
        sev = max([len("Severity"), *(len(label(f.severity)) for f in findings)])
        status = max([len("Status"), *(len(label(f.status)) for f in findings)])
        ids = max((len(f.id) for f in findings), default=2)
        one_line = width - ids - sev - status - 4 * pad
        if one_line < ONE_LINE_TITLE:
            return max(MIN_TITLE, width - pad), True  # one column: ID and title, then severity and status
        return min(MAX_TITLE, one_line), False

    def show(self, doc: FindingsDocument | None) -> None:
        keep = self.selected_id
        self._doc = doc
        title_width, two_line = self._laid_out_for = self._layout()
        self.clear(columns=True)
        if two_line:
            self.add_column("Finding", width=title_width, key="finding")
        else:
            self.add_columns("ID", "Severity", "Status")
            self.add_column("Finding", width=title_width, key="finding")
        self.add_columns("Likelihood", "Owner", "Category")
        if doc is None:
            return
        for f in doc.findings:
            sev = Text(label(f.severity), style=SEVERITY_STYLE.get(f.severity, "dim"))
            status = Text(label(f.status), style=STATUS_STYLE.get(label(f.status), "dim"))
            owner = Text(f.owner) if f.owner else Text("no owner named", style="dim italic")
            rest = (Text(label(f.likelihood)), owner, Text(label(f.category)))
            if two_line:
                first = Text.assemble((f.id, "bold"), " ", _cut(f.title, title_width - len(f.id) - 1))
                sep = " · " if len(sev) + len(status) + 3 <= title_width else " "
                second = Text.assemble(sev, sep, status)
                second.truncate(title_width, overflow="ellipsis")
                self.add_row(Text.assemble(first, "\n", second), *rest, key=f.id, height=2)
            else:
                title = Text(_cut(f.title, title_width))
                self.add_row(Text(f.id), sev, status, title, *rest, key=f.id)
        if keep is not None:
            self.select_finding(keep)

    def select_finding(self, finding_id: str) -> bool:
        try:
            row = self.get_row_index(finding_id)
        except Exception:
            return False
        self.move_cursor(row=row)
        return True

    @property
    def selected_id(self) -> str | None:
        if self.row_count == 0:
            return None
        key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return key.value

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.row_key is not None and event.row_key.value is not None:
            self.post_message(self.FindingSelected(event.row_key.value))
