"""Helpers for the workspace's Pilot and snapshot tests."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from textual.notifications import Notify
from textual.pilot import Pilot

from tui.widgets.brief_markdown import BriefMarkdown
from tui.widgets.generation_status import GenerationStatus

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SIZE = (160, 45)


def copy_example(tmp_path: Path, name: str = "sentiment.yaml") -> Path:
    target = tmp_path / name
    shutil.copy(EXAMPLES / name, target)
    return target


async def settle(pilot: Pilot) -> None:
    """Wait until workers, timers and re-renders have finished."""
    app = pilot.app
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        # A finished generation worker's result is a message still to be handled: the status
        # shows "running" until the screen has applied it.
        writing = any(status.running for status in screen.query(GenerationStatus))
        # A selected claim's paragraph is scrolled to once laid out, a refresh or more later.
        scrolling = any(view.scroll_pending for view in screen.query(BriefMarkdown))
        busy = (getattr(screen, "evaluating", False) or writing or scrolling
                or any(w.is_running for w in app.workers))
        if not busy:
            break
        await pilot.pause(0.05)
    await pilot.pause()


async def generate(pilot: Pilot):
    """Press g once the workspace is idle, and wait for the brief to be written and checked."""
    await settle(pilot)
    await pilot.press("g")
    await settle(pilot)
    return pilot.app.screen


def unique(messages: list) -> list:
    """Each message once (a bubbling message reaches the hook at every node it passes)."""
    return list({id(m): m for m in messages}.values())


def notices(messages: list) -> list[tuple[str, str, str]]:
    """(severity, title, message) of every notification shown."""
    return [(m.notification.severity, m.notification.title, m.notification.message) for m in unique(messages)
            if isinstance(m, Notify)]


def of_type(messages: list, cls: type) -> list:
    return [m for m in unique(messages) if isinstance(m, cls)]


def misquote_sarcasm_accuracy(text: str) -> str:
    """The brief with the first 65% after the first section heading changed to 55% (a wrong number)."""
    at = text.index("65%", text.index("\n## "))
    return text[:at] + "55%" + text[at + 3:]


def first_paragraph_end(text: str) -> tuple[int, int]:
    """(row, column) just after the first sentence of the first section's first paragraph."""
    lines = text.split("\n")
    heading = next(i for i, line in enumerate(lines) if line.startswith("## "))
    row = next(i for i in range(heading + 1, len(lines)) if lines[i].strip())
    col = lines[row].find(". ")
    return row, (col + 1 if col >= 0 else len(lines[row]))
