"""Free-text names (owners, trade-off options) as a change-brief sentence states them.

An owner may be "Head of Risk (EMEA)", "J. O'Neil" or "Fraud, Risk & Compliance
(FRC) team": any punctuation that could end a clause can sit inside a name. So a
name is not cut out of a sentence at punctuation; the names the two documents
hold are looked for where the sentence names someone, longest first, and only
text that names none of them is cut at punctuation (and then cannot match).
Quote marks are punctuation too: in `Dana "DJ" Jones` or `the “Red Team” guild`
they belong to the name, so quoted findings text is found with the known names
set aside first, and names compare with their quote marks kept.
"""

from __future__ import annotations

import re

from evals.changes.align import QUOTED
from evals.changes.compare import Changes, norm
from evals.changes.words import UNSTATED, mask

_ARTICLE = re.compile(r"(?:the|a|an)\s+", re.I)
_LEAD_IN = re.compile(r"^(?:owned by|owner is|owner)\s+")
_LEAD_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
QUOTE_MARKS = frozenset("\"“”‘’'")
# What may follow a name that ends a clause: punctuation, the sentence's end or a new clause.
ENDS = re.compile(r"\s*(?:[,;:)]|\.(?:\s|$)|$|\s+(?:and|but|since|which|while)\b)", re.I)
BEFORE_TO = re.compile(r"\s+to\s+", re.I)


def owners_of(changes: Changes) -> list[str]:
    """Every owner either document names (findings, mitigations, the system), longest first."""
    names: set[str] = set()
    for doc in (changes.old, changes.new):
        if doc.system.owner:
            names.add(doc.system.owner)
        for f in doc.findings:
            names.update(n for n in (f.owner, *(m.owner for m in f.mitigations)) if n)
    return sorted(names, key=lambda n: (-len(n), n))


def name_spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Where text states a known name that holds quote marks (`Dana "DJ" Jones`), longest names first."""
    low = text.lower()
    spans: list[tuple[int, int]] = []
    for name in names:
        if QUOTE_MARKS.isdisjoint(name):
            continue
        key = " ".join(name.lower().split())
        at = low.find(key)
        while at >= 0:
            end = at + len(key)
            if not any(a < end and at < b for a, b in spans):
                spans.append((at, end))
            at = low.find(key, end)
    return spans


def quoted_spans(text: str, names: list[str] = ()) -> list[tuple[int, int]]:
    """Spans of quoted text (titles, actions), leaving alone quote marks that belong to a known name.

    The names are blanked before quotes are paired, so the marks inside `Dana "DJ" Jones`
    neither read as a quotation nor pair with a quote mark elsewhere in the sentence.
    """
    probe = mask(text, name_spans(text, names)) if names else text
    return [m.span() for m in QUOTED.finditer(probe)]


def unquoted(text: str, names: list[str] = ()) -> str:
    """text with quoted findings text blanked, known names (quote marks and all) kept."""
    return mask(text, quoted_spans(text, names))


def named_at(text: str, start: int, names: list[str], follow: re.Pattern = ENDS) -> tuple[str, int] | None:
    """The known name (or a "not stated" phrase) that text states at `start`, after an optional article.

    A name counts only when what follows it can end it (`follow`), so "Risk" is not
    read out of "Risk office". Returns the name as the documents spell it, and its end.
    """
    low = text.lower()
    starts = [start]
    if m := _ARTICLE.match(low, start):
        starts.append(m.end())
    for name in (*names, *UNSTATED):
        key = " ".join(name.lower().split())
        for at in starts:
            end = at + len(key)
            if low.startswith(key, at) and follow.match(low, end):
                return name, end
            # A name ending in a full stop ("Acme Inc.") at the sentence's end shares its stop.
            if key.endswith(".") and low.startswith(key[:-1], at) and follow.match(low, end - 1):
                return name, end - 1
    return None


def stated_at(text: str, start: int, names: list[str], follow: re.Pattern = ENDS) -> tuple[str, int]:
    """What text names at `start`: a known name, or else the words up to the next punctuation."""
    hit = named_at(text, start, names, follow)
    if hit:
        return hit
    cut = follow.search(text, start)
    end = cut.start() if cut else len(text)
    return text[start:end], end


def value(name: str | None) -> str:
    """A name compared loosely: case, spacing, a leading article and "not stated" phrases aside.

    Quote marks are part of the name: `Dana "DJ" Jones` is not `Dana DJ Jones`, and
    `'t Hooft lab` keeps its apostrophe.
    """
    v = _LEAD_ARTICLE.sub("", _LEAD_IN.sub("", norm(name or ""))).strip()
    return "" if v in UNSTATED or v == "not stated" else v


def judge_pair(field: str, code: str, candidates: list[tuple[str | None, str | None, str]], said_old: str, said_new: str,
               issues, swapped: str | None = None) -> None:
    """A stated move from `said_old` to `said_new` against (OLD value, NEW value, what it belongs to) candidates.

    One candidate matching both sides supports it; the two sides swapped (`swapped`,
    default `code`), a value neither side holds (`code`) or a move where the documents
    show none (`extrinsic`) fails.
    """
    va, vb = value(said_old), value(said_new)
    for ov, nv, _ in candidates:
        if value(ov) == va and value(nv) == vb:
            return
    for ov, nv, what in candidates:
        if value(ov) == vb and value(nv) == va and va != vb:
            issues.add(swapped or code, f"sides swapped: OLD {field} of {what} is {ov or 'not stated'}, NEW {nv or 'not stated'}")
            return
    if va and any(value(ov) == value(nv) == va for ov, nv, _ in candidates):
        issues.add("extrinsic", f"no change: the {field} is {said_old} in OLD and in NEW")
        return
    issues.add(code, "; ".join(f"{field} of {what}: OLD {ov or 'not stated'}, NEW {nv or 'not stated'}"
                               for ov, nv, what in candidates) or f"no {field} change")
