"""Everything a brief may state, computed once per findings document.

The index holds numeric facts (metric values, sample sizes, intervals, every gap,
relative change and ratio between comparable metrics, numbers written in the
findings' own text, dates), population cues per metric, the owners and teams the
document names, mitigations with their status, caveats, and the document's
vocabulary for spotting content that comes from nowhere.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass, field

from engine.identity_cache import per_object
from evals.faithfulness import numbers as nums
from evals.faithfulness.caveat_words import caveat_cues, caveat_stems
from evals.faithfulness.quotes import Phrases, folded, jargon_variants, plain_variants
from evals.faithfulness.text import OPTION_STEM, STOPWORDS, content_stems, pop_stems, same_spacing, split_sentences, stem, words
from evals.faithfulness.text_cache import remembered
from schemas.findings import Finding, FindingsDocument, Metric

# Nouns that name a data set rather than restrict it: dropping them is not overgeneralising.
GENERIC_POP = frozenset(stem(w) for w in (
    "set sets data dataset test tests sample samples split benchmark population group groups cases case examples "
    "records items overall all general total the entire whole traffic service compared comparison relative versus "
    "against".split()))
# Prepositions a population's text holds ("English answers across all policy areas"): they weigh as its
# words, but on their own point at no population ("2,750 ms across all five languages")
_NO_CUE = frozenset(stem(w) for w in "across among amongst around along throughout beyond toward towards".split())
_BRACKETED = re.compile(r"\([^()]*\)")
_SAMPLED = frozenset(stem(w) for w in "audited sampled".split())
# Times of day: "8-11 am", "9 am to 12 pm", "09:00-12:00", "22:00"
_CLOCK_TIMES = re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:[-–]|to)\s*\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|"
                          r"\b\d{1,2}\s*(?:am|pm)\b|\b\d{1,2}:\d{2}\b", re.I)
_PROVENANCE = frozenset(stem(w) for w in "estimate estimated estimates forecast forecasts forecasted projection projections projected".split())
GENERIC_OWNER = frozenset(stem(w) for w in "team group lead department unit office function squad owner head".split())
_PHRASE_END = re.compile(r"(?<=[.;])\s+")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Fact:
    value: float
    unit: str  # percent pp ratio s ms usd x count rel date
    kind: str  # metric n ci diff rel times complement share text count date
    refs: tuple[str, ...]
    finding: str | None
    label: str
    date: tuple[int, int, int] | None = None
    complements: bool = False  # a multiple of the complements (error rates of two accuracies), which runs the other way
    from_bound: bool = False  # a gap from an interval's bound: vouches for a gap so stated, says nothing of a unit


_PER_BASE = re.compile(r"\bper\s+(10{2,}|1[0,]*,000)\b")


def _per_base(m) -> float | None:
    """The base a count metric is a rate per ("errors per 1000 notes": 1000), if its name gives one."""
    if m.unit.value != "count":
        return None
    found = _PER_BASE.search(m.name.lower())
    return float(re.sub(r"[,\s]", "", found.group(1))) if found else None


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


def _population_key(population: str) -> str:
    """One key for the spellings of a population: with or without its article, in any case, singular or
    plural ('the weekend', 'Weekends')."""
    return " ".join(stem(w) for w in _LEADING_ARTICLE.sub("", " ".join(population.split())).casefold().split())


@dataclass
class MetricInfo:
    ref: str
    container: str  # finding id or tradeoff id
    finding: str | None
    metric: Metric
    pop: str
    better_when_higher: bool
    name_stems: frozenset[str]
    option: str | None = None  # "T1.A" for option metrics
    pair: list[str] = field(default_factory=list)  # baseline and metrics that use this one as baseline

    def describe(self) -> str:
        m = self.metric
        v = f"{m.value:g}"
        unit = {"percent": "%", "pp": " percentage points", "ms": " ms", "s": " s", "usd": " USD", "x": "x", "count": "", "ratio": ""}[m.unit.value]
        extra = f" (n={m.n})" if m.n else ""
        where = f" on {m.population}" if m.population else ""
        return f"{self.ref}: {m.name} {v}{unit}{where}{extra}"


def _abbreviates(part: str, population: str) -> bool:
    """'apac' for 'chats from asia-pacific', 'latam' for 'latin america': the part's letters appear in
    order in the population, starting at the start of one of its words."""
    for start in (i for i, ch in enumerate(population) if ch == part[0] and (i == 0 or not population[i - 1].isalnum())):
        rest = iter(population[start:])
        if all(ch in rest for ch in part):
            return True
    return False


_LINE_WORDS = frozenset("target targets threshold thresholds goal goals limit limits budget budgets benchmark benchmarks "
                        "requirement requirements sla slo objective objectives".split())


def _is_line(m: Metric) -> bool:
    """A metric that is a reference line (a budget, a target), by its name or its population's words."""
    return bool(_LINE_WORDS & set(f"{m.name} {m.population or ''}".lower().split()))


@dataclass
class PopInfo:
    text: str
    weights: dict[str, float]
    required: frozenset[str]
    refs: list[str]
    cues: set[str] = field(default_factory=set)  # words that on their own point at this population
    # What a mention's coverage is measured against: the weight of the population's words and of the
    # words its metric ids add, except an id word that abbreviates the population ("apac" of "p95_apac"
    # for "chats from Asia-Pacific"), which is another name for words already counted.
    total: float = 1.0
    optional: frozenset[str] = frozenset()  # required words a mention may leave out: what brackets add


@dataclass
class MitInfo:
    ref: str  # F1.m1
    finding: str
    action: str
    stems: frozenset[str]
    owner: str | None
    status: str | None
    due: dt.date | None
    weights: dict[str, float]  # action words the rest of the findings also use weigh less


@dataclass
class OwnerInfo:
    name: str
    core: tuple[str, ...]
    full: tuple[str, ...]


@dataclass
class CaveatInfo:
    finding: str
    text: str
    weights: dict[str, float]
    distinct: frozenset[str]
    numbers: tuple[float, ...]
    # its own figures that no other caveat gives: "rest on 1,150 claims", "the 2 trucks" say which limit it
    # is as well as a word only the caveat uses would
    figures: frozenset[str] = frozenset()
    # how it limits ("comes from ... only", "may be higher"): with no word of its own, a sentence restating
    # it says so too, or it only names what the findings name elsewhere
    cues: frozenset[str] = frozenset()


def _text_fields(f: Finding) -> list[str]:
    out = [f.title, f.summary, f.impact or "", *f.affected, *f.caveats, *f.evidence]
    for m in f.mitigations:
        out += [m.action, m.effect or ""]
    return [t for t in out if t]


def _fmt_date(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


class FindingsIndex:
    def __init__(self, doc: FindingsDocument):
        self.doc = doc
        self.facts: list[Fact] = []
        self.metrics: dict[str, MetricInfo] = {}
        self.pops: dict[str, PopInfo] = {}
        self.findings: dict[str, Finding] = {f.id: f for f in doc.findings}
        self.finding_stems: dict[str, dict[str, float]] = {}
        self.mitigations: list[MitInfo] = []
        self.owners: list[OwnerInfo] = []
        self.caveats: list[CaveatInfo] = []
        self.options: dict[str, tuple[frozenset[str], str]] = {}  # T1.A -> (cue stems, letter)
        self.metric_name_stems: dict[str, list[str]] = {}
        self.context_stems: frozenset[str] = frozenset()
        self.background: frozenset[str] = frozenset()
        self.vocab: set[str] = set()
        self.raw_words: set[str] = set()
        ids = sorted((f.id for f in doc.findings), key=lambda i: (-len(i), i))
        self.id_re = _id_pattern(ids)
        self._build()

    # ---------------------------------------------------------------- build
    def _add_vocab(self, text: str | None) -> None:
        if not text:
            return
        raw, stems = _vocab_of(text)
        self.raw_words.update(raw)
        self.vocab.update(stems)

    def _build(self) -> None:
        doc = self.doc
        sys_text = " ".join(t for t in (doc.system.name, doc.system.purpose or "", doc.system.owner or "",
                                        *doc.system.users) if t)
        self.background = frozenset(content_stems(f"{doc.system.name} {doc.system.purpose or ''}")) | frozenset(
            content_stems(" ".join(t for t in (doc.context.decision if doc.context else "", doc.context.business_goal if doc.context else "") if t))
        )
        for t in (sys_text, doc.system.version):
            self._add_vocab(t)
        if doc.context:
            for t in (doc.context.decision, doc.context.business_goal, *doc.context.stakeholders):
                self._add_vocab(t)
            self.context_stems = frozenset(content_stems(" ".join(t for t in (doc.context.decision or "", doc.context.business_goal or "") if t)))
        for f in doc.findings:
            self._add_finding(f)
        for t in doc.tradeoffs:
            self._add_tradeoff(t)
        self._add_populations()
        self._weigh_mitigations()
        self._add_owners()
        self._add_text_numbers()
        self._add_counts()
        self._add_caveats()
        self._add_quotables()

    def _metric(self, ref: str, container: str, finding: str | None, m: Metric, option: str | None = None) -> None:
        info = MetricInfo(ref, container, finding, m, m.population or "", m.better_when_higher,
                          frozenset(content_stems(m.name)), option)
        self.metrics[ref] = info
        for s in info.name_stems:
            self.metric_name_stems.setdefault(s, []).append(ref)
        self._add_vocab(m.id)  # a brief may tell two same-named metrics apart by id
        self._add_vocab(m.name)
        self._add_vocab(m.population)
        self._add_vocab(m.source)
        label = info.describe()
        self.facts.append(Fact(m.value, m.unit.value, "metric", (ref,), finding, label))
        base = _per_base(m)
        if base:  # "4.1 per 1,000 notes (0.41%)": a rate per a base is also a percentage
            self.facts.append(Fact(m.value * 100 / base, "percent", "metric", (ref,), finding, f"{label} (so {m.value * 100 / base:g}%)"))
        if m.unit.value == "percent":
            self.facts.append(Fact(100 - m.value, "percent", "complement", (ref,), finding, f"{label} (so {100 - m.value:g}% the other way)"))
        elif m.unit.value == "ratio" and 0 < m.value < 1 and not {"ratio", "parity", "impact"} & set(m.name.lower().split()):
            # recall of 0.81: about one abusive comment in five gets through
            self.facts.append(Fact(round(1 - m.value, 6), "ratio", "complement", (ref,), finding, f"{label} (so {1 - m.value:.3g} the other way)"))
        if m.n:
            self.facts.append(Fact(float(m.n), "count", "n", (ref,), finding, f"{label}: sample size {m.n}"))
            if m.unit.value == "count" and 0 <= m.value <= m.n:
                # "3 of 50 attempts (6%)": a count of its sample is also a share of it
                share = 100 * m.value / m.n
                self.facts.append(Fact(share, "percent", "share", (ref,), finding, f"{label} (so {share:.3g}% of the sample)"))
            elif m.unit.value == "percent" and 0 <= m.value <= 100:
                # "3.5% of 400 conversations, which is 14": a share of its sample is also a count of it
                count = m.value * m.n / 100
                self.facts.append(Fact(count, "count", "share", (ref,), finding, f"{label} (so {count:.4g} of the sample)"))
        for c in m.ci or []:
            self.facts.append(Fact(c, m.unit.value, "ci", (ref,), finding, f"{label}: interval {m.ci}"))

    def _pairs(self, container: str, refs: list[str], finding: str | None) -> None:
        for a, b in itertools.permutations(refs, 2):
            ma, mb = self.metrics[a].metric, self.metrics[b].metric
            ua, ub = ma.unit.value, mb.unit.value
            va, vb = ma.value, mb.value
            if {ua, ub} == {"s", "ms"}:
                va, vb = (va * 1000 if ua == "s" else va), (vb * 1000 if ub == "s" else vb)
                ua = ub = "ms"
            elif {ua, ub} == {"ratio", "percent"}:  # a proportion against a percentage: both in percent
                va, vb = (va * 100 if ua == "ratio" else va), (vb * 100 if ub == "ratio" else vb)
                ua = ub = "percent"
            if ua != ub:
                continue
            d = abs(va - vb)
            label = f"{self.metrics[a].describe()} vs {self.metrics[b].describe()}"
            diff_unit = {"percent": "pp"}.get(ua, ua)
            self.facts.append(Fact(d, diff_unit, "diff", (a, b), finding, label))
            if ua == "ratio":
                self.facts.append(Fact(d * 100, "pp", "diff", (a, b), finding, label))
            if ua == "count" and (base := _per_base(ma)) and base == _per_base(mb):
                self.facts.append(Fact(d * 100 / base, "pp", "diff", (a, b), finding, f"{label} (in points of a percentage)"))
            if ua == "ms":
                self.facts.append(Fact(d / 1000, "s", "diff", (a, b), finding, label))
            if vb:
                self.facts.append(Fact(abs(va - vb) / abs(vb) * 100, "rel", "rel", (a, b), finding, label))
                self.facts.append(Fact(va / vb, "x", "times", (a, b), finding, label))
            if ma.ci and ma.baseline == mb.id and ma.unit == mb.unit:
                # "even the top of the interval (74-84%) sits 10 points below the lit-room figure"
                for bound in ma.ci:
                    if bound != vb:
                        self.facts.append(Fact(abs(bound - vb), diff_unit, "diff", (a, b), finding,
                                               f"{label} (from the interval's bound {bound:g})", from_bound=True))
            if ua == "percent" and 50 <= va < 100 and 50 <= vb < 100:
                # accuracies of 83% and 98.6% are error rates of 17% and 1.4%: "misread twelve times as often"
                self.facts.append(Fact((100 - va) / (100 - vb), "x", "times", (a, b), finding,
                                       f"{label} (the complements, {100 - va:.3g}% vs {100 - vb:.3g}%)", complements=True))

    def _add_finding(self, f: Finding) -> None:
        self._add_vocab(f.id)  # "finding Xe" names the finding, like "option B" names an option
        refs: list[str] = []
        for m in f.metrics:
            ref = f"{f.id}.{m.id}"
            self._metric(ref, f.id, f.id, m)
            refs.append(ref)
        for m in f.metrics:
            if m.baseline:
                a, b = f"{f.id}.{m.id}", f"{f.id}.{m.baseline}"
                self.metrics[a].pair.append(b)
                self.metrics[b].pair.append(a)
        self._pairs(f.id, refs, f.id)
        for t in _text_fields(f):
            self._add_vocab(t)
        self._add_vocab(f.owner)
        weights: dict[str, float] = {}
        for t, w in ((f.title, 1.0), (f.summary, 0.8), (f.impact or "", 0.6), (" ".join(f.affected), 0.4),
                     (" ".join(m.population or "" for m in f.metrics), 0.8), (" ".join(m.name for m in f.metrics), 0.6),
                     # "latency" for a finding whose metric is the "p95 response time"
                     (" ".join(v for m in f.metrics for v in jargon_variants(m.name)), 0.6),
                     (" ".join(f.caveats), 0.5)):
            for s in content_stems(t):
                weights[s] = max(weights.get(s, 0.0), w)
        self.finding_stems[f.id] = weights
        for i, m in enumerate(f.mitigations, 1):
            self._add_vocab(m.owner)
            parts = {stem(p) for w in words(m.action) if "-" in w for p in w.split("-") if len(p) > 2}
            self.mitigations.append(MitInfo(f"{f.id}.mitigation{i}", f.id, m.action, frozenset(content_stems(m.action)) | parts,
                                            m.owner, m.status.value if m.status else None, m.due, {}))
            if m.due:
                self.facts.append(Fact(float(m.due.year), "date", "date", (), f.id,
                                       f"{f.id}: '{m.action}' due {_fmt_date(m.due)}", (m.due.year, m.due.month, m.due.day)))

    def _add_tradeoff(self, t) -> None:
        self._add_vocab(t.id)
        self._add_vocab(t.question)
        for c in (*t.criteria, *t.constraints, t.rationale or ""):
            self._add_vocab(c)
        by_metric: dict[str, list[str]] = {}
        by_id: dict[tuple, list[str]] = {}
        # A word that names a measured quality ("retention") refers to that metric, even when an option's
        # name also holds it ("Balanced engagement and retention objective"): it does not cue the option.
        measured = frozenset(st for o in t.options for m in o.metrics for st in content_stems(m.name))
        for o in t.options:
            oref = f"{t.id}.{o.id}"
            cue = frozenset(content_stems(o.name)) | frozenset(content_stems(o.description or "")) & frozenset(content_stems(o.name))
            cue = (cue - measured) or cue
            self.options[oref] = (cue, o.id.lower())
            for s in (o.name, o.description or "", *o.pros, *o.cons):
                self._add_vocab(s)
            self.raw_words.add(o.id.lower())
            self._add_vocab(o.id)  # "option WNgwf9IU" reads as the words "wngwf", "9", "iu"
            for m in o.metrics:
                ref = f"{oref}.{m.id}"
                self._metric(ref, t.id, None, m, option=oref)
                # Options report one measure under their own ids ("ctr_a", "ctr_b"): the name says
                # which figures compare, as it does for the narrator.
                by_metric.setdefault(m.name.lower(), []).append(ref)
                by_id.setdefault((m.id, m.unit), []).append(ref)
        # Nor does one id, under two names ("wrongful denial recommendation rate" for the assistant's options,
        # "wrongful denial rate" for staying manual), stand for two measures.
        named = {r: name for name, refs in by_metric.items() for r in refs}
        groups = [*by_metric.values(), *(refs for refs in by_id.values() if len({named[r] for r in refs}) > 1)]
        for refs in groups:
            self._pairs(t.id, refs, None)
            for a, b in itertools.permutations(refs, 2):
                if b not in self.metrics[a].pair:
                    self.metrics[a].pair.append(b)
        # An option's figure against a line the findings set for the same measure ("1,900 ms, still 900 ms over
        # the 1,000 ms budget"): gaps a reader works out, as for a finding's metric and its baseline.
        lines = [r for r, info in self.metrics.items() if info.option is None and _is_line(info.metric)]
        for refs in by_metric.values():
            for a in refs:
                for b in lines:
                    if self.metrics[a].name_stems & self.metrics[b].name_stems:
                        self._pairs(t.id, [a, b], None)
        # An option's figure against today's figure for the same measure on the same population (a finding's
        # "p95 completion latency 1,250 ms" for options at 1,600 and 1,350 ms): "350 ms and 100 ms more than today".
        current = [(r, info.metric) for r, info in self.metrics.items() if info.option is None and not _is_line(info.metric)]
        for name, refs in by_metric.items():
            for a in refs:
                pop = (self.metrics[a].metric.population or "").lower()
                for b, m in current:
                    if m.name.lower() == name and (m.population or "").lower() == pop:
                        self._pairs(t.id, [a, b], None)
        # An option's figure against a limit a constraint states ("errors within $100,000 a quarter": "$140,000
        # over the tolerance", "2.4 times it"), as against a line the findings measure.
        for c in t.constraints:
            for q in nums.extract(c):
                if q.is_date or q.unit not in ("percent", "usd", "count", "s", "ms") or not q.value:
                    continue
                for refs in by_metric.values():
                    for a in refs:
                        v, unit, limit = self.metrics[a].metric.value, q.unit, q.value
                        if self.metrics[a].metric.unit.value != q.unit:
                            # "at most 400 hours a week" against a count metric named "staff hours needed per week"
                            limit = _in_named_time_unit(q, self.metrics[a].metric)
                            if limit is None:
                                continue
                            unit = "count"
                        # the limit is no metric: the option's own ref stands on both sides of the pair
                        label = f"{self.metrics[a].describe()} vs the constraint '{c}'"
                        self.facts.append(Fact(abs(v - limit), {"percent": "pp"}.get(unit, unit), "diff", (a, a), None, label))
                        self.facts.append(Fact(v / limit, "x", "times", (a, a), None, label))
        # Finding metrics whose id ends with an option id ("acc_a") belong to that option too.
        for info in self.metrics.values():
            if info.option is None and "_" in info.metric.id:
                tail = info.metric.id.rsplit("_", 1)[1].lower()
                for oref, (_, letter) in self.options.items():
                    if letter == tail:
                        info.option = oref

    def _same_populations(self) -> None:
        """One population however the document spells it: 'the cards issued after 2020' is
        'Cards issued after 2020'. Two spellings would be two populations, and a figure
        quoted with the other spelling's words would read as moved to another slice."""
        spellings: dict[str, set[str]] = {}
        for info in self.metrics.values():
            if info.pop:
                spellings.setdefault(_population_key(info.pop), set()).add(info.pop)
        self.respelled = [ps for ps in spellings.values() if len(ps) > 1]  # the quotes read them as one too
        one = {p: min(ps, key=lambda q: (len(q), q)) for ps in self.respelled for p in ps}
        for info in self.metrics.values():
            info.pop = one.get(info.pop, info.pop)

    def _owner_name_stems(self) -> frozenset[str]:
        got = self.__dict__.get("_owner_words")
        if got is None:
            names = [f.owner for f in self.doc.findings if f.owner] + [m.owner for f in self.doc.findings
                                                                      for m in f.mitigations if m.owner]
            got = self.__dict__["_owner_words"] = frozenset(s for n in names for s in content_stems(n))
        return got

    def _add_populations(self) -> None:
        self._same_populations()
        all_pops = sorted({i.pop for i in self.metrics.values() if i.pop})
        stems_of = {p: pop_stems(p) for p in all_pops}
        for p in all_pops:
            weights: dict[str, float] = {}
            for s in stems_of[p]:
                shared = sum(1 for q in all_pops if s in stems_of[q])
                w = 1.0 if shared == 1 else 0.5  # a word several populations share tells them apart less
                if s in self.background or s in GENERIC_POP:
                    w = 0.3
                if len(all_pops) > 1 and shared == len(all_pops):
                    w = min(w, 0.2)
                weights[s] = max(weights.get(s, 0.0), w)
            plain = [s for s in content_stems(p) if s in weights]
            if len(plain) > 1:
                head = plain[-1]  # the head noun names the kind of item, the words before it restrict
                weights[head] = min(weights[head], 0.45)
            # Qualifiers that must survive: words only this population uses, option letters ("model B"),
            # and what tells it apart from its closest sibling ("current" vs "recalibrated" thresholds).
            required = {s for s, w in weights.items() if w >= 1.0 or s.startswith(OPTION_STEM)}
            own = set(stems_of[p])
            sibling = max((set(stems_of[q]) for q in all_pops if q != p), key=lambda o: (len(o & own), sorted(o)), default=set())
            if len(sibling & own) * 2 >= len(own):
                required |= {s for s in own - sibling if s not in self.background and s not in GENERIC_POP}
            if not _PROVENANCE.isdisjoint(own):
                # "Billing Operations estimate for full rollout": who made the estimate, and that it is one,
                # say where the figure comes from, not which items it is about
                required -= _PROVENANCE | self._owner_name_stems()
            # "audited calls held through a telephone interpreter": which calls were checked, not which calls;
            # "interpreter calls" names the slice
            required -= _SAMPLED
            # "people with darker skin tones (Monk scale 8-10)": what brackets add explains the slice, which is
            # named without it (said, it still names it)
            optional = frozenset({st for part in _BRACKETED.findall(p) for st in pop_stems(part)} - {
                st for st in pop_stems(_BRACKETED.sub(" ", p))})
            clock = {stem(n) for m in _CLOCK_TIMES.finditer(p) for n in re.findall(r"\d+", m.group(0))}
            if clock and any(not s[:1].isdigit() for s in required - clock):
                # "calls during the Monday 8-11 am peak": the hours tell when the named peak is; "the Monday
                # peak" names the slice (hours alone, "between 22:00 and 05:00", still must be said)
                required -= clock
            required = frozenset(required)
            refs = sorted(r for r, i in self.metrics.items() if i.pop == p)
            top = max(weights.values(), default=0.0)
            cues = (set(required) | {s for s, w in weights.items() if w >= 0.5} or {s for s, w in weights.items() if w >= top}) - _NO_CUE
            self.pops[p] = PopInfo(p, weights, required, refs, cues, sum(weights.values()) or 1.0, optional & required)
        # An id word every metric of one name shares ("halluc" of halluc_travel and halluc_hr) names the measure.
        by_name: dict[str, list[set[str]]] = {}
        for info in self.metrics.values():
            by_name.setdefault(info.metric.name.lower(), []).append(set(info.metric.id.split("_")))
        for ref, info in self.metrics.items():
            # Metric ids often name the slice ("acc_overall"): let those words cue it too.
            same = by_name[info.metric.name.lower()]
            for part in info.metric.id.split("_"):
                s = stem(part)
                if len(same) > 1 and all(part in ids for ids in same):
                    continue
                if info.pop and len(part) > 3 and s not in STOPWORDS and s not in info.name_stems and part.isalpha():
                    pop = self.pops[info.pop]
                    if s not in pop.weights:
                        pop.weights[s] = 1.0
                        if not _abbreviates(part.lower(), info.pop.lower()):
                            pop.total += 1.0
                    pop.cues.add(s)

    def _weigh_mitigations(self) -> None:
        common = set(self.background)
        for f in self.doc.findings:
            common.update(content_stems(f.title))
        for p in self.pops.values():
            common.update(p.weights)
        for m in self.mitigations:
            own = set(content_stems(m.action))
            # Parts of hyphenated words ("allow" of "allow-list") only back up the whole word.
            m.weights.update({s: (0.35 if s in common else 1.0) if s in own else 0.2 for s in m.stems})

    def _add_owners(self) -> None:
        names: list[str] = []
        doc = self.doc
        if doc.system.owner:
            names.append(doc.system.owner)
        if doc.context:
            names += doc.context.stakeholders
        for f in doc.findings:
            if f.owner:
                names.append(f.owner)
            names += [m.owner for m in f.mitigations if m.owner]
        seen: set[str] = set()
        for n in names:
            key = n.lower()
            if key in seen:
                continue
            seen.add(key)
            full, core = owner_stems(n)
            self.owners.append(OwnerInfo(n, core, full))
        self.owners.sort(key=lambda o: (-len(o.full), o.name))

    def _add_text_numbers(self) -> None:
        texts: list[tuple[str | None, str]] = [(None, self.doc.system.purpose or ""), (None, self.doc.system.name),
                                               (None, self.doc.system.version or "")]
        if self.doc.context:
            texts += [(None, self.doc.context.decision or ""), (None, self.doc.context.business_goal or "")]
            if self.doc.context.deadline:
                d = self.doc.context.deadline
                self.facts.append(Fact(float(d.year), "date", "date", ("context",), None,
                                       f"context: decision due {_fmt_date(d)}", (d.year, d.month, d.day)))
        if self.doc.date:  # "the findings below were assessed on 20 November 2026"
            d = self.doc.date
            self.facts.append(Fact(float(d.year), "date", "date", ("document",), None,
                                   f"the findings are dated {_fmt_date(d)}", (d.year, d.month, d.day)))
        for f in self.doc.findings:
            texts += [(f.id, t) for t in _text_fields(f)]
            texts += [(f.id, m.population or "") for m in f.metrics]
        for t in self.doc.tradeoffs:
            texts += [(None, s) for s in (t.question, *t.constraints, t.rationale or "")]
            for o in t.options:
                texts += [(None, s) for s in (o.name, o.description or "", *o.pros, *o.cons)]
                texts += [(None, m.population or "") for m in o.metrics]
        for fid, t in texts:
            # "from two hospitals to all eleven": a brief may write the findings' number words in digits
            for m in nums.number_words(t):
                self.facts.append(Fact(m, "count", "text", (), fid, f"'{t}'"))
            for q in nums.extract(t):
                if q.is_date:
                    self.facts.append(Fact(q.value, "date", "date", (), fid, f"'{t}'", q.date))
                else:
                    self.facts.append(Fact(q.value, q.unit, "text", (), fid, f"'{t}'"))
                    if q.unit == "s" and (hours := _HOURS_COUNTED.match(q.text)):
                        # "capacity is 1,400 hours a week": hours of work are counted as often as timed
                        # ("1,400 reviewer hours"), so the bare number stands for them too
                        self.facts.append(Fact(float(hours.group(1).replace(",", "")), "count", "text", (), fid, f"'{t}'"))
        for f in list(self.facts):
            if f.date:
                self.facts.append(Fact(float(f.date[0]), "count", "text", (), f.finding, f.label))

    def _add_counts(self) -> None:
        doc = self.doc
        counts = {len(doc.findings), sum(len(f.mitigations) for f in doc.findings), len(doc.tradeoffs),
                  sum(len(f.caveats) for f in doc.findings)}
        counts |= {len(t.options) for t in doc.tradeoffs}
        counts |= {sum(1 for f in doc.findings if f.severity == s) for s in {f.severity for f in doc.findings}}
        counts |= {len(f.mitigations) for f in doc.findings} | {len(f.metrics) for f in doc.findings}
        for c in sorted(x for x in counts if x):
            self.facts.append(Fact(float(c), "count", "count", (), None, f"a count of {c} in the document"))

    def _add_caveats(self) -> None:
        other_text: dict[str, list[str]] = {}
        for f in self.doc.findings:
            for c in f.caveats:
                other_text[c] = []
        doc_texts: list[frozenset[str]] = []
        for f in self.doc.findings:
            doc_texts.append(caveat_stems(" ".join([f.title, f.summary, f.impact or "", *f.affected])))
            doc_texts.append(caveat_stems(" ".join(f"{m.name} {m.population or ''}" for m in f.metrics)))
            doc_texts.append(caveat_stems(" ".join(f"{m.action} {m.effect or ''}" for m in f.mitigations)))
        doc_texts.append(self.background | self.context_stems)
        all_caveats = [(f.id, c) for f in self.doc.findings for c in f.caveats]
        for f in self.doc.findings:
            for c in f.caveats:
                stems = sorted(caveat_stems(c))
                elsewhere = [s for s in stems if any(s in t for t in doc_texts)]
                in_other = {s for fid, o in all_caveats if o != c for s in caveat_stems(o)}
                weights = {s: (0.4 if s in elsewhere else 0.6 if s in in_other else 1.0) for s in stems}
                distinct = frozenset(s for s in stems if s not in elsewhere and s not in in_other and not s[:1].isdigit())
                numbers = tuple(q.value for q in nums.extract(c) if not q.is_date)
                # "the 2 trucks", "six weeks": a number of the caveat's own is as telling as a word of its own
                figures = frozenset(s for s in stems if s[:1].isdigit() and s not in in_other)
                self.caveats.append(CaveatInfo(f.id, c, weights, distinct, numbers, figures, caveat_cues(c)))

    def _add_quotables(self) -> None:
        """Phrases of the findings (titles, summary sentences, impacts, actions) a brief may quote."""
        out: set[str] = set()
        doc = self.doc
        texts = [doc.system.purpose or ""]
        if doc.context:
            texts += [doc.context.decision or "", doc.context.business_goal or ""]
        for t in doc.tradeoffs:
            texts += [t.question, t.rationale or "", *t.constraints]
            for o in t.options:
                texts += [o.description or "", *o.pros, *o.cons]
        for f in doc.findings:
            texts += [*f.caveats, *f.affected, *(m.effect or "" for m in f.mitigations), *(m.name for m in f.metrics)]
        for t in texts:
            out.update(_long_parts(t))
        # Names the narrator quotes whole (system, owners, populations, titles, options): a
        # name with two or more words is quoted, not asserted, whatever words it holds.
        doc_texts = list(_document_texts(doc))
        for t in doc_texts:
            whole = _quoted_whole(t)
            if whole:
                out.add(whole)
        for f in self.doc.findings:
            out.update(_long_parts(f.summary))
            for t in [f.title, f.impact or "", *(m.action for m in f.mitigations)]:
                t = t.strip().rstrip(".;").lower()
                if len(t.split()) >= 3:
                    out.add(t)
        # a question quoted ends as the sentence around it does ("Should X be capped: we recommend ...")
        out = {t.rstrip("?!;: ") for t in out}
        self.quotables = sorted(out, key=lambda t: (-len(t), t))
        phrases = {p.lower() for m in self.metrics.values() for p in (m.metric.name, m.metric.population or "")
                   if (_DIGIT.search(p) or nums.number_words(p)) and len(p.split()) >= 2}
        # "customers called more than three times in a week" told as "212 customers were called more than ..."
        phrases |= {_PARTICIPLE_NAME.sub(r"\1 were \2", p) for p in phrases if _PARTICIPLE_NAME.match(p)}
        # "share called within 10 days of a missed payment" told as "38% of flagged customers were called within 10 days ..."
        phrases |= {m.group(1) for p in phrases if (m := _SHARE_PARTICIPLE.match(p)) and len(m.group(1).split()) >= 3}
        # Any field of the findings that carries a digit (a name, an owner, a title, a caveat)
        # may be quoted whole; its digits are the findings' wording, not a figure the brief states.
        for t in doc_texts:
            phrases.update(_numbered_pieces(t))
        self.numbered_phrases = sorted(phrases, key=lambda t: (-len(t), t))
        # The same phrases folded (see quotes.py), so a quotation is found however a brief re-cases,
        # re-spaces or escapes it; metric names also as each audience's plain-word version.
        names = {v for m in self.metrics.values() for v in plain_variants(m.metric.name)}
        # An option's name is quoted whole even as one hyphenated word ("Engagement-maximising"): the
        # words inside it name the option, not a finding's population.
        hyphenated = {f for t in doc.tradeoffs for o in t.options if "-" in (f := folded(o.name)).strip("-")}
        self.folded_quotes = by_length({f for t in [*out, *names] if len((f := folded(t)).split()) >= 2} | hyphenated)
        # Which findings a quoted phrase belongs to, and which populations it names exactly.
        self.quote_findings: dict[str, set[str]] = {}
        for f in doc.findings:
            for t in (f.title, f.summary, f.impact, *f.affected, *f.caveats, *f.evidence,
                      *(m.action for m in f.mitigations), *(m.effect for m in f.mitigations),
                      *(v for m in f.metrics for v in (m.population, *plain_variants(m.name)))):
                if t and len((ft := folded(t)).split()) >= 2:
                    self.quote_findings.setdefault(ft, set()).add(f.id)
        # A population spelled two ways ('the cards issued after 2020', 'cards issued after 2020') is
        # one population: either spelling quotes every finding that measures it.
        for spellings in self.respelled:
            texts = {ft for t in spellings if (ft := folded(t)) in self.quote_findings}
            if len(texts) > 1:
                union = set().union(*(self.quote_findings[t] for t in texts))
                for t in texts:
                    self.quote_findings[t] = set(union)
        self.quote_pops: dict[str, list[str]] = {}
        for p in sorted(self.pops):
            self.quote_pops.setdefault(folded(p), []).append(p)
        # Names the narrator sets next to a figure (metrics, options, the system): words inside them attach
        # the figure to no slice. Owners' names say nothing about which finding a sentence is about.
        self.quote_metric_names = {folded(v) for m in self.metrics.values() for v in plain_variants(m.metric.name)}
        self.quote_names = self.quote_metric_names | {
            folded(o.name) for t in doc.tradeoffs for o in t.options} | {folded(doc.system.name)}
        self.owner_names = {folded(o.name) for o in self.owners}
        self.quote_owners: dict[str, set[str]] = {}
        for f in doc.findings:
            for o in (f.owner, *(m.owner for m in f.mitigations)):
                if o:
                    self.quote_owners.setdefault(folded(o), set()).add(f.id)
        self.folded_numbered = by_length({folded(t) for t in phrases} | {
            folded(t) for t in names if _DIGIT.search(t)})

    # ---------------------------------------------------------------- queries
    def finding_ids(self) -> list[str]:
        return [f.id for f in self.doc.findings]

    def owner_of(self, finding_id: str) -> str | None:
        f = self.findings.get(finding_id)
        return f.owner if f else None


# Words briefs use for levels and states: an id written like one ("medium" in "medium-severity") is a word there.
_LEVEL_WORDS = frozenset("""low medium high critical severe severity rare unlikely possible likely certain open closed
accepted mitigating mitigated planned done risk""".split())


_HOURS_COUNTED = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:hours?|hrs?|days?)\b", re.I)


def _id_pattern(ids: list[str]) -> re.Pattern | None:
    """Finding ids as whole words, never after an apostrophe (the "s" of "the model's recall" is no
    finding called "s"); an id written as a common word ("a", "none") only right after "finding"."""
    if not ids:
        return None
    plain = [re.escape(i) for i in ids if i not in STOPWORDS and i not in _LEVEL_WORDS]
    worded = [re.escape(i) for i in ids if i in STOPWORDS or i in _LEVEL_WORDS]
    parts = [f"(?:{'|'.join(plain)})"] if plain else []
    if worded:
        parts.append("(?:(?<=finding )|(?<=Finding )|(?<=findings )|(?<=Findings ))(?:" + "|".join(worded) + ")")
    return re.compile(r"(?<![\w.'’])(?:" + "|".join(parts) + r")(?![\w])")


# What a findings text contributes to the quotables depends on the text alone, and the documents
# of a batch share most of their texts: each is worked out once.
@remembered
def _long_parts(text: str) -> tuple[str, ...]:
    """The parts of text between stops (. or ;) of three words or more, trimmed and lower-cased."""
    parts = (part.strip().rstrip(".;").lower() for part in _PHRASE_END.split(text))
    return tuple(p for p in parts if len(p.split()) >= 3)


@remembered
def _quoted_whole(text: str) -> str | None:
    """The text as a name quoted whole (lower-cased, single-spaced), when it has two words or more."""
    whole = same_spacing(text.strip().rstrip(".;").strip().lower())
    return whole if len(whole.split()) >= 2 else None


@remembered
def _numbered_pieces(text: str) -> tuple[str, ...]:
    """The text, and its sentences of two words or more, that carry a digit: each as written and single-spaced."""
    if not _DIGIT.search(text):
        return ()
    whole = text.strip().rstrip(".;").strip().lower()
    out: list[str] = []
    for piece in [text, *split_sentences(text)]:
        piece = piece.strip().rstrip(".;").strip().lower()
        if _DIGIT.search(piece) and (piece == whole or len(piece.split()) >= 2):
            out += [same_spacing(piece), " ".join(piece.split())]
    return tuple(out)


@remembered
def _vocab_of(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(raw words, stems) a text adds to the document's vocabulary; documents of a batch share many texts."""
    raw: list[str] = []
    stems: list[str] = []
    for w in words(text):
        raw.append(w)
        stems.append(stem(w))
        if w[-1:] in "'’":
            raw.append(w.rstrip("'’"))
        if "-" in w:
            for part in w.split("-"):
                raw.append(part)
                stems.append(stem(part))
    return tuple(raw), tuple(stems)


_PARTICIPLE_NAME = re.compile(r"^([a-z]+s) ([a-z]+ed)\b")
_SHARE_PARTICIPLE = re.compile(r"^(?:share|rate|percentage|proportion|fraction|number)\s+(?:of\s+[a-z]+\s+)?([a-z]+ed\b.*)$")


@functools.lru_cache(maxsize=4096)  # pure in the name; checks compare the same few owners again and again
def owner_stems(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(full, core) stems of an owner's name: core without the generic words ("team", "lead").

    The same words the sentences are read in, so "Legal-Ops" or "Team 7" in a brief
    is the owner the findings name."""
    full = tuple(stem(w) for w in words(name) if w not in ("the", "a", "an", "of", "and"))
    return full, tuple(s for s in full if s not in GENERIC_OWNER) or full


def by_length(phrases: set[str]) -> Phrases:
    return Phrases(sorted((p for p in phrases if p), key=lambda t: (-len(t), t)))


def _document_texts(doc: FindingsDocument):
    """Every free-text field of the document."""
    s = doc.system
    yield from (t for t in (s.name, s.version, s.owner, s.purpose, *s.users) if t)
    if doc.context:
        c = doc.context
        yield from (t for t in (c.decision, c.business_goal, *c.stakeholders) if t)
    for f in doc.findings:
        yield from (t for t in (f.title, f.summary, f.impact, f.owner, *f.affected, *f.caveats, *f.evidence) if t)
        for m in f.mitigations:
            yield from (t for t in (m.action, m.owner, m.effect) if t)
        for m in f.metrics:
            yield from (t for t in (m.name, m.population, m.source) if t)
    for t in doc.tradeoffs:
        yield from (x for x in (t.question, t.rationale, *t.criteria, *t.constraints) if x)
        for o in t.options:
            yield from (x for x in (o.name, o.description, *o.pros, *o.cons) if x)
            for m in o.metrics:
                yield from (x for x in (m.name, m.population, m.source) if x)


_TIME_UNITS = (("hour", 3600.0), ("minute", 60.0), ("day", 86400.0))


def _in_named_time_unit(q: nums.Quantity, metric) -> float | None:
    """A length of time q as a count of the unit a count metric is named in ("hours"), else None."""
    if q.unit != "s" or metric.unit.value != "count":
        return None
    name, said = metric.name.lower(), q.text.lower()
    for word, seconds in _TIME_UNITS:
        if word in name and word in said:
            return q.value / seconds
    return None


@per_object
def index_for(doc: FindingsDocument) -> FindingsIndex:
    """The index of doc, built once per document object (kept for the last few documents)."""
    return FindingsIndex(doc)
