"""What changed between two versions of a brief."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def coloured_diff(diff: str) -> Text:
    out = Text()
    if not diff:
        return Text("No changes.", style="dim")
    for line in diff.splitlines():
        if line.startswith(("+++", "---")):
            style = "bold"
        elif line.startswith("@@"):
            style = "cyan"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        else:
            style = ""
        out.append(line + "\n", style=style)
    return out


class DiffScreen(ModalScreen[None]):
    BINDINGS = [("escape", "dismiss", "Close"), ("d", "dismiss", "Close"), ("q", "dismiss", "Close")]

    def __init__(self, title: str, diff: str) -> None:
        super().__init__()
        self.title_text = title
        self.diff = diff

    def compose(self) -> ComposeResult:
        with Vertical(id="diff-dialog", classes="dialog"):
            yield Static(f"Changes: {self.title_text}", classes="dialog-title")
            with VerticalScroll(id="diff-scroll"):
                yield Static(coloured_diff(self.diff), id="diff-text")
            yield Static("esc closes", classes="dialog-hint")
