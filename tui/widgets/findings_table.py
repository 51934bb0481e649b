"""The findings of the open document, one row each."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from schemas.findings import FindingsDocument
from tui.widgets.palette import SEVERITY_STYLE, STATUS_STYLE, label


class FindingsTable(DataTable):
    """ID, title, category, severity, likelihood, owner and status per finding."""

    class FindingSelected(Message):
        def __init__(self, finding_id: str) -> None:
            self.finding_id = finding_id
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        self.add_columns("ID", "Finding", "Severity", "Likelihood", "Status", "Owner", "Category")

    def show(self, doc: FindingsDocument | None) -> None:
        self.clear()
        if doc is None:
            return
        for f in doc.findings:
            sev = Text(label(f.severity), style=SEVERITY_STYLE.get(f.severity, "dim"))
            status = Text(label(f.status), style=STATUS_STYLE.get(label(f.status), "dim"))
            title = f.title if len(f.title) <= 26 else f.title[:25] + "…"
            owner = Text(f.owner) if f.owner else Text("no owner named", style="dim italic")
            self.add_row(Text(f.id), Text(title), sev, Text(label(f.likelihood)), status, owner,
                         Text(label(f.category)), key=f.id)

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
