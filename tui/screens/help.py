"""Every key and what it does (the same table the footer and palette use)."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.actions import ACTIONS, KEY_LABELS


def help_table() -> Table:
    table = Table(box=None, expand=True, show_header=True, header_style="bold")
    table.add_column("Key", no_wrap=True)
    table.add_column("Action", no_wrap=True)
    table.add_column("What it does")
    for a in ACTIONS:
        table.add_row(KEY_LABELS.get(a.key, a.key), a.title, a.help)
    table.add_row("ctrl+p", "Commands", "Search every action, audience and file by name")
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [("escape", "dismiss", "Close"), ("question_mark", "dismiss", "Close"), ("q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static("Keys", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):  # scrolls on a short terminal
                yield Static(help_table(), id="help-table")
            yield Static("In edit mode letters type text: use esc to leave edit mode, or ctrl+p for commands.",
                         classes="dialog-hint")
