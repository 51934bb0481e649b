"""What the workspace is doing right now: an indeterminate bar while a brief is written."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class GenerationStatus(Horizontal):
    """Hidden until `start`; `stop` hides it again.

    The bar exists only while shown: an indeterminate bar animates (and
    costs CPU) even when hidden.
    """

    def compose(self) -> ComposeResult:
        yield Label("", classes="generation-label")

    def start(self, what: str) -> None:
        self.query_one(".generation-label", Label).update(f"{what} — esc cancels")
        if not self.query(ProgressBar):
            self.mount(ProgressBar(total=None, show_eta=False, show_percentage=False, classes="generation-bar"),
                       before=0)
        self.add_class("running")

    def stop(self) -> None:
        self.remove_class("running")
        self.query(ProgressBar).remove()

    @property
    def running(self) -> bool:
        return self.has_class("running")
