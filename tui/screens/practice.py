"""Practise STAR-L answers (Situation, Task, Action, Result, Learning)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from engine.errors import RiskbriefError
from tui import practice_bank
from tui.practice_bank import ScenarioInfo

PART_NAMES = {"S": "Situation", "T": "Task", "A": "Action", "R": "Result", "L": "Learning"}


def score_renderable(result) -> Table:
    table = Table(box=None, expand=True, title=f"Score {result.score}/100", title_justify="left", title_style="bold")
    table.add_column("Part", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Evidence")
    for key, name in PART_NAMES.items():
        part = result.parts.get(key) if isinstance(result.parts, dict) else None
        if part is None:
            continue
        style = "green" if part.present and part.score >= 60 else ("yellow" if part.present else "red")
        table.add_row(Text(name, style=style), str(part.score) if part.present else "missing",
                      part.evidence or "—")
    return table


class PracticeScreen(Screen):
    BINDINGS = [
        ("escape", "close", "Back"),
        ("ctrl+s", "score", "Score answer"),
        ("ctrl+o", "model_answer", "Model answer"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.scenarios: list[ScenarioInfo] = []
        self.result = None

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = False) -> None:
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="practice"):
            yield OptionList(id="scenario-list", classes="pane")
            with Vertical(id="practice-main", classes="pane"):
                yield Static("", id="scenario-question")
                yield TextArea("", id="answer", soft_wrap=True, tab_behavior="focus",
                               placeholder="Answer in STAR-L order: Situation, Task, Action, Result (with a number), "
                                           "Learning. About two minutes spoken.")
                with VerticalScroll(id="practice-feedback-scroll"):
                    yield Static(Text("Write your answer above, then press ctrl+s to score it.", style="dim"),
                                 id="practice-feedback")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#scenario-list").border_title = "Scenarios"
        self.query_one("#practice-main").border_title = "Your answer (STAR-L)"
        try:
            self.scenarios = practice_bank.list_scenarios()
        except RiskbriefError as e:
            self.notify(str(e), severity="error")
        options = self.query_one("#scenario-list", OptionList)
        options.add_options([Option(Text(s.title or s.id), id=s.id) for s in self.scenarios])
        if self.scenarios:
            options.highlighted = 0
        options.focus()

    @property
    def scenario(self) -> ScenarioInfo | None:
        index = self.query_one("#scenario-list", OptionList).highlighted
        return self.scenarios[index] if index is not None and index < len(self.scenarios) else None

    @on(OptionList.OptionHighlighted, "#scenario-list")
    def _scenario_changed(self) -> None:
        s = self.scenario
        if s is not None:
            self.query_one("#scenario-question", Static).update(
                Text.assemble((f"{s.title}\n", "bold"), s.question, (f"\nAudience: {s.audience}", "dim")))

    @on(OptionList.OptionSelected, "#scenario-list")
    def _scenario_chosen(self) -> None:
        self.query_one("#answer", TextArea).focus()

    def action_close(self) -> None:
        self.app.pop_screen()

    def action_score(self) -> None:
        s = self.scenario
        text = self.query_one("#answer", TextArea).text
        if s is None:
            self.notify("Choose a scenario first.", severity="warning")
            return
        if not text.strip():
            self.notify("Write an answer first.", severity="warning")
            return
        self.score_worker(text, s.id)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def score_worker(self, text: str, scenario_id: str) -> None:
        try:
            result = practice_bank.score(text, scenario_id)
        except RiskbriefError as e:
            self.app.call_from_thread(self.notify, str(e), severity="error")
            return
        self.app.call_from_thread(self._show_score, result)

    def _show_score(self, result) -> None:
        self.result = result
        feedback = Text("\n".join(f"• {line}" for line in result.feedback) or "No gaps found.")
        from rich.console import Group

        self.query_one("#practice-feedback", Static).update(Group(score_renderable(result), Text(""), feedback))

    def action_model_answer(self) -> None:
        s = self.scenario
        if s is None:
            return
        try:
            answer = practice_bank.model_answer(s.id)
        except RiskbriefError as e:
            self.notify(str(e), severity="error")
            return
        self.query_one("#practice-feedback", Static).update(Text.assemble(("Model answer\n", "bold"), answer))
