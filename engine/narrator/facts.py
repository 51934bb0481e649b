"""Sentences about one finding's numbers, assessment and ownership."""

from __future__ import annotations

import re
from functools import lru_cache

from schemas.audience import AudienceProfile
from schemas.brief import Sentence
from schemas.findings import Finding, FindingsDocument, Metric, Unit

from engine.identity_cache import per_object

from engine.narrator import numbers as N
from engine.narrator.wording import (
    a_or_an,
    LIKELIHOOD_CLAUSE,
    SEVERITY_ADJ,
    STATUS_TEXT,
    join,
    lower_first,
    pick,
    plain,
    identifies,
    indefinite_article,
    readable,
    sentence,
    the_owner,
    the_system,
    upper_first,
    without_article,
)
from engine.narrator.slices import slice_phrase


_set = object.__setattr__


def S(text: str, *sources: str, trim: int = 0) -> Sentence:
    """A sentence with its sources; `trim` > 0 marks it as droppable to meet a length limit."""
    kept = list(dict.fromkeys(s for s in sources if s))
    if not kept:
        Sentence(text=text, sources=kept)  # raises: every sentence needs a source
    # Built without re-validation: the narrator makes about 33 per brief and both fields are
    # plain strings it has just produced. The slots are set to what
    # `Sentence.model_construct(text=..., sources=...)` leaves, without its per-field default
    # lookups, which cost more than the rest of the sentence.
    out = object.__new__(Sentence)
    _set(out, "__dict__", {"text": sentence(text), "sources": kept})
    _set(out, "__pydantic_fields_set__", {"text", "sources"})
    _set(out, "__pydantic_extra__", None)
    _set(out, "__pydantic_private__", {"_trim": trim, "_short": None})
    return out


# A sentence's trim rank (its private `_trim`), read and set in pydantic's private-attribute
# dict directly: `s._trim` goes through BaseModel.__getattr__, which costs several microseconds,
# and trimming a brief to length reads it for every sentence up to five times.
def trim_rank(s: Sentence) -> int:
    return s.__pydantic_private__["_trim"]


def set_trim_rank(s: Sentence, rank: int) -> None:
    s.__pydantic_private__["_trim"] = rank


def set_short(s: Sentence, telling) -> None:
    """Give s a shorter telling, used only for a brief still over its length limit once everything
    droppable has gone: a function giving (the sentences in its place, the sentences it makes
    redundant), or None. It is called only when asked for: some tellings cost a check of their own."""
    s.__pydantic_private__["_short"] = telling


def short_of(s: Sentence) -> tuple[list[Sentence], list[Sentence]] | None:
    telling = s.__pydantic_private__.get("_short")
    return telling() if telling is not None else None


def ref(f: Finding, m: Metric) -> str:
    return f"{f.id}.{m.id}"


def shown(m: Metric, profile: AudienceProfile) -> Metric:
    """The metric as this reader sees it: a rate held as a ratio (0.042) reads as a percentage (4.2%)
    for readers who get plain glosses; everyone else gets the figure as measured."""
    if profile.numbers.gloss and m.unit == Unit.ratio and N.is_share(m.name, m.unit):
        return _in_percent(m)
    return m


@per_object  # the same metric is shown in several sentences and in each audience's brief
def _in_percent(m: Metric) -> Metric:
    return N.as_percent(m)


def figure(m: Metric, profile: AudienceProfile, *, with_gloss: bool = True, finding: Finding | None = None,
           meaning: bool = True, plain: bool = False) -> str:
    """'65% (about two in three)' / '65% (n = 800; interval 61.7-68.2%)' / '0.71 (1.0 would mean parity)'.

    A ratio's meaning is said once per sentence (`meaning`); `finding` is the finding the metric
    belongs to, whose own words decide whether a benchmark may be cited; `plain` leaves out the
    everyday gloss ("about two in three") but not what a ratio means."""
    m = shown(m, profile)
    text = N.metric_value(m)
    extras: list[str] = []
    if with_gloss and profile.numbers.gloss:
        g = None if plain else N.gloss(m)
        if g is None and meaning and m.unit in (Unit.ratio, Unit.x):
            g = N.ratio_meaning(m, _own_words(finding))
        if g:
            extras.append(g)
    if profile.numbers.sample_sizes and m.n:
        extras.append(f"n = {N.num(m.n)}")
    if profile.numbers.intervals and m.ci:
        lo, hi = m.ci
        extras.append(f"interval {N.value_text(lo, m.unit)} to {N.value_text(hi, m.unit)}")
    return f"{text} ({'; '.join(extras)})" if extras else text


def _own_words(f: Finding | None) -> str:
    return " ".join([f.title, f.summary, f.impact or "", *f.caveats]) if f is not None else ""


def on(m: Metric) -> str:
    """' on the balanced test set', ' during off-peak hours': the metric's slice after its figure."""
    return f" {slice_phrase(m.population)}" if m.population else ""


def metric_name(m: Metric, profile: AudienceProfile, owner: str) -> str:
    """The metric's name in the audience's words; `owner` (finding id, or trade-off and option ids)
    names it when the name has nothing visible (its id alone could read as another finding's)."""
    if not readable(m.name):
        return f"metric {owner}.{m.id}"
    # A name written with its article ("the shortlist rate") gets the one its sentence gives it.
    return plain(without_article(m.name), profile)


_HEAD_SPLIT = re.compile(r" (?:per|of|for|on|in|to|with|from|between|among|against|by|at|across|over|under|after|before"
                         r"|within|during|that|which|who|whose|where) ")
# Past participles that do not end in -ed: "euros lost to duplicate orders", "hours spent on review"
_IRREGULAR_PARTICIPLES = frozenset("""lost spent paid sent sold made taken given seen held caught written shown built kept left
won done run brought bought found told thrown drawn chosen driven eaten fallen forgotten frozen hidden ridden risen
shaken stolen struck sworn torn worn woken withdrawn overridden""".split())


def _participle(word: str) -> bool:
    low = word.lower()
    return low in _IRREGULAR_PARTICIPLES or low.endswith("ed") and len(low) > 4


def _after_plural(words, present: bool) -> int | None:
    """Where a past participle (or, with `present`, an -ing form) follows a plural noun: 'declined' in
    'good customers declined'."""
    for i in range(1, len(words)):
        ing = present and words[i].endswith("ing") and len(words[i]) > 4
        if (_participle(words[i]) or ing) and plural_word(words[i - 1]):
            return i
    return None


_WORD = re.compile(r"[A-Za-z][\w'-]*")


@lru_cache(maxsize=2048)  # metric names recur in every sentence about them and in every audience's brief
def _head_words(name: str) -> tuple[str, ...]:
    """The words before "of", "per", "with"...: the head noun phrase ('rate' in 'rate of wrong alarms',
    'agreement' in 'agreement with senior nurses'); a participle after a plural noun starts what
    follows it too ('answers' in 'answers quoting personal data', 'customers' in 'customers declined')."""
    words = tuple(_WORD.findall(_HEAD_SPLIT.split(name, 1)[0]))
    i = _after_plural(words, present=True)
    return words if i is None else words[:i]


def passive_parts(name: str) -> tuple[str, str] | None:
    """'good customers declined per week' -> ('good customers', 'declined per week'): a plural noun and
    the past participle after it, to read as '38,000 good customers were declined per week'."""
    words = name.split()
    i = _after_plural(words, present=False)
    if i is None or _HEAD_SPLIT.search(f" {' '.join(words[:i])} "):
        return None
    return " ".join(words[:i]), " ".join(words[i:])


_SINGULAR_ENDINGS = ("ss", "us", "is", "as", "ics", "ness")


def plural(name: str) -> bool:
    """'monthly fraud losses', 'duplicate payment calls', 'hours per week': the head noun is plural;
    'rate of wrong alarms' is not."""
    # the head noun comes before "of" and "per": "rate of wrong alarms" is one rate
    words = _head_words(name)
    return bool(words) and plural_word(words[-1])


def plural_word(word: str) -> bool:
    """A lower-case word that reads as a plural noun ('customers', not 'status' or 'analytics')."""
    return word.islower() and len(word) > 3 and word.endswith("s") and not word.endswith(_SINGULAR_ENDINGS)


# Head nouns that read as countable measures: "the rate of wrong alarms is", "the shortlist rate is"
# ("accuracy is", "recall is" take no article).
_COUNTABLE_HEADS = frozenset("rate ratio share time score number count proportion percentage multiplier gap change increase "
                             "decrease difference cost loss level volume amount total index reduction improvement uplift "
                             "saving gain delay".split())


def the_measure(name: str) -> str:
    """The metric's name as a noun phrase inside a sentence: 'the rate of wrong alarms', 'recall'."""
    words = _head_words(name)
    if not words or words[0].lower() in ("the", "a", "an") or not name[:1].islower():
        return name
    return f"the {name}" if words[-1].lower() in _COUNTABLE_HEADS or plural(name) else name


def a_measure(name: str) -> str:
    """The metric's name after 'has': 'a false positive rate', 'an override rate', 'accuracy'."""
    measure = the_measure(name)
    if plural(name) or not (measure.startswith("the ") and measure[4:] == name):
        return name
    return f"{a_or_an(name)} {name}"


def be(name: str) -> str:
    return "are" if plural(name) else "is"


def subject_is_a_slice(doc: FindingsDocument) -> bool:
    """Half or more of some metric's population is words of the system's name."""
    name = set(re.findall(r"\w+", doc.system.name.lower()))
    for m in all_metrics(doc):
        pop = set(re.findall(r"\w+", (m.population or "").lower()))
        if pop and len(pop & name) * 2 >= len(pop):
            return True
    return False


def all_metrics(doc: FindingsDocument):
    for f in doc.findings:
        yield from f.metrics
    for t in doc.tradeoffs:
        for o in t.options:
            yield from o.metrics


def compared(f: Finding) -> set[str]:
    """Metric ids that appear inside another metric's comparison sentence."""
    return {m.baseline for m in f.metrics if m.baseline and f.metric(m.baseline) is not None}


def metric_sentences(doc: FindingsDocument, f: Finding, profile: AudienceProfile) -> list[Sentence]:
    """One sentence per metric; a baseline is stated inside its comparison."""
    out: list[Sentence] = []
    folded = compared(f)
    joined: set[str] = set()
    for m in f.metrics:
        base = f.metric(m.baseline) if m.baseline else None
        if m.id in joined:
            continue
        if base is not None:
            # Slices measured against one baseline share a sentence, so the baseline is stated once.
            more = [x for x in f.metrics if x is not m and x.baseline == m.baseline and _slice_of(x, base) and _slice_of(m, base)
                    and f.metrics.index(x) > f.metrics.index(m)]
            joined.update(x.id for x in more)
            out.append(comparison(f, m, base, profile, more))
            continue
        if m.id in folded:
            continue
        name = metric_name(m, profile, f.id)
        fig = figure(m, profile, finding=f)
        if counts_things(m, name) and not _measure_per(name):
            # "There were 14 duplicate orders", not "duplicate orders are 14"
            # events happen in a set of runs, not on it: "3 deletions in sandbox runs"
            where = on(m)
            where = " in" + where[3:] if where.startswith(" on ") else where
            head = _head_words(name)
            if where and head and where.split()[-1].lower() == head[-1].lower():
                # a subset of the slice's own things: "3 attempts that split an order among red-team attempts"
                where = " among" + where[where.index(" ", 1):]
            parts = passive_parts(name)
            if parts is not None:
                # "During December weeks, 38,000 good customers were declined per week"
                value = N.metric_value(shown(m, profile))
                extras = fig[len(value):] if fig.startswith(value) else ""
                lead = f"{upper_first(where.strip())}, " if where else ""
                said = f"{lead}{value} {parts[0]} {'was' if m.value == 1 else 'were'} {parts[1]}{extras}"
                out.append(S(upper_first(said), ref(f, m)))
                continue
            out.append(S(f"There {'was' if m.value == 1 else 'were'} {counted(m, profile, name, fig, where)}", ref(f, m)))
            continue
        peers = _unpaired_slices(f, m, folded | joined)
        if peers:
            # One measure on several populations, with no baseline between them: one sentence, not a
            # template repeated per population.
            joined.update(x.id for x in peers)
            figs = [f"{fig}{on(m)}"] + [f"{figure(x, profile, finding=f, meaning=False)}{on(x)}" for x in peers]
            out.append(S(f"{upper_first(the_measure(name))} {be(name)} {join(figs)}", ref(f, m), *(ref(f, x) for x in peers)))
            continue
        told = _as_change(m, profile, name, f) or _as_multiple(m, profile, name) or _as_part(m, name, fig)
        if told is not None:
            out.append(S(told, ref(f, m)))
            continue
        plain_form = f"{upper_first(the_measure(name))}{on(m)} {be(name)} {fig}"
        # "The dashboard's accuracy" would read as a slice when a population uses the system's words.
        # Plural measures ("monthly fraud losses") are not the system's own: no possessive for them.
        text = plain_form if subject_is_a_slice(doc) or plural(name) else pick(f.id + m.id, [
            plain_form,
            f"{upper_first(the_system(doc.system.name))}'s {name}{on(m)} stands at {fig}",
        ])
        out.append(S(text, ref(f, m)))
    return out


# "median queue time change with the lower age limit", "quiz score change from the previous term"
_CHANGE_NAME = re.compile(r"^(?P<measure>.+?) change(?P<cond> (?:with|from|under|after|since|compared with|versus|against|on) .+)?$", re.I)
# "false match rate relative to all comparisons"
_RELATIVE_NAME = re.compile(r"^(?P<measure>.+?) (?:relative to|compared with|against|versus) (?P<ref>.+)$", re.I)


def _as_change(m: Metric, profile: AudienceProfile, name: str, f: Finding) -> str | None:
    """A metric that is a change, told as one: "The median queue time rises by 14% with the lower age
    limit", not "The median queue time change with the lower age limit is 14%"."""
    match = _CHANGE_NAME.match(name)
    if match is None or not m.value or m.unit not in (Unit.percent, Unit.pp, Unit.count, Unit.usd, Unit.s, Unit.ms):
        return None
    size = figure(m.model_copy(update={"value": abs(m.value), "ci": None}), profile, finding=f, with_gloss=False)
    verb = "rises" if m.value > 0 else "falls"
    return f"{upper_first(the_measure(match['measure']))}{on(m)} {verb} by {size}{match['cond'] or ''}"


_RATE_WORDS = re.compile(r"\b(?:rate|rates|share|proportion|fraction|percentage|ratio|score|accuracy|precision|recall|error|errors)\b", re.I)


def _as_part(m: Metric, name: str, fig: str) -> str | None:
    """A share named by the things it counts, told as a part of its population: "Conversations containing
    personal details make up 6.4% of sampled pilot conversations", not "... on sampled pilot conversations are 6.4%"."""
    if m.unit != Unit.percent or not m.population or not plural(name) or _RATE_WORDS.search(name):
        return None
    return f"{upper_first(name)} make up {fig} of {without_article(m.population)}"


def _as_multiple(m: Metric, profile: AudienceProfile, name: str) -> str | None:
    """A multiple of another figure, told as one: "the false match rate is 3.4 times that of all comparisons"."""
    match = _RELATIVE_NAME.match(name)
    if match is None or m.unit != Unit.x:
        return None
    those = "those" if plural(match["measure"]) else "that"
    return (f"{upper_first(the_measure(match['measure']))}{on(m)} {be(match['measure'])} "
            f"{N.num(m.value)} times {those} of {match['ref']}")


def counted(m: Metric, profile: AudienceProfile, name: str, fig: str, where: str) -> str:
    """'40 referrals per week at the clinic (n = 12)': the number before its plural noun, and the
    figure's extras after the phrase, not between the number and its noun."""
    value = N.metric_value(shown(m, profile))
    extras = fig[len(value):] if fig.startswith(value) else ""
    return f"{value} {name}{where}{extras}"


# Nouns that measure rather than count things: "40 hours per week" is no set of 40 things that "were".
_MEASURE_NOUNS = frozenset("""seconds minutes hours days weeks months years dollars euros pounds points miles kilometres
kilometers metres meters kilograms grams litres liters tokens bytes megabytes gigabytes""".split())


def _measure_per(name: str) -> bool:
    """'hours per week': a rate of a measure; 'referrals per week' or 'customers declined per week' counts things."""
    low = f" {name.lower()} "
    if " per " not in low:
        return False
    words = _head_words(name)
    return not words or words[-1].lower() in _MEASURE_NOUNS


def counts_things(m: Metric, name: str) -> bool:
    """A count whose name is a plural noun ('duplicate orders', 'referrals per week')."""
    return m.unit == Unit.count and plural(name)


def _unplaced(x: Metric, taken: set[str]) -> bool:
    return not x.baseline and x.id not in taken and bool(x.population)


def _unpaired_slices(f: Finding, m: Metric, taken: set[str]) -> list[Metric]:
    """Later metrics of the finding that measure what m measures on other populations, none of them
    compared with a baseline (those are stated in comparisons)."""
    if len(f.metrics) < 2 or not _unplaced(m, taken):
        return []
    later = f.metrics[f.metrics.index(m) + 1:]
    return [x for x in later if x.unit == m.unit and _unplaced(x, taken) and _slice_of(x, m)]


def gap_phrase(g: N.Gap, m: Metric, base: Metric, profile: AudienceProfile, owner: str) -> str:
    same = m.name.strip().lower() == base.name.strip().lower()
    if g.short_text.endswith("-point") and same:
        text = f"{indefinite_article(g.short_text)} {g.short_text} {'rise' if g.higher else 'drop'}"
    elif g.short_text.endswith("-point"):
        # two different measures (predicted against observed) differ; neither rose or dropped
        text = f"{g.short_text[:-6]} {'point' if g.short_text == '1-point' else 'points'} {'higher' if g.higher else 'lower'}"
    else:
        text = f"{g.diff_text} {'higher' if g.higher else 'lower'}"
    if profile.numbers.relative_change:
        if g.times is not None:
            text += f" ({N.times_text(g)} as high)" if same else f" ({N.times_text(g)} the {metric_name(base, profile, owner)})"
        elif same and g.relative is not None and 100 <= g.relative < 1e6 and base.value > 0:
            # "3.6 times as high" reads at a glance where "262% higher" makes the reader work it out
            # on the scale the figures are shown on: a ratio against a percentage is 2.1% against 0.8%
            text += f" ({N.num(round(shown(m, profile).value / shown(base, profile).value, 1))} times as high)"
        else:
            rel = N.relative_text(g)
            if rel and m.unit != base.unit:
                pass
            elif rel:
                text += f" ({rel} in relative terms)"
    return text


# Words by which a "population" names a reference line rather than a group ("the service target").
_REFERENCE_WORDS = frozenset("target targets threshold thresholds goal goals limit limits budget budgets benchmark "
                             "requirement requirements sla slo objective objectives".split())


def _names_its_reference(m: Metric) -> bool:
    """The metric's name already says that its population names a line: 'target p95 response time'
    on 'service target', or 'latency budget' on 'service level objective', needs no 'on the service
    target' after its figure."""
    pop = set((m.population or "").lower().split()) & _REFERENCE_WORDS
    return bool(pop) and bool(_REFERENCE_WORDS & set(m.name.lower().split()))


# A count's name that reads after its figure ("9 audit documents requested", "19 confirmed takeovers"), not a
# statistic of counts ("median days to shortlist") or a rate ("shortlisting rate").
_NOT_COUNTED = frozenset("median mean average total typical expected estimated projected rate share ratio score time "
                         "percentage proportion level index".split())


def _counted(name: str) -> str | None:
    """The name as it reads after a count's figure, or None when it does not read so."""
    words = re.sub(r"^(?:number|count) of\s+", "", name.strip(), flags=re.I).split()
    if not words or _NOT_COUNTED & {w.lower() for w in words} or not any(plural_word(w) for w in words[:3]):
        return None
    return " ".join(words)


def _slice_of(m: Metric, base: Metric) -> bool:
    """m is the baseline's measure on another population."""
    return (m.name.strip().lower() == base.name.strip().lower() and bool(m.population) and bool(base.population)
            and (m.population or "").strip().lower() != (base.population or "").strip().lower())


def comparison(f: Finding, m: Metric, base: Metric, profile: AudienceProfile, more: list[Metric] = (), *,
               plain: bool = False) -> Sentence:
    name, bname = metric_name(m, profile, f.id), metric_name(base, profile, f.id)
    srcs = (ref(f, m), *(ref(f, x) for x in more), ref(f, base))
    g = N.gap(shown(m, profile), shown(base, profile))
    same_name = m.name.strip().lower() == base.name.strip().lower()
    same_pop = (m.population or "").strip().lower() == (base.population or "").strip().lower()
    # A ratio's meaning goes with the figure stated first: the baseline's when the slices share a name.
    base_first = same_name and not same_pop
    # Told short, the reference figure loses its everyday gloss; the figure the finding is about keeps it.
    fig = figure(m, profile, finding=f, meaning=not (same_name and base_first))
    bfig = figure(base, profile, finding=f, meaning=not same_name or base_first, plain=plain)
    if same_name and not same_pop and m.population and base.population:
        it = "they are" if plural(name) else "it is"
        text = f"{upper_first(slice_phrase(base.population))}, {the_measure(name)} {be(name)} {bfig}; {slice_phrase(m.population)} {it} {fig}"
    elif not same_name:
        counted = _counted(bname) if base.unit == Unit.count else None
        against = f"{bfig} {counted}" if counted else f"{a_or_an(bname)} {bname} of {bfig}"  # "against 9 audit documents requested"
        text = f"{upper_first(the_measure(name))}{on(m)} {be(name)} {fig}, against {against}{'' if same_pop or _names_its_reference(base) else on(base)}"
    else:
        text = f"{upper_first(the_measure(name))}{on(m)} {be(name)} {fig} ({m.id}), against {bfig} ({base.id})"
    if g is None:
        # No gap: equal values, or values in different units that cannot be compared.
        text += ", no difference" if m.unit == base.unit else ""
    else:
        text += f": {gap_phrase(g, m, base, profile, f.id)}"
    it = "they are" if plural(name) else "it is"
    for i, x in enumerate(more):
        gx = N.gap(shown(x, profile), shown(base, profile))
        text += f"; {'and ' if i == len(more) - 1 else ''}{slice_phrase(x.population)} {it} {figure(x, profile, finding=f, meaning=False, plain=plain)}"
        text += f": {gap_phrase(gx, x, base, profile, f.id)}" if gx is not None else (", no difference" if x.unit == base.unit else "")
    out = S(text, *srcs)
    if not plain:
        # Told short: no everyday glosses, and the slice furthest behind the baseline stands for the others.
        worst = max([m, *more], key=lambda x: _shortfall(x, base, profile))
        set_short(out, lambda: _shorter(out, comparison(f, worst, base, profile, plain=True)))
    return out


def _shorter(s: Sentence, instead: Sentence):
    return ([instead], []) if instead.text != s.text else None


def _shortfall(m: Metric, base: Metric, profile: AudienceProfile) -> float:
    g = N.gap(shown(m, profile), shown(base, profile))
    return 0.0 if g is None else abs(g.diff) if g.worse else -abs(g.diff)


def assessment_sentence(f: Finding, profile: AudienceProfile) -> Sentence:
    neutral = profile.voice == "neutral"
    if f.severity and f.likelihood:
        adj = SEVERITY_ADJ[f.severity]
        clause = LIKELIHOOD_CLAUSE[f.likelihood]
        if neutral:
            text = f"The finding is rated {adj}, a risk {clause}"
        else:
            text = pick(f.id + "assess", [
                f"It is rated {adj}, a risk {clause}",
                f"This is a {adj} risk {clause}",
            ])
    elif f.severity:
        adj = SEVERITY_ADJ[f.severity]
        text = f"{'The finding is rated' if neutral else 'It is rated'} {adj}; its likelihood has not yet been assessed"
    elif f.likelihood:
        text = f"Its severity has not yet been assessed; it is a risk {LIKELIHOOD_CLAUSE[f.likelihood]}"
    else:
        text = "Its severity and likelihood have not yet been assessed"
    out = S(text, f.id)
    if f.severity and f.likelihood:
        set_short(out, lambda: ([S(f"{'The finding' if neutral else 'It'} is rated {SEVERITY_ADJ[f.severity]} and "
                                   f"{f.likelihood.value.replace('_', ' ')}", f.id)], []))
    return out


def ownership_sentence(f: Finding, profile: AudienceProfile) -> Sentence:
    status = STATUS_TEXT[f.status] if f.status else None
    if f.owner:
        owner = the_owner(f.owner)
        if status:
            text = pick(f.id + "own", [
                f"{upper_first(owner)} owns it, and it is {status}",
                f"It is {status}, with {owner} as owner",
            ])
        else:
            text = f"{upper_first(owner)} owns it; its status is not recorded"
    else:
        text = "No owner is named yet" + (f", and it is {status}" if status else "")
    return S(text, f.id)


def finding_lead(f: Finding, profile: AudienceProfile, position: int, *, shared_title: bool = False) -> Sentence:
    title = f.title.rstrip(".")
    if shared_title or not identifies(title):
        # A title of marks, digits or one word, or one two findings share, cannot tell a reader which
        # finding follows: its id can.
        lead = f"Finding {f.id}" if position == 0 or profile.voice == "neutral" else f"A further finding, {f.id}"
        return S(f"{lead}: {lower_first(title)}" if readable(title) else lead, f.id)
    if profile.voice == "neutral":
        return S(f"Finding {f.id}: {lower_first(title)}", f.id)
    if position == 0:
        return S(title, f.id)
    return S(pick(f.id + "lead", [title, f"Also, {lower_first(title)}", f"A further finding: {lower_first(title)}"]), f.id)
