"""Words, stems, sentences and clauses: the text primitives every check uses.

Stemming is deliberately crude (suffix strip, then a six-letter prefix) so that
"sarcasm"/"sarcastic" and "route"/"routed"/"routing" meet; it only has to make
brief prose and findings text comparable, not be linguistically right.
"""

from __future__ import annotations

import re
from functools import lru_cache

from engine.casing import CASE_KEPT_START, keeps_case
from evals.faithfulness.text_cache import per_text

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just me more most my no nor
    not of off on once only or other our ours out over own she should so some such than that the
    their theirs them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours one two per cent percent
    may might must shall us any every each whose upon via within without yet still already now cannot
    """.split()
)

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*|\d+(?:[.,]\d+)*")
_SUFFIXES = ("ing", "ed", "es", "s", "e", "ly")


@lru_cache(maxsize=50000)
def stem(word: str) -> str:
    w = word.lower().replace("’", "'").replace("-", "")
    if w.endswith("'s"):
        w = w[:-2]
    if w[:1].isdigit():
        return w.replace(",", "")
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3 and not (suf == "s" and w.endswith("ss")):
            w = w[: -len(suf)]
            break
    return w[:6]


_SPACES = {c: " " for c in range(0x2030) if chr(c).isspace()}


def same_spacing(text: str) -> str:
    """Every whitespace character (newline, tab, no-break space) as a plain space; offsets kept."""
    if text.isprintable():
        return text  # the plain space is the only whitespace character str.isprintable() accepts
    return text.translate(_SPACES)


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD_RE.findall(text)]  # WORD_RE has no groups: findall gives whole matches


@lru_cache(maxsize=20000)
def content_stems(text: str) -> tuple[str, ...]:
    """Stems of the content words of text, in order (stopwords dropped)."""
    return tuple(stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1 or w[:1].isdigit())


# An option's id as a brief writes it: a capital letter or a short upper-case code ("B", "BAL").
OPTION_ID = r"[A-Z][A-Z0-9]{0,15}(?:[_-][A-Z0-9]{1,12}){0,2}"  # "B", "NEW", "SPECIALIST", "CARVE_OUT"
# "option B", "model A", "option BAL": an option named by its id.
OPTION_LETTER_RE = re.compile(r"\b(?:[Oo]ption|[Mm]odel|[Vv]ariant|[Cc]andidate|[Aa]lternative|[Cc]hoice)\s+(" + OPTION_ID + r")\b")


OPTION_STEM = "opt:"  # no word stems to it


def letter_stem(letter: str) -> str:
    """'model B' names option B: its letter (or code) is kept as a stem of its own."""
    return OPTION_STEM + letter.lower()


def pop_stems(text: str) -> tuple[str, ...]:
    return content_stems(text) + tuple(letter_stem(m.group(1)) for m in OPTION_LETTER_RE.finditer(text) if m.group(1).isupper())


def hyphen_parts(word: str) -> tuple[str, ...]:
    """Stems of the parts of a hyphenated word ("short-sarcastic": "short", "sarcas"), content words only."""
    return tuple(stem(p) for p in word.lower().split("-") if len(p) > 1 and p not in STOPWORDS)


# A sentence ends at . ! ? followed by space and an upper-case letter, a quote, a digit
# or a word whose lower-case start is part of its name ("p95", "mAP", "pH"); decimals
# ("8.2") and common abbreviations do not end one.
# "12 ms." ends a sentence with a unit; "Ms." alone is a title.
_ABBREV = re.compile(r"\b(?:e\.g|i\.e|etc|vs|approx|incl|no|fig|dr|mr|(?<!\d )(?<!\d)ms|inc|ltd|cf)\.$", re.I)
_SENT_END = re.compile(rf"(?<=[.!?])[\"'”’)\]*_]*\s+(?=[\"'“‘(\[*_]*(?:[A-Z0-9]|{CASE_KEPT_START}))")
# A stop and space before anything else may still end a sentence: one whose first visible
# word comes after invisible, bidi or other marks, or is in a script without case.
_STOP_SPACE = re.compile(r"(?<=[.!?])[\"'”’)\]*_]*\s+(?=[^A-Za-z0-9\s])")


def _starts_sentence(text: str, at: int) -> bool:
    """Does the text from `at` read as a sentence start: its first letter or digit is not lower-case,
    or starts a word that keeps its case ('p95')?"""
    for i in range(at, len(text)):
        if text[i].isalnum():
            return not text[i].islower() or keeps_case(text[i:i + 40])
    return False


def _sentence_pieces(text: str) -> list[str]:
    if not _STOP_SPACE.search(text):
        return _SENT_END.split(text)
    ends = sorted({m.span() for m in _SENT_END.finditer(text)} | {
        m.span() for m in _STOP_SPACE.finditer(text) if _starts_sentence(text, m.end())})
    out, pos = [], 0
    for a, b in ends:
        if a >= pos:
            out.append(text[pos:a])
            pos = b
    out.append(text[pos:])
    return out


@per_text
def split_sentences(text: str) -> list[str]:
    out: list[str] = []
    buf = ""
    for piece in _sentence_pieces(text.strip()):
        buf = f"{buf} {piece}" if buf else piece
        if _ABBREV.search(buf.rstrip("\"'”’)]*_ ")):
            continue
        out.append(buf.strip())
        buf = ""
    if buf.strip():
        out.append(buf.strip())
    return [s for s in out if s]


_CLAUSE_RE = re.compile(r"\s*(?:;|:\s|\s[—–·]\s|\s--\s|,\s+(?:and|but|while|whereas|so|which|meaning)\s+|\s+whereas\s+|\s+while\s+)\s*")


_CLAUSE_MARKS = (";", ":", "—", "–", "·", "--", "whereas", "while")  # "·" parts a line of labelled items
_COMMA_JOIN = re.compile(r",\s+(?:and|but|while|whereas|so|which|meaning)\s+")


@per_text
def split_clauses(sentence: str) -> list[tuple[int, str]]:
    """(offset, clause) pieces of a sentence, split at ; dashes and ', and/but/while'."""
    # _CLAUSE_RE starts with \s*, so re scans every position; most sentences have none of the
    # separators every match contains, and for those the answer is the whole sentence.
    stepped = ") and " in sentence or ") plus " in sentence
    if not (any(c in sentence for c in _CLAUSE_MARKS) or _COMMA_JOIN.search(sentence) or stepped):
        return [(0, sentence)]
    out: list[tuple[int, str]] = []
    pos = 0
    inside = _bracketed(sentence) if "(" in sentence else ()
    cuts = list(_CLAUSE_RE.finditer(sentence))
    if stepped:
        # "a retake prompt (App team, in progress, due ...) and routing to a reviewer (Operations, planned, ...)":
        # a step's bracketed status ends its part of a list of steps
        cuts = sorted(cuts + [m for m in _AFTER_STEP.finditer(sentence)
                              if (at := sentence.rfind("(", 0, m.start())) >= 0 and _STEP_STATUS.search(sentence, at, m.start())],
                      key=lambda m: m.start())
    for m in cuts:
        if inside and any(a < m.start() < b for a, b in inside):
            continue  # "(Data team; in progress; due 30 September)": one bracket says one step's owner and status
        if m.start() < pos:
            continue
        if m.start() > pos:
            out.append((pos, sentence[pos : m.start()]))
        pos = m.end()
    if pos < len(sentence):
        out.append((pos, sentence[pos:]))
    return out or [(0, sentence)]


_AFTER_STEP = re.compile(r"(?<=\))\s+(?:and|plus)\s+")
_STEP_STATUS = re.compile(r"\b(?:done|planned|in progress|under ?way|complete[d]?)\b", re.I)


def _bracketed(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of each outermost pair of round brackets."""
    out: list[tuple[int, int]] = []
    depth, start = 0, 0
    for i, c in enumerate(text):
        if c == "(":
            if depth == 0:
                start = i
            depth += 1
        elif c == ")" and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i))
    return out


_MD_LINK = re.compile(r"(?<!\\)\[([^\]]+?)(?<!\\)\]\([^)]*\)")  # an escaped \[x\](1) is text, not a link
# Underscores mark emphasis only at word edges: unsafe_content.Model is a name, not markup.
_MD_EMPH = re.compile(r"(\*\*|\*|`)(?=\S)(.+?)(?<=\S)\1|(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\3(?!\w)")
# "- x", "1. x", "2) x", "3/ x" (a numbered thread), "[4] x" (a note): a list item's marker
_MD_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)/]|\[\d{1,2}\])\s+")
_NOTE_MARK = re.compile(r"(?<=\S)\s?\[\d{1,2}\](?!\()")  # "... every night hour.[5]": a footnote's marker
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")
_MD_QUOTE = re.compile(r"^\s*>\s?")
_EVAL_FOOTER = re.compile(r"^\s*\*?riskbrief check:")


def plain_inline(text: str) -> str:
    """Markdown inline markup removed (links, emphasis, code ticks)."""
    text = _MD_LINK.sub(r"\1", text)
    if "[" in text:
        text = _NOTE_MARK.sub("", text)
    for _ in range(2):
        text = _MD_EMPH.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(4), text)
    return text.replace("\\", "")


def markdown_blocks(text: str) -> list[tuple[str | None, str]]:
    """(heading, paragraph) pairs of Markdown or plain text, in order.

    Bullets and table rows become their own paragraphs; a heading becomes a
    paragraph of its own with heading text in the first slot, so a caller can
    tell headings (framing) from prose.
    """
    blocks: list[tuple[str | None, str]] = []
    heading: str | None = None
    para: list[str] = []
    header: list[str] | None = None  # the header row of the table being read, once its rule line is seen
    first_row: list[str] | None = None  # a table's first row, until a rule line shows it is the header

    def flush() -> None:
        if para:
            blocks.append((heading, plain_inline(" ".join(para)).strip()))
            para.clear()

    for raw in text.splitlines():
        if _EVAL_FOOTER.match(raw):
            # The check result riskbrief prints under its own briefs is not part of the brief.
            flush()
            continue
        line = _MD_QUOTE.sub("", raw).rstrip()
        if not line.strip() or re.fullmatch(r"\s*(?:[-*_]\s*){3,}|\s*\|?[\s:|-]+\|?\s*", line) and "-" in line:
            flush()
            if line.strip() and first_row is not None:
                header = first_row  # the rule line under a table's first row: that row names the columns
                said = (heading, plain_inline(", ".join(c for c in first_row if c)).strip())
                if blocks and blocks[-1] == said:
                    blocks.pop()  # column names ("Measure, Population, n, Value") state nothing
            elif not line.strip():
                header = first_row = None
            continue
        if not line.lstrip().startswith("|"):
            header = first_row = None
        h = _MD_HEADING.match(line)
        if h:
            flush()
            heading = plain_inline(h.group(1)).strip()
            blocks.append((heading, ""))
            continue
        if line.lstrip().startswith("|"):
            flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if header is not None and len(header) == len(cells):
                # A row under a header reads with its columns' names: "Both checkers side by side; severe
                # interactions flagged: 95%; cost a year: $180,000", so each figure has its measure beside it.
                said = [cells[0]] + [f"{h}: {c}" if h else c for h, c in zip(header[1:], cells[1:]) if c]
                blocks.append((heading, plain_inline("; ".join(c for c in said if c)).strip()))
                continue
            if first_row is None and header is None:
                first_row = cells
            # A table row reads as one sentence: "Short sarcastic posts, 65%, 800".
            blocks.append((heading, plain_inline(", ".join(c for c in cells if c)).strip()))
            continue
        if _MD_BULLET.match(line):
            flush()
            para.append(_MD_BULLET.sub("", line))
            continue
        para.append(line.strip())
    flush()
    return blocks
