"""Every workspace action in one table: key bindings, footer, help screen and
command palette are all built from it, so they cannot drift apart."""

from __future__ import annotations

from typing import NamedTuple

from textual.binding import Binding


class Action(NamedTuple):
    key: str
    action: str
    title: str
    help: str
    footer: bool = True


ACTIONS: tuple[Action, ...] = (
    Action("g", "generate", "Generate", "Generate the brief for the current audience (esc cancels)"),
    Action("r", "regenerate_section", "Regen section", "Rewrite the section chosen in the Section list above the brief"),
    Action("e", "toggle_edit", "Edit", "Toggle edit mode; edits are re-checked as you type"),
    Action("a", "approve", "Approve", "Approve every section that needs review: records reviewer, time and hash"),
    Action("s", "approve_section", "Approve section", "Approve only the section chosen in the Section list",
           footer=False),
    Action("n", "next_review", "Next to review", "Choose and show the next section that needs review", footer=False),
    Action("x", "export", "Export", "Export the brief as md, html and json to a directory"),
    Action("d", "diff", "Diff", "Show what changed since the previous version"),
    Action("tab", "next_pane", "Next pane", "Move to the next pane", footer=False),
    Action("shift+tab", "previous_pane", "Prev pane", "Move to the previous pane", footer=False),
    Action("o", "open_file", "Open", "Open another findings file from the directory", footer=False),
    Action("p", "practice", "Practice", "Practise STAR-L interview answers", footer=False),
    Action("escape", "cancel", "Done", "Leave edit mode (saves a version), or cancel generation"),
    Action("question_mark", "help", "Help", "Show every key and action"),
    Action("q", "quit", "Quit", "Save any edits and quit"),
)

KEY_LABELS = {"question_mark": "?", "shift+tab": "shift+tab", "escape": "esc"}


def bindings() -> list[Binding]:
    return [Binding(a.key, a.action, a.title, show=a.footer, key_display=KEY_LABELS.get(a.key)) for a in ACTIONS]
