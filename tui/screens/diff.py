"""What changed between two versions of a brief."""

from __future__ import annotations

import difflib
import re

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def _words(line: str) -> list[str]:
    return re.findall(r"\s+|[^\s]+", line)


def _changed_line(line: str, other: str, style: str) -> Text:
    """line (starting with + or -), with the words that differ from `other` in reverse video."""
    out = Text(line[0], style=style)
    mine, theirs = _words(line[1:]), _words(other[1:])
    matcher = difflib.SequenceMatcher(a=theirs, b=mine, autojunk=False)
    for op, _, _, j1, j2 in matcher.get_opcodes():
        chunk = "".join(mine[j1:j2])
        out.append(chunk, style=style if op == "equal" else f"{style} bold reverse")
    out.append("\n")
    return out


def coloured_diff(diff: str) -> Text:
    """A unified diff, coloured; within a changed line the changed words stand out."""
    if not diff:
        return Text("No changes.", style="dim")
    lines = diff.splitlines()
    out = Text()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(("+++", "---")):
            out.append(line + "\n", style="bold")
        elif line.startswith("@@"):
            out.append(line + "\n", style="cyan")
        elif line.startswith("-"):
            removed = []
            while i < len(lines) and lines[i].startswith("-") and not lines[i].startswith("---"):
                removed.append(lines[i])
                i += 1
            added = []
            while i < len(lines) and lines[i].startswith("+") and not lines[i].startswith("+++"):
                added.append(lines[i])
                i += 1
            paired = len(removed) == len(added)
            for k, old in enumerate(removed):
                out.append_text(_changed_line(old, added[k], "red") if paired else Text(old + "\n", style="red"))
            for k, new in enumerate(added):
                out.append_text(_changed_line(new, removed[k], "green") if paired else Text(new + "\n", style="green"))
            continue
        elif line.startswith("+"):
            out.append(line + "\n", style="green")
        else:
            out.append(line + "\n")
        i += 1
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
