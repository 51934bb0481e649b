"""Direction check: comparison words (higher, lower, better, drops, slower) against the
sign of the difference between the metrics they compare, and `higher_is_better`."""

from __future__ import annotations

import bisect
import re

from evals.faithfulness import lexicon as lx
from evals.faithfulness.caveats import caveats_stated
from evals.faithfulness.analysis import Sentence, in_clause, negated_before, option_mentions, pop_vocab
from evals.faithfulness.check_numbers import Issue, _derived_context, match
from evals.faithfulness.check_options import OPTION_LEAD
from evals.faithfulness.index import FindingsIndex, _document_texts
from evals.faithfulness.metric_names import is_change_metric, name_key, named_metrics
from evals.faithfulness.text import OPTION_STEM, stem


def _mentions_for_direction(idx: FindingsIndex, sent: Sentence, metric_mentions, a: int, b: int):
    # The first token that starts in the clause: a clause opening on "$" or "(" begins before its
    # first token, and the token before that belongs to the clause before.
    ta, tb = bisect.bisect_left(sent.tok_starts, a), sent.tok_at(max(a, b - 1))
    out: list[tuple[int, list[str]]] = [(t, r) for t, r in metric_mentions if ta <= t <= tb]
    stems = sent.stems_between(a, b)
    named = {r for s in stems for r in idx.metric_name_stems.get(s, [])}
    by_option: set[int] = set()
    for t, oref in option_mentions(idx, sent, a, b):
        refs = sorted(r for r, i in idx.metrics.items() if i.option == oref and r in named)
        if refs:
            out.append((t, refs))
            by_option.add(t)
    for pm in sent.pop_mentions:
        if ta <= pm.start <= tb:
            if any(abs(pm.start - t) <= 2 for t in by_option) and all(h.startswith(OPTION_STEM) for h in pm.hits):
                continue  # only an option's letter ("option B"): the option's own metrics, found above, are meant
            refs = {r for p in pm.pops for r in idx.pops[p].refs}
            # A slice several findings measure is, here, the one of the findings the sentence is about.
            own = {r for r in refs if idx.metrics[r].finding in sent.findings}
            out.append((pm.start, sorted(own or refs)))
    out.sort(key=lambda x: x[0])
    merged: list[tuple[int, list[str]]] = []
    for t, refs in out:
        if merged and (set(merged[-1][1]) & set(refs)) and t - merged[-1][0] <= 6:
            merged[-1] = (merged[-1][0], sorted(set(merged[-1][1]) & set(refs)))
        else:
            merged.append((t, refs))
    return merged


def _figure_mentions(idx: FindingsIndex, sent: Sentence, metric_mentions, a: int, b: int) -> list[tuple[int, list[str]]]:
    """Mentions of metrics by their figures between chars a and b: those the number check matched, and
    the figures in the findings' own words equal to a metric of the sentence's findings."""
    own = sent.memo.get("own_quantities", ())
    ta, tb = bisect.bisect_left(sent.tok_starts, a), sent.tok_at(max(a, b - 1))
    cited = set(sent.source_metrics)
    # a figure several findings measure is the cited metric's, else the one of the sentence's findings
    out = [(t, [x for x in r if x in cited] or [x for x in r if idx.metrics[x].finding in sent.findings] or r)
           for t, r in metric_mentions if ta <= t <= tb]
    for q in own:
        if not a <= q.start < b or q.unit not in _PLAIN_UNITS:
            continue
        refs = sorted(r for r, info in idx.metrics.items() if info.finding in sent.findings and not info.option
                      and info.metric.unit.value == q.unit and abs(info.metric.value - q.value) < 1e-9)
        if refs:
            out.append((sent.tok_at(q.start), refs))
    # both sides of the gap stated by figures that each name one metric, or the slices' words decide
    out = [m for m in out if len(m[1]) == 1]
    return sorted(out) if len(out) >= 2 else []


_PLAIN_UNITS = frozenset(("percent", "count", "usd", "s", "ms", "ratio"))


def _pair(idx: FindingsIndex, s_refs: list[str], r_refs: list[str] | None, named: frozenset[str] = frozenset(),
          gaps: tuple[float, ...] = ()):
    """The (subject, reference) metrics a comparison sets against each other, or None when it is not clear.

    Only metrics that measure the same thing compare: one the baseline of the other, or two with the same
    name. When the slices carry several such metrics, the one the text names wins; when none is named and
    they differ, the comparison is left unjudged (which metric it means is a guess)."""
    linked: list[tuple[str, str]] = []
    same: list[tuple[str, str]] = []
    for s in s_refs:
        cands = r_refs if r_refs is not None else idx.metrics[s].pair
        for r in sorted(cands, key=lambda r: (r not in idx.metrics[s].pair, r)):
            if r == s or r not in idx.metrics:
                continue
            us, ur = idx.metrics[s].metric.unit.value, idx.metrics[r].metric.unit.value
            if not (us == ur or {us, ur} in SAME_SCALE):
                continue
            if r in idx.metrics[s].pair:
                linked.append((s, r))
            elif name_key(idx, s) == name_key(idx, r):
                same.append((s, r))
    pairs = linked + same
    if named:
        pairs = [p for p in pairs if name_key(idx, p[0]) in named] or pairs
    if gaps and len(linked) > 1 and len({p[0] for p in linked}) == 1:
        # "12,780 ms, against a time-out of 9,000 ms: 3,780 ms higher": of the metrics linked to the subject,
        # the one the stated gap is from
        pairs = [p for p in pairs if _gap_between(idx, p, gaps)] or pairs
    if len({name_key(idx, s) for s, _ in pairs}) > 1:
        return None
    return pairs[0] if pairs else None


# "below the 0.8 target", "above our 4,000 ms target", "under the 300-second standard": a line named by its figure
_LINE_AFTER = re.compile(r"\s+(?:the|our|its|their|a|an)\s+(?:\w+\s+)?(?P<num>[$£€]?\d[\d,.]*\s*(?:%|ms|s|seconds?|minutes?|"
                         r"hours?|points?|pp)?)[-\s]+(?:\w+\s+)?(?:target|threshold|limit|cap|budget|goal|line|benchmark|"
                         r"standard|minimum|maximum|ceiling|floor|bar|tolerance)\b")


# "above our payment-error target of 10 per 1,000": the line named before its figure
_LINE_OF_AFTER = re.compile(r"\s+(?:the|our|its|their|a|an)\s+(?:[\w-]+\s+)?(?:target|threshold|limit|cap|budget|goal|benchmark|"
                            r"standard|minimum|maximum|ceiling|floor|tolerance)\s+(?:of\s+)?(?P<num>[$£€]?\d[\d,.]*\s*"
                            r"(?:%|ms|s|seconds?|minutes?|hours?|points?|pp)?)(?:\s+per\s+\d[\d,]*)?")
_PER_BASE = re.compile(r"\s*per\s+(\d[\d,]*)")


def _judge_against_line(sent: Sentence, issues: list[Issue], a: int, ca: int, pol: int, line: re.Match, word: str) -> bool | None:
    """Judge "<figure> ... below the <line>" on the two figures alone; None when no figure comes before the word."""
    before = [q for q in sent.quantities if a <= q.start and q.end <= ca and not q.is_date]
    target = [q for q in sent.quantities if q.start >= line.start("num") - 1 and q.end <= line.end()]
    if not before or not target:
        return None
    q, t = before[-1], target[0]
    if q.unit != t.unit and "count" not in (q.unit, t.unit) and {q.unit, t.unit} != {"s", "ms"}:
        return None
    # "14 in every 1,000" against "10 per 1,000": the line's rate on the share's scale
    per = _PER_BASE.match(sent.text, t.end) if q.unit == "percent" and t.unit == "count" else None
    if line.re is _LINE_OF_AFTER and q.unit != t.unit and per is None:
        return None  # "aged 26-60, below the benchmark of 0.8": no figure of the line's kind before it
    qv = q.value * (1000 if q.unit == "s" and t.unit == "ms" else 1)
    tv = t.value * (1000 if t.unit == "s" and q.unit == "ms" else 1)
    if per is not None:
        tv = t.value / float(per.group(1).replace(",", "")) * 100
    if qv == tv:
        return None
    truth = 1 if qv > tv else -1
    negated = negated_before(sent.text, ca, 60, verbal=True)
    if (truth == pol) == negated:
        issues.append(Issue("direction", "contradicted", f"'{word}': {q.text} is {'above' if truth > 0 else 'below'} {t.text}"))
    return True


# "exceed the hours", "over the budget", "within our cap": a limit named by its noun alone
_LIMIT_AFTER = re.compile(r"\s+(?:the|our|its|their|this|that)\s+(?:[\w-]+\s+)?(budget|cap|limit|ceiling|capacity|allowance|hours|"
                          r"maximum|minimum)\b")


def _constrained(idx: FindingsIndex, noun: str) -> bool:
    """Does a constraint of the findings name this limit ("at most 400 hours a week")?"""
    return any(noun in c.lower() for t in idx.doc.tradeoffs for c in t.constraints)


_FOUR_FIFTHS_AFTER = re.compile(r"\s+(?:the\s+)?(?:four-fifths|4/5|80%)\s+(?:benchmark|rule|threshold|line|mark)\b", re.I)


def _judge_four_fifths(idx: FindingsIndex, sent: Sentence, issues: list[Issue], metric_mentions, ca: int, pol: int,
                       word: str) -> bool:
    """A ratio said to be above or below the four-fifths line: judged on the one ratio metric whose figure
    comes last before the word (on its value against 0.8); True when judged."""
    ct = sent.tok_at(ca)
    before = [refs for t, refs in metric_mentions if t < ct]
    refs = [r for r in (before[-1] if before else []) if idx.metrics[r].metric.unit.value == "ratio"]
    if len(refs) != 1:
        return False
    m = idx.metrics[refs[0]]
    if m.metric.value == 0.8:
        return True
    truth = 1 if m.metric.value > 0.8 else -1
    negated = negated_before(sent.text, ca, 60, verbal=True)
    if (truth == pol) == negated:
        issues.append(Issue("direction", "contradicted", f"'{word} the four-fifths benchmark': {m.describe()} "
                            f"is {'above' if truth > 0 else 'below'} 0.8", (refs[0],)))
    return True


def _gap_between(idx: FindingsIndex, pair: tuple[str, str], gaps: tuple[float, ...]) -> bool:
    d = abs(idx.metrics[pair[0]].metric.value - idx.metrics[pair[1]].metric.value)
    return any(abs(g - x) <= max(0.5, 0.02 * x) for g in gaps for x in (d, d * 1000, d / 1000) if x)


# Units whose values compare once on one scale (see _value).
SAME_SCALE = ({"s", "ms"}, {"ratio", "percent"})


def _value(idx: FindingsIndex, ref: str) -> float:
    m = idx.metrics[ref].metric
    # On one scale with the metrics it may be compared with: seconds in ms, a ratio (0-1) in percent.
    return m.value * 1000 if m.unit.value == "s" else m.value * 100 if m.unit.value == "ratio" else m.value


# Comparatives of amount or frequency ("fewer false alarms", "blocked less often"): they compare the
# thing the clause names, so they are judged only against a metric the clause names.
_COUNT_WORDS = frozenset(("more", "less", "fewer"))
_LOCATIVE = frozenset("on for in among across with at under within".split())


_WHEN_AFTER = re.compile(r"\s+(?:due|after|before|within|outside|inside|on\s+(?:\d|the\s+\d|monday|tuesday|wednesday|thursday|"
                         r"friday|saturday|sunday))\b")


def check_direction(idx: FindingsIndex, sent: Sentence, metric_mentions) -> tuple[list[Issue], bool]:
    issues: list[Issue] = []
    checked = False
    comparisons = lx.comparison_mentions(sent.plain)
    if comparisons and " than " in sent.plain_low:
        # "had fewer registered nurses than the ward minimum": what the measure counts, as its name says
        comparisons = [c for c in comparisons if not _measure_line(idx, sent.plain_low, c[1])]
    # a multiple the findings give as a measure of its own ("near-miss rate relative to robot-only aisles: 8x")
    # is stated as they state it; its figure is checked like any other
    multiples = [m for m in _multiples(sent) if not _a_measured_multiple(idx, sent, m[0])]
    complements = {m[0]: said for m in multiples if (said := _of_complements(idx, sent, m[0])) is not None}
    if complements:
        # judged on the complements the sentence states, if any: "(1.4%) is six times ... (8.8%)" runs the wrong way
        for m in multiples:
            said = complements.get(m[0])
            if said and said[0] is not None and (said[0] > said[1]) != (m[2] > 0):
                issues.append(Issue("direction", "contradicted", f"'{m[4]}' has the comparison the wrong way round: "
                                    f"{said[0]:g}% against {said[1]:g}%", ()))
        multiples = [m for m in multiples if m[0] not in complements]
        checked = True
    # "1.8 per 1,000 ..., three times the 0.6 in general titles": the figures the sentence states settle it
    multiples = [m for m in multiples if not _figures_agree(sent, m[0])]
    multiple_starts = {m[0] for m in multiples}
    if multiples:
        comparisons = sorted([*comparisons, *multiples])
    own = sent.memo.get("own_spans")
    if own and comparisons:
        comparisons = [c for c in comparisons if not any(a <= c[0] < b for a, b in own)]
    if comparisons and sent.quantities:
        comparisons = [c for c in comparisons if not _of_a_prose_figure(idx, sent, c[0], c[4]) and not _states_a_change(idx, sent, c[1])]
    if comparisons and not any(not q.is_date for q in sent.quantities):
        # "The data fix falls after the decision date", "falls due in May": when something happens, no decrease
        comparisons = [c for c in comparisons if not (c[4].lower() in ("falls", "fall", "fell", "falling")
                                                      and _WHEN_AFTER.match(sent.plain_low, c[1]))]
    if comparisons and idx.caveats:
        # "winter storms may bring longer outages" in a sentence restating the caveat that says it: the caveat's
        # own comparison, of nothing the metrics measure
        stated = " ".join(idx.caveats[i].text.lower() for i in caveats_stated(idx, sent.text))
        if stated:
            comparisons = [c for c in comparisons if not re.search(rf"\b{re.escape(c[4].lower())}\b", stated)]
    if not comparisons:
        return issues, checked
    qspans = [(q.start, q.end) for q in sent.quantities if not _MULTIPLE_AFTER.match(sent.text, q.end) or q.unit != "x"]
    low = sent.text.lower()
    for off, clause in sent.clauses:
        a, b = off, off + len(clause)
        last: tuple[int, tuple[str, str]] | None = None  # (token after the previous comparison, its pair)
        clause_mentions = None  # the same for every comparison of the clause: found once
        clause_named = None  # metric names the clause's words name: found once
        for ca, cb, pol, kind, word in in_clause(comparisons, off, clause):
            ca, cb = ca + off, cb + off
            if any(x <= ca < y for x, y in qspans):
                continue
            if " " not in word and stem(word) in idx.metric_name_stems:
                continue  # "payments are declined" names the false decline rate; it says no direction
            if _describes_a_group(idx, sent, ca, cb, word):
                continue  # "the 2.6 on lower towers": which towers, not which figure is lower
            if word.lower() == "behind" and any(m.group(2) == "behind" for m in OPTION_LEAD.finditer(sent.text, a, b)):
                continue  # "so option A is behind": judged on the measure it names by check_options.wrong_lead
            line = _LINE_AFTER.match(low, cb) or (None if _FOUR_FIFTHS_AFTER.match(low, cb) else _LINE_OF_AFTER.match(low, cb))
            if line and kind in ("raw", "quality", "speed"):
                # "0.68, still below the 0.8 target": the figure before the word set against the line named after it
                judged = _judge_against_line(sent, issues, a, ca, pol, line, word)
                if judged is not None:
                    checked |= judged
                    continue
            if (limit := _LIMIT_AFTER.match(low, cb)) and _constrained(idx, limit.group(1)):
                continue  # "would exceed the hours by 210": set against a limit the constraints state, not another figure
            if kind == "raw" and _FOUR_FIFTHS_AFTER.match(low, cb):
                # "0.71 (below the four-fifths benchmark)": set against the 0.8 line, not another metric
                checked |= _judge_four_fifths(idx, sent, issues, metric_mentions, ca, pol, word)
                continue
            if clause_mentions is None:
                clause_mentions = _mentions_for_direction(idx, sent, metric_mentions, a, b)
                if not clause_mentions and _appended_gap(sent.text, a) and any(a <= x < b for x, _ in qspans):
                    # "on B it is 8.4%: a 5.3-point rise": the gap compares the slice just named with its baseline.
                    # back to the previous appended gap ("...: 0.13 lower; and on Hindi posts it is 0.55: 0.36 lower")
                    since = 0
                    for c_off, _ in reversed([c for c in sent.clauses if c[0] < a]):
                        if _appended_gap(sent.text, c_off):
                            since = c_off + 1
                            break
                    earlier = _mentions_for_direction(idx, sent, metric_mentions, since, a)
                    figured = _figure_mentions(idx, sent, metric_mentions, since, a)
                    if figured and all(_derived_context(sent, q) for q in sent.quantities if a <= q.start < ca):
                        # the figures stated before a bare gap (": 13 points lower") say which metrics it is between,
                        # over the slices' words
                        earlier = figured
                    # the slice measured against a baseline, not the baseline named after it ("against a budget of");
                    # two metrics that are each other's baseline leave it open, so nothing is judged
                    compared = [(t, [r for r in refs if r in idx.metrics and idx.metrics[r].metric.baseline])
                                for t, refs in earlier if any(idx.metrics[r].metric.baseline for r in refs if r in idx.metrics)]
                    if not compared and earlier:
                        # only the baseline has a figure of the findings ("received are 4 [a version's number too],
                        # against 9 requested: 5 lower"): the gap is still the measured one's, against it
                        t, refs = earlier[-1]
                        measured = sorted({m for r in refs for m in idx.metrics[r].pair if m in idx.metrics
                                           and idx.metrics[m].metric.baseline == idx.metrics[r].metric.id
                                           and idx.metrics[m].container == idx.metrics[r].container})
                        compared = [(t, measured)] if len(measured) == 1 else []
                        clause_mentions = compared or earlier[-1:]
                    else:
                        clause_mentions = (compared if len(compared) == 1 else [] if compared else earlier[-1:])
            mentions = clause_mentions
            if not mentions:
                continue
            ct = sent.tok_at(ca)
            sense = _measure_sense(idx, mentions, word, low[cb:cb + 20])
            if sense is not None:
                # "marked 2.6 marks below senior examiners" is what "under-marking" measures, no comparison;
                # "above senior examiners" says the other way
                checked = True
                if sense[0] != pol and not negated_before(sent.text, ca, 60, verbal=True):
                    issues.append(Issue("direction", "contradicted", f"'{word}': {idx.metrics[sense[1]].describe()} "
                                        f"measures the other way", (sense[1],)))
                continue
            if ca in multiple_starts and len(mentions) >= 2 and all(t < ct for t, _ in mentions):
                continue  # "1.6% ... vs. 9.6% ..., six times as often": a multiple after both figures says how far apart

            between = [refs for t, refs in mentions if last is not None and last[0] < t < ct]
            if last is not None and all(last[1][1] in refs for refs in between):
                # "25 points below the balanced set, or 28% lower": the second word compares the same pair.
                _judge_pair(idx, sent, issues, last[1], ca, pol, kind, word)
                last = (ct, last[1])
                checked = True
                continue
            s_refs = r_refs = None

            def first_after(pos: int):
                t = sent.tok_at(pos)
                return next((r for tt, r in mentions if tt > t), None)

            than = low.find(" than ", cb, b)
            frm = re.search(r"\bfrom\b", low[cb:b])
            to = re.match(r"\s+(?:\w+\s+){0,2}?to\b", low[cb:b])
            marker = re.search(r"\b(?:compared (?:with|to)|versus|vs\.?|against|relative to)\b", low[a:b])
            if frm and re.search(r"\bto\b", low[cb + frm.end(): b]):
                r_refs = first_after(cb + frm.start())
                s_refs = first_after(cb + frm.end() + low[cb + frm.end(): b].find(" to ") + 1)
            elif than >= 0:
                r_refs = first_after(than)
                before = [r for t, r in mentions if t < sent.tok_at(than + 1)]
                s_refs = before[0] if before else None
            elif to:
                s_refs = first_after(cb + to.end() - 2)
                before = [r for t, r in mentions if t < ct]
                r_refs = before[-1] if before else None
            elif marker:
                r_refs = first_after(a + marker.end())
                others = [r for t, r in mentions if r is not r_refs]
                s_refs = others[0] if others else None
            else:
                before = [r for t, r in mentions if t <= ct]
                after = [(t, r) for t, r in mentions if t > ct]
                if before:
                    s_refs = before[-1]
                elif after and sent.tok_words[after[0][0] - 1] in _LOCATIVE:
                    s_refs = after[0][1]  # "collapses on short sarcastic posts"
                elif len(after) > 1 and _INSTEAD.search(sent.text, sent.tok_starts[after[0][0]], sent.tok_starts[after[1][0]]):
                    s_refs, r_refs = after[0][1], after[1][1]  # "got faster, 38 seconds a study instead of 52"
                elif after and _INSTEAD.search(sent.text, sent.tok_starts[after[0][0]], b):
                    s_refs = after[0][1]  # "got faster: 38 seconds a study instead of 52", the 52 said without its unit
                elif after:
                    r_refs = after[0][1]  # "5.2 s higher (2.7 times the target)"
                    s_refs = []
                if s_refs is not None and r_refs is None:
                    rest = [r for t, r in mentions if r is not s_refs]
                    r_refs = rest[0] if rest else None
                if word.lower() in _CHANGE_NOUNS and s_refs and r_refs and _was_baseline(idx, s_refs, r_refs):
                    # "4.2% now, against 9.5% before it, a drop of 5.3 points": a change runs from the
                    # baseline to what is measured against it, whichever the sentence names last
                    s_refs, r_refs = r_refs, s_refs
                if s_refs == [] and r_refs:
                    s_refs = [p for r in r_refs for p in idx.metrics[r].pair]
            if not s_refs:
                continue
            if clause_named is None:
                clause_named = named_metrics(idx, sent.stems_between(a, b))
            # A metric the clause names decides; else one the paragraph named just before ("In the South the
            # false alarm rate is 2.1%. The West fares worse.").
            gaps = tuple(q.value for q in sent.quantities if a <= q.start < b and not q.is_date) if r_refs is None else ()
            pair = _pair(idx, s_refs, r_refs, clause_named or sent.memo.get("context_names", frozenset()), gaps)
            if not pair:
                continue
            if word in _COUNT_WORDS and name_key(idx, pair[0]) not in clause_named:
                continue  # "more abuse gets through": 'more' counts what the clause names, which may be no metric's
            s, r = pair
            last = (ct, (s, r))
            if _value(idx, s) == _value(idx, r):
                continue
            checked = True
            _judge_pair(idx, sent, issues, (s, r), ca, pol, kind, word)
    return issues, checked


_UNDER_WORDS = frozenset(("below", "under", "lower", "less", "short"))
_OVER_WORDS = frozenset(("above", "over", "higher", "more", "beyond"))


# "below senior examiners", "above the examiner's mark": a thing the measure is taken against, not a figure
_A_THING_AFTER = re.compile(r"\s+(?:the\s+|their\s+|its\s+|our\s+)?(?!(?:in|than|on|for|at|to|by|of|with|and|or|a|an)\b)[a-z]")


def _measure_sense(idx: FindingsIndex, mentions, word: str, after: str) -> tuple[int, str] | None:
    """For a comparison word said of a thing rather than a figure, next to a metric whose name counts under- or
    over- something ("average under-marking", "overcharge per bill"): the way that metric goes (-1 under,
    +1 over) and its ref; None otherwise."""
    w = word.lower()
    if w not in _UNDER_WORDS and w not in _OVER_WORDS or not _A_THING_AFTER.match(after):
        return None  # "92% higher in relative terms", "higher than 3%": a comparison of figures
    for _, refs in mentions:
        for r in refs:
            if r not in idx.metrics or idx.metrics[r].metric.value <= 0:
                continue
            name = idx.metrics[r].metric.name.lower()
            m = lx.UNDER_OVER_RE.search(name)
            if m:
                return (-1 if m.group(1) == "under" else 1), r
    return None


_INSTEAD = re.compile(r"\b(?:instead of|rather than|against|compared (?:with|to)|versus|vs\.?|down from|up from)\b", re.I)


def _states_a_change(idx: FindingsIndex, sent: Sentence, cb: int) -> bool:
    """Is the word the verb of a figure that is itself a measured change ("fell 2 points" for a
    quiz score change of -2)? Then check_gaps judges it on that figure's sign."""
    q = next((q for q in sent.quantities if q.start >= cb and _CHANGE_GAP.fullmatch(sent.text, cb, q.start)), None)
    if q is None:
        return False
    return any(f.kind == "metric" and is_change_metric(idx, f.refs[0]) for f in match(idx, sent, q, True)[0])


_CHANGE_GAP = re.compile(r"\s+(?:by\s+)?(?:about\s+|roughly\s+|nearly\s+|almost\s+)?")


def _of_a_prose_figure(idx: FindingsIndex, sent: Sentence, ca: int, word: str) -> bool:
    """Does the comparison word follow a figure the findings' prose states with that word ("lands more
    than 10% below the final settlement" for "below the final settlement by more than 10%", the finding's
    definition)? Then it compares that figure, no metrics."""
    q = next((q for q in sent.quantities if q.end <= ca and not sent.text[q.end:ca].strip()), None)
    if q is None:
        return False
    facts = match(idx, sent, q, True)[0]
    return any(f.kind == "text" and re.search(rf"\b{re.escape(word.lower())}\b", f.label.lower()) for f in facts) and \
        not any(f.kind in ("metric", "diff") for f in facts)


_CHANGE_NOUNS = frozenset("drop rise fall increase decrease decline jump dip climb reduction cut gain".split())


def _was_baseline(idx: FindingsIndex, s_refs: list[str], r_refs: list[str]) -> bool:
    """Is every metric s_refs names the baseline of one r_refs names (so s came first, r after)?"""
    return all(any(idx.metrics[r].metric.baseline == idx.metrics[x].metric.id and idx.metrics[r].container == idx.metrics[x].container
                   for r in r_refs if r in idx.metrics) for x in s_refs if x in idx.metrics)


# "3 times as often", "twice the rate", "a third of the miss rate": a multiple compares too
_MULTIPLE_AFTER = re.compile(r"\s*(?:as\b|the\b|that\b|its\b|their\b|of\b)", re.I)


def _multiples(sent: Sentence) -> list[tuple[int, int, int, str, str]]:
    """Comparisons stated as a multiple: above 1 says higher, below 1 lower (on the values)."""
    return [(q.start, q.end, 1 if q.value > 1 else -1, "raw", q.text) for q in sent.quantities
            if q.unit == "x" and q.value > 0 and abs(q.value - 1) > q.tol and _MULTIPLE_AFTER.match(sent.text, q.end)]


_TIMES_THE = re.compile(r"(?:\s*(?:times|x))?\s+(?:the\s+|as\s+(?:high|many|much|often|large|common|likely)\s+as\s+(?:the\s+)?)?", re.I)
_RATE_AFTER = re.compile(r"(?:\s*(?:times|x))?\s+(?:the|their|its|that)\s+(?:rate|figure|share|level|number|count)\b", re.I)
_PER_BEFORE = re.compile(r"\b(?:per|in\s+every|out\s+of\s+every)\s+$", re.I)


def _figures_agree(sent: Sentence, start: int) -> bool:
    """Is the multiple at `start` the ratio of the sentence's other two figures, with the one it is set against
    written right after it ("three times the 0.6 per 1,000") or with none ("..., 2.4 times the rate")?
    Then the figures say which way it runs, and a wrong multiple is the number check's to catch."""
    q = next((q for q in sent.quantities if q.start == start), None)
    if q is None or q.value <= 1:
        return False
    others = [o for o in sent.quantities if o is not q and o.unit not in ("x", "date") and not o.is_date and o.value > 0
              and not _PER_BEFORE.search(sent.text, max(0, o.start - 14), o.start)]  # no rate's base ("per 1,000")
    object_ = next((o for o in others if o.start == _TIMES_THE.match(sent.text, q.end).end()), None) \
        if _TIMES_THE.match(sent.text, q.end) else None
    if object_ is not None:
        return any(abs(o.value / object_.value - q.value) <= max(q.tol, 0.05 * q.value) for o in others
                   if o is not object_ and o.end <= q.start)
    if _RATE_AFTER.match(sent.text, q.end):
        # "12.5% of lines from small importers and 5.2% from large ones, 2.4 times the rate": two figures of a kind
        return any(abs(a.value / b.value - q.value) <= max(q.tol, 0.05 * q.value) for a in others for b in others
                   if a.unit == b.unit and a.value > b.value and a.end <= q.start and b.end <= q.start)
    return False


_GROUP_LEAD = frozenset("on for in at the of from among with to by".split())


def _describes_a_group(idx: FindingsIndex, sent: Sentence, ca: int, cb: int, word: str) -> bool:
    """Is a comparative after a preposition or "the", and before a word of a slice ("on lower towers",
    "for older customers"), and with no "than" after it, an adjective saying which group?"""
    if " " in word or not word.endswith("er") or re.match(r"[^.;:]{0,40}\bthan\b", sent.text[cb:]):
        return False
    i = sent.tok_at(ca)
    if i == 0 or i + 1 >= len(sent.tok_words) or sent.tok_words[i - 1].lower() not in _GROUP_LEAD:
        return False
    after = sent.tok_stems[i + 1]
    return after in pop_vocab(idx) and after not in idx.metric_name_stems or _says_which_group(idx, word.lower())


_THAN_LINE = re.compile(r"[^.;:,]{0,40}?\bthan\s+(?:the\s+|a\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
                        r"(minimum|maximum|target|threshold|limit|standard|floor|ceiling|line|cap)\b")


def _measure_line(idx: FindingsIndex, low: str, end: int) -> bool:
    """Is a comparative followed by "than the <line>" where a measure's name counts items beyond that line
    ("night shifts below the registered-nurse minimum")?"""
    m = _THAN_LINE.match(low, end)
    if m is None:
        return False
    counted = re.compile(rf"\b(?:below|above|under|over|short of|exceed\w*)\b[^,;]*\b{m.group(1)}\b")
    return any(counted.search(info.metric.name.lower()) for info in idx.metrics.values())


def _says_which_group(idx: FindingsIndex, word: str) -> bool:
    """Do the findings' own texts use the comparative before a noun ("routes on faster roads")?"""
    known = idx.__dict__.setdefault("_group_comparatives", {})
    if word not in known:
        pattern = re.compile(rf"\b{re.escape(word)}\s+(?!than\b|and\b|or\b|to\b|in\b|on\b|for\b|by\b|at\b)[a-z]")
        known[word] = any(pattern.search(t.lower()) for t in _document_texts(idx.doc))
    return known[word]


def _a_measured_multiple(idx: FindingsIndex, sent: Sentence, start: int) -> bool:
    q = next((q for q in sent.quantities if q.start == start), None)
    return q is not None and not q.bound and any(f.kind == "metric" and f.unit == "x" for f in match(idx, sent, q)[0])


def _of_complements(idx: FindingsIndex, sent: Sentence, start: int) -> tuple[float | None, float | None] | None:
    """For a multiple of complements ("misread twelve times as often" for accuracies of 83% and 98.6%), which
    runs against the measures' own values: the complements the sentence states before and after it (None
    when it does not state both); None when the multiple at `start` is no multiple of complements."""
    known = idx.__dict__.get("_has_complements")
    if known is None:
        known = idx.__dict__["_has_complements"] = any(f.complements for f in idx.facts)
    q = next((q for q in sent.quantities if q.start == start), None) if known else None
    if q is None:
        return None
    times = [f for f in match(idx, sent, q, True)[0] if f.kind == "times"]
    if not any(f.complements for f in times):
        return None
    stated = [p for p in sent.quantities if p is not q and any(f.kind == "complement" for f in match(idx, sent, p)[0])]
    # only complements match it, or the sentence states the complements it divides ("8.8% ... 1.4%")
    if not stated and not all(f.complements for f in times):
        return None
    before = [p for p in stated if p.end <= q.start]
    after = [p for p in stated if p.start >= q.end]
    return (before[-1].value, after[0].value) if before and after else (None, None)


_GAP_LEAD = re.compile(r"[:\u2014\u2013(]\s*$")


def _appended_gap(text: str, start: int) -> bool:
    """True when the clause at `start` follows a colon, dash or bracket: an appended gap, not a new statement."""
    return bool(_GAP_LEAD.search(text[max(0, start - 4): start]))


def _judge_pair(idx: FindingsIndex, sent: Sentence, issues: list[Issue], pair: tuple[str, str], ca: int, pol: int, kind: str,
                word: str) -> None:
    """Compare the stated direction with the sign of the difference (and goodness, for quality words)."""
    s, r = pair
    vs, vr = _value(idx, s), _value(idx, r)
    if vs == vr:
        return
    raw = 1 if vs > vr else -1
    truth = raw if kind in ("raw", "speed") else (raw if idx.metrics[s].better_when_higher else -raw)
    negated = negated_before(sent.text, ca, 60, verbal=True)
    ev = f"{idx.metrics[s].describe()} vs {idx.metrics[r].describe()}"
    if negated and truth == pol:
        issues.append(Issue("negation", "contradicted", f"'not {word}' denies what the findings show: {ev}", (s, r)))
    elif not negated and truth != pol:
        issues.append(Issue("direction", "contradicted", f"'{word}' has the comparison the wrong way round: {ev}", (s, r)))
