"""Which trade-off option a figure or a recommendation is attached to.

A figure of one option stated for another ("option B has accuracy of 86%" when 86% is option A's)
matches a value in the findings, so the number checks alone pass it; so does a recommendation
moved to another option. Both read options the way briefs name them: "option X", one capital letter.
"""

from __future__ import annotations

import re

from evals.faithfulness.analysis import Sentence, negated_before, option_ids_in_words, own_option_cues
from evals.faithfulness.index import Fact, FindingsIndex
from evals.faithfulness.numbers import Quantity
from evals.faithfulness.text import OPTION_ID, OPTION_LETTER_RE


def _letter_mentions(idx: FindingsIndex, sent: Sentence) -> list[tuple[int, int, str, bool]]:
    """(start, end, letter, by name) of each "option X", and of each option named by its own name ("the scorecard")."""
    got = sent.memo.get("option_letters")
    if got is None:
        got = [(m.start(), m.end(), m.group(1).lower(), False) for m in OPTION_LETTER_RE.finditer(sent.text)]
        if (in_words := option_ids_in_words(idx)) is not None:
            got += [(m.start(), m.end(), m.group(1).lower(), False) for m in in_words.finditer(sent.text)]  # "option human"
            got.sort()
        names = _option_names(idx)
        if names is not None:
            for m in names[0].finditer(sent.text):
                if not any(a <= m.start() < b + 3 for a, b, *_ in got):  # "option B, the scorecard" names B once
                    got.append((m.start(), m.end(), names[1][_name_key(m.group(0))], True))
            got.sort()
        sent.memo["option_letters"] = got
    return got


def _name_key(name: str) -> str:
    return " ".join(re.split(r"[\s-]+", name.lower()))


def _option_names(idx: FindingsIndex) -> tuple[re.Pattern, dict[str, str]] | None:
    """(a pattern for the options' own names, folded name -> letter); None when no name is distinctive:
    a name two options share, or one of fewer than four letters, names no option."""
    if "_option_names" not in idx.__dict__:
        letters: dict[str, set[str]] = {}
        for t in idx.doc.tradeoffs:
            for o in t.options:
                if len(o.id) == 1 and len(o.name.strip()) >= 4:
                    letters.setdefault(_name_key(o.name.strip()), set()).add(o.id.lower())
        one = {k: next(iter(v)) for k, v in letters.items() if len(v) == 1}
        pattern = None
        if one:
            alts = sorted(one, key=lambda k: (-len(k), k))
            pattern = re.compile(r"(?<![\w-])(?:" + "|".join(r"[\s-]+".join(map(re.escape, k.split())) for k in alts) + r")(?![\w-])", re.I)
        idx.__dict__["_option_names"] = (pattern, one) if pattern else None
    return idx.__dict__["_option_names"]


def attached_option(idx: FindingsIndex, sent: Sentence, q: Quantity) -> str | None:
    """The letter of the option a figure is stated for, or None when the sentence does not say.

    A figure right before "(for) option X" is X's; figures between one "option X" and the next are X's. Figures after the last one are its, except two
    set against each other, which follow the options in turn: "option A is 2 points above option B
    (86% against 84%)"."""
    mentions = _letter_mentions(idx, sent)
    after = next((m for m in mentions if m[0] >= q.end), None)
    if after and (_NAMES_NEXT.fullmatch(sent.text, q.end, after[0]) or _SLICE_NEXT.fullmatch(sent.text, q.end, after[0])):
        return after[2]  # "86% for option A", "86% (option A)", "95 ms on the queries ranked by model B"
    if len(mentions) > 1 and any(m[3] for m in mentions):
        # Names are read more loosely than letters ("choosing the scorecard over the ensemble costs 2 points
        # (84% instead of 86%)"): among several options, only a name right after a figure, or the letters, say whose it is.
        mentions = [m for m in mentions if not m[3]]
    before = [m for m in mentions if m[1] <= q.start]
    if not before:
        return None
    if len(before) < len(mentions):
        return before[-1][2]
    last_end = before[-1][1]
    run = [p for p in sent.quantities if p.start >= last_end and not p.is_date and not p.gloss]
    if q not in run:
        return None
    k = run.index(q)
    pair = k if k + 1 < len(run) and _SET_AGAINST.fullmatch(sent.text, run[k].end, run[k + 1].start) else (
        k - 1 if k and _SET_AGAINST.fullmatch(sent.text, run[k - 1].end, run[k].start) else None)
    if pair is not None:
        # Two figures set against each other after the options they compare: one each, in turn; after
        # one option ("the ensemble is 2 points ahead, 86% against 84%") the second is the other's.
        if pair != 0 or len(before) < 2:
            return None
        return before[len(before) - 2 + k][2]
    return before[-1][2]


# "86% for option A", "86% (option A)", "84% (n = 40,000) for the scorecard": a sample size may stand between
_NAMES_NEXT = re.compile(r"\s*(?:\((?:n\s*=|sample)[^()]*\)\s*)?\(?\s*(?:(?:for|on|with|under|in|from|by|of|at|using)\s+)?(?:the\s+)?", re.I)
# The figure's own slice, named after it, that ends in the option's letter: "95 ms (n = 200,000) on the
# queries ranked by model B", "84% on 2025 applications scored by model B" (a few words, no clause or list between).
_SLICE_LEAD = r"\s*(?:\((?:n\s*=|sample)[^()]*\)\s*)?(?:for|on|with|under|in|from|at|among|across|during)\s"
_SLICE_NEXT = re.compile(_SLICE_LEAD + r"\s*(?:(?!and\b|or\b|but\b|against\b|than\b)[\w'-]+\s+){1,8}", re.I)
_OWN_SLICE = re.compile(_SLICE_LEAD, re.I)


def _followed_by_its_slice(idx: FindingsIndex, sent: Sentence, q: Quantity, refs: list[str]) -> bool:
    """The figure is followed by the slice of one of the metrics it equals ("95 ms during the night
    shift"): that slice says whose figure it is, not the option named before it."""
    m = _OWN_SLICE.match(sent.text, q.end)
    if m is None:
        return False
    start = sent.tok_at(m.end())
    pm = next((p for p in sent.pop_mentions if start <= p.start <= start + 3), None)
    return pm is not None and any(r in refs for p in pm.pops for r in idx.pops[p].refs)


_SET_AGAINST = re.compile(r"\s*(?:against|vs\.?|versus|compared (?:with|to))\s*", re.I)


def other_options_figure(idx: FindingsIndex, sent: Sentence, q: Quantity, facts: list[Fact]) -> list[str] | None:
    """The metrics of the option a figure is stated for, when the figure is only another option's value
    of the same measure; None when the figure fits the option it is stated for (or no option is named)."""
    # Only figures of the trade-off's options: a finding's figure (even one whose id ends in an option's
    # letter, "acc_a") is attached by its population.
    # A finding's figure whose id names an option ("acc_b", model B's accuracy in credit.yaml) is that
    # option's too: the figure must fit the option it is stated for either way.
    every = [r for f in facts for r in f.refs]
    refs = [r for r in every if idx.metrics[r].option and idx.metrics[r].finding is None]
    if not refs or any(not idx.metrics[r].option for r in every):
        return None
    if _followed_by_its_slice(idx, sent, q, every):
        return None
    letter = attached_option(idx, sent, q)
    if letter is None:
        return None
    tradeoffs = {idx.metrics[r].container for r in refs}
    if any(idx.metrics[r].option.rsplit(".", 1)[1].lower() == letter for r in every):
        return None
    if _described_before(idx, sent, q, {idx.metrics[r].option for r in refs}):
        return None
    names = {(idx.metrics[r].metric.name.lower(), idx.metrics[r].metric.unit) for r in refs}
    own = [r for r, info in idx.metrics.items() if info.option and info.container in tradeoffs
           and info.option.rsplit(".", 1)[1].lower() == letter and (info.metric.name.lower(), info.metric.unit) in names]
    return own or None


def _described_before(idx: FindingsIndex, sent: Sentence, q: Quantity, options: set[str]) -> bool:
    """Is the figure's own option told in words of its own just before it ("three times an open model on our
    servers that errs more (11.2%)", for the "Open model on museum servers")?"""
    i = sent.tok_at(q.start)
    near = set(sent.tok_stems[max(0, i - 12):i])
    own = own_option_cues(idx)
    return any(len(own[oref] & near) >= 2 for oref in options)


_RECOMMENDED = re.compile(r"\b(?:recommendation is|recommends?|recommended|approve|the pick is|chosen option is|(?:we|i) (?:would )?(?:choose|pick|"
                          r"go with|favour|favor|prefer))\s+(?:to\s+(?:choose|pick|approve|adopt|deploy|go with)\s+)?(?:the\s+)?", re.I)
_LETTER_NEXT = re.compile(r"option\s+(" + OPTION_ID + r")\b", re.I)


def wrong_recommendation(idx: FindingsIndex, sent: Sentence) -> tuple[str, str] | None:
    """(option named, option the findings recommend) when a sentence recommends another option than
    the trade-off's own recommendation, by its letter ("option A") or its name ("the scorecard")."""
    recs = {t.id: t.recommendation for t in idx.doc.tradeoffs if t.recommendation}
    if not recs:
        return None
    names = _option_names(idx)
    for m in _RECOMMENDED.finditer(sent.text):
        named = _LETTER_NEXT.match(sent.text, m.end())
        if named is not None:
            letter = named.group(1)
            if not letter.isupper():
                continue
        elif names is not None and (by_name := names[0].match(sent.text, m.end())) is not None:
            letter = names[1][_name_key(by_name.group(0))].upper()
        else:
            continue
        if negated_before(sent.text, m.start(), 30, verbal=True):
            continue
        holders = [t for t in idx.doc.tradeoffs if any(o.id == letter for o in t.options)]
        if len(holders) == 1 and holders[0].id in recs and recs[holders[0].id] != letter:
            return letter, recs[holders[0].id]
    return None


OPTION_LEAD = re.compile(r"\b[Oo]ption\s+(" + OPTION_ID + r")\s+(?:is|comes out|stays|remains|ends up)\s+(?:(?:well|clearly|slightly)\s+)?(ahead|behind)\b")


def wrong_lead(idx: FindingsIndex, sent: Sentence) -> tuple[str, str, str] | None:
    """(option, 'ahead' or 'behind', what the findings give) when a sentence puts an option ahead of or
    behind the others on a measure the options share and their figures say the opposite.

    The measure is the one shared measure the sentence names by its name ("On accuracy, ... so
    option A is ahead"), or the only one the options share; otherwise the sentence is not judged.
    """
    if not idx.doc.tradeoffs:
        return None
    low = sent.text.lower()
    for m in OPTION_LEAD.finditer(sent.text):
        letter, side = m.group(1), m.group(2)
        if negated_before(sent.text, m.start(), 20, verbal=True):
            continue
        holders = [t for t in idx.doc.tradeoffs if any(o.id == letter for o in t.options)]
        if len(holders) != 1:
            continue
        options = holders[0].options
        own = next(o for o in options if o.id == letter)
        shared = {}
        for mo in own.metrics:
            others = [(o, x) for o in options if o is not own for x in o.metrics if x.name.lower() == mo.name.lower()]
            if others:
                shared[mo.name.lower()] = (mo, others)
        named = [k for k in shared if re.search(r"(?<![\w-])" + re.escape(k) + r"(?![\w-])", low)]
        keys = named if named else list(shared) if len(shared) == 1 else []
        if len(keys) != 1:
            continue
        mo, others = shared[keys[0]]
        higher = mo.better_when_higher
        better = [o.id for o, x in others if (x.value > mo.value) == higher and x.value != mo.value]
        worse = [o.id for o, x in others if (x.value < mo.value) == higher and x.value != mo.value]
        if side == "ahead" and better and not worse:
            return letter, side, f"on {mo.name}, option {letter} ({mo.value:g}) is behind option {better[0]}"
        if side == "behind" and worse and not better:
            return letter, side, f"on {mo.name}, option {letter} ({mo.value:g}) is ahead of option {worse[0]}"
    return None


# An option said to meet or miss a target its own pros and cons speak of ("HRONLY ... meets the target"
# when its cons say "Misses the ticket target").
_MEETS = re.compile(r"\b(?:meets?|meeting|hits?|hitting|reach(?:es)?|reaching|achieves?|achieving|clears?|clearing|"
                    r"(?:is|are|stays?|comes? in)\s+(?:within|under))\s+(?:the\s+|its\s+|our\s+|their\s+)?((?:[\w-]+\s+){0,2}?)"
                    r"(target|goal|objective|budget|threshold|limit|bar)\b", re.I)
_MISSES = re.compile(r"\b(?:miss(?:es|ing)?|falls?\s+short\s+of|falling\s+short\s+of|fails?\s+to\s+(?:meet|reach|hit)|"
                     r"(?:does|do|did)\s*(?:not|n't)\s+(?:meet|reach|hit)|(?:is|are|goes|go)\s+over)\s+(?:the\s+|its\s+|our\s+|their\s+)?"
                     r"((?:[\w-]+\s+){0,2}?)(target|goal|objective|budget|threshold|limit|bar)\b", re.I)


def _target_says(text: str) -> list[tuple[int, int, str]]:
    """(position, +1 meets / -1 misses, the target's noun) for each target a text says is met or missed."""
    return sorted([(m.start(), 1, m.group(2).lower()) for m in _MEETS.finditer(text)]
                  + [(m.start(), -1, m.group(2).lower()) for m in _MISSES.finditer(text)])


def check_option_targets(idx: FindingsIndex, sent: Sentence) -> tuple[list, bool]:
    from evals.faithfulness.check_numbers import Issue

    if not idx.doc.tradeoffs or not ("target" in sent.low or "goal" in sent.low or "budget" in sent.low
                                     or "objective" in sent.low or "threshold" in sent.low or "limit" in sent.low):
        return [], False
    said = _target_says(sent.text)
    if not said:
        return [], False
    issues: list = []
    checked = False
    named = _named_outright(idx, sent.text)
    for off, clause in sent.clauses:
        # the option the clause names, or else the one named last before it ("Option A costs more, and
        # it misses the target"): named outright, by "option X" or its whole name
        here = {o for at, o in named if off <= at < off + len(clause)}
        before = [o for at, o in named if at < off]
        if len(here) > 1 or not (here or before):
            continue
        oref = next(iter(here)) if here else before[-1]
        option = _option(idx, oref)
        if option is None:
            continue
        own = [s for t in (*option.pros, *option.cons) for s in _target_says(t)]
        for at, way, noun in said:
            if not off <= at < off + len(clause) or negated_before(sent.text, at, 20, verbal=True):
                continue
            doc_ways = {w for _, w, n in own if n == noun}
            if len(doc_ways) != 1:
                continue
            checked = True
            if doc_ways != {way}:
                text = next(t for t in (*option.pros, *option.cons) if any(n == noun for _, _, n in _target_says(t)))
                issues.append(Issue("direction", "contradicted", f"option {option.id}: the findings say '{text}'", (oref,)))
    return issues, checked


def _named_outright(idx: FindingsIndex, text: str) -> list[tuple[int, str]]:
    """(position, option ref) of each option named by "option ID" or by its whole name."""
    low = text.lower()
    out = []
    for t in idx.doc.tradeoffs:
        for o in t.options:
            for m in re.finditer(rf"\boption\s+{re.escape(o.id)}\b", text, re.I if len(o.id) > 1 else 0):
                out.append((m.start(), f"{t.id}.{o.id}"))
            name = o.name.strip().lower()
            if len(name) >= 4:
                out += [(m.start(), f"{t.id}.{o.id}") for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", low)]
    return sorted(out)


def _option(idx: FindingsIndex, oref: str):
    tid, _, oid = oref.partition(".")
    for t in idx.doc.tradeoffs:
        if t.id == tid:
            return next((o for o in t.options if o.id == oid), None)
    return None
