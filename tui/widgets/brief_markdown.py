"""The brief rendered as Markdown, with sentences the checker does not support highlighted."""

from __future__ import annotations

import re

from textual.content import Content, Span
from textual.style import Style
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownBlock, MarkdownParagraph


def _locate(plain: str, phrase: str) -> tuple[int, int] | None:
    words = [re.escape(w) for w in phrase.split()]
    if not words:
        return None
    m = re.search(r"\s+".join(words), plain)
    return (m.start(), m.end()) if m else None


class HighlightedParagraph(MarkdownParagraph):
    """A paragraph that marks the phrases its document asks it to."""

    COMPONENT_CLASSES = MarkdownBlock.COMPONENT_CLASSES | {"unsupported", "selected-claim"}

    def _token_to_content(self, token) -> Content:
        content = super()._token_to_content(token)
        doc = self._markdown
        marks: dict[str, str] = getattr(doc, "marks", {})
        if not marks:
            return content
        spans = list(content.spans)
        for phrase, cls in marks.items():
            where = _locate(content.plain, phrase)
            if where:
                spans.append(Span(where[0], where[1], f".{cls}"))
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

    async def show(self, text: str, marks: dict[str, str]) -> None:
        self.marks = dict(marks)
        await self.update(text)
        selected = next(iter(self.query(".has-selected")), None)
        if selected is not None:
            selected.scroll_visible(top=True, animate=False)
