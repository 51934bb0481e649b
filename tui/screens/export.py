"""Choose where and in which formats to export the brief."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Static

FORMATS = ("md", "html", "json", "pdf", "docx")
# Printed formats take a second or two to draw: offered, not ticked by default.
TICKED = ("md", "html", "json")


class ExportScreen(ModalScreen[tuple[Path, list[str]] | None]):
    """Dismisses with (directory, formats), or None when cancelled."""

    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(self, audience: str, default_dir: Path) -> None:
        super().__init__()
        self.audience = audience
        self.default_dir = default_dir

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Static(f"Export the {self.audience} brief", classes="dialog-title")
            yield Label("Directory")
            yield Input(str(self.default_dir), id="export-dir")
            with Horizontal(id="export-formats"):
                for fmt in FORMATS:
                    yield Checkbox(fmt, fmt in TICKED, id=f"format-{fmt}")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-dir", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#export-dir")
    @on(Button.Pressed, "#export-ok")
    def _ok(self) -> None:
        directory = self.query_one("#export-dir", Input).value.strip()
        formats = [f for f in FORMATS if self.query_one(f"#format-{f}", Checkbox).value]
        if not directory:
            self.notify("Name a directory to export into.", severity="warning")
            return
        if not formats:
            self.notify("Choose at least one format.", severity="warning")
            return
        self.dismiss((Path(directory).expanduser(), formats))
