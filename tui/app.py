"""riskbrief's terminal workspace (the app is thin: screens and widgets do the work)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from engine.options import GenerateOptions
from tui.backend import Backend
from tui.commands import WorkspaceCommands
from tui.findings_watch import POLL_S
from tui.screens.main import EVAL_DEBOUNCE_S, MainScreen
from tui.session import Session


class RiskbriefApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "riskbrief"
    COMMANDS = App.COMMANDS | {WorkspaceCommands}
    ENABLE_COMMAND_PALETTE = True
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (130, "-wide")]

    def __init__(self, session: Session, *, eval_delay: float = EVAL_DEBOUNCE_S, watch_interval: float = POLL_S,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.eval_delay = eval_delay
        self.watch_interval = watch_interval

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.session, eval_delay=self.eval_delay, watch_interval=self.watch_interval)

    async def action_quit(self) -> None:
        """ctrl+q and the palette's Quit save unsaved edits first, as q does."""
        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is None:
            self.exit()
            return
        await main.action_quit()


def make_app(
    target: str | Path | None = None,
    *,
    provider: str | None = None,
    model: str | None = None,
    audiences: list[str] | None = None,
    workspace_root: str | Path | None = None,
    reviewer: str | None = None,
    backend: Backend | None = None,
    eval_delay: float = EVAL_DEBOUNCE_S,
    watch_interval: float = POLL_S,
) -> RiskbriefApp:
    """The workspace for a findings file or a directory of them (shared by the CLI and tests).

    `eval_delay` is how long typing must pause before an edited brief is re-checked;
    `watch_interval` how often the findings file is looked at for changes on disk.
    """
    options = GenerateOptions(provider=provider or "offline", model=model)
    session = Session(
        Path(target) if target is not None else None,
        options=options,
        backend=backend or Backend(),
        audiences=list(audiences or []),
        workspace_root=Path(workspace_root) if workspace_root else None,
        reviewer=reviewer,
    )
    return RiskbriefApp(session, eval_delay=eval_delay, watch_interval=watch_interval)
