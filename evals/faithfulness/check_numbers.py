"""Checks on the numbers of a sentence: value, unit, derived values, slice and scope.

Each quantity is matched against the index's facts in a unit-aware way; a
match in value with an incompatible unit is a `unit` error; no match at all is
`derived` next to comparison words, `number` when the sentence is about a
metric of that kind, else `extrinsic`. A matched metric value is then checked
against the population phrase nearest to it (`slice`) and against the
qualifiers that population needs (`scope`).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace

from evals.faithfulness import lexicon as lx
from evals.faithfulness.analysis import Sentence, in_own_words, option_mentions
from evals.faithfulness.check_options import attached_option, other_options_figure
from evals.faithfulness.index import Fact, FindingsIndex
from evals.faithfulness.metric_names import name_key
from evals.faithfulness.numbers import MONTH_NAMES, Quantity
from evals.faithfulness.text import OPTION_STEM, WORD_RE, content_stems, hyphen_parts, pop_stems, stem
from evals.faithfulness.text_cache import remembered


@dataclass
class Issue:
    code: str
    verdict: str  # contradicted | unsupported
    evidence: str
    refs: tuple[str, ...] = ()


# A number's population phrase is not looked for across these (", so some sarcastic posts ...").
_WINDOW_CUT = re.compile(r";|,\s+(?:so|which|meaning|because|but|while|whereas|against|and)\s|\s+because\s|"
                         r",\s+(?=(?:two|three|four|five|six|seven|eight|nine|ten)\s+(?:of\s+them\s+|of\s+these\s+)?from\b)")  # "11 complaints, three from wheelchair users"
# "71% on X" gives X to the 71%; "71%; on X it is 54%" starts a clause whose phrase is the next number's.
# ... and "5.3% errors on all test commands, 3.8 s ...": one word of the figure's own, right after it, may come first.
_LOCATIVE_AFTER = re.compile(r"(?:\s[a-z]+\s+|[^\w(;]{0,3}(?:\([^)]*\)\s*)?(?:of the time\s+)?)"
                             r"(?:on|for|in|among|across|at|under|within|with|during|of(?!\s+the\s+time\b))\b", re.I)
# "1.0 would mean parity": what a ratio's scale means by definition, not a figure of the findings.
_SCALE_DEFINITION = re.compile(r"\s*(?:would mean|means|would be|is|=)\s+(?:parity|no difference|equal (?:rates|treatment|odds))\b", re.I)
_CONF_LEVEL = re.compile(r"\s*(?:confidence\s+)?(?:interval|ci|confidence|credible)\b", re.I)
_CI_CONTEXT = re.compile(r"\b(?:interval|ci|between|range|margin|plus or minus|confidence|uncertainty)\b|±|\d\s*%?\s*(?:-|–|to)\s*\d", re.I)  # "[55%–61%]" too
_COUNT_NOUNS = {"sample", "case", "example", "item", "record", "respons", "answer", "decisi", "input", "output"}


@remembered  # one search per sentence, however many numbers it holds
def _states_interval(text: str) -> bool:
    return _CI_CONTEXT.search(text) is not None


def _derived_context(sent: Sentence, q: Quantity) -> bool:
    if q.unit in ("pp", "x") and not q.gloss:
        return True
    after = sent.text[q.end: q.end + 40]
    if (listed := _LISTED_AFTER.match(after)) is not None:
        # "350 ms and 100 ms more than today": both figures are the gaps the words after the second say
        after = sent.text[q.end + listed.end(): q.end + listed.end() + 40]
    return _derived_words((after, sent.text[max(0, q.start - 30): q.start]))


_LISTED_AFTER = re.compile(r"(?:\s*,)?\s+(?:and|or)\s+[$£€]?\d[\d,.]*\s*(?:%|[a-z]{1,3}\b(?:/[a-z]+)?|points?\b|seconds?\b|minutes?\b)?(?=\s)", re.I)


@remembered  # pure in the words around a number, which briefs repeat
def _derived_words(around: tuple[str, str]) -> bool:
    """Do the words after or before a number make it a gap, ratio or change?"""
    after, before = around
    return bool(lx.DERIVED_AFTER.match(after) or lx.DERIVED_BEFORE.search(before))


def _compat(q: Quantity, f: Fact, derived: bool) -> float | None:
    """The fact's value in q's unit, or None when q could not be stating this fact."""
    qu, fu = q.unit, f.unit
    if qu == "date" or fu == "date":
        return None
    if f.kind in ("rel",) and not derived:
        return None
    if f.kind in ("diff", "times") and not derived and qu not in ("pp", "x"):
        return None
    if f.kind in ("complement", "share") and derived:
        return None
    if qu == "percent":
        if q.gloss and f.kind not in ("metric", "complement", "share", "text", "ci") and not (derived and f.kind == "rel"):
            return None  # "two in three" restates a value, though "a third less often" is a relative change
        if derived and f.kind == "diff" and fu == "ratio":
            return None  # a gap between ratios is in points: "3.1% higher" for 0.011 against 0.042 is relative
        if f.kind == "text" and fu == "ratio":
            return None  # a ratio written in the findings' prose stays a ratio
        return {"percent": f.value, "ratio": f.value * 100, "rel": f.value}.get(fu)
    if qu == "pp":
        return f.value if fu == "pp" else None
    if qu == "ratio":
        if fu in ("ratio", "x", "count"):
            return f.value
        if fu == "percent":
            return f.value / 100
        return None
    if qu == "x":
        return f.value if fu in ("x", "ratio") else None
    if qu == "s":
        return {"s": f.value, "ms": f.value / 1000}.get(fu)
    if qu == "ms":
        return {"ms": f.value, "s": f.value * 1000}.get(fu)
    if qu == "usd":
        return f.value if fu in ("usd", "count") else None
    if qu == "count":
        # A bare number is a count, a year, a version or (next to "gap", "drop") a difference.
        if f.kind == "count" and "." in q.text:
            return None  # "a benchmark of 2.0" counts nothing: a document's counts are whole numbers, written so
        if fu == "count" or (derived and f.kind == "diff"):
            return f.value
        if fu == "ratio" and f.kind in ("metric", "ci") and round(f.value, 4) in (0.0, 1.0):
            return f.value  # a ratio of 0 or 1 (to four places, as briefs write them) has no decimals
        if fu in ("pp", "x") and f.kind == "metric":
            return f.value  # "the click-through change is 1.2": a metric measured in points or times, its unit left out
        return None
    return None


def _close(q: Quantity, v: float) -> bool:
    if q.bound == "lo":
        return q.value - q.tol <= v <= max(q.value * 1.5, q.value + 5 * q.tol)
    if q.bound == "hi":
        return min(q.value / 1.5, q.value - 5 * q.tol) <= v <= q.value + q.tol
    return abs(v - q.value) <= q.tol


def _date_ok(q: Quantity, idx: FindingsIndex) -> bool:
    y, m, d = q.date  # type: ignore[misc]
    for f in idx.facts:
        if f.date and (not y or f.date[0] == y) and f.date[1] == m and (not d or f.date[2] == d):
            return True
    return False


_SCALES = (1.0, 100.0, 0.01, 1000.0, 0.001)


def _near_facts(idx: FindingsIndex, q: Quantity) -> list[Fact]:
    """Facts whose value, read in any unit q might be converted to, can lie near q's value."""
    if q.unit == "date":
        return []
    # Briefs for several audiences restate the same figures: each reach is looked up once per document.
    near: dict = idx.__dict__.setdefault("_near_facts", {})
    key = (q.value, q.tol, bool(q.bound))
    got = near.get(key)
    if got is None:
        got = near[key] = _facts_within(idx, q)
    return got


def _facts_within(idx: FindingsIndex, q: Quantity) -> list[Fact]:
    table = idx.__dict__.get("_by_value")
    if table is None:
        table = idx.__dict__["_by_value"] = sorted(((f.value, i) for i, f in enumerate(idx.facts) if f.unit != "date"))
    slack = max(q.tol, 1e-9) + (q.value * 0.5 + 5 * q.tol if q.bound else 0.0)
    picked: set[int] = set()
    # A negative number may state a gap or change, which the facts hold without its sign; and a change
    # the facts hold with its sign may be said without it ("fell 2 points").
    centres = (q.value, -q.value) if q.value != 0 else (q.value,)
    for s, c in ((s, c) for s in _SCALES for c in centres):
        lo, hi = (c - slack) * s, (c + slack) * s
        if lo > hi:
            lo, hi = hi, lo
        a = bisect.bisect_left(table, (lo - 1e-9, -1))
        for v, i in table[a:]:
            if v > hi + 1e-9:
                break
            picked.add(i)
    return [idx.facts[i] for i in sorted(picked)]


def match(idx: FindingsIndex, sent: Sentence, q: Quantity, derived: bool | None = None) -> tuple[list[Fact], list[Fact]]:
    """(facts q states, facts q states in value but in the wrong unit); `derived` is _derived_context(sent, q)
    when the caller has it already."""
    if derived is None:
        derived = _derived_context(sent, q)
    ok: list[Fact] = []
    exact: list[Fact] = []
    wrong_unit: list[Fact] = []
    scope = set(sent.related) | set(sent.findings) if not sent.carried else set()
    interval = _states_interval(sent.text)
    # Only facts within reach of q's value in some unit can match it or clash with it.
    for f in _near_facts(idx, q):
        if f.kind == "ci" and not interval:
            continue  # an interval bound vouches for a number only when an interval is being stated
        if f.kind in ("text", "complement", "share") and f.finding is not None and scope and f.finding not in scope:
            # numbers in another finding's prose, or the other side of another finding's share
            # (85.8% correct for a 14.2% error rate), do not vouch for this sentence
            continue
        v = _compat(q, f, derived)
        if v is None and f.kind == "ci" and q.unit == "count":
            v = f.value  # "interval 61.7–68.2": bounds written without their unit
        if v is not None and q.value < 0 and f.kind in ("diff", "rel"):
            v = -v  # a gap or change may be written with its sign: "-3.5 points", "-12%"
        if v is not None and v < 0 < q.value and f.kind == "metric" and _FELL_BEFORE.search(sent.text, max(0, q.start - 24), q.start):
            v = -v  # a change of -2 points "fell 2 points", "a drop of 2 points"
        if v is not None and f.kind == "share" and abs(v - q.value) > max(0.5 if q.unit == "count" else 0.05, 0.01 * abs(v),
                                                                          0.03 * abs(v) if q.tol > 0.5 + 1e-6 else 0.0) \
                and not (q.bound and _close(q, v)) and not q.gloss:  # "23% of 18,400 prompts, more than 4,000"
            # (a gloss is rounded by its nature: "nine of the 51, roughly one in six")
            # a share worked out from a sample is stated as worked out, or "roughly" a figure close to it
            # ("3% of 4,100 clips, roughly 120"), not "about" any round figure near it
            continue
        if v is not None and _close(q, v):
            ok.append(f)
            if (q.bound and abs(v - q.value) <= q.tol) or abs(v - q.value) <= 1e-9:
                exact.append(f)
        elif (q.unit not in ("count", "ratio") and f.unit not in ("date", "count") and f.unit != q.unit and f.kind not in ("complement", "share")
              and not f.from_bound
              and abs(f.value - q.value) <= max(q.tol, 1e-9) and not q.gloss and (not scope or f.finding in scope or f.finding is None)
              and (derived or f.kind not in ("rel", "times"))):
            wrong_unit.append(f)
    # A number written exactly as the findings' prose has it is that number ("0.8" is the
    # benchmark, not 0.83 rounded), and "applicants over 60" names the number itself; an
    # exact coincidence with another metric does not push out the metric it rounds.
    if exact and (q.bound or all(f.kind in ("text", "n", "count") for f in exact)):
        return exact, wrong_unit
    return ok, wrong_unit


def _glosses_a_figure(qs: list[Quantity], q: Quantity) -> bool:
    """Does gloss q follow a figure it restates ("65% (about two in three)")? A gloss on its own
    ("one in ten transcripts") states a value like any number."""
    return any(p.end <= q.start <= p.end + 4 and not p.gloss for p in qs)


def _worked_out_here(qs: list[Quantity], q: Quantity) -> bool:
    """Is gloss q worked out from figures its sentence states: the rest of a share ("71.5% ...: more than
    one in four unapproved") or one figure over another in the same unit ("95 s vs 410 s ..., under a quarter")?"""
    others = [p for p in qs if p is not q and not p.gloss and not p.is_date]
    if any(p.unit == "percent" and 0 < p.value < 100 and _close(q, 100 - p.value) for p in others):
        return True
    return _one_over_another(q, others)


def _share_of_counts(qs: list[Quantity], q: Quantity) -> bool:
    """Is share q one count of the sentence over another ("Of 38,400 records ..., 6,900 (about 18%)")?"""
    return _one_over_another(q, [p for p in qs if p is not q and p.unit == "count" and not p.gloss])


def _product_here(qs: list[Quantity], q: Quantity) -> bool:
    """Is q a count of the sentence times another of its figures in q's unit ("1,180 trips at $640 each,
    about $755,000 in all")?"""
    others = [p for p in qs if p is not q and not p.gloss and not p.is_date and p.value > 1]
    return any(a is not b and a.unit == "count" and b.unit == q.unit and _close(q, a.value * b.value)
               for a in others for b in others)


def _ratio_here(qs: list[Quantity], q: Quantity) -> bool:
    """Is multiple q one of the sentence's figures over another in the same unit?"""
    others = [p for p in qs if p is not q and not p.gloss and not p.is_date and p.unit not in ("x", "count")]
    return any(a is not b and a.unit == b.unit and 0 < b.value < a.value and _close(q, a.value / b.value)
               for a in others for b in others)


def _one_over_another(q: Quantity, figures: list[Quantity]) -> bool:
    """Is percentage q one of the figures over a larger one in the same unit?"""
    return any(a is not b and a.unit == b.unit and 0 < a.value < b.value and _close(q, 100 * a.value / b.value)
               for a in figures for b in figures)


_MISS_BEFORE = re.compile(r"\b(?:miss\w*|fail\w*|not|never|without|lack\w*|escap\w*|got through|slip\w*)\b[^.;:]{0,30}$", re.I)


def _rest_of_a_rate(idx: FindingsIndex, sent: Sentence, q: Quantity) -> bool:
    """Is gloss q, after a word of missing ("misses about 8 out of every 100"), the rest of a share
    the sentence's findings measure (92% found)?"""
    if not _MISS_BEFORE.search(sent.text, max(0, q.start - 40), q.start):
        return False
    about = set(sent.findings) | set(sent.related)
    return any(f.kind == "metric" and f.unit == "percent" and f.finding in about and 0 < f.value < 100
               and _close(q, 100 - f.value) for f in idx.facts)


def _derived_elsewhere(idx: FindingsIndex, sent: Sentence, q: Quantity, ok: list[Fact]) -> list[str]:
    """The metrics of the slices a sentence compares, when q equals only a gap or ratio between other
    metrics: "twice as often for patients over 75 as for those aged 18 to 64" is not vouched for by the
    ratio of two reply times. Empty when q fits the compared slices, or they are not clear."""
    if any(f.kind not in ("diff", "rel", "times") for f in ok) or len(sent.pop_mentions) < 2:
        return []
    named = {r for pm in sent.pop_mentions for p in pm.pops for r in idx.pops[p].refs}
    if any(set(f.refs) <= named for f in ok):
        return []
    # "Children are rejected 5.4 points more often than adults aged 18-69, and older travellers 3.6 ...":
    # a clause that names one slice of the gap, and no other, may name the other in its own words
    off, clause = next(((o, c) for o, c in sent.clauses if o <= q.start < o + len(c)), (0, sent.text))
    in_clause = [pm for pm in sent.pop_mentions if off <= sent.tok_starts[pm.start] < off + len(clause)]
    if len(in_clause) == 1:
        here = {r for p in in_clause[0].pops for r in idx.pops[p].refs}
        if any(f.kind == "diff" and len(set(f.refs) & here) == 1 for f in ok):
            return []
    i1 = sent.tok_at(max(q.start, q.end - 1))
    after = set(sent.tok_stems[i1 + 1: i1 + 6])
    if any(after & (idx.metrics[r].name_stems - _NAMING_NOTHING) for f in ok for r in f.refs if r in idx.metrics):
        return []  # "four and a half times the adjuster hours": the measure it multiplies is named
    if idx.options and any(idx.metrics[r].option for f in ok for r in f.refs if r in idx.metrics):
        # "option A (180 ms) is 85 ms higher than option B (95 ms)": the options' own figures, which
        # the findings may give on another test than their slices' metrics, are what it compares.
        options = {o for _, o in option_mentions(idx, sent)}
        if any(all(r in idx.metrics and idx.metrics[r].option in options for r in f.refs) for f in ok):
            return []
    kinds = {f.kind for f in ok}
    own = [f for f in idx.facts if f.kind in kinds and len(f.refs) == 2 and set(f.refs) <= named and f.refs[1] in idx.metrics[f.refs[0]].pair
           and _compat(q, f, True) is not None]
    return list(own[0].refs) if own else []


# "450 ms over the 800 ms budget", "3 points below the 90% target": the gap is measured from the figure after it
_GAP_FROM = re.compile(r"\s+(?:over|under|above|below|beyond|short of|(?:more|less|higher|lower|faster|slower|longer|shorter) than)"
                       r"\s+(?:(?:the|a|an|our|its|their|today's|current)\s+){0,2}(?:[a-z]+\s+(?:of\s+)?){0,2}$", re.I)


def _gap_against(idx: FindingsIndex, sent: Sentence, qs: list[Quantity], i: int, ok: list[Fact]) -> tuple[str, list[str]] | None:
    """(the figure, the metrics it names) when q, stated only as a gap, is set against a figure the findings
    give ("350 ms over the 800 ms budget") and no gap q matches is from that figure; else None."""
    q = qs[i]
    if i + 1 >= len(qs) or any(f.kind not in ("diff", "rel") for f in ok):
        return None
    q2 = qs[i + 1]
    if q2.gloss or q2.is_date or not _GAP_FROM.fullmatch(sent.text, q.end, q2.start):
        return None
    named = {f.refs[0] for f in match(idx, sent, q2, False)[0] if f.kind == "metric"}
    if not named or any(set(f.refs) & named for f in ok):
        return None
    return q2.text, sorted(named)


def _option_words(idx: FindingsIndex, orefs: set[str]) -> frozenset[str]:
    """The stems of the named options' names and descriptions, a hyphenated word's parts among them ("cold" of
    "cold-weather"), as a verb says them too ("flagging" for "flag")."""
    known: dict = idx.__dict__.setdefault("_option_words", {})
    key = frozenset(orefs)
    got = known.get(key)
    if got is None:
        texts = [f"{o.name} {o.description or ''}" for t in idx.doc.tradeoffs for o in t.options if f"{t.id}.{o.id}" in orefs]
        got = known[key] = _said_words(texts)
    return got


def _said_words(texts: list[str]) -> frozenset[str]:
    """The stems of texts, a hyphenated word's parts among them ("cold" of "cold-weather"), as a verb says them
    too ("flagging" for "flag")."""
    words = {s for x in texts for s in content_stems(x)}
    words |= {stem(p) for x in texts for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)+", x) for p in w.split("-") if len(p) > 2}
    return _measure_words(frozenset(words))


def _aligned_metrics(idx: FindingsIndex, sent: Sentence) -> list[str]:
    """Metrics the sentence names: by source id, population phrase or metric name."""
    refs = [s for s in sent.sources if s in idx.metrics]
    for pm in sent.pop_mentions:
        for p in pm.pops:
            refs += idx.pops[p].refs
    stems = set(sent.tok_stems)
    stems.discard("")
    for ref, info in idx.metrics.items():
        if info.name_stems and len(info.name_stems & stems) >= min(2, len(info.name_stems)):
            refs.append(ref)
    return sorted(set(refs))


def _unit_family(u: str) -> str:
    return {"percent": "share", "ratio": "share", "pp": "share", "s": "time", "ms": "time"}.get(u, u)


def nearest_pop(sent: Sentence, q: Quantity, lo: int, hi: int, skip=None):
    """The population mention closest to q among those between chars lo and hi (other than `skip`)."""
    qa, qb = sent.tok_at(q.start), sent.tok_at(max(q.start, q.end - 1))
    best = None
    follow = _LOCATIVE_AFTER.match(sent.text, q.end)
    for pm in sent.pop_mentions:
        if pm is skip:
            continue
        if lo > 0 and sent.tok_starts[pm.start] < lo or hi < len(sent.text) and sent.tok_starts[pm.end] >= hi:
            continue
        if pm.start > qb:
            dist = pm.start - qb - 0.5  # a phrase after the number ("65% on X") wins ties
            if follow and sent.tok_starts[pm.start] <= follow.end() + 30:
                dist = -1.0  # "1 s on the service target": the phrase the number introduces
            elif _compared_with(sent, pm.start):
                continue  # "two minutes saved, a third less than the business case assumed": what it is set against
            elif "," in sent.text[q.end:sent.tok_starts[pm.start]] or ";" in sent.text[q.end:sent.tok_starts[pm.start]]:
                dist += 1.0  # "German 14, French 18": after a comma begins the next item, not this figure's phrase
        else:
            dist = qa - pm.end
            if _compared_with(sent, pm.start):
                # "Tagalog comments are removed more often than English ones: 4.8%": the slice compared
                # with is not the one the figure is about
                dist += len(sent.tok_words)
        if best is None or dist < best[0]:
            best = (dist, pm)
    return best[1] if best else None


_THAN = frozenset("than versus vs like past beyond".split())  # "past the loan screen's time-out"
_NEAR_WORDS = frozenset("close closer similar equal comparable identical near".split())
_SLICE_PREPOSITIONS = frozenset("for on in among with at".split())


def _compared_with(sent: Sentence, tok: int) -> bool:
    """Is the population mention at token `tok` what something is compared with ('than English ones',
    'close to English', 'compared with the weekday')?"""
    words = [w.lower() for w in sent.tok_words[max(0, tok - 3):tok]]
    while words and (words[-1] in _SLICE_PREPOSITIONS - {"with"} or words[-1] in ("the", "a", "an", "our", "its", "their")):
        words.pop()  # "than for English comments", "than the business case"
    if not words:
        return False
    last, before = words[-1], words[-2] if len(words) > 1 else ""
    return last in _THAN or last == "to" and before in _NEAR_WORDS or last in ("with", "to") and before == "compared"


# Words of many metrics' names that name none of them alone ("rate", "time", "score").
_NAMING_NOTHING = frozenset(("rate", "time", "score"))
_COMPARATIVE_STEMS = frozenset(stem(w) for w in "lower higher more less fewer greater better worse faster slower above below over "
                                             "under smaller larger bigger".split())


def _metric_name_near(idx: FindingsIndex, sent: Sentence, q: Quantity, lo: int) -> set[str] | None:
    """Stems of a metric name stated just before q ("recall of 65%"), if any."""
    names = idx.__dict__.get("_naming_stems")
    if names is None:
        # "the cameras caught only 68%": what the system is (its name and purpose say) is the subject, not the
        # measure "false alarms per 1,000 camera-hours"
        system = set(content_stems(f"{idx.doc.system.name} {idx.doc.system.purpose or ''}"))
        names = idx.__dict__["_naming_stems"] = frozenset(
            s for s in idx.metric_name_stems if len(idx.metric_name_stems[s]) < len(idx.metrics) and s not in _NAMING_NOTHING
            and s not in _COMPARATIVE_STEMS and s not in system)  # "lower than option B" compares; it names no "lower age limit"
    # the figure's first token, even when its currency sign ("$86,000") starts before any token does
    i1 = bisect.bisect_left(sent.tok_starts, q.start)
    i0 = max(sent.tok_at(lo), i1 - 5)
    if lo > 0 and (cut := max(sent.text.rfind(",", lo, q.start), sent.text.rfind(";", lo, q.start))) >= 0:
        # "1,470 visits, $1,123,500": the noun after the figure before is that figure's, not this one's measure
        i0 = max(i0, bisect.bisect_left(sent.tok_starts, cut + 1))
    # Digits name no metric, and words quoted from a title, a caveat or an option's or the system's
    # name are not a metric's name.
    other = [(a, b) for a, b, p in sent.memo.get("quotes", ()) if p not in idx.quote_metric_names]
    found = {sent.tok_stems[i] for i in range(i0, i1) if sent.tok_stems[i] in names and not sent.tok_stems[i][:1].isdigit()
             and not any(a <= sent.tok_starts[i] < b for a, b in other)}
    return found or None


def _names_its_measure(idx: FindingsIndex, hits: frozenset[str], refs: list[str]) -> bool:
    """Are the words a slice was found in the figure's own measure ("contained"), with at most words of
    its finding's own prose ("a student's")?"""
    names = {st for r in refs for st in _measure_words(idx.metrics[r].name_stems)}
    if not hits & names:
        return False
    prose = {st for r in refs for st in idx.finding_stems.get(idx.metrics[r].finding or "", {})}
    own_pops = {idx.metrics[r].pop for r in refs}
    # a word of another slice the same measure was taken on ("HR" when the figure is the travel one) names that slice
    keys = {name_key(idx, r) for r in refs}
    sibling = {st for o, info in idx.metrics.items() if info.pop not in own_pops and name_key(idx, o) in keys
               and info.pop in idx.pops for st in idx.pops[info.pop].weights}
    rest = hits - names
    return rest <= prose and not rest & sibling


_UNIT_CARRIED = re.compile(r"(?:[\s,]+[a-z]+){0,3}?[\s,]+(?:instead of|rather than|against|compared (?:with|to)|versus|vs\.?|"
                           r"down from|up from|from|to)\s+(?:[a-z]+ing\s+(?:by\s+)?)?(?:(?:a|an|the|its)\s+(?:[a-z]+\s+){0,2}?of\s+)?"
                           r"(?:(?:the|our|its)\s+)?(?:about\s+|roughly\s+)?", re.I)
# "410 down to 350 seconds", "from 250 to 130 seconds": the first figure in the second one's unit
_UNIT_AHEAD = re.compile(r"\s*(?:(?:down|up)\s+)?(?:to|-|–|and|or)\s+(?:about\s+|roughly\s+)?", re.I)
_FELL_BEFORE = re.compile(r"\b(?:fell|falls|falling|fallen|dropped|drops|dropping|down|decreased|decreases|declined|declines|"
                          r"lost|loses|shrank|cut|(?:a|an)\s+(?:\w+\s+)?(?:fall|drop|decrease|decline|loss|cut|reduction)\s+of)"
                          r"(?:\s+by)?\s+(?:about\s+|roughly\s+|nearly\s+|almost\s+)?$", re.I)
_TIME_WORD = re.compile(r"([\d][\d,]*(?:\.\d+)?)\s*(?:(?:extra|more|additional|fewer|less)\s+)?"
                        r"(hours?|hrs?|days?|minutes?|mins?|weeks?|months?|years?)\b", re.I)


def _counted_in_time_units(idx: FindingsIndex, q: Quantity) -> Quantity | None:
    """q as a plain count when it is written in hours or days and a count metric is named in that unit."""
    m = _TIME_WORD.search(q.text)
    if m is None:
        return None
    unit = m.group(2).lower().rstrip("s")[:3]
    if not any(info.metric.unit.value == "count" and unit in info.metric.name.lower() for info in idx.metrics.values()) and \
            not _counted_in_prose(idx, unit):
        return None
    return replace(q, value=float(m.group(1).replace(",", "")), unit="count", tol=0.500000001)


_INTERVAL_BEFORE = re.compile(r"\b(?:interval|ci|confidence interval|range)\b[^;()]{0,24}$", re.I)


def _counted_in_prose(idx: FindingsIndex, unit: str) -> bool:
    """Do the findings' words count hours (or days) as things ("350 extra agent hours a week")?"""
    known = idx.__dict__.setdefault("_counted_time_units", {})
    got = known.get(unit)
    if got is None:
        from evals.faithfulness.index import _document_texts

        pattern = re.compile(rf"\d[\d,.]*\s+(?:[a-z-]+\s+){{1,2}}{unit}", re.I)  # a word between: not a duration
        got = known[unit] = any(pattern.search(t) for t in _document_texts(idx.doc))
    return got


_NOUN_AFTER = re.compile(r"\s+(?!and\b|or\b|but\b|while\b|whereas\b|against\b|versus\b|vs\b)[A-Za-z]")
_SAMPLE_BETWEEN = re.compile(r"\s+(?:of\s+(?:the\s+)?\w+\s+)?(?:on|across|of|among|in|for|from|over)\s+(?:the\s+|all\s+|a\s+)?", re.I)


def _own_name_around(idx: FindingsIndex, sent: Sentence, q: Quantity, refs: list[str]) -> bool:
    """Does the figure's own metric name stand right after it ("36 disclosures were not escalated"), or
    a little further before it than another's ("the redaction filter removed these details in 71%")?"""
    own = {s for r in refs for s in idx.metrics[r].name_stems} - _NAMING_NOTHING
    i0, i1 = sent.tok_at(q.start), sent.tok_at(max(q.start, q.end - 1))
    # the figure's own unit word counts too: "for 360 hours" names "staff outreach hours needed per week"
    near = set(sent.tok_stems[i0 + 1: i1 + 6]) | set(sent.tok_stems[max(0, i0 - 14): i0])
    return bool(own & near)


def _window_cuts(sent: Sentence, q: Quantity) -> tuple[int, int]:
    """(end of the last _WINDOW_CUT before q, start of the first after it; else 0 and the text's length)."""
    spans = sent.memo.get("window_cuts")
    if spans is None:  # one scan per sentence rather than two per number
        spans = sent.memo["window_cuts"] = [m.span() for m in _WINDOW_CUT.finditer(sent.text)]
    if not spans:
        return 0, len(sent.text)
    # A cut has one possible extent wherever it starts, so scanning the whole text finds the same cuts
    # as scanning up to q or from it, unless one runs across that point: then scan as asked.
    if any(a < q.start < b for a, b in spans):
        lo = max([0] + [m.end() for m in _WINDOW_CUT.finditer(sent.text, 0, q.start)])
    else:
        lo = max([0] + [b for _, b in spans if b <= q.start])
    if any(a < q.end < b for a, b in spans):
        nxt = _WINDOW_CUT.search(sent.text, q.end)
        hi = nxt.start() if nxt else len(sent.text)
    else:
        hi = next((a for a, _ in spans if a >= q.end), len(sent.text))
    return lo, hi


def _in_pop_mention(sent: Sentence, tok: int) -> bool:
    return any(pm.start <= tok <= pm.end for pm in sent.pop_mentions)


# "For every 100 men shortlisted, about 74 women are": the base a rate is restated on, not a figure
_BASES = frozenset((10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0))
_NAMED_BASE = re.compile(r"\bper\s+(\d[\d,]*)")


def _rate_bases(idx: FindingsIndex) -> frozenset[float]:
    """Bases the metrics' own names count per ("near misses per 1000 robot-hours"): a figure said per that
    base is the metric's value as it stands, not a share of the base."""
    known = idx.__dict__.get("_rate_bases")
    if known is None:
        known = idx.__dict__["_rate_bases"] = frozenset(
            float(m.group(1).replace(",", "")) for info in idx.metrics.values() for m in _NAMED_BASE.finditer(info.metric.name))
    return known


_PER_BASE = re.compile(r"\b(?:for every|out of every|in every|every|per)\s+$", re.I)
_N_IN_BASE = re.compile(r"(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+)?(\d[\d,]*(?:\.\d+)?)\s+(?:in|out\s+of)\s+(?:every\s+)?(\d[\d,]*)", re.I)


_TAIL_WORDS = re.compile(r"\b(?:slowest|fastest|longest|shortest|worst|best|top|bottom|highest|lowest|last|first)\s+$", re.I)
_WITHIN_AFTER = re.compile(r"[^.;:()]{0,40}?\b(?:within|under|inside|in under|in less than|in at most|takes?|took|waits?|waited|"
                           r"lasts?|lasted)\s+(?:more than\s+|over\s+|at least\s+|longer than\s+)?", re.I)
_PERCENTILE = re.compile(r"\bp(\d{2})\b|\b(\d{2})(?:th|st|nd|rd)[- ]percentile\b", re.I)


def _share_unit(unit: str) -> str:
    """A ratio and a percentage on one scale: "54% of alerts" for a precision of 0.54."""
    return "percent" if unit == "ratio" else unit


def _sentence_stems(sent: Sentence) -> set[str]:
    got = sent.memo.get("all_stems")
    if got is None:
        got = sent.memo["all_stems"] = {st for st in sent.tok_stems if st} | {
            p for w in sent.tok_words if "-" in w for p in hyphen_parts(w)}
    return got


def _tail_of_percentile(idx: FindingsIndex, sent: Sentence, q: Quantity) -> bool:
    """"The slowest 5% take 840 s or more", "95% arrive within 95 seconds", "one answer in twenty takes 9.4
    seconds or more" say what a 95th percentile is, when the findings measure one."""
    if not _TAIL_WORDS.search(sent.text, max(0, q.start - 12), q.start) and not (
            (within := _WITHIN_AFTER.match(sent.text, q.end))
            and any(o.unit == "s" and 0 <= o.start - within.end() <= 12 for o in sent.quantities)):
        return False
    for info in idx.metrics.values():
        for m in _PERCENTILE.finditer(info.metric.name):
            p = int(m.group(1) or m.group(2))
            if q.value in (p, 100 - p):
                return True
    return False


def check_quantities(idx: FindingsIndex, sent: Sentence, metric_mentions: list[tuple[int, list[str]]]) -> list[Issue]:
    issues: list[Issue] = []
    # "95% interval" names the interval's confidence level, not a finding's number.
    lines = sent.memo.get("slice_lines") or ()  # "below 10% in every group": a line the slices were judged against
    qs = [q for q in sent.quantities if not (q.ordinal and q.value < 100)
          and not (q.unit == "percent" and _CONF_LEVEL.match(sent.text, q.end)) and q.start not in lines
          and not (q.value == 1 and _SCALE_DEFINITION.match(sent.text, q.end))
          and not (q.unit == "percent" and _tail_of_percentile(idx, sent, q))]
    bases = [q for q in qs if q.value in _BASES and _PER_BASE.search(sent.text, max(0, q.start - 16), q.start)]
    if bases:
        # "for every 100 men, about 74 women": the base is no figure, and a count of it is a share of it,
        # unless a metric counts per that base ("2.4 near misses per 1,000 robot-hours")
        base = bases[0].value
        qs = [replace(q, value=q.value / base, unit="ratio", tol=q.tol / base)
              if q.unit == "count" and q.value < base and base not in _rate_bases(idx) else q
              for q in qs if q not in bases]
    if not qs:
        return issues
    aligned = _aligned_metrics(idx, sent)
    # Windows for population phrases run between numbers; a gloss belongs to the number before it.
    # So does a number inside a population phrase ("applicants aged 18-25").
    inside = {id(q) for q in qs if _in_pop_mention(sent, sent.tok_at(max(q.start, q.end - 1)))} if sent.pop_mentions else set()
    # A sample size said between a figure and its slice ("82% on 1,100 grade 8-9 algebra questions")
    # belongs to that figure's phrase: the slice after it is the figure's.
    anchors = [q for i, q in enumerate(qs) if not q.gloss and id(q) not in inside
               and not (i and q.unit == "count" and qs[i - 1].unit != "count" and _SAMPLE_BETWEEN.fullmatch(sent.text, qs[i - 1].end, q.start)
                        and _NOUN_AFTER.match(sent.text, q.end))]
    for i, q in enumerate(qs):
        prev = [p for p in anchors if p.end <= q.start and p is not q]
        nxt_q = [p for p in anchors if p.start >= q.end and p is not q]
        lo = prev[-1].end if prev else 0
        if prev and (follow := _LOCATIVE_AFTER.match(sent.text, lo)):
            # "489 ms on the test set and recall of 0.5": the phrase the earlier number introduces is its own.
            owned = [pm for pm in sent.pop_mentions if lo <= sent.tok_starts[pm.end] and sent.tok_starts[pm.start] <= follow.end() + 30
                     and sent.tok_starts[pm.end] < q.start]
            if owned:
                lo = max(lo, sent.tok_starts[owned[0].end] + len(sent.tok_words[owned[0].end]))
        hi = nxt_q[0].start if nxt_q else len(sent.text)
        cut_lo, cut_hi = _window_cuts(sent, q)
        lo = max(lo, cut_lo)
        hi = min(hi, cut_hi)
        if q.is_date:
            if not _date_ok(q, idx):
                due_ctx = any(w in sent.text.lower() for w in ("due", "deadline", "by ", "until", "before")) and (
                    any(m.due for m in idx.mitigations if m.finding in sent.findings) or "context" in sent.sources)
                code = "number" if due_ctx else "extrinsic"
                issues.append(Issue(code, "contradicted" if code == "number" else "unsupported",
                                    f"no date {q.text} in the findings" + _dates_evidence(idx, sent)))
            continue
        if q.unit == "count" and _AGED_BEFORE.search(sent.text, max(0, q.start - 24), q.start):
            # "customers aged under 30": an age names a slice, and only a slice the findings measure
            if not any(f.kind == "text" and abs(f.value - q.value) < 1e-9 for f in _near_facts(idx, q)):
                issues.append(Issue("slice", "contradicted", f"'aged {q.text}' is no slice of the findings" + _ages(idx), ()))
            continue
        if q.gloss and not _glosses_a_figure(qs, q) and _worked_out_here(qs, q):
            continue  # the sentence's own figures give it, and they are checked themselves
        if q.gloss and _rest_of_a_rate(idx, sent, q):
            continue  # "misses about 8 out of every 100" where the findings find 92%
        derived = _derived_context(sent, q)
        ok, wrong_unit = match(idx, sent, q, derived)
        if not ok and q.unit == "percent" and _share_of_counts(qs, q):
            continue  # "6,900 (about 18%)" of the sentence's 38,400
        if not ok and q.unit == "x" and _ratio_here(qs, q):
            continue  # "from 12% to 54%, 4.5x as high": the ratio of two figures the sentence states
        if not ok and q.unit in ("usd", "count", "s") and _product_here(qs, q):
            continue  # a total the sentence works out from its own figures, which are checked themselves
        if not ok and q.unit == "s" and (counted := _counted_in_time_units(idx, q)) is not None:
            # "120 hours a week" for a count metric named "extra adjuster hours per week"
            ok, wrong_unit = match(idx, sent, counted, derived)
            if ok:
                q = counted
        if not ok and q.unit == "count" and i and qs[i - 1].unit not in ("count", "date") and \
                _UNIT_CARRIED.fullmatch(sent.text, qs[i - 1].end, q.start):
            # "38 seconds a study instead of 52": the second figure in the first one's unit
            ok, wrong_unit = match(idx, sent, replace(q, unit=qs[i - 1].unit, tol=qs[i - 1].tol), derived)
        if not ok and q.unit == "count" and i + 1 < len(qs) and qs[i + 1].unit not in ("count", "date") and \
                _UNIT_AHEAD.fullmatch(sent.text, q.end, qs[i + 1].start):
            ok, wrong_unit = match(idx, sent, replace(q, unit=qs[i + 1].unit), derived)
        if ok and (against := _gap_against(idx, sent, qs, i, ok)):
            issues.append(Issue("number", "contradicted", f"{q.text} is no gap from {against[0]} in the findings"
                                + _derived_evidence(idx, against[1]), tuple(against[1][:2])))
            continue
        if ok and derived and (elsewhere := _derived_elsewhere(idx, sent, q, ok)):
            issues.append(Issue("derived", "contradicted", f"{q.text} matches no gap, change or ratio between the slices it compares"
                                + _derived_evidence(idx, elsewhere), tuple(elsewhere[:2])))
            continue
        if ok:
            metric_facts = [f for f in ok if f.kind == "metric"]
            if metric_facts and any(f.kind == "ci" for f in ok) and _INTERVAL_BEFORE.search(sent.text, max(0, q.start - 30), q.start):
                # "(n = 140; interval 74% to 87%)": a bound of the interval, whatever metric also measures 87%
                metric_facts = []
            if q.unit == "usd" and any(f.unit == "usd" for f in ok):
                # "$10,000" is the findings' 10,000 dollars, not a count of 10,000 visits that happens to match
                metric_facts = [f for f in metric_facts if f.unit == "usd"]
            own = [f for f in metric_facts if f.finding is None or f.finding in sent.findings]
            # the finding's own text, or its metrics' own intervals ("interval 14.8% to 18%") or sample
            # sizes ("n = 8,100"), state it
            text_own = any(f.kind in ("text", "ci", "n") and f.finding in sent.findings for f in ok)
            if metric_facts and not derived and not _population_says(idx, sent, q, metric_facts, lo, hi) and (
                    theirs := other_options_figure(idx, sent, q, metric_facts)):
                issues.append(Issue("slice", "contradicted", f"{q.text} is another option's figure; the findings say "
                                    + "; ".join(idx.metrics[r].describe() for r in theirs), tuple(theirs)))
                continue
            gap_said = derived and any(f.kind in ("diff", "rel", "times") for f in ok)  # "100% lower in relative terms"
            if metric_facts and not own and not text_own and not gap_said and (mine := _own_figure_instead(idx, sent, metric_facts)):
                issues.append(Issue("number", "contradicted", f"{q.text} is another finding's figure; for {sent.findings[0]} the findings say "
                                    + "; ".join(idx.metrics[r].describe() for r in mine), tuple(mine)))
                continue
            if metric_facts and not own and text_own or q.gloss and _glosses_a_figure(qs, q):
                metric_facts = []  # the aligned finding's own text states it; a gloss restates the figure before it
            if gap_said:
                metric_facts = []  # "2 s above the target" is a gap, whatever else equals 2 s
            if metric_facts and (not any(f.kind in ("n", "count", "date") for f in ok) or _names_metric(idx, q, metric_facts)):
                refs = sorted({f.refs[0] for f in metric_facts})
                metric_mentions.append((_first_token(sent, q), refs))
                issue = _slice_scope(idx, sent, q, refs, lo, hi)
                if issue:
                    issues.append(issue)
            continue
        if wrong_unit:
            f = wrong_unit[0]
            issues.append(Issue("unit", "contradicted", f"{q.text} has the wrong unit; the findings say {f.label}"
                                + (f" ({_fmt(f)})" if f.kind in ("diff", "rel", "times") else ""), f.refs))
            continue
        if derived:
            issues.append(Issue("derived", "contradicted", f"{q.text} matches no gap, change or ratio in the findings"
                                + _derived_evidence(idx, aligned), tuple(aligned[:2])))
            continue
        fam = _unit_family(q.unit)
        same_kind = [r for r in aligned if _unit_family(idx.metrics[r].metric.unit.value) == fam]
        if q.unit == "count":
            noun = q.noun
            pops = {s for r in aligned if (p := idx.pops.get(idx.metrics[r].pop)) for s in p.weights}  # no population: no words
            with_n = [r for r in aligned if idx.metrics[r].metric.n]
            from evals.faithfulness.text import stem
            if with_n and noun and (stem(noun) in pops or stem(noun) in _COUNT_NOUNS):
                issues.append(Issue("number", "contradicted", f"{q.text}: the findings say " + "; ".join(idx.metrics[r].describe() for r in with_n[:2]), tuple(with_n[:2])))
                continue
            same_kind = [r for r in aligned if idx.metrics[r].metric.unit.value == "count"]
        if same_kind and q.unit != "count" or same_kind and q.noun:
            issues.append(Issue("number", "contradicted", f"{q.text}: the findings say " + "; ".join(idx.metrics[r].describe() for r in same_kind[:3]), tuple(same_kind[:3])))
        elif not _in_any_prose(idx, q):
            # (words of another finding's prose, an action's "above USD 1 million", do not vouch for a
            # figure, but they are somewhere: that is for the checks above, not "appears nowhere")
            issues.append(Issue("extrinsic", "unsupported", f"{q.text} appears nowhere in the findings"))
    return issues


def _in_any_prose(idx: FindingsIndex, q: Quantity) -> bool:
    return any(f.kind == "text" and (v := _compat(q, f, False)) is not None and _close(q, v) for f in _near_facts(idx, q))


def _names_metric(idx: FindingsIndex, q: Quantity, facts: list[Fact]) -> bool:
    """Does the noun after a figure name what the metric counts ("2 days" of 'median days to payment')?
    Then the figure is that metric's value, though it equals a count of findings or a sample size too."""
    if not q.noun:
        return False
    from evals.faithfulness.text import stem
    s = stem(q.noun)
    return any(s in idx.metrics[r].name_stems for f in facts for r in f.refs)


def _population_says(idx: FindingsIndex, sent: Sentence, q: Quantity, facts: list[Fact], lo: int, hi: int) -> bool:
    """Is a figure that is also a finding's metric stated on that metric's population ("84% on applications
    scored by model B")? Then the population, which the slice check judges, says whose figure it is."""
    pops = {idx.metrics[r].pop for f in facts for r in f.refs if idx.metrics[r].finding is not None}
    if not pops or not sent.pop_mentions:
        return False
    pm = nearest_pop(sent, q, lo, hi)
    return pm is not None and not pops.isdisjoint(pm.pops)


def _first_token(sent: Sentence, q: Quantity) -> int:
    """The quantity's first word: '$1,800,000' starts at its sign, which is no word, so not the word before it."""
    t = sent.tok_at(q.start)
    if sent.tok_starts[t] + len(sent.tok_words[t]) <= q.start and t + 1 < len(sent.tok_starts) and sent.tok_starts[t + 1] < q.end:
        t += 1
    return t


def _fmt(f: Fact) -> str:
    unit = {"pp": " percentage points", "rel": "% relative change", "x": " times", "s": " s", "ms": " ms", "ratio": ""}.get(f.unit, "")
    return f"{f.value:.3g}{unit}"


def _derived_evidence(idx: FindingsIndex, aligned: list[str]) -> str:
    facts = [f for f in idx.facts if f.kind in ("diff", "rel", "times") and f.refs and f.refs[0] in aligned and f.refs[1] in idx.metrics[f.refs[0]].pair]
    if not facts:
        return ""
    a, b = facts[0].refs
    d = [f for f in facts if f.refs == (a, b)]
    return f"; {idx.metrics[a].describe()} vs {idx.metrics[b].describe()}: " + ", ".join(_fmt(f) for f in d)


def _dates_evidence(idx: FindingsIndex, sent: Sentence) -> str:
    labels = [f.label for f in idx.facts if f.kind == "date" and f.date and (f.finding in sent.findings or f.refs == ("context",))]
    return ("; the findings say " + "; ".join(labels[:3])) if labels else ""


def _evidence(idx: FindingsIndex, refs: list[str]) -> str:
    return "; ".join(idx.metrics[r].describe() for r in refs[:3])


def _own_figure_instead(idx: FindingsIndex, sent: Sentence, facts: list) -> list[str]:
    """The metrics of the one finding a sentence is about that measure what facts (another finding's
    figures) measure, on the same population, with another value: 'accuracy on mobile users is 72%'
    about F1, when 72% is F2's accuracy there and F1's is 80%."""
    # Only when the sentence's finding is certain: its sources, its id or its paragraph's name it alone.
    if len(sent.findings) != 1 or sent.candidates is None or sent.candidates != sent.findings:
        return []
    fid = sent.findings[0]
    measured = {(idx.metrics[r].metric.name.lower(), idx.metrics[r].pop, idx.metrics[r].metric.unit) for f in facts for r in f.refs}
    values = {f.value for f in facts}
    return [r for r, info in idx.metrics.items() if info.finding == fid and info.option is None
            and (info.metric.name.lower(), info.pop, info.metric.unit) in measured and info.metric.value not in values]


_TIME_WORDS = frozenset(MONTH_NAMES) | frozenset("monday tuesday wednesday thursday friday saturday sunday q1 q2 q3 q4".split())
_YEAR_WORD = re.compile(r"(?:19|20)\d\d$")


_RATE_BASE_AFTER = re.compile(r"\s*(?:per|in every|of every|out of|in|of)\s+[\d,]+(?!\d)(?!\s*(?:-|–)\d)")


def _own_period_after(idx: FindingsIndex, sent: Sentence, q: Quantity, refs: list[str], pm) -> bool:
    """'from 20 per 10,000 claims paid in 2025 to 46 per 10,000 in 2026': the period right after the
    figure is its own slice's and not that of the population named before it."""
    base = _RATE_BASE_AFTER.match(sent.text, q.end)
    follow = _LOCATIVE_AFTER.match(sent.text, base.end() if base else q.end)
    return follow is not None and _own_period(idx, refs, pm, WORD_RE.findall(
        sent.text[follow.end(): follow.end() + 30].split(",")[0].split(";")[0]))


def _own_period_before(idx: FindingsIndex, sent: Sentence, q: Quantity, refs: list[str], pm, lo: int) -> bool:
    """'In March 2027 the slowest 1% of requests took 850 ms': the period said before the figure, in its
    clause, is the figure's own slice's, and the population named ('requests') says none."""
    return not _time_words(sent.tok_words[pm.start:pm.end + 1]) and _own_period(idx, refs, pm, WORD_RE.findall(sent.text[lo:q.start]))


def _own_period(idx: FindingsIndex, refs: list[str], pm, words: list[str]) -> bool:
    """Do these words name a period of the figure's own slice that the population mention's slices lack?"""
    said = _time_words(words)
    own = _time_words([w for r in refs for w in WORD_RE.findall(idx.metrics[r].pop)])
    theirs = _time_words([w for p in pm.pops for w in WORD_RE.findall(p)])
    return bool(said) and said <= own and not said <= theirs


def _time_words(words) -> set[str]:
    """Months, weekdays, quarters and years among words: what names a period."""
    low = [w.lower().strip(".,;:()") for w in words]
    return {w for w in low if w in _TIME_WORDS or _YEAR_WORD.match(w)}


_FIGURE_NAMED = re.compile(r"[-\s]+(?:figure|estimate|number|result|reading)s?\b", re.I)
_THE_BEFORE = re.compile(r"\b(?:the|that|this)\s+$", re.I)


# "wrongly flagged" says the "false flag" of a "false flag rate"
_FALSE_WORDS = frozenset(stem(w) for w in "wrongly falsely mistakenly incorrectly wrong".split())


def _measure_words(name_stems: frozenset[str]) -> frozenset[str]:
    """A measure's name words, as a verb says them too ("flag" of "false flag rate" is "flagged"), with the
    words that say its "false" in other words ("wrongly flagged")."""
    out = set(name_stems) | {s + s[-1] for s in name_stems if len(s) >= 3 and s[-1] not in "aeiouy" and s[-1].isalpha()}
    return frozenset(out | _FALSE_WORDS if "fals" in name_stems else out)


# After a figure, a change said for a slice ("88% ... falls for interpreter calls") puts the slice where the
# figure does not hold.
_CHANGES_FOR = re.compile(r"\b(?:it|this|that|the figure|the rate)\s+(?:falls|drops|declines|slips|is (?:much |far )?(?:lower|worse))"
                          r"\s+(?:for|on|among|in)\b")


def _slice_scope(idx: FindingsIndex, sent: Sentence, q: Quantity, refs: list[str], lo: int, hi: int) -> Issue | None:
    if _FIGURE_NAMED.match(sent.text, q.end) and _THE_BEFORE.search(sent.text, max(0, q.start - 6), q.start):
        return None  # "The 310 ms figure covers only two weeks of March 2027": the figure named, no slice given it
    pm = nearest_pop(sent, q, lo, hi)
    pops = {idx.metrics[r].pop for r in refs}
    if pm is not None and not pops & set(pm.pops) and pm.hits <= {w for r in refs for w in _measure_words(idx.metrics[r].name_stems)}:
        # "wrongly flagged 2.1% of genuine documents": the measure's own words name no slice (though a slice,
        # "wrongly flagged genuine documents", holds them) when another phrase names the figure's own
        other = nearest_pop(sent, q, lo, hi, skip=pm)
        if other is not None and pops & set(other.pops):
            pm = other
    if pm is not None and q.unit == "count" and q.noun and sent.tok_starts[pm.start] < q.start and \
            (noun := stem(q.noun)) not in {h for h in pm.hits} and \
            any(p in idx.pops and noun in idx.pops[p].weights for p in pops):
        return None  # "48,700 pay slips ... from 11,200 applicants": the count's own noun is its population's
    if pm is not None and q.unit == "count" and pm.start <= sent.tok_at(q.start) <= pm.end and \
            any(h[:1].isdigit() and abs(float(h) - q.value) < 1e-9 for h in pm.hits if h.replace(".", "", 1).isdigit()):
        return None  # "from the two pilot counties to all 14": the number of a population's own name
    if pm is not None and all(idx.metrics[r].option for r in refs) and pm.hits <= _option_words(idx, {idx.metrics[r].option for r in refs}) \
            | _said_words([idx.metrics[r].pop for r in refs if idx.metrics[r].pop and idx.metrics[r].finding is None]):
        # "Hybrid — the model for tenured customers, agents for first-year customers: 55% reached": the option
        # told by its own name or description, whose words are slices' words too, or by the population its own
        # figure is on (a finding's figure "under model B" still needs its option said)
        return None
    if pm is not None and all(h.startswith(OPTION_STEM) for h in pm.hits):
        # Only an option's letter ("option B" for "queries ranked by model B"): the options say whose figure
        # it is, and a figure of the option it is stated for is in place (other_options_figure judged the rest).
        letter = attached_option(idx, sent, q)
        if letter and any(idx.metrics[r].option and idx.metrics[r].option.rsplit(".", 1)[1].lower() == letter for r in refs):
            return None
    if pm is not None:
        a, b = sorted((q.start, sent.tok_starts[pm.start]))
        if lx.NEGATION_RE.search(sent.low[a:b]):
            return None  # "the 90% figure does not hold for sarcastic posts"
        if q.end <= sent.tok_starts[pm.start] and _CHANGES_FOR.search(sent.low, q.end, sent.tok_starts[pm.start]):
            return None  # "quoting 88% agreement should say that it falls for interpreter calls": where it is not 88%
        local_units = {_share_unit(idx.metrics[r].metric.unit.value) for p in pm.pops for r in idx.pops[p].refs}
        matched_units = {_share_unit(idx.metrics[r].metric.unit.value) for r in refs}
        # "0.5 stops per 1,000 missions", "6 in every 1,000 seeded threat bags": a count per a base
        per = _N_IN_BASE.fullmatch(q.text) if q.unit == "percent" else None
        bare = "count" if "count" in matched_units and (q.unit == "ratio" or per is not None and float(per.group(2).replace(",", ""))
                                                          in _rate_bases(idx)) else q.unit
        if not pops & set(pm.pops) and not local_units & matched_units and _share_unit(bare) not in matched_units:
            # Equal only to a quantity of another kind elsewhere: the number itself is wrong.
            return Issue("number", "contradicted", f"{q.text}: the findings say "
                         + "; ".join(idx.metrics[r].describe() for p in pm.pops for r in idx.pops[p].refs[:2]), tuple(refs))
        if not pops & set(pm.pops) and _names_its_measure(idx, pm.hits, refs):
            return None  # "6.4% contained personal details": the words name what the figure measures, not a slice
        said = pm.hits & set(sent.tok_stems)  # a population quoted whole brings all its words
        if not pops & set(pm.pops) and any((rest := said - _measure_words(idx.metrics[r].name_stems)) and rest < said
                                           and idx.metrics[r].pop in idx.pops and rest <= idx.pops[idx.metrics[r].pop].weights.keys()
                                           for r in refs):
            return None  # "37 near misses in mixed aisles": the measure's name, then its own slice
        if not pops & set(pm.pops):
            # "1.1% in December" for "legitimate payments in December": the figure's own slice said short, in
            # words that name no population whole (not "December weeks", though its words are closer)
            names = {idx.metrics[r].metric.name.lower() for r in refs}
            other_measure = not any(idx.metrics[r].metric.name.lower() in names for p in pm.pops for r in idx.pops[p].refs)
            if ((other_measure or all(idx.pops[p].required - pm.hits for p in pm.pops))
                    and any(pm.hits <= idx.pops[p].weights.keys() for p in pops if p in idx.pops)):
                # (or words that name whole only a population this measure was never taken on: "0.90 in
                # English" is recall on abusive English comments, where "English comments" has no recall)
                return None
            if sent.tok_starts[pm.start] < q.start and _own_period_after(idx, sent, q, refs, pm) \
                    or _own_period_before(idx, sent, q, refs, pm, lo):
                return None
            said = pm.hits - _PLACE_WORDS  # "across the pilot cities" says no more than "the pilot cities"
            own = [idx.metrics[r] for r in refs if idx.metrics[r].pop in idx.pops and said <= idx.pops[idx.metrics[r].pop].weights.keys()]
            if own and pm.quality < 0.999 and not _flipped_bound(sent, pm, {o.pop for o in own}):
                # "780 seconds in the lowest-income fifth": every word said is the figure's own slice's, though
                # shorter slices fit so few words better (none whole: "Vendor A scanner images" said whole names
                # that slice, whatever words the figure's own shares); only a word its slice requires may be missing
                info = own[0]
                missing = idx.pops[info.pop].required - pm.hits - _sentence_stems(sent) - idx.pops[info.pop].optional
                if missing and _only_period(idx, info, missing):
                    return None  # "$96,000 a month across the pilot cities" for "pilot cities in January-April 2027"
                return Issue("scope", "unsupported", f"the population is narrower than stated: {info.describe()}",
                             (info.ref,)) if missing else None
            return Issue("slice", "contradicted", f"{q.text} is attached to '{' / '.join(pm.pops)}'; the findings say {_evidence(idx, refs)}",
                         tuple(refs))
        said, own = _time_words(sent.tok_words[pm.start:pm.end + 3]), _time_words(
            [w for r in refs for w in WORD_RE.findall(idx.metrics[r].pop)])  # "2024-2026 harvests" has two years
        if not said and own and sent.tok_starts[pm.start] < q.start:
            # "In March 2027 the slowest 1% of requests took 310 ms" for the May slice: the period opens the clause
            before = _time_words(WORD_RE.findall(sent.text[lo:sent.tok_starts[pm.start]]))
            months = {w for w in before if not _YEAR_WORD.match(w)}
            said = months if months and months.isdisjoint(own) and any(
                months & _time_words(WORD_RE.findall(p)) for p in idx.pops if p not in pops) else said
        if said and own and said.isdisjoint(own):
            # "0.4% of legitimate payments in October" for the November slice: the period names another slice
            return Issue("slice", "contradicted", f"{q.text} is stated for {', '.join(sorted(said))}; the findings say "
                         f"{_evidence(idx, refs)}", tuple(refs))
        flipped = _flipped_bound(sent, pm, pops & set(pm.pops))
        if flipped:
            return Issue("slice", "contradicted", f"{q.text} is stated for the other side of '{flipped}'; the findings say {_evidence(idx, refs)}",
                         tuple(refs))
        for r in refs:
            info = idx.metrics[r]
            if info.pop not in pm.pops:
                continue
            is_baseline = any(idx.metrics[o].metric.baseline == info.metric.id and idx.metrics[o].container == info.container for o in info.pair)
            # words the sentence says elsewhere ("During a four-week pilot, 14 of 50,000 suggestions
            # shown ...") still say them
            required = idx.pops[info.pop].required
            missing = required - pm.hits - _sentence_stems(sent) - idx.pops[info.pop].optional
            missing -= _bound_said(sent, info.pop, missing)
            if len(missing) == 1 and not next(iter(missing)).startswith(OPTION_STEM) \
                    and _nearly_all_said(info.pop, pm.hits | _sentence_stems(sent)):
                # "48% on joint student applications" for "joint applications for student house-shares in the
                # 2025 holdout", the holdout said before: all the slice's words but one said
                missing = set()
            if len(missing) == 1 and missing == {_item_noun(info.pop)} and required & pm.hits:
                # "slow in the Monday payout run" for "scoring requests during the Monday payout run": the
                # items' own noun left out, what restricts them said
                missing = set()
            # most of a long slice's words said ("peak summer flow at Terminal 2" for "simulated passenger
            # flow at Terminal 2 in peak summer") name it; the rule is for a slice left out or cut to its head
            if missing and len(required) >= 4 and len(missing) <= len(required) // 4:
                missing = set()
            # all but one of three or more qualifiers said ("convenience stores under 3,000 square feet" for
            # "small-format convenience stores under 3,000 square feet") still name the slice
            if len(missing) == 1 and len(required & pm.hits) >= 2:
                missing = set()
            # words of the measure's own name ("valuations within 10% of sale price") name no slice
            if missing and not is_baseline and len(pm.hits - info.name_stems) >= 2 and not in_own_words(idx, sent, pm.start, pm.end, info.finding):
                return Issue("scope", "unsupported", f"the population is narrower than stated: {info.describe()}", (r,))
        return None
    name = _metric_name_near(idx, sent, q, lo)
    # "1,240 transcripts kept for up to 45 days": the items the figure's own population holds, not the measure
    # "transcripts held past retention limit"; "wrongly flagged" is the "false flag" of its own measure
    other = name and name - {w for r in refs if idx.metrics[r].pop in idx.pops for w in idx.pops[idx.metrics[r].pop].weights} \
        - {w for r in refs for w in _measure_words(idx.metrics[r].name_stems)}
    if other and not any(name & _name_parts(idx, r) for r in refs) and not _own_name_around(idx, sent, q, refs):
        return Issue("slice", "contradicted", f"{q.text} is attached to another metric; the findings say {_evidence(idx, refs)}", tuple(refs))
    if name and not sent.pop_mentions and not sent.memo.get("slices_judged"):
        narrow = _slice_only(idx, refs, name, [o.value for o in sent.quantities if o is not q])
        if narrow:
            # "Accuracy is 65%" for the sarcastic-post slice reads as the model's accuracy overall.
            return Issue("scope", "unsupported", f"{q.text} holds only for a slice: {_evidence(idx, narrow)}", tuple(narrow))
    return None


def _name_parts(idx: FindingsIndex, ref: str) -> frozenset[str]:
    """A metric's name stems with the parts of its hyphenated words: "Missed: 24%" names the
    "missed-drowsiness rate"."""
    known = idx.__dict__.setdefault("_name_parts", {})
    got = known.get(ref)
    if got is None:
        info = idx.metrics[ref]
        got = known[ref] = info.name_stems | {p for w in WORD_RE.findall(info.metric.name) if "-" in w for p in hyphen_parts(w)}
    return got


_AGED_BEFORE = re.compile(r"\baged\s+(?:between\s+)?$", re.I)


def _ages(idx: FindingsIndex) -> str:
    ages = sorted({p for p in idx.pops if re.search(r"\baged?\b", p)})
    return f"; the findings' slices by age: {'; '.join(ages[:4])}" if ages else ""


# "applicants over 50" and "applicants under 50" share every content word: the bound word is what tells them apart.
_BOUND_WORDS = {"over": "lo", "above": "lo", "older than": "lo", "more than": "lo", "at least": "lo", "under": "hi", "below": "hi",
                "younger than": "hi", "less than": "hi", "fewer than": "hi", "at most": "hi"}
_BOUND_BEFORE = re.compile(r"\b(" + "|".join(sorted(_BOUND_WORDS, key=len, reverse=True)) + r")\s+(\d+(?:\.\d+)?)\b", re.I)


_BOUND_AFTER = re.compile(r"\b(\d+(?:\.\d+)?)(?:\s*[a-z%]{1,5})?\s+(?:or|and)\s+(?:(higher|more|above|over|greater|older|up)|"
                          r"(lower|less|fewer|below|under|younger))\b", re.I)
_BOUND_STEMS = frozenset(stem(w) for w in "higher more above over greater older up lower less fewer below under younger least most".split())


def _bounds(text: str) -> set[tuple[str, str]]:
    """(number, side) of every bound a text sets: "over 50" and "50 or more" are ("50", "lo")."""
    out = {(m.group(2), _BOUND_WORDS[m.group(1).lower()]) for m in _BOUND_BEFORE.finditer(text)}
    return out | {(m.group(1), "lo" if m.group(2) else "hi") for m in _BOUND_AFTER.finditer(text)}


_PLACE_WORDS = frozenset(("across", "among", "throughout"))


def _only_period(idx: FindingsIndex, info, missing: set[str]) -> bool:
    """Are the words left out only the period of a measure taken over one period only (no other population of
    that measure for another period to tell apart)?"""
    period = set()
    for w in WORD_RE.findall(info.pop):
        parts = w.lower().split("-")
        if all(p in _TIME_WORDS or _YEAR_WORD.match(p) for p in parts):
            period |= {stem(w), *(stem(p) for p in parts)}
    if not missing <= period:
        return False
    name = info.metric.name.lower()
    return all(o.pop == info.pop for o in idx.metrics.values() if o.metric.name.lower() == name)


def _nearly_all_said(pop: str, said: set[str]) -> bool:
    """Are all but one of a long population's words (five or more, an option's letter among them) said?"""
    stems = set(pop_stems(pop))
    return len(stems) >= 5 and len(stems - said) <= 1


_BEFORE_PHRASE = re.compile(r"(.+?)\s+(?:during|in|on|at|from|with|after|before|across|within|whose|that|who|where)\s", re.I)


def _item_noun(pop: str) -> str | None:
    """The stem of the noun a restricting phrase follows: "reques" of "scoring requests during the Monday payout run"."""
    lead = _BEFORE_PHRASE.match(pop)
    front = content_stems(lead.group(1)) if lead else ()
    return front[-1] if front else None


def _bound_said(sent: Sentence, pop: str, missing: set[str]) -> set[str]:
    """The bound words among `missing` whose bound the sentence sets in its own words ("roads of 40 mph or
    more" for "roads with a 40 mph or higher limit")."""
    words = missing & _BOUND_STEMS
    return words if words and _bounds(pop) & _bounds(sent.text) else set()


def _flipped_bound(sent: Sentence, pm, pops: set[str]) -> str | None:
    """The population a mention names with its bound turned round ("under 50" for "applicants over 50"), if so;
    None when one of the populations has the bound as the mention says it (both sides may have the figure)."""
    flipped = None
    for p in sorted(pops):
        if not any(w in p.lower() for w in _BOUND_WORDS):
            continue
        theirs = {(m.group(2), _BOUND_WORDS[m.group(1).lower()]) for m in _BOUND_BEFORE.finditer(p)}
        if not theirs:
            continue
        a = sent.tok_starts[pm.start]
        b = sent.tok_starts[pm.end] + len(sent.tok_words[pm.end])
        said = {(m.group(2), _BOUND_WORDS[m.group(1).lower()]) for m in _BOUND_BEFORE.finditer(sent.text, max(0, a - 12), b + 12)}
        if said & theirs:
            return None
        if flipped is None and any(n == tn and side != ts for n, side in said for tn, ts in theirs):
            flipped = p
    return flipped


def _slice_only(idx: FindingsIndex, refs: list[str], name: set[str], others: list[float]) -> list[str]:
    """The refs that are a compared slice of a metric measured on several populations (not the baseline),
    unless the sentence also states the baseline's value ("8.2 s against a 3 s target" is a comparison)."""
    out = []
    for r in refs:
        info = idx.metrics[r]
        if not info.metric.baseline or not info.pop or not name & info.name_stems:
            continue
        base = next((o for o in info.pair if idx.metrics[o].metric.id == info.metric.baseline
                     and idx.metrics[o].container == info.container), None)
        if base and idx.metrics[base].pop != info.pop and idx.metrics[base].metric.value != info.metric.value:
            bv = idx.metrics[base].metric.value
            if not any(math.isclose(v * k, bv, rel_tol=0.02) for v in others for k in (1, 100, 0.01, 1000, 0.001)):
                out.append(r)
    return out if len(out) == len(refs) else []
