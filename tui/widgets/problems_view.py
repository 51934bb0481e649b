"""The validation problems of a findings file that could not be opened."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable

from schemas.loading import Problem


class ProblemsView(DataTable):
    """Line, field and message of every problem, in file order."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", **kwargs)

    def on_mount(self) -> None:
        self.add_columns("Line", "Field", "Problem")

    def show(self, problems: list[Problem]) -> None:
        self.clear()
        for p in problems:
            self.add_row(Text(str(p.line)), Text(p.path), Text(p.message))
        self.border_title = f"{len(problems)} problem(s) in {Path(problems[0].file).name}" if problems else ""
