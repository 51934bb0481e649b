"""Pick another findings file from the workspace directory."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class OpenFileScreen(ModalScreen[Path | None]):
    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(self, files: list[Path], current: Path | None) -> None:
        super().__init__()
        self.files = list(files)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="open-dialog", classes="dialog"):
            yield Static("Open a findings file", classes="dialog-title")
            yield OptionList(*[Option(Text(("● " if p == self.current else "  ") + p.name), id=str(i))
                               for i, p in enumerate(self.files)], id="file-list")
            yield Static("enter opens · esc cancels", classes="dialog-hint")

    def on_mount(self) -> None:
        files = self.query_one("#file-list", OptionList)
        files.focus()
        if self.current in self.files:
            files.highlighted = self.files.index(self.current)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#file-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.files[int(event.option.id or 0)])
