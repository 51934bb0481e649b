"""An HTML brief read as the Markdown the checker reads: headings, paragraphs, bullets and table rows.

riskbrief writes HTML briefs, and people paste briefs into HTML pages; either
is checked by what a reader sees. Styles, scripts, figures (a picture and
its caption, which describes the picture) and the page head are not part of the text, nor are riskbrief's source markers
(`<span class="src">F1</span>`), which would otherwise run into the sentence
before them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIPPED = {"head", "style", "script", "svg", "figure", "template", "noscript", "math", "canvas", "object", "iframe"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote",
           "figure", "figcaption", "ul", "ol", "table", "thead", "tbody", "tfoot", "dl", "dt", "dd", "pre",
           "address", "details", "summary", "caption", "body", "html"}
_HEADINGS = {"h1": "#", "h2": "##", "h3": "###", "h4": "####", "h5": "#####", "h6": "######"}
_SPACES = re.compile(r"[ \t\r\n\f]+")


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.match(r"<(?:body|main|article|section)\b", head))


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.prefix = ""
        self.skip: list[str] = []  # open elements whose text is not the brief's
        self.cells: list[str] | None = None  # the table row being read

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.line)).strip()
        if text:
            self.lines.append(f"{self.prefix} {text}" if self.prefix else text)
        self.lines.append("")  # a blank line ends the paragraph
        self.line, self.prefix = [], ""

    def _skipping(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in _SKIPPED:
            return True
        given = dict(attrs)
        return tag == "span" and "src" in (given.get("class") or "").split() or "hidden" in given

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            if tag not in _VOID:
                self.skip.append(tag)
            return
        if self._skipping(tag, attrs):
            if tag not in _VOID:
                self.skip.append(tag)
            return
        if tag in _HEADINGS:
            self._flush()
            self.prefix = _HEADINGS[tag]
        elif tag == "li":
            self._flush()
            self.prefix = "-"
        elif tag == "tr":
            self._flush()
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self.line = []
        elif tag == "br" or tag in _BLOCKS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip and tag == "br":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in self.skip:  # tolerate unclosed children of a skipped element
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in ("td", "th") and self.cells is not None:
            self.cells.append(_SPACES.sub(" ", "".join(self.line)).strip())
            self.line = []
        elif tag == "tr" and self.cells is not None:
            cells, self.cells = self.cells, None
            if any(cells):
                self.lines.extend(["| " + " | ".join(cells) + " |", ""])
        elif tag in _HEADINGS or tag == "li" or tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.line.append(data)


def html_to_text(html: str) -> str:
    """The brief's text as Markdown-like lines (one paragraph, heading, bullet or table row each)."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader._flush()
    return re.sub(r"\n{3,}", "\n\n", "\n".join(reader.lines)).strip() + "\n"
