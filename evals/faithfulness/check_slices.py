"""Claims quantified over the findings' slices: "accuracy falls below target in most slices",
"every group meets the target", "word error rate is under 10% in all regions", "no region falls
below 80%", "accuracy drops in every slice".

A quantifier over slices (every, all, each, most, the majority of, no, across the board,
everywhere) with a comparison the per-slice values decide: against a figure the clause states,
against the target the findings measure beside the slices, or against each slice's baseline.
The claim is judged on the slices of the metric the clause names (or, for a target, the only
metric the findings set a target for), less those it excepts ("every language but Welsh");
"two of the four regions" must count them exactly. Too few slices to judge ("most" of two,
split one each way) leaves it open; a supported claim or one the slices cannot settle passes,
and the broad "on every slice" rule of check_assurance no longer fails it. Slices named one by
one against a target ("North America and Europe miss the target", "only applicants over 50 fall
below the threshold") are judged the same way.
"""

from __future__ import annotations

import re

from evals.faithfulness import lexicon as lx
from evals.faithfulness.analysis import Sentence
from evals.faithfulness.check_changes import over_time
from evals.faithfulness.check_numbers import Issue
from evals.faithfulness.index import FindingsIndex
from evals.faithfulness.metric_names import name_key, named_metrics
from evals.faithfulness.quotes import folded
from evals.faithfulness.text import hyphen_parts, stem
from evals.faithfulness.text_cache import remembered

_FRAGMENTS = ("every", "each", "all ", "most ", "majority", "more than half", "across the board", "everywhere", "no ", "none",
              "not one", "not a single")
_NOUN = (r"(?:slices?|segments?|(?:sub-?)?groups?|populations?|cohorts?|languages?|markets?|regions?|countries|country|locales?|"
         r"demographics?|categories|category|accents?|channels?|platforms?|sites?|branches|branch|stores?|bands?|tiers?|"
         r"classes|types?|subsets?|splits?|areas?|territories|territory|provinces?|states|districts?|dialects?)")
_QUANT = lx._fast(
    r"\b(?:(?P<all>every|each|all(?:\s+of)?(?:\s+the)?(?:\s+(?:two|three|four|five|six|seven|eight|nine|ten))?)|"
    r"(?P<most>most(?:\s+of\s+the)?|the\s+majority\s+of(?:\s+the)?|a\s+majority\s+of(?:\s+the)?|more\s+than\s+half\s+(?:of\s+)?the)|"
    r"(?P<none>no|none\s+of\s+the|not\s+one\s+of\s+the|not\s+a\s+single))"
    r"\s+(?:[a-z][\w-]*\s+){0,2}?" + _NOUN + r"\b"
    r"|\b(?P<board>across\s+the\s+board|everywhere)\b")
_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBER = r"(?:\d{1,3}|" + "|".join(_NUMBERS) + ")"
# "two of the four regions", "3 out of 5 groups": exactly so many of the slices
_COUNTED = lx._fast(rf"\b(?P<n>{_NUMBER})\s+(?:out\s+)?of\s+(?:the\s+|its\s+|our\s+)?(?P<m>{_NUMBER})\s+(?:[a-z][\w-]*\s+){{0,2}}?" + _NOUN + r"\b")
_TARGET = lx._fast(r"\b(?:targets?|thresholds?|goals?|benchmarks?|slas?|objectives?|limits?|bar)\b")
_LOWER = lx._fast(r"\b(?:below|under|beneath|less\s+than|lower\s+than|fewer\s+than|at\s+most|no\s+more\s+than)\b")
_HIGHER = lx._fast(r"\b(?:above|over|beyond|more\s+than|higher\s+than|greater\s+than|at\s+least|no\s+less\s+than|exceeds?|exceeded|exceeding|"
                   r"tops?)\b")
_GOOD = lx._fast(r"\b(?:meets?|met|meeting|hits?|reach(?:es|ed)?|achieves?|achieved|within|on\s+target|beats?|clears?|passes?|"
                 r"satisf(?:y|ies))\b")
_BAD = lx._fast(r"\b(?:miss(?:es|ed)?|fails?|failed|falls?\s+short|short\s+of|breach(?:es|ed)?|outside|off\s+target)\b")
_DOWN = lx._fast(r"\b(?:falls?|fell|drops?|dropped|declines?|declined|decreases?|decreased|(?:is|are)\s+lower|shrinks?|sinks?)\b")
_UP = lx._fast(r"\b(?:rises?|rose|increases?|increased|climbs?|(?:is|are)\s+higher|grows?)\b")
_WORSE = lx._fast(r"\b(?:worse|worsens?|degrades?|degraded|deteriorates?|suffers?|lags?)\b")
_BETTER = lx._fast(r"\b(?:better|improves?|improved)\b")
# A condition, a plan or a question asserts nothing about the measured slices.
_UNASSERTED = lx._fast(r"\b(?:if|once|unless|until|should|must|would|could|will|aim\w*|expect\w*|need\w*|want\w*|ensure\w*|"
                       r"whether|plan\w*|hope\w*|required?|goal\s+is|to\s+be)\b")
# "every language except Welsh", "all regions but Europe": the slices named after it are left out.
_EXCEPT = lx._fast(r"\b(?:except|excepting|apart\s+from|other\s+than|besides|excluding|exception|save\s+for)\b")
_BUT_RIGHT_AFTER = re.compile(r"\s*,?\s*(?:but|bar)\b", re.I)
_OTHER_NEGATION = lx._fast(r"\b(?:not|never|cannot|nor|neither|nobody|nothing)\b|n't\b")


@remembered  # pure in the text, which briefs repeat
def quantifiers(low: str) -> tuple[tuple[int, int, str, int, int], ...]:
    """(start, end, kind, n, of m) of each quantifier over slices: all, most, none, or count (n of m)."""
    out = []
    if " of " in low:
        out += [(m.start(), m.end(), "count", _as_int(m.group("n")), _as_int(m.group("m"))) for m in _COUNTED.finditer(low)]
    if lx.contains_any(low, _FRAGMENTS):
        for m in _QUANT.finditer(low):
            kind = next(k for k in ("all", "most", "none", "board") if m.group(k))
            if not any(a <= m.start() < b for a, b, *_ in out):
                out.append((m.start(), m.end(), "all" if kind == "board" else kind, 0, 0))
    return tuple(sorted(out))


def _as_int(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]


def _is_target(idx: FindingsIndex, ref: str) -> bool:
    info = idx.metrics[ref]
    return bool(_TARGET.search(lx._lower(f"{info.metric.name} {info.pop}")))


def _in_unit(idx: FindingsIndex, ref: str, value: float, unit: str) -> float | None:
    """A figure in unit, read in the metric's unit; None when it cannot be."""
    mu = idx.metrics[ref].metric.unit.value
    if unit == mu or unit == "count":
        return value
    return {("percent", "ratio"): value / 100, ("ratio", "percent"): value * 100, ("s", "ms"): value * 1000,
            ("ms", "s"): value / 1000}.get((unit, mu))


def _slices(idx: FindingsIndex, key: str) -> list[str]:
    """The measured slices of a metric: its figures on populations, targets and the options' own figures left out,
    and so are earlier measurements a later one replaces ("on release 6.4" beside "on release 7.0")."""
    refs = [r for r, info in idx.metrics.items() if name_key(idx, r) == key and info.pop and not _is_target(idx, r)
            and info.finding is not None]
    earlier = {o for r in refs for o in idx.metrics[r].pair if idx.metrics[o].metric.id == idx.metrics[r].metric.baseline
               and idx.metrics[o].container == idx.metrics[r].container and over_time(idx, o, r)}
    return [r for r in refs if r not in earlier]


def _targets(idx: FindingsIndex, ref: str) -> list[float]:
    """Target values the findings measure beside a slice (same finding, a target's name or population)."""
    info = idx.metrics[ref]
    out = []
    for r, other in idx.metrics.items():
        if other.container == info.container and r != ref and _is_target(idx, r):
            v = _in_unit(idx, ref, other.metric.value, other.metric.unit.value)
            if v is not None:
                out.append(v)
    return out


def _states_target(idx: FindingsIndex, q, refs: list[str]) -> bool:
    """Is q the findings' own target for the slices, or do the findings give none?"""
    for r in refs:
        ts = _targets(idx, r)
        x = _in_unit(idx, r, q.value, q.unit)
        if ts and (x is None or not any(abs(x - t) <= q.tol for t in ts)):
            return False
    return True


def _metric_key(idx: FindingsIndex, sent: Sentence, a: int, b: int, target: bool) -> str | None:
    named = named_metrics(idx, sent.stems_between(a, b))
    named = frozenset(k for k in named if any(not _is_target(idx, r) for r in _slices(idx, k)))
    if len(named) == 1:
        return next(iter(named))
    if named or not target:
        return None
    # "every group meets the target": the one metric the findings set a target for
    keys = {name_key(idx, r) for r in idx.metrics if not _is_target(idx, r) and idx.metrics[r].finding and _targets(idx, r)}
    return next(iter(keys)) if len(keys) == 1 else None


_CONTRAST = lx._fast(r"\b(?:unlike|whereas|while|but|than|versus|vs|compared|against|yet|although|though|respectively)\b")
_ONLY = re.compile(r"^\W*only\b", re.I)  # "Only Europe misses the target": the clause opens with it
_FIGURE_TARGET = re.compile(r"\s*(?:[a-z-]+\s+)?")  # "3 s target", "0.8 four-fifths threshold"
_TARGET_OF = re.compile(r"\s*(?:of|at)\s+")  # "a target of 3 s"


def _in_slice_name(idx: FindingsIndex, sent: Sentence, at: int) -> bool:
    """Is char at inside a phrase naming a slice that is not a target's own population?"""
    t = sent.tok_at(at)
    word = sent.tok_stems[t]
    return any(pm.start <= t <= pm.end and any(word in idx.pops[p].weights and not all(_is_target(idx, r) for r in idx.pops[p].refs)
                                               for p in pm.pops) for pm in sent.pop_mentions)


def _predicate(idx: FindingsIndex, sent: Sentence, low: str, a: int, b: int, qa: int, qb: int):
    """(test of one slice, what it says, the figure stated as the line, whether the line is a target)
    for the comparison of the clause; None when it makes none it can judge."""
    rest = low[a:qa] + " " * (qb - qa) + low[qb:b]
    # A target's own name quoted from the findings ("the four-fifths threshold") is blanked in low: read it as written.
    # A target word inside a slice's name ("under recalibrated thresholds") is the slice's.
    tm = next((m for m in _TARGET.finditer(sent.low, a, b) if not _in_slice_name(idx, sent, m.start())), None)
    target = tm is not None
    lower, higher, good, bad = (rx.search(rest) for rx in (_LOWER, _HIGHER, _GOOD, _BAD))
    figure = None
    for q in sent.quantities:
        if a <= q.start < b and not (qa <= q.start < qb) and not q.is_date and not q.gloss:
            figure = q
            break
    if figure is not None and not target:
        # "below 20%" is one quantity with its bound; "falls under the 20% mark" puts the word before it
        before = low[max(a, figure.start - 24): figure.start]
        lo = figure.bound == "hi" or not figure.bound and _LOWER.search(before) is not None
        hi = figure.bound == "lo" or not figure.bound and _HIGHER.search(before) is not None
        if lo == hi:
            return None
        sign = -1 if lo else 1

        def against_figure(ref: str) -> bool | None:
            x = _in_unit(idx, ref, figure.value, figure.unit)
            if x is None:
                return None
            v = idx.metrics[ref].metric.value
            if abs(v - x) <= figure.tol:
                return None  # on the line: which side is not for a rounded figure to say
            return (v - x) * sign > 0
        return against_figure, (figure.text if figure.bound else f"{'below' if lo else 'above'} {figure.text}"), figure, False
    if target:
        if sum(1 for x in (lower, higher, good, bad) if x) != 1:
            return None
        if figure is not None and not _FIGURE_TARGET.fullmatch(sent.low, figure.end, tm.start()) and not (
                _TARGET_OF.fullmatch(sent.low, tm.end(), figure.start)):
            return None  # a figure that is not the target's ("0.14 lower than ... the threshold"): unclear
        word = (lower or higher or good or bad).group(0)

        def against_target(ref: str) -> bool | None:
            # The target the findings measure; else the one stated ("the 3 s target"), which is then the line.
            ts = _targets(idx, ref)
            if not ts and figure is not None and (x := _in_unit(idx, ref, figure.value, figure.unit)) is not None:
                ts = [x]
            if len(set(ts)) != 1:
                return None
            v, t = idx.metrics[ref].metric.value, ts[0]
            if v == t:
                return None
            if lower or higher:
                return (v < t) if lower else (v > t)
            hib = idx.metrics[ref].better_when_higher
            met = (v > t) if hib else (v < t)
            return met if good else not met
        return against_target, f"{word} the target" + (f" of {figure.text}" if figure is not None else ""), figure, True
    if figure is not None:
        return None
    moves = [(rx, w) for rx, w in ((_DOWN, "down"), (_UP, "up"), (_WORSE, "worse"), (_BETTER, "better")) if rx.search(rest)]
    if len(moves) != 1:
        return None
    rx, way = moves[0]

    def against_baseline(ref: str) -> bool | None:
        info = idx.metrics[ref]
        base = next((o for o in info.pair if idx.metrics[o].metric.id == info.metric.baseline
                     and idx.metrics[o].container == info.container), None)
        if base is None:
            return None
        v, bv = info.metric.value, idx.metrics[base].metric.value
        if v == bv:
            return None
        up = v > bv
        if way in ("worse", "better"):
            up = up if info.better_when_higher else not up
            return up == (way == "better")
        return up == (way == "up")
    return against_baseline, f"{rx.search(rest).group(0)} against its baseline", None, False


def _excepted(idx: FindingsIndex, sent: Sentence, low: str, a: int, b: int, qb: int) -> set[str] | None:
    """The metrics of the slices a clause excepts ("except Welsh and Basque"); empty when it excepts none,
    None when it excepts something but names no measured slice."""
    m = _EXCEPT.search(low, a, b)
    at = m.end() if m else (qb + _BUT_RIGHT_AFTER.match(low, qb).end() - qb if _BUT_RIGHT_AFTER.match(low, qb) else None)
    if at is None:
        return set()
    out = {r for pm in sent.pop_mentions if at <= sent.tok_starts[pm.start] < b for p in pm.pops for r in idx.pops[p].refs}
    return out or None


_TARGET_FRAGMENTS = ("target", "threshold", "goal", "benchmark", "sla", "objective", "limit", " bar")


_SIDE = lx._fast("|".join(rx.pattern for rx in (_GOOD, _BAD, _LOWER, _HIGHER)))


def _quotes_target(idx: FindingsIndex, sent: Sentence) -> bool:
    """Does the sentence quote a target's own name or population ("the four-fifths threshold")?"""
    names = idx.__dict__.get("_target_quotes")
    if names is None:
        names = idx.__dict__["_target_quotes"] = frozenset(
            folded(t) for r, info in idx.metrics.items() if _is_target(idx, r) for t in (info.metric.name, info.pop) if t)
    return bool(names) and any(p in names for _, _, p in sent.memo.get("quotes", ()))


def _key_of_named_target(idx: FindingsIndex, sent: Sentence, a: int, b: int) -> str | None:
    """The metric measured against the target the clause names by the target's own name, when only one is."""
    named = named_metrics(idx, sent.stems_between(a, b))
    targets = [r for r in idx.metrics if _is_target(idx, r) and name_key(idx, r) in named]
    keys = {name_key(idx, r) for t in targets for r, info in idx.metrics.items()
            if info.container == idx.metrics[t].container and not _is_target(idx, r) and info.pop}
    return next(iter(keys)) if len(keys) == 1 else None


def _named_slices(idx: FindingsIndex, sent: Sentence, a: int, b: int, refs: list[str]) -> set[str]:
    """The slices among refs whose telling words (those only their population has) all occur between chars
    a and b, hyphenated words also by their parts and parts written apart also as the whole word."""
    if not refs:
        return set()
    i0, i1 = sent.tok_at(a), sent.tok_at(max(a, b - 1)) + 1
    stems = {s for s in sent.tok_stems[i0:i1] if s}
    words = sent.tok_words[i0:i1]
    stems.update(p for w in words if "-" in w for p in hyphen_parts(w))
    stems.update(stem("-".join(words[k:k + 2])) for k in range(len(words) - 1))
    out = set()
    for r in refs:
        need = idx.pops[idx.metrics[r].pop].required if idx.metrics[r].pop in idx.pops else frozenset()
        if need and need <= stems:
            out.add(r)
    return out


def _one_slice(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    """One slice named against the target ("applicants over 50 clear the four-fifths threshold")."""
    issues: list[Issue] = []
    checked = False
    low = sent.plain_low
    for off, clause in sent.clauses:
        a, b = off, off + len(clause)
        # the target's own population ("the service target") names no slice
        if _OTHER_NEGATION.search(low, a, b) or _UNASSERTED.search(low, a, b) or _CONTRAST.search(low, a, b):
            continue  # "Europe misses it, unlike North America": slices set against each other
        pred = _predicate(idx, sent, low, a, b, a, a)
        if pred is None or not pred[3]:
            continue
        test, says, line, _ = pred
        # the clause names the metric, or the findings' own target by its name ("the four-fifths threshold")
        key = _metric_key(idx, sent, a, b, False) or _key_of_named_target(idx, sent, a, b)
        slices = _slices(idx, key) if key else []
        # the slices named, or the metric's only one ("the p95 response time is within the target")
        refs = _named_slices(idx, sent, a, b, slices)
        if not refs and len(slices) == 1 and not any(a <= sent.tok_starts[pm.start] < b for pm in sent.pop_mentions
                                                     if not all(_is_target(idx, r) for p in pm.pops for r in idx.pops[p].refs)):
            refs = set(slices)
        verdicts = [(r, test(r)) for r in slices if r in refs]
        verdicts = [(r, v) for r, v in verdicts if v is not None]
        if not verdicts:
            continue
        checked = True
        sent.memo["slices_judged"] = True
        if line is not None and _states_target(idx, line, [r for r, _ in verdicts]):
            sent.memo.setdefault("slice_lines", set()).add(line.start)
        wrong = [r for r, v in verdicts if not v]
        if not wrong and _ONLY.search(low, a, b):
            # "only applicants over 50 fall below the threshold": no other slice may
            others = [(r, test(r)) for r in slices if r not in refs]
            wrong = [r for r, v in others if v]
        if wrong:
            ts = sorted({t for r in wrong for t in _targets(idx, r)}) or ([line.value] if line is not None else [])
            issues.append(Issue("direction", "contradicted", f"'{says}': " + "; ".join(idx.metrics[r].describe() for r in wrong[:2])
                                + "; the target: " + ", ".join(f"{t:g}" for t in ts), tuple(wrong[:2])))
    return issues, checked


def check_slices(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    """Quantified claims over slices against the per-slice values; marks the sentence when they hold."""
    low = sent.plain_low
    found = quantifiers(low)
    if low.rstrip().endswith("?"):
        return [], False
    if not found:
        # a target word (which a quotation of the target's own name may hold: "the four-fifths threshold"),
        # and a word for a side of it
        if not (lx.contains_any(low, _TARGET_FRAGMENTS) or _quotes_target(idx, sent)) or not _SIDE.search(low):
            return [], False
        return _one_slice(idx, sent)
    issues: list[Issue] = []
    checked = False
    for off, clause in sent.clauses:
        a, b = off, off + len(clause)
        here = [f for f in found if a <= f[0] < b]
        if len(here) != 1:
            continue
        qa, qb, kind, count, of = here[0]
        if _OTHER_NEGATION.search(low, a, qa) or _OTHER_NEGATION.search(low, qb, b) or _UNASSERTED.search(low, a, b):
            continue  # "not every group", "every group does not ...", "every group should": not judged
        pred = _predicate(idx, sent, low, a, b, qa, qb)
        if pred is None:
            continue
        test, says, line, target = pred
        key = _metric_key(idx, sent, a, b, target)
        if key is None:
            continue
        slices = _slices(idx, key)
        left_out = _excepted(idx, sent, low, a, b, qb)
        if left_out is None:
            continue  # an exception that names no slice the findings measured: which slices are meant is unclear
        # "every accent group" names them all; "in every region, chats from Europe ..." only those it names
        named = {r for pm in sent.pop_mentions if a <= sent.tok_starts[pm.start] < b for p in pm.pops for r in idx.pops[p].refs}
        named = (named - left_out) & set(slices)
        if named and not left_out:
            slices = [r for r in slices if r in named]
        verdicts = [(r, test(r)) for r in slices if r not in left_out]
        verdicts = [(r, v) for r, v in verdicts if v is not None]
        if not verdicts:
            continue
        n = len(verdicts)
        yes = [r for r, v in verdicts if v]
        no = [r for r, v in verdicts if not v]
        if kind == "count":
            if of != n or left_out:
                continue  # "two of the five regions" where the findings measured four: another set of slices
            checked = True
            sent.memo["slices_judged"] = True
            # the counts are the claim's own: the number checks need not find them in the findings
            sent.memo.setdefault("slice_lines", set()).update(q.start for q in sent.quantities if qa <= q.start < qb)
            if len(yes) != count:
                shown = "; ".join(idx.metrics[r].describe() for r in (yes or no)[:4])
                issues.append(Issue("number", "contradicted", f"'{sent.text[qa:qb].strip()}' with '{says}': {len(yes)} of {n} measured "
                                    f"slices do: {shown}", tuple((yes or no)[:3])))
            continue
        if kind == "all":
            wrong = no
        elif kind == "none":
            wrong = yes
        else:  # most: more than half must hold; of two slices, one each way settles nothing
            wrong = no if (len(yes) * 2 <= n and n >= 3) or not yes else []
        checked = True
        sent.memo["slices_judged"] = True
        if kind == "none":
            # "no accent group ...": the slices settled the denial, which denies no statement of a finding
            sent.memo.setdefault("slice_words", set()).update(sent.stems_between(qa, qb))
        if line is not None and target and not _states_target(idx, line, [r for r, _ in verdicts]):
            line = None  # a target figure the findings do not give is for the number checks to judge
        if line is not None:
            # the figure is the line the slices are set against, not a value of one of them
            sent.memo.setdefault("slice_lines", set()).add(line.start)
        if wrong:
            words = sent.text[qa:qb].strip()
            shown = "; ".join(idx.metrics[r].describe() for r in wrong[:3])
            issues.append(Issue("direction", "contradicted", f"'{words}' with '{says}': {len(wrong)} of {n} measured slices "
                                f"{'do' if kind == 'none' else 'do not'}: {shown}", tuple(wrong[:3])))
    return issues, checked
