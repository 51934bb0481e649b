"""Relative dates: "due next week", "planned for next month", "live within two weeks".

A brief is read later than it is written, and the findings date their plans
(`due: 2027-01-15`) or give none: a date counted from an unstated "now" is a date
the findings do not give. It passes only when the findings' own text uses the
same words (an action "to be repeated next quarter").
"""

from __future__ import annotations

import re

from evals.faithfulness import lexicon as lx
from evals.faithfulness.analysis import Sentence
from evals.faithfulness.check_numbers import Issue
from evals.faithfulness.index import FindingsIndex, _document_texts, _fmt_date
from evals.faithfulness.numbers import WORD_VALUES
from evals.faithfulness.text_cache import remembered

_SPAN = r"(?:days?|weeks?|fortnights?|months?|quarters?|years?|sprints?)"
_COUNT = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a few|a couple of|several|\d+)"
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
RELATIVE = lx._fast(
    # "the last week of the pilot" is a stretch of the pilot, not of the calendar
    rf"\b(?:(?:next|this|coming|last|following)\s+(?:{_SPAN}|{_DAY}|year's|month's)(?!\s+of\b)|the\s+(?:next|coming)\s+{_COUNT}\s+{_SPAN}|"
    rf"tomorrow|yesterday|tonight|(?:later|earlier)\s+today|"
    rf"(?:within|in)\s+{_COUNT}\s+{_SPAN}(?:'s time)?|{_COUNT}\s+{_SPAN}\s+(?:from now|ago)|"
    # "at the end of the month" is each month's end (month-end load); "at the end of this month" is a date
    rf"(?:by|before)\s+(?:the\s+)?(?:end|start|close)\s+of\s+(?:the|this|next)\s+(?:{_SPAN}|financial year)|"
    rf"at\s+(?:the\s+)?(?:end|start|close)\s+of\s+(?:this|next)\s+(?:{_SPAN}|financial year))\b")
_DECISION = re.compile(r"\b(?:decision|decide|deadline|sign-off|approve)")
# Every relative date names a span or a day: a text with none of these has none.
_FRAGMENTS = ("day", "week", "month", "quarter", "year", "fortnight", "sprint", "tomorrow", "tonight")


def _stated(idx: FindingsIndex) -> frozenset[str]:
    """The relative dates the findings' own text uses."""
    got = idx.__dict__.get("_relative_stated")
    if got is None:
        texts = [lx._lower(t) for t in _document_texts(idx.doc)]
        got = idx.__dict__["_relative_stated"] = frozenset(
            [_one(" ".join(m.group(0).split())) for t in texts for m in RELATIVE.finditer(t)]
            # "the last pilot week" of the findings is what a brief's "the last week" shortens
            + [f"{m.group(1)} {m.group(2)}" for t in texts for m in _QUALIFIED.finditer(t)]
            # "offered within 5 working days" is the window a brief's "within 5 days" shortens
            + [_one(f"within {m.group(1)} {m.group(2)}") for t in texts for m in _WINDOW.finditer(t)])
    return got


_QUALIFIED = re.compile(rf"\b(first|last|final|next|following)\s+[a-z][\w-]+\s+({_SPAN})\b")
_WINDOW = re.compile(rf"\bwithin\s+({_COUNT})\s+(?:[a-z]+\s+)?({_SPAN})\b")
_A_SPAN = re.compile(r"\b(?:a|an)\s+(?=(?:day|week|fortnight|month|quarter|year|sprint)\b)")
_NUMBER_WORDS = {w: str(WORD_VALUES[w]) for w in "one two three four five six seven eight nine ten eleven twelve".split()}
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(_NUMBER_WORDS) + r")\b")


def _one(words: str) -> str:
    """"within a day", "within one day" and "within 1 day" are the same words; so are "seven days" and "7 days"."""
    return _NUMBER_WORD.sub(lambda m: _NUMBER_WORDS[m.group(0)], _A_SPAN.sub("one ", words))


@remembered  # pure in the text, which briefs repeat
def _relative_in(low: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, words single-spaced) of every relative date in a lower-cased text; none in a question."""
    if not lx.contains_any(low, _FRAGMENTS) or low.rstrip().endswith("?"):
        return ()
    return tuple((m.start(), m.end(), " ".join(m.group(0).split())) for m in RELATIVE.finditer(low))


def check_relative_dates(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    found = _relative_in(sent.plain_low)
    if not found:
        return [], False
    low = sent.plain_low
    found = [f for f in found if _one(f[2]) not in _stated(idx)]
    if not found:
        return [], False
    dated = [m for m in idx.mitigations if m.due and m.finding in sent.findings] if sent.findings else []
    deadline = idx.doc.context.deadline if idx.doc.context else None
    decision = f"the decision is due {_fmt_date(deadline)}" if deadline else ""
    plans = "; ".join(f"'{m.action}' is due {_fmt_date(m.due)}" for m in dated[:2])
    if decision and _DECISION.search(low):
        plans = ""
    says = plans or decision or "the findings give no such date"
    word = sent.text[found[0][0]: found[0][1]]
    return [Issue("extrinsic", "unsupported", f"'{word}' is a date counted from an unstated day; {says}",
                  tuple(m.finding for m in dated[:2]))], True
