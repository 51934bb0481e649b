"""Splitting a spoken answer into sentences and clauses, with their offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations whose full stop does not end a sentence.
_ABBREV = ("e.g", "i.e", "etc", "vs", "approx", "mr", "ms", "mrs", "dr", "no", "fig", "inc", "ltd", "co", "st")

# Explicit STAR-L labels a candidate may write: "Situation:", "**Task** -", "S:", "What I did:",
# or a heading alone on its line ("Result").
LABEL_PART = {
    "situation": "S", "context": "S", "background": "S", "setting": "S", "the situation": "S", "the context": "S",
    "the problem": "S", "problem": "S", "scenario": "S", "s": "S",
    "task": "T", "goal": "T", "objective": "T", "my task": "T", "my role": "T", "role": "T", "my job": "T",
    "my responsibility": "T", "responsibility": "T", "what i owned": "T", "the ask": "T", "challenge": "T",
    "the challenge": "T", "mission": "T", "the task": "T", "t": "T",
    "action": "A", "actions": "A", "what i did": "A", "approach": "A", "my approach": "A", "solution": "A",
    "plan": "A", "response": "A", "steps": "A", "what i proposed": "A", "the action": "A", "a": "A",
    "result": "R", "results": "R", "outcome": "R", "outcomes": "R", "what happened": "R", "impact": "R",
    "the result": "R", "the outcome": "R", "r": "R",
    # "Bottom line first" answers open with the outcome.
    "the short version": "R", "short version": "R", "in short": "R", "bottom line": "R", "the bottom line": "R",
    "headline": "R", "the headline": "R", "tl;dr": "R", "tldr": "R",
    "learning": "L", "learnings": "L", "lesson": "L", "lessons": "L", "takeaway": "L", "takeaways": "L",
    "key takeaway": "L", "reflection": "L", "what i learned": "L", "what i learnt": "L", "lesson learned": "L",
    "lessons learned": "L", "key learning": "L", "the lesson": "L", "l": "L",
}
_LABEL_WORDS = "|".join(sorted((re.escape(k).replace("\\ ", " ") for k in LABEL_PART), key=len, reverse=True))
# Before a label: heading marks, emphasis and any list marker ("-", "*", "•", "1.", "2)").
LABEL = re.compile(
    rf"^\s*(?:[#*_>\-•·‣◦▪\s]|\d{{1,2}}[.)](?=\s))*\b({_LABEL_WORDS})\b[*_]*[ \t]*(?:\([^)\n]*\))?[ \t]*[*_]*[ \t]*"
    r"(?:[:\-–—]+[*_]*\s*|\n\s*|$)",
    re.IGNORECASE,
)
# Any other short "Heading:" at the start of a line ends the previous label's reach.
OTHER_HEADING = re.compile(r"^\s*[#*_]*[A-Z][\w'’ /&-]{0,30}[*_]*:\s")


@dataclass(frozen=True)
class Unit:
    """A sentence (or clause) of the answer."""

    text: str
    start: int
    end: int
    index: int = 0
    position: float = 0.0  # 0.0 = start of the answer, 1.0 = end
    label: str | None = None  # explicit STAR-L label in front of it, if any
    label_text: str = ""  # the label as written ("What I owned")


def words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9][A-Za-z0-9'’%.,-]*", text)


def word_count(text: str) -> int:
    return len(words(text))


_LOOKBACK = 400  # characters before a sentence end that decide whether it is one


def _sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end."""
    ends: list[int] = []
    for m in re.finditer(r"[.!?]+[\"')\]]*(?=\s|$)|\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)", text):
        end = m.end()
        # Only the text just before the end matters; reading the whole prefix for every
        # sentence made a long answer quadratic (tens of seconds for a pasted document).
        start = max(0, m.start() - _LOOKBACK)
        chunk = text[start: m.start()].rstrip()
        if start and not chunk.strip():
            start, chunk = 0, text[: m.start()].rstrip()
        tail = re.search(r"([A-Za-z.]+)$", chunk)
        if m.group(0).startswith(".") and tail:
            word = tail.group(1).lower().rstrip(".")
            # "e.g." / "vs." / "U.S." / a single initial: not a sentence end.
            if word in _ABBREV or (len(word) == 1 and word.isalpha() and word not in "ai"):
                continue
            if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
                continue
        if m.group(0).startswith((".", ")")) and re.search(r"\n[ \t]*\d{1,2}$" if start else r"(?:^|\n)[ \t]*\d{1,2}$", chunk):
            continue  # "1." opening a numbered list item
        ends.append(end)
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    return ends


def _labelled_lines(text: str) -> list[tuple[int, int]]:
    """Split before each line that starts with a STAR-L label, so a label begins a unit."""
    cuts = [0]
    for m in re.finditer(r"\n", text):
        nxt = text[m.end():]
        if (LABEL.match(nxt) and _is_label(nxt)) or OTHER_HEADING.match(nxt):
            cuts.append(m.end())
    cuts.append(len(text))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def _is_label(line: str) -> bool:
    m = LABEL.match(line)
    if not m:
        return False
    # A one-letter label is a capital followed by a colon ("S:"), or alone on its line as a
    # heading ("S", "## S", "**S**") before a line that starts like a sentence; never the word
    # "A -", nor "A" broken off from "A\nlot of ...".
    word = m.group(1)
    if len(word) == 1:
        if not word.isupper():
            return False
        if ":" in m.group(0):
            return True
        heading = "\n" in m.group(0) or m.end() == len(line)
        return heading and not line[m.end():m.end() + 1].islower()
    # A heading alone on its line ("Result") must start with a capital, like a heading.
    if not re.search(r"[:\-–—]", m.group(0)):
        return word[0].isupper()
    return True


def split_sentences(text: str) -> list[Unit]:
    """Sentences of the answer with character offsets, labels and relative position."""
    raw: list[tuple[int, int]] = []
    for a, b in _labelled_lines(text):
        block = text[a:b]
        prev = 0
        for e in _sentence_ends(block):
            if block[prev:e].strip():
                raw.append((a + prev, a + e))
            prev = e
    units: list[Unit] = []
    label: str | None = None
    label_text = ""
    # "Result: ..." labels its paragraph; a heading alone on its line ("Action") labels its section.
    label_is_heading = False
    previous_end = 0
    total = max(1, len(text.strip()))
    lead = len(text) - len(text.lstrip())
    for i, (a, b) in enumerate(raw):
        seg = text[a:b]
        s = a + (len(seg) - len(seg.lstrip()))
        e = a + len(seg.rstrip())
        body = text[s:e]
        m = LABEL.match(body)
        line_start = s == 0 or text[:s].rstrip(" \t").endswith("\n")
        if label and not label_is_heading and re.search(r"\n[ \t]*\n", text[previous_end:s]):
            label, label_text = None, ""
        previous_end = e
        if m and _is_label(body):
            label = LABEL_PART[" ".join(m.group(1).lower().split())]
            label_text = m.group(1)
            s += m.end()
            body = text[s:e]
            label_is_heading = not body.strip() or "\n" in m.group(0)
            if not body.strip():
                continue
        elif line_start and OTHER_HEADING.match(body) and len(body.split(":", 1)[0].split()) <= 4:
            label, label_text = None, ""
        units.append(Unit(body, s, e, len(units), 0.0, label, label_text if label else ""))
    n = len(units)
    return [
        Unit(u.text, u.start, u.end, i, ((u.start - lead) + (u.end - lead)) / 2 / total if n > 1 else 0.5, u.label,
             u.label_text)
        for i, u in enumerate(units)
    ]


# Points at which a long sentence joins two different moves ("..., so I proposed ...").
_CLAUSE_BREAK = re.compile(
    r"(?:;\s+|\s+[—–]\s+|:\s+(?=[A-Z])|,\s+(?:so|and then|then|but|and|which meant|which)\s+(?=I\b|we\b|my\b|the result|as a result))"
)


def split_clauses(unit: Unit) -> list[Unit]:
    """Clauses of a sentence, for sentences that carry more than one STAR-L move."""
    out: list[Unit] = []
    prev = 0
    for m in _CLAUSE_BREAK.finditer(unit.text):
        if m.start() - prev >= 12:
            out.append((prev, m.start()))
            prev = m.end()
    out.append((prev, len(unit.text)))
    if len(out) == 1:
        return [unit]
    return [
        Unit(unit.text[a:b], unit.start + a, unit.start + b, unit.index, unit.position, unit.label, unit.label_text)
        for a, b in out
        if unit.text[a:b].strip()
    ]


_NUMBER = re.compile(
    r"(?<![\w.])(?:[$€£]\s?)?\d+(?:[.,]\d+)*(?:\s?(?:%|percent|per cent|pp|points?|percentage points?|x|ms|s\b|"
    r"seconds?|minutes?|hours?|days?|weeks?|months?|k\b|m\b|bn|million|billion|thousand|times))?"
    r"|\b(?:half|a third|a quarter|two[- ]thirds|three[- ]quarters|twice|doubled|tripled|halved|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten) in (?:two|three|four|five|ten|twenty|a hundred|\d+)|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|"
    r"hundreds of|a thousand|thousands of) (?:minutes|hours|days|weeks|months|percent|per cent|times|customers|calls|"
    r"cases|complaints|incidents|people|users|members|patients|claims|invoices|orders|dollars|pounds|euros))\b",
    re.IGNORECASE,
)
_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b"


def numbers_in(text: str) -> list[str]:
    """Quantities in the text; years, quarters, dates and list markers are not quantities."""
    out: list[str] = []
    for m in _NUMBER.finditer(text):
        tok = m.group(0).strip()
        after = text[m.end(): m.end() + 12].lower()
        before = text[max(0, m.start() - 12): m.start()].lower()
        bare = re.fullmatch(r"\d+", tok)
        if bare:
            if re.fullmatch(r"(?:19|20)\d\d", tok):
                continue  # a year
            if re.match(rf"\s*{_MONTHS}\b", after) or re.search(rf"\b{_MONTHS}\s*$", before):
                continue  # a day of a month
            if re.search(r"\bq$", before.rstrip()) or re.search(r"(?:step|phase|option|model|version|v)\s*$", before):
                continue
            if re.match(r"\s*[.)]\s", text[m.end(): m.end() + 3]) and (m.start() == 0 or text[m.start() - 1] == "\n"):
                continue  # a list marker
        out.append(tok)
    return out


# The commonest English words: in any English answer they make up a good share of the words.
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the a an and or but to of in on at by for with from as is was were be been it its this that i my me we our "
    "us they their he she his her so then not no what which who".split()
)


def english_share(text: str) -> float:
    """Share of the words that are common English function words (about 0.4 in English prose, near 0 otherwise)."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return 0.0
    return sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)
