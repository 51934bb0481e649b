"""The brief rendered as Markdown, with sentences the checker does not support highlighted."""

from __future__ import annotations

import re

from textual.color import Color
from textual.content import Content, Span
from textual.style import Style
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownParagraph

from tui.review_badges import APPROVED, NEEDED


def _locate(plain: str, phrase: str) -> tuple[int, int] | None:
    words = [re.escape(w) for w in phrase.split()]
    if not words:
        return None
    m = re.search(r"\s+".join(words), plain)
    return (m.start(), m.end()) if m else None


def mark_styles(theme: dict[str, str]) -> dict[str, str]:
    """Opaque highlight styles from the app's theme colours.

    Inline styles rather than component classes: Textual 8 draws a component
    class's background at most a quarter opaque, too faint to find at a glance.
    """
    background = Color.parse(theme.get("background", "#121212"))
    error = Color.parse(theme.get("error", "#ba3c5b"))
    warning = Color.parse(theme.get("warning", "#ffa62b"))
    success = Color.parse(theme.get("success", "#4EBF71"))
    return {
        "unsupported": f"underline on {background.blend(error, 0.45).hex}",
        "selected-claim": f"bold {background.hex} on {warning.hex}",
        APPROVED: f"{success.hex}",
        NEEDED: f"bold {warning.hex}",
    }


class HighlightedParagraph(MarkdownParagraph):
    """A paragraph that marks the phrases its document asks it to."""

    def _token_to_content(self, token) -> Content:
        content = super()._token_to_content(token)
        doc = self._markdown
        marks: dict[str, str] = getattr(doc, "marks", {})
        if not marks:
            return content
        styles = mark_styles(getattr(doc, "theme_colours", {}))
        spans = list(content.spans)
        for phrase, cls in marks.items():
            where = _locate(content.plain, phrase)
            if where:
                spans.append(Span(where[0], where[1], styles.get(cls, "underline")))
                if cls in (APPROVED, NEEDED):
                    continue  # a review badge, not a claim
                # Clicking a marked sentence selects its claim in the evidence pane.
                spans.append(Span(where[0], where[1], Style.from_meta({"@click": f"screen.select_claim_text({phrase!r})"})))
                if cls == "selected-claim":
                    self.add_class("has-selected")
        return Content(content.plain, spans=spans)


class BriefMarkdown(Markdown):
    """Markdown view of a brief; `marks` maps sentence text to a highlight class."""

    BLOCKS = {**Markdown.BLOCKS, "paragraph_open": HighlightedParagraph}

    def __init__(self, markdown: str | None = None, **kwargs) -> None:
        super().__init__(markdown, open_links=False, **kwargs)
        self.marks: dict[str, str] = {}
        self.scroll_pending = False  # the selected claim is still to be brought into view

    @property
    def theme_colours(self) -> dict[str, str]:
        return self.app.theme_variables if self.is_attached else {}

    async def show(self, text: str, marks: dict[str, str]) -> None:
        self.marks = dict(marks)
        await self.update(text)
        if self.query(".has-selected"):
            self.scroll_pending = True
            self.call_after_refresh(self._scroll_to_selected)

    def _scroll_to_selected(self, tries: int = 0) -> None:
        """Bring the selected claim's paragraph to the top once it is laid out: a paragraph just
        built has no place on screen until the next layout, and scrolling to it then does nothing
        (under load that left the view where it was)."""
        selected = next(iter(self.query(".has-selected")), None)
        if selected is not None and not selected.virtual_region and tries < 50:
            self.call_after_refresh(self._scroll_to_selected, tries + 1)
            return
        if selected is not None:
            selected.scroll_visible(top=True, animate=False, immediate=True)
        self.scroll_pending = False
