"""Command palette entries for every action, audience and findings file."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.actions import ACTIONS, KEY_LABELS


class WorkspaceCommands(Provider):
    """Everything the keys do, plus switching audience or file, by name."""

    def _commands(self):
        from tui.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            screen = next((s for s in self.app.screen_stack if isinstance(s, MainScreen)), None)
        if screen is None:
            return
        for a in ACTIONS:
            if a.action in ("cancel", "next_pane", "previous_pane"):
                continue
            key = KEY_LABELS.get(a.key, a.key)
            yield f"{a.title} ({key})", a.help, partial(screen.run_action, a.action)
        for audience in screen.session.audiences:
            yield (f"Audience: {audience}", f"Show the {audience} brief",
                   partial(screen.show_audience, audience))
        for path in screen.session.files:
            yield f"Open file: {path.name}", f"Open {path.name}", partial(screen.open_path, path)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
