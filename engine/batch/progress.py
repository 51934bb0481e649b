"""The progress bar: done/total, rate, ETA, cache hits and failures.

Drawn only when stdout is a terminal; otherwise silent (the final summary is
printed either way).
"""

from __future__ import annotations

from typing import Any, Callable

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
)
from rich.text import Text


def _rate(task: Any) -> float | None:
    """Briefs per second since the run began.

    Rich's own speed divides by the time between its last samples: records arrive
    in bursts (a worker hands back a few briefs at once, microseconds apart), and
    it showed tens of thousands of briefs a second, with an ETA of zero.
    """
    elapsed = task.elapsed
    return task.completed / elapsed if elapsed and task.completed else None


class RateColumn(ProgressColumn):
    def render(self, task: Any) -> Text:
        speed = _rate(task)
        return Text(f"{speed:,.1f} briefs/s" if speed else "- briefs/s", style="progress.data.speed")


class EtaColumn(ProgressColumn):
    def render(self, task: Any) -> Text:
        speed = _rate(task)
        if task.finished:
            left = 0
        elif not speed or task.total is None:
            return Text("-:--:--", style="progress.remaining")
        else:
            left = int(round((task.total - task.completed) / speed))
        return Text(f"{left // 3600}:{left // 60 % 60:02d}:{left % 60:02d}", style="progress.remaining")


class BatchProgress:
    def __init__(self, total: int, console: Console | None = None, *, enabled: bool | None = None,
                 clock: Callable[[], float] | None = None):
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
            EtaColumn(),
            TextColumn("cached {task.fields[cached]}  failed {task.fields[failed]}"),
            console=self.console,
            disable=not show,
            transient=False,
            refresh_per_second=8,
            **({"get_time": clock} if clock is not None else {}),
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
