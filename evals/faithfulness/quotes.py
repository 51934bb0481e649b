"""Text quoted from the findings, found however a brief transforms it.

A brief quotes findings text (titles, names, populations, actions, caveats) with
its first letter re-cased, a trailing period dropped, invisible and control
characters turned into spaces, line breaks collapsed, Markdown escapes added.
Both sides are folded the same way (NFKC, casefold, invisible marks and
Markdown escape characters dropped, whitespace collapsed) before matching, and
every match is mapped back to offsets in the brief's own text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from evals.faithfulness.text_cache import remembered

# Markdown escape and emphasis characters: the renderer adds them, the reader's side removes them.
_MARKUP = frozenset("\\*_`")


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    if ch in _MARKUP:
        return ""
    if ch.isspace() or unicodedata.category(ch) == "Cc":
        return " "
    if unicodedata.category(ch) in ("Cf", "Mn", "Me", "Cs", "Co", "Cn"):
        return ""
    return unicodedata.normalize("NFKC", ch).casefold()


@lru_cache(maxsize=32768)
def fold(text: str) -> tuple[str, tuple[int, ...]]:
    """(folded text, offset in `text` of each folded character); runs of spaces collapse to one."""
    if text.isascii() and text.isprintable() and "  " not in text and not text.startswith(" ") and _MARKUP.isdisjoint(text):
        # Plain single-spaced ASCII, the usual sentence: folding only lower-cases it, offsets unchanged.
        return text.lower(), tuple(range(len(text)))
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        for c in _fold_char(ch):
            if c == " " and (not out or out[-1] == " "):
                continue
            out.append(c)
            where.append(i)
    return "".join(out), tuple(where)


@lru_cache(maxsize=65536)
def folded(text: str) -> str:
    """The folded form of a findings phrase, trimmed of edge spaces and a trailing stop."""
    return fold(text)[0].strip(" ").rstrip(".;:").strip(" ")


def _edge(ftext: str, i: int) -> bool:
    """True when position i of folded text is not inside a word."""
    return i < 0 or i >= len(ftext) or not ftext[i].isalnum()


def find_spans(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    """Spans of `text` (original offsets) where a folded phrase occurs as whole words, longest first."""
    return [(a, b) for a, b, _ in find_quotes(text, phrases)]


# Runs of str.isalnum() characters: the words _edge delimits.
_WORD = re.compile(r"[^\W_]+")


@remembered
def _words_in(ftext: str) -> frozenset[str]:
    return frozenset(_WORD.findall(ftext))


_INDEXED = 20  # phrases from which the first-word index pays: a few searches cost less than the look-ups


class Phrases(list):
    """Folded phrases in the order find_quotes tries them, indexed by first word.

    A phrase that starts with a letter or digit occurs as whole words only where
    the text has a word equal to the phrase's first word, so a text is searched
    for those phrases alone (and for the few that start with a mark). A text's
    words are remembered: briefs of a batch repeat sentences across documents.
    """

    def __init__(self, phrases=()):
        super().__init__(phrases)
        self._by_word: dict[str, list[int]] | None = {} if len(self) >= _INDEXED else None
        self._always: list[int] = []
        for i, p in enumerate(self if self._by_word is not None else ()):
            m = _WORD.match(p)
            if m:
                self._by_word.setdefault(m.group(0), []).append(i)
            else:
                self._always.append(i)

    def worth_trying(self, ftext: str) -> list[str]:
        """The phrases that may occur in folded text as whole words, in order."""
        if self._by_word is None:
            return self
        starting = self._by_word.keys() & _words_in(ftext)
        found = [i for w in starting for i in self._by_word[w]] + self._always
        found.sort()
        return [self[i] for i in found]


def find_quotes(text: str, phrases: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, folded phrase) for every non-overlapping occurrence, phrases tried in the given order."""
    ftext, _ = fold(text)
    if not ftext.strip():
        return []
    if isinstance(phrases, Phrases):
        phrases = phrases.worth_trying(ftext)
    return list(_occurrences(text, tuple(phrases)))


@remembered
def _occurrences(text: str, phrases: tuple[str, ...]) -> tuple[tuple[int, int, str], ...]:
    # Remembered: documents of a batch share sentences and most of the phrases worth trying in them.
    ftext, where = fold(text)
    spans: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    size, find = len(ftext), ftext.find
    for p in phrases:
        if len(p) > size or not p:
            continue
        start = find(p)
        while start >= 0:
            end = start + len(p)
            whole = (_edge(ftext, start - 1) or not p[0].isalnum()) and (_edge(ftext, end) or not p[-1].isalnum())
            if whole and not any(a < end and start < b for a, b in taken):
                taken.append((start, end))
                spans.append((where[start], where[end - 1] + 1, p))
            start = find(p, end)
    return tuple(spans)


@lru_cache(maxsize=4096)
def plain_variants(term: str) -> frozenset[str]:
    """A term and how each audience profile's avoid list rewrites it (jargon to plain words)."""
    from engine.narrator.wording import plain, without_article
    from schemas.audience import audience_names, load_profile

    # A name written with its article ("the shortlist rate") is also said without it.
    terms = {term, without_article(term)}
    out = set(terms)
    for name in audience_names():
        out.update(plain(t, load_profile(name)) for t in terms)
    return frozenset(out)


@lru_cache(maxsize=4096)
def jargon_variants(term: str) -> frozenset[str]:
    """The term with the plain words of an audience's avoid list put back as the jargon they replace
    ('p95 response time' -> 'p95 latency'): the words a brief for another reader may use for it."""
    from schemas.audience import audience_names, load_profile

    low = f" {term.lower()} "
    out = set()
    for name in audience_names():
        for jargon, plainer in load_profile(name).avoid.items():
            if f" {plainer.lower()} " in low:
                out.add(low.replace(f" {plainer.lower()} ", f" {jargon.lower()} ").strip())
    return frozenset(out)
