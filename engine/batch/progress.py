"""The progress bar: done/total, rate, ETA, cache hits and failures.

Drawn only when stdout is a terminal; otherwise silent (the final summary is
printed either way).
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    def render(self, task: Any) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f} briefs/s" if speed else "- briefs/s", style="progress.data.speed")


class BatchProgress:
    def __init__(self, total: int, console: Console | None = None, *, enabled: bool | None = None):
        self.console = console or Console()
        show = self.console.is_terminal if enabled is None else enabled
        self.cached = 0
        self.failed = 0
        self._progress = Progress(
            TextColumn("[bold]briefs"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("cached {task.fields[cached]}  failed {task.fields[failed]}"),
            console=self.console,
            disable=not show,
            transient=False,
            refresh_per_second=8,
        )
        self._task = self._progress.add_task("briefs", total=total, cached=0, failed=0)

    def __enter__(self) -> "BatchProgress":
        self._progress.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._progress.stop()

    def advance(self, *, cached: bool = False, failed: bool = False, count: int = 1) -> None:
        self.cached += int(cached)
        self.failed += int(failed)
        self._progress.update(self._task, advance=count, cached=self.cached, failed=self.failed)
