"""One sentence of a brief, read once: tokens, typed mentions and alignment.

Alignment says what in the findings a sentence (or clause) talks about: which
findings (from riskbrief's `sources`, else by content), which metrics (numbers
and population phrases), which option of a trade-off, which mitigation.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from evals.faithfulness import lexicon as lx
from evals.faithfulness import numbers as nums
from evals.faithfulness.index import FindingsIndex, MitInfo, owner_stems
from evals.faithfulness.quotes import find_quotes, find_spans, folded
from evals.faithfulness.text import OPTION_LETTER_RE, STOPWORDS, WORD_RE, content_stems, hyphen_parts, letter_stem, split_clauses, stem
from evals.faithfulness.text_cache import remembered


class _once:
    """A property computed on first read and then stored on the instance (functools.cached_property
    without the lock Python 3.11 takes on every first read, which costs more than these values)."""

    def __init__(self, fn):
        self.fn, self.name = fn, fn.__name__
        self.__doc__ = fn.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass
class PopMention:
    start: int  # token index
    end: int
    pops: list[str]  # best-matching population texts (ties kept)
    hits: frozenset[str]
    quality: float


@dataclass
class Sentence:
    text: str
    section: str | None
    sources: list[str]
    tok_stems: list[str] = field(default_factory=list)
    tok_words: list[str] = field(default_factory=list)
    tok_starts: list[int] = field(default_factory=list)
    quantities: list[nums.Quantity] = field(default_factory=list)
    pop_mentions: list[PopMention] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)  # aligned finding ids, best first
    source_metrics: list[str] = field(default_factory=list)
    memo: dict = field(default_factory=dict)  # per-sentence results shared by the checks
    carried: bool = False  # findings inherited from the previous sentence ("It is ..."), not found in this one
    related: list[str] = field(default_factory=list)  # every finding the sentence touches (sources, or any clear overlap)
    candidates: list[str] | None = None  # findings its clauses may be about (None: any)

    # Cached on the instance: the checks read these many times per sentence.
    @_once
    def low(self) -> str:
        return lx._lower(self.text)

    @_once
    def plain_low(self) -> str:
        return lx._lower(self.plain)

    @_once
    def plain(self) -> str:
        """The text with phrases quoted from the findings blanked out (same length, same offsets):
        "possible hardcoded password" as a finding's title says nothing about likelihood."""
        return self.memo.get("plain", self.text)  # set by analyse before any check reads it

    @_once
    def clauses(self) -> list[tuple[int, str]]:
        return split_clauses(self.text)

    def tok_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.tok_starts, char) - 1)

    def stems_between(self, a: int, b: int) -> set[str]:
        i, j = bisect.bisect_left(self.tok_starts, a), bisect.bisect_left(self.tok_starts, b)
        return {s for s in self.tok_stems[i:j] if s}


_STEMS: dict[str, str] = {}


def _stem_new(w: str) -> str:
    s = _STEMS[w] = stem(w)
    return s


@remembered
def _tokens(text: str) -> tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]:
    """(words, start offsets, stems) of a text; pure in the text, so shared by every document
    of a batch whose briefs repeat a sentence."""
    low = lx._lower(text)
    words = WORD_RE.findall(low)
    starts = [m.start() for m in WORD_RE.finditer(low)]
    stems = ["" if w in STOPWORDS else (_STEMS.get(w) or _stem_new(w)) for w in words]
    if len(low) == len(text):
        # An acronym that spells a stopword ("Hospital IT", "US market") is a name, not a function word.
        for i, w in enumerate(words):
            if not stems[i] and len(w) > 1 and text[starts[i]: starts[i] + len(w)].isupper():
                stems[i] = w
    if " " in text and OPTION_LETTER_RE.search(text):
        letters = {m.start(1) for m in OPTION_LETTER_RE.finditer(text) if m.group(1).isupper()}
        for i, a in enumerate(starts):
            if a in letters:
                stems[i] = letter_stem(words[i])
    return tuple(words), tuple(starts), tuple(stems)


def _titles_named(idx: FindingsIndex, text: str) -> list[tuple[int, int, str]]:
    """"finding A (dashboard)": the parenthesis after a finding's id is its title, quoted, however short."""
    if idx.id_re is None or "(" not in text:
        return []
    out = []
    for m in idx.id_re.finditer(text):
        if text.startswith(" (", m.end()):
            close = text.find(")", m.end() + 2)
            inner = text[m.end() + 2: close] if close > 0 else ""
            if inner and folded(inner) == folded(idx.findings[m.group(0)].title):
                out.append((m.end() + 2, close, folded(inner)))
    return out


# "finding 2024-07", and "(for 2024-07; owned by ...)" as a mitigation names the finding it serves.
_FINDING_WORD = re.compile(r"(?:\bfindings?|\(for)\s+$", re.I)


def _ids_named(idx: FindingsIndex, text: str) -> list[tuple[int, int]]:
    """Spans of labels: finding ids written right after the word 'finding', metric references
    ('metric F1.acc', how a metric without a readable name is called) after 'metric'."""
    out = []
    if idx.id_re is not None and ("inding" in text or "(for " in text):
        out = [m.span() for m in idx.id_re.finditer(text) if _FINDING_WORD.search(text, max(0, m.start() - 12), m.start())]
    if "etric " in text and idx.metrics:
        refs = idx.__dict__.get("_metric_ref_re")
        if refs is None:
            names = sorted(idx.metrics, key=lambda r: (-len(r), r))
            refs = idx.__dict__["_metric_ref_re"] = re.compile(
                r"\b[Mm]etric\s+(" + "|".join(map(re.escape, names)) + r")(?![\w.])")
        out += [m.span(1) for m in refs.finditer(text)]
    return out


def _option_ids_named(idx: FindingsIndex, text: str) -> list[tuple[int, int]]:
    """Spans of options named by an id written in capitals ("option ALWAYS", "REFER"): a label, not the
    word "always" or "refer" of a claim."""
    ids = idx.__dict__.get("_option_id_re")
    if ids is None:
        words = sorted({o.id for t in idx.doc.tradeoffs for o in t.options if len(o.id) >= 2 and o.id.isupper()
                        and o.id.isalpha()}, key=len, reverse=True)
        ids = idx.__dict__["_option_id_re"] = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b") if words else False
    if not ids:
        return []
    return [m.span() for m in ids.finditer(text)]


def tokenize(sent: Sentence) -> None:
    words, starts, stems = _tokens(sent.text)
    sent.tok_words, sent.tok_starts, sent.tok_stems = list(words), list(starts), list(stems)


_POP_BREAKS = frozenset(("and", "but", "than", "vs", "versus", "against", "while", "whereas"))


_IN_TERMS = re.compile(r"\bin (?:relative|absolute|real|percentage|cash|nominal|practical|plain) terms\b", re.I)
_STATUS_PARENS = re.compile(r"\([^()]*\b(?:done|planned|in progress|under way|underway)\b[^()]*\)", re.I)
_FIGURE_VERBS = frozenset("is are was were be been at reaches reached hits hit totals totalled".split())
_VERB_LEADS = frozenset("that which who it he she".split())
_QUOTER = re.compile(r"\b(?:any|every|each|a|no|all)\s+(?:public\s+|external\s+|written\s+)?(?:statements?|claims?|materials?|"
                     r"documents?|communications?|messages?|reports?|slides?|copy)\s+(?:that|which)\s+(?:quotes?|cites?|uses?|"
                     r"repeats?|mentions?)\b", re.I)
_DETERMINERS = frozenset("the a an this that these those its their our any every".split())
_VERB_AFTER = re.compile(r"\b(?:that|which|who|it|he|she)\s+\w+s\s+(?:the|a|an|this|that|these|those|its|their|our|any|every)\b", re.I)


def pop_vocab(idx: FindingsIndex) -> frozenset[str]:
    """Every word stem of the findings' populations, built once per document."""
    vocab = idx.__dict__.get("_pop_vocab")
    if vocab is None:
        vocab = idx.__dict__["_pop_vocab"] = frozenset(s for p in idx.pops.values() for s in p.weights)
    return vocab


def pop_texts(idx: FindingsIndex) -> str:
    """Every population's name, lower-cased, in one text ("a | b | c"), once per document."""
    texts = idx.__dict__.get("_pop_texts")
    if texts is None:
        texts = idx.__dict__["_pop_texts"] = " | ".join(p.lower() for p in idx.pops)
    return texts


_SYSTEM_DETERMINERS = frozenset(("the", "our", "this"))


def _system_head_stem(idx: FindingsIndex) -> str:
    """The stem of the system's name's last word ("assistant" of "Triage disposition assistant"), once per document."""
    got = idx.__dict__.get("_system_head_stem")
    if got is None:
        stems = content_stems(idx.doc.system.name)
        got = idx.__dict__["_system_head_stem"] = stems[-1] if stems else ""
    return got


_RESTS_ON = re.compile(r"\brest(?:s|ed|ing)?(?=\s+(?:on|upon)\b)", re.I)
_OF_THE_TIME = re.compile(r"\b(?:of|all|most|half)\s+the\s+time\b", re.I)


def pop_mentions(idx: FindingsIndex, sent: Sentence) -> list[PopMention]:
    """Clusters of population words (hits no more than 4 tokens apart) and the populations they best fit."""
    vocab = pop_vocab(idx)
    hits_at: list[tuple[int, str]] = [(i, s) for i, s in enumerate(sent.tok_stems) if s in vocab]
    added = False
    if "-" in sent.text:
        # "short-sarcastic posts", "Standard-Accent calls": a hyphenated word the findings do not use
        # names a slice by its parts
        more = [(i, p) for i, w in enumerate(sent.tok_words) if "-" in w and sent.tok_stems[i] not in vocab
                for p in hyphen_parts(w) if p in vocab]
        hits_at += more
        added = bool(more)
    joined = _pop_compounds(idx)
    if joined and not joined.keys().isdisjoint(sent.tok_words):
        # "men owned businesses" for the findings' "men-owned businesses": the words written apart
        ws = sent.tok_words
        for i, w in enumerate(ws):
            for parts, whole in joined.get(w, ()):
                if tuple(ws[i: i + len(parts)]) == parts:
                    hits_at.append((i + len(parts) - 1, whole))
                    added = True
    if added:
        hits_at.sort()
    if hits_at and _VERB_AFTER.search(sent.text):
        # "any statement that quotes the figure": a verb, not the slice "quotes" names
        words = sent.tok_words
        hits_at = [(i, s) for i, s in hits_at if not (0 < i < len(words) - 1 and words[i - 1].lower() in _VERB_LEADS
                                                       and words[i + 1].lower() in _DETERMINERS and words[i].endswith("s"))]
    if hits_at:
        # "the assistant agreed with the panel": the head word of the system's name after "the" or "our" names
        # the system, not the slice "call transcripts in the assistant's debug log" (whose "assistant's" still does)
        head = _system_head_stem(idx)
        words = sent.tok_words
        hits_at = [(i, s) for i, s in hits_at if not (s == head and i and words[i - 1].lower() in _SYSTEM_DETERMINERS
                                                      and not words[i].lower().endswith(("'s", "’s")))]
    if hits_at and ("say" in sent.low or "said" in sent.low):
        # "... should say that it does not hold for ...": a verb of saying, though a slice is one "protocol says" to send
        words = sent.tok_words
        hits_at = [(i, s) for i, s in hits_at if not (words[i].lower() in ("say", "says", "said") and (
            i + 1 < len(words) and words[i + 1].lower() == "that" or i and words[i - 1].lower() in ("should", "must", "to", "will")))]
    # The '6' of a label ('metric w.x6Psa1') names no slice, nor the 'four' of a gloss ('about four in five').
    # Nor the '3' of '3%': a figure with a unit is no slice's number ('aged 18-25' has none).
    skip = list(sent.memo.get("labels") or ()) + [(q.start, q.end) for q in sent.quantities
                                                  if q.gloss or q.unit not in ("count", "date")]
    if " terms" in sent.text:
        skip += [m.span() for m in _IN_TERMS.finditer(sent.text)]  # "36% lower in relative terms": no 'seller terms'
    if "rest" in sent.low:
        skip += [m.span() for m in _RESTS_ON.finditer(sent.text)]  # "the 47% rests on 260 potholes": no "rest of the wards"
    if "the time" in sent.low:
        skip += [m.span() for m in _OF_THE_TIME.finditer(sent.text)]  # "2.1% of the time": how often, no "all other times"
    if "quot" in sent.low:
        # "Any statement that quotes the 48 s figure should say ...": whoever repeats a figure, no slice of it
        skip += [m.span() for m in _QUOTER.finditer(sent.text)]
    if "(" in sent.text:
        # "(Control Room Technology, done)": a step's owner and status in brackets, no slice
        # (its date still says when, as a slice's month may: "(done, 31 July 2027), August's figure")
        skip += [(m.start(), m.start() + (d.start() if (d := re.search(r"\d", m.group(0))) else len(m.group(0))))
                 for m in _STATUS_PARENS.finditer(sent.text)]
    if idx.options and "ption" in sent.text:
        # the word "option" of "option FULL" names the option, not the slice "cancellations under this option";
        # "option human", an id in words, names no "human-translated" slice
        skip += [(m.start(), m.start(1)) for m in OPTION_LETTER_RE.finditer(sent.text) if m.group(1).isupper()]
        if (named := option_ids_in_words(idx)) is not None:
            skip += [m.span() for m in named.finditer(sent.text)]
    if idx.options and _digit_option_ids(idx) and any(ch.isdigit() for ch in sent.text):
        # the '12' of 'option M12' is the option's id, no slice's number
        skip += [(m.start(1), m.end(1)) for m in OPTION_LETTER_RE.finditer(sent.text) if any(ch.isdigit() for ch in m.group(1))]
    # Inside a quoted metric, option or system name ("hand-overs to humans per day") a word names no slice,
    # and so joins no cluster with the words around the quotation.
    skip += [(a, b) for a, b, p in sent.memo.get("quotes", ()) if p in idx.quote_names and p not in idx.quote_pops]
    if hits_at:
        # "an 18.81-point rise": a comparison's word, though a population's text ("..., from the pilot rise") has it
        skip += [(a, b) for a, b, _, _, word in lx.comparison_mentions(sent.plain) if word.lower() in _CHANGE_WORDS
                 # "48 percentage points lower than option B": a gap's word, though a slice is "reworded to lower the duty"
                 or _THAN_AFTER.match(sent.plain_low, b)]
    if skip and hits_at:
        hits_at = [(i, s) for i, s in hits_at if not any(a <= sent.tok_starts[i] < b for a, b in skip)]
    if hits_at and any(s[:1].isdigit() for _, s in hits_at):
        # "...; on customers aged 70 and over they are 25": a number stated after a verb is the figure, not
        # a number the slice's name holds ("aged 25 to 69")
        words = sent.tok_words
        hits_at = [(i, s) for i, s in hits_at if not (s[:1].isdigit() and i and words[i - 1].lower() in _FIGURE_VERBS)]
    if not hits_at:
        return []
    clusters: list[list[tuple[int, str]]] = []
    starts = sent.tok_starts
    # Token indexes a cluster may not span: a number's last token, and words that join two phrases.
    breaks = sorted({max(0, bisect.bisect_right(starts, max(q.start, q.end - 1)) - 1) for q in sent.quantities} | {
        i for i, w in enumerate(sent.tok_words) if w in _POP_BREAKS})
    for h in hits_at:
        if clusters and h[0] - (last := clusters[-1][-1][0]) <= 4 and not _break_between(breaks, last, h[0]):
            clusters[-1].append(h)
        else:
            clusters.append([h])
    out: list[PopMention] = []
    for c in clusters:
        if all(s[:1].isdigit() and _in_quantity(sent, i) for i, s in c):
            continue  # only the digits of a figure the sentence states: '3' of 'accuracy is 3' names no '3 owners'
        stems = frozenset(s for _, s in c)
        if stems <= _LEVEL_STEMS and len(c) == 1 and _AS_LEVEL.search(sent.text, 0, starts[c[0][0]]):
            continue  # "(2.3 times as high)": a multiple's word, not the 'highest-income' slice
        fit = _population_fit(idx, stems)
        if fit is not None:
            pops = list(fit[0])
            if len(pops) > 1:
                pops = _by_label(sent, c[0][0], c[-1][0], pops)
            out.append(PopMention(c[0][0], c[-1][0], pops, stems, fit[1]))
    return _quoted_pops(idx, sent, out)


_LABEL = re.compile(r"\b([A-Za-z]{3,})\s+([A-Z]|\d{1,2})\b")


def _by_label(sent: Sentence, first: int, last: int, pops: list[str]) -> list[str]:
    """Slices told apart only by a one-letter or one-number label ("Vendor A scanner images", "Vendor C
    scanner images"), whose label is no content word: the one whose label the mention says."""
    labels = {p: {(w.lower(), x) for w, x in _LABEL.findall(p)} for p in pops}
    if not any(labels.values()):
        return pops
    a = sent.tok_starts[first]
    b = sent.tok_starts[last] + len(sent.tok_words[last])
    said = {(w.lower(), x) for w, x in _LABEL.findall(sent.text[a:b + 3])}
    kept = [p for p in pops if labels[p] & said]
    return kept if kept and len(kept) < len(pops) else pops


def _pop_compounds(idx: FindingsIndex) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First part -> (parts, stem of the whole) for each hyphenated word of a population, once per document."""
    got = idx.__dict__.get("_pop_compounds")
    if got is None:
        got = {}
        for p in idx.pops:
            for w in WORD_RE.findall(p.lower()):
                if "-" in w and not w[:1].isdigit():
                    parts = tuple(w.split("-"))
                    if all(parts) and (parts, stem(w)) not in got.get(parts[0], []):
                        got.setdefault(parts[0], []).append((parts, stem(w)))
        idx.__dict__["_pop_compounds"] = got
    return got


def _in_quantity(sent: Sentence, tok: int) -> bool:
    at = sent.tok_starts[tok]
    return any(q.start <= at < q.end for q in sent.quantities)


def _population_fit(idx: FindingsIndex, stems: frozenset[str]) -> tuple[tuple[str, ...], float] | None:
    """(populations, coverage) a cluster of population words best fits; None when none fits.
    Remembered per document: sentences of a brief name the same slices again and again."""
    known: dict = idx.__dict__.setdefault("_pop_fits", {})
    try:
        return known[stems]
    except KeyError:
        pass
    scored: list[tuple[float, float, str]] = []
    for p in idx.pops.values():
        if p.cues.isdisjoint(stems):
            continue
        got = sum(p.weights.get(s, 0.0) for s in stems)
        q = min(1.0, got / p.total)
        if q >= 0.3:  # a cue word is present (tested above)
            scored.append((round(q, 6), round(got, 6), p.text))
    if not scored:
        known[stems] = None
        return None
    # Best coverage of the population's words; among equals, the one that accounts for more of the phrase.
    # Populations that fit about as well are all kept, except one whose every word the
    # phrase matches and that a more specific population also covers ("2025 holdout
    # applications" inside "2025 holdout applications scored by model B").
    top_q = max(q for q, _, _ in scored)
    near = [(q, g, t) for q, g, t in scored if q >= top_q - 0.1]
    keys = {t: set(idx.pops[t].weights) for _, _, t in near}
    pops = sorted(t for q, g, t in near if not any(
        o != t and keys[t] < keys[o] and keys[t] <= stems and og > g for _, og, o in near))
    fit = known[stems] = (tuple(pops), top_q)
    return fit


def _break_between(breaks: list[int], a: int, b: int) -> bool:
    """Is any of the sorted token indexes strictly between a and b?"""
    i = bisect.bisect_right(breaks, a)
    return i < len(breaks) and breaks[i] < b


def _quoted_pops(idx: FindingsIndex, sent: Sentence, found: list[PopMention]) -> list[PopMention]:
    """Inside a quoted metric name or population, words name no other slice: a population quoted
    whole is a mention of exactly that population, and a quoted name mentions none."""
    quotes = [(a, b, p) for a, b, p in sent.memo.get("quotes", ()) if p in idx.quote_pops or p in idx.quote_names]
    if not quotes:
        return found
    starts = sent.tok_starts

    def quoted(i: int) -> bool:
        return any(a <= starts[i] < b for a, b, _ in quotes)

    # A cluster whose every word sits in some quoted name ('the forms users's model pipeline ...', a system
    # name then a metric's) names no slice, even when it runs from one quotation into the next.
    out = [pm for pm in found if not all(quoted(i) for i in range(pm.start, pm.end + 1) if sent.tok_stems[i] in pm.hits)]
    for a, b, p in quotes:
        i, j = bisect.bisect_left(sent.tok_starts, a), bisect.bisect_left(sent.tok_starts, b) - 1
        if p in idx.quote_pops and i <= j:
            pops = idx.quote_pops[p]
            out.append(PopMention(i, j, list(pops), frozenset(s for t in pops for s in idx.pops[t].weights), 1.0))
    out.sort(key=lambda pm: pm.start)
    return out


def _stem_postings(idx: FindingsIndex) -> dict[str, list[tuple[str, float]]]:
    post = idx.__dict__.get("_postings")
    if post is None:
        post = {}
        for fid, weights in idx.finding_stems.items():
            for s, w in weights.items():
                if s not in idx.background:
                    post.setdefault(s, []).append((fid, w))
        idx.__dict__["_postings"] = post
    return post


def finding_scores(idx: FindingsIndex, stems: set[str], candidates: list[str]) -> list[tuple[float, str]]:
    post = _stem_postings(idx)
    totals = dict.fromkeys(candidates, 0.0)
    for s in stems:
        for fid, w in post.get(s, ()):
            if fid in totals:
                totals[fid] += w
    # Highest score first, ties by id: sort by id, then stably by score descending (no per-item key tuples).
    # Rounded: stems come in hash order, and the same weights summed in another order differ in the last bits.
    ranked = sorted((k, round(v, 9)) for k, v in totals.items())
    ranked.sort(key=itemgetter(1), reverse=True)
    return [(v, k) for k, v in ranked]


def align_findings(idx: FindingsIndex, stems: set[str], candidates: list[str], minimum: float = 1.2) -> list[str]:
    """Findings a piece of text is about, best first (only clear winners)."""
    return _clear_winners(finding_scores(idx, stems, candidates), minimum)


def _clear_winners(scored: list[tuple[float, str]], minimum: float) -> list[str]:
    if not scored or scored[0][0] < minimum:
        return []
    top = scored[0][0]
    return [fid for s, fid in scored if s >= top * 0.85]


_DOUBLED = frozenset("bdgmnprt")  # consonants a verb doubles before "-ing" and "-ed"


def best_mitigations(idx: FindingsIndex, stems: set[str]) -> tuple[float, list[MitInfo]]:
    """The best coverage of any mitigation's action by stems, and every mitigation reaching it."""
    best: tuple[float, list[MitInfo]] = (0.0, [])
    # "blurring", "stripping" stem to "blurr", "stripp": the action's own "Blur", "Strip"
    doubled = {s[:-1] for s in stems if len(s) >= 5 and s[-1] == s[-2] and s[-1] in _DOUBLED}
    if doubled:
        stems = stems | doubled
    totals = idx.__dict__.get("_mit_totals")
    if totals is None:
        totals = idx.__dict__["_mit_totals"] = [sum(m.weights.values()) or 1.0 for m in idx.mitigations]
    for m, total in zip(idx.mitigations, totals):
        if not m.stems or m.stems.isdisjoint(stems):
            continue
        # rounded: a sum of the same weights in another order (sets order by hash) must give the same share
        cov = round(sum(w for s, w in m.weights.items() if s in stems) / total, 9)
        if cov > best[0] + 1e-9:
            best = (cov, [m])
        elif best[1] and abs(cov - best[0]) <= 1e-9:
            best[1].append(m)
    return best


def sources_findings(idx: FindingsIndex, sources: list[str]) -> tuple[list[str], list[str], bool]:
    """(finding ids, metric refs, names only tradeoffs/system/context) named by a sentence's sources."""
    known: dict = idx.__dict__.setdefault("_sources_findings", {})
    key = tuple(sources)
    hit = known.get(key)
    if hit is None:
        hit = known[key] = _sources_findings(idx, sources)
    return list(hit[0]), list(hit[1]), hit[2]


def _sources_findings(idx: FindingsIndex, sources: list[str]) -> tuple[list[str], list[str], bool]:
    fids: list[str] = []
    refs: list[str] = []
    for s in sources:
        head = s.split(".", 1)[0]
        if head in idx.findings and head not in fids:
            fids.append(head)
        if s in idx.metrics:
            refs.append(s)
        elif head in idx.findings and "." not in s:
            refs += [r for r, i in idx.metrics.items() if i.finding == head]
        elif any(r.startswith(s + ".") for r in idx.metrics):
            refs += [r for r in idx.metrics if r.startswith(s + ".")]
            refs += [r for r, i in idx.metrics.items() if i.option and (i.option == s or i.option.startswith(s + "."))]
    return fids, sorted(set(refs)), bool(sources) and not fids


# Section ids, and words of a heading that say which section it is ("Decision needed" is the decision).
SECTION_IDS = ("situation", "findings", "impact", "options", "recommendation", "decision", "caveats")
_HEADING_WORDS = (("caveat", "caveats"), ("limits", "caveats"), ("do not tell", "caveats"), ("keep in mind", "caveats"),
                  ("decision", "decision"), ("need from you", "decision"), ("recommend", "recommendation"),
                  ("mitigation", "recommendation"), ("guardrail", "recommendation"), ("controls", "recommendation"),
                  ("next steps", "recommendation"), ("trade-off", "options"), ("choice", "options"))


@lru_cache(maxsize=256)
def section_id(heading: str | None) -> str | None:
    """A Markdown heading as the section id it stands for: an audience profile's title for the section
    ('What the numbers do not tell us' is caveats), else a word that names it; None for other headings."""
    if not heading:
        return None
    h = heading.strip().lower()
    if h in SECTION_IDS:
        return h
    from schemas.audience import audience_names, load_profile

    for name in audience_names():
        for sid, title in load_profile(name).section_titles.items():
            if title.strip().lower() == h:
                return sid
    return next((sid for word, sid in _HEADING_WORDS if word in h), None)


def analyse(idx: FindingsIndex, text: str, section: str | None, sources: list[str], previous: list[str],
            hint: list[str] | None = None) -> Sentence:
    sent = Sentence(text, section_id(section), sources)
    tokenize(sent)
    titles = _titles_named(idx, text)
    quotes = find_quotes(text, idx.folded_quotes) + titles
    sent.memo["quotes"] = quotes
    # "finding F2 (dashboard)": the parenthesis is F2's title, even when an owner or an action has the same words.
    sent.memo["title_spans"] = [(a, b) for a, b, _ in titles]
    # "X owns it" right after a sentence about X's finding stays about that finding, even when X's
    # name shares words with another one.
    context = set(previous) | set(hint or ())
    owners = idx.quote_owners
    sent.memo["owner_spans"] = [(a, b) for a, b, p in quotes if p in owners and not owners[p].isdisjoint(context)
                                and (a, b) not in sent.memo["title_spans"]]
    spans = [(a, b) for a, b, _ in quotes]
    # An id named as a finding's ("finding none", "finding No") is a label, not a word of the claim.
    labels = _ids_named(idx, text) + _option_ids_named(idx, text)
    if spans or labels:
        chars = list(text)
        for a, b in spans + labels:
            chars[a:b] = " " * (b - a)
        sent.memo["plain"] = "".join(chars)
    # A number inside a phrase the findings themselves use ("forecasts within 10% of actual
    # revenue", a quoted title) is the findings' own wording, not a claim about a value.
    own = spans + labels + find_spans(text, idx.folded_numbered)
    sent.memo["own_spans"] = own  # comparisons inside them ("10% below the final settlement") are the findings' words too
    found = nums.extract(text)
    sent.quantities = [q for q in found if not any(a <= q.start and q.end <= b for a, b in own)]
    if len(sent.quantities) < len(found):
        # figures in the findings' own words: not checked, but they still say which metrics are compared
        sent.memo["own_quantities"] = [q for q in found if q not in sent.quantities]
    sent.memo["labels"] = labels
    sent.pop_mentions = pop_mentions(idx, sent)
    # An owner's name, also words of some finding's text, says whose step or risk it is, not which finding
    # the sentence is about ("batched into the next visit (done, Facilities Engineering)").
    quoted = [(owners[p] & context) if (a, b) in sent.memo["owner_spans"] else idx.quote_findings[p]
              for a, b, p in quotes if p in idx.quote_findings and (p not in owners or (a, b) in sent.memo["owner_spans"])]
    if sources:
        fids, refs, _ = sources_findings(idx, sources)
        sent.source_metrics = refs
        # A single finding named wins however the words score; only several need ranking.
        sent.findings = (align_findings(idx, _stems_of(sent), fids, 0.0) or fids) if len(fids) > 1 else fids
        sent.related = list(fids)
        sent.candidates = list(fids)
    elif (nth := _ordinal_finding(idx, text)) is not None:
        sent.findings = sent.related = sent.candidates = [nth]  # "the second finding": the document's second
    elif idx.id_re is not None and (named := sorted({m.group(0) for m in idx.id_re.finditer(text)})):
        sent.findings = named  # "Finding F2: ..." says which finding it is about
        sent.related = named
        sent.candidates = named
    elif hint and not (quoted and all(q.isdisjoint(hint) for q in quoted)):
        # The finding a paragraph names holds for its sentences, until one quotes only another finding's text.
        sent.findings = align_findings(idx, _stems_of(sent), hint, 0.0) or list(hint)
        sent.related = list(hint)
        sent.candidates = list(hint)
    elif quoted:
        # A sentence that quotes a finding's own text (its title, a metric's name) is about that
        # finding, however many words it shares with the others; an owner named right after its
        # finding ("X owns it") stays with that finding, even when X is also another one's title.
        # Quotes that share one finding ("false decline rate" and a population two findings measure)
        # are about that one.
        common = set.intersection(*quoted)
        if len(common) > 1 and sent.pop_mentions:
            # A metric name several findings share ("shortlist rate"), said of populations only some of
            # them measure ("on men ...; on women ..."), is about those.
            measured = {idx.metrics[r].finding for pm in sent.pop_mentions for p in pm.pops for r in idx.pops[p].refs}
            common = (common & measured) or common
        sent.findings = sorted(common or quoted[0])
        sent.related = sorted(set().union(*quoted))
    else:
        stems = topic_stems(sent, 0, len(text))
        # One scoring serves both: the related findings and the clear winners (align_findings).
        scored = finding_scores(idx, stems, idx.finding_ids())
        sent.related = sorted(fid for score, fid in scored if score >= 1.0)
        sent.findings = _clear_winners(scored, 1.2)
        if scored and scored[0][0] < _STRONG and (by_owner := labelled_owner_finding(idx, text)):
            # "Recovery (low, likely; accepted; owner: Collections Finance manager)": the one finding that
            # owner owns, over a word or two the line shares with another
            sent.findings = [by_owner]
            sent.related = sorted(set(sent.related) | {by_owner})
        if len(previous) == 1 and scored and sent.findings and sent.findings[0] != previous[0] and scored[0][0] < _STRONG * 1.5 \
                and next((v for v, f in scored if f == previous[0]), 0.0) >= 0.7 * scored[0][0] and not sent.quantities:
            # "A customer could be refused on evidence we could never produce", after a sentence on the letters
            # that cite missing evidence: a sentence with no figure that fits the finding just spoken of almost as
            # well as another goes on about it
            sent.findings = list(previous)
            sent.related = sorted(set(sent.related) | set(previous))
        if previous and _ANAPHORA.match(text) and scored[0][0] < _STRONG:
            # "It is rated medium-severity": the pronoun is the finding just spoken of, whatever few words
            # ("rated", "risk") the sentence shares with another one.
            sent.findings = [f for f in sent.findings if f in previous] or list(previous)
            sent.related = sorted(set(sent.related) | set(previous))
            sent.candidates = list(previous)  # and so is each of its clauses
        if not sent.findings:
            # A number that is a metric value ties the sentence to that metric's finding.
            for q in sent.quantities:
                for f in idx.facts:
                    if f.kind == "metric" and f.finding and f.unit == q.unit and abs(f.value - q.value) <= q.tol and f.finding not in sent.findings:
                        sent.findings.append(f.finding)
        if not sent.findings and not (previous and _ANAPHORA.match(text)):
            # One word only one finding uses ("the timeout problem", when no other finding speaks of
            # timeouts) names the finding a rating or a status is said of (clause_findings), rather
            # than the finding of the sentence before; too faint a tie for anything else.
            sent.memo["sole"] = _sole_finding(finding_scores(idx, stems - _RATING_STEMS, idx.finding_ids())
                                              if not stems.isdisjoint(_RATING_STEMS) else scored)
        if not sent.findings:
            sent.findings = list(previous)
            sent.carried = True
    if not sources and sent.findings and len(sent.quantities) >= 2 and (owner := _figures_owner(idx, sent)) \
            and owner not in sent.findings:
        # "In an audit of 500 packs the memo captured 94% ..., but only 76% in packs over 80 pages": two of the
        # sentence's figures are one finding's own, whatever another finding's words ("long packs") it quotes
        sent.findings = [owner]
        sent.related = sorted(set(sent.related) | {owner})
    return sent


_ORDINAL = re.compile(r"\bthe (first|second|third|fourth|fifth|sixth) (?:finding|risk|issue|weakness|problem)\b", re.I)
_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "sixth": 5}


def _ordinal_finding(idx: FindingsIndex, text: str) -> str | None:
    """The finding "the second finding" names: the document's second, when the sentence names one so and only one."""
    if "the " not in text.lower():
        return None
    said = {_ORDINALS[m.group(1).lower()] for m in _ORDINAL.finditer(text)}
    if len(said) != 1:
        return None
    n = said.pop()
    return idx.doc.findings[n].id if n < len(idx.doc.findings) else None


_OWNER_LABEL = re.compile(r"\b(?:owner|accountable)\s*:\s*(?:the\s+)?([^;,()]+)", re.I)
# "...; owned by the Head of Claims Fraud; ...", "The Head of Claims Fraud owns this high-severity, likely risk"
_OWNED_BY = re.compile(r"\bowned by\s+(?:the\s+)?([^;,()]+)", re.I)
_OWNS_IT = re.compile(r"(?:^|[.;:]\s+)(?:the\s+)?([A-Z][\w' -]{2,60}?)\s+owns\s+(?:it|this(?:\s+(?:risk|finding|issue))?)(?=\s*[;,.]|\s+and\b|$)")
_OWNS = re.compile(r"(?:^|[.;:]\s+|\band\s+)(?:the\s+)?([A-Z][\w' -]{2,60}?)\s+owns\s+(?:this|it|the)\b")


@remembered  # pure in the text, which briefs repeat
def owner_label(text: str) -> bool:
    """Does the text label an owner ("Owner: X", "accountable: X")?"""
    return _OWNER_LABEL.search(text) is not None


def labelled_owner_finding(idx: FindingsIndex, text: str) -> str | None:
    """The one finding owned by the owner a line labels ("owner: X"); None when no label, or that owner
    owns no finding or several."""
    if "wn" not in text and "ccountable" not in text:
        return None
    m = _OWNER_LABEL.search(text)
    if m is None and (lx.severity_mentions(text) or lx.likelihood_mentions(text)):
        # a rating said with its owner ("owns this high-severity, likely risk") rates the finding that owner owns
        m = _OWNED_BY.search(text) or _OWNS.search(text)
    if m is None:
        m = _OWNS_IT.search(text)  # "The Head of Marketing Data Science owns it; ...": that owner's finding
    if m is None:
        return None
    full = owner_stems(m.group(1).strip().rstrip("."))[0]
    owned = [f.id for f in idx.doc.findings if f.owner and owner_stems(f.owner)[0] == full]
    return owned[0] if len(owned) == 1 else None


def _digit_option_ids(idx: FindingsIndex) -> bool:
    """Does any option's id hold a digit ("M12")? Once per document."""
    got = idx.__dict__.get("_digit_option_ids")
    if got is None:
        got = idx.__dict__["_digit_option_ids"] = any(any(ch.isdigit() for ch in letter) for _, letter in idx.options.values())
    return got


_LEVEL_STEMS = frozenset(stem(w) for w in "high low higher lower highest lowest".split())
_AS_LEVEL = re.compile(r"\b(?:as|so|too|very|times)\s+$", re.I)


# A sentence that opens with a pronoun continues the one before it.
_ANAPHORA = re.compile(r"(?:it|this|that|its|they|these|those|their|we\s+(?:rate|rank|judge|consider|score)\s+(?:it|this|that))\b(?!\s+(?:is|are|was|were)\s+(?:not\s+)?(?:clear|unclear|likely|possible|worth|important|true|why|how|what|unknown)\b)", re.I)
# Content that points at another finding this clearly outweighs the pronoun.
_STRONG = 2.0


# A word of a finding's title or summary (weight 0.8 and up), or its impact or who it affects (0.6);
# one only from a caveat is too faint.
_SOLE = 0.6


# Words that rate or track a finding say nothing of which one ("we rate that critical").
_RATING_STEMS = frozenset(stem(w) for w in """critical highest top severe high serious major medium moderate low minor
likely unlikely possible probable rare certain almost risk rate rated rating severity likelihood open closed resolved
fixed mitigated mitigating accepted finding issue problem""".split())


def _sole_finding(scored: list[tuple[float, str]]) -> list[str]:
    """The one finding any of the words points at, when no other finding shares any of them."""
    if scored and scored[0][0] >= _SOLE and (len(scored) == 1 or scored[1][0] == 0):
        return [scored[0][1]]
    return []


def _stems_of(sent: Sentence) -> set[str]:
    return {s for s in sent.tok_stems if s}


def option_mentions(idx: FindingsIndex, sent: Sentence, a: int = 0, b: int | None = None) -> list[tuple[int, str]]:
    """(token index, option ref) for options named between chars a and b."""
    b = len(sent.text) if b is None else b
    out: list[tuple[int, str]] = []
    said = [m for m in OPTION_LETTER_RE.finditer(sent.text, a, b) if m.group(1).isupper()]
    if (named := option_ids_in_words(idx)) is not None:
        said += named.finditer(sent.text, a, b)  # "option human"
    if (bare := _bare_option_letters(idx)) is not None:
        said += bare.finditer(sent.text, a, b)  # "B costs $1.55 more per claim than A"
    for m in said:
        said_letter = next(g for g in m.groups() if g)
        for oref, (_, letter) in idx.options.items():
            if letter == said_letter.lower():
                out.append((sent.tok_at(m.start()), oref))
    i0, i1 = bisect.bisect_left(sent.tok_starts, a), bisect.bisect_left(sent.tok_starts, b)
    # the words of a metric's name said whole ("On share of renewals auto-approved, ...") name the metric,
    # not an option whose name has the same words ("No auto-approval; a caseworker decides every renewal")
    names = [(x, y) for x, y, p in sent.memo.get("quotes", ()) if p in idx.quote_metric_names]
    for i in range(i0, i1):
        s = sent.tok_stems[i]
        if names and any(x <= sent.tok_starts[i] < y for x, y in names):
            continue
        if s[:1].isdigit() and i + 1 < len(sent.tok_words) and sent.tok_words[i + 1].lower() in _GAP_AFTER:
            continue  # "0.5 lower": a gap, not the 0.5 threshold an option is named by
        for oref, (cue, _) in idx.options.items():
            if s and s in cue and not any(o == oref and abs(t - i) <= 2 for t, o in out):
                out.append((i, oref))
    out.sort()
    return out


def own_option_cues(idx: FindingsIndex) -> dict[str, frozenset[str]]:
    """Each option's name words that no other option's name has."""
    own = idx.__dict__.get("_option_own_cues")
    if own is None:
        own = idx.__dict__["_option_own_cues"] = {
            o: cue - frozenset().union(*(c for p, (c, _) in idx.options.items() if p != o)) for o, (cue, _) in idx.options.items()}
    return own


def _figures_owner(idx: FindingsIndex, sent: Sentence) -> str | None:
    """The one finding whose own metric values two or more of the sentence's figures are, if there is one."""
    values = idx.__dict__.get("_metric_values")
    if values is None:  # (value, unit, finding) of every finding's metric, once per document
        values = idx.__dict__["_metric_values"] = [(f.value, f.unit, f.finding) for f in idx.facts
                                                   if f.kind == "metric" and f.finding]
    hits: dict[str, int] = {}
    for q in sent.quantities:
        if q.is_date or q.gloss:
            continue
        owners = {fid for v, u, fid in values if u == q.unit and abs(v - q.value) <= max(q.tol, 1e-9)}
        for fid in owners:
            hits[fid] = hits.get(fid, 0) + 1
    best = [fid for fid, n in hits.items() if n >= 2]
    return best[0] if len(best) == 1 else None


_THAN_AFTER = re.compile(r"\s+than\b")
_CHANGE_WORDS = frozenset("rise rises fall falls drop drops increase increases decrease decreases gain gains jump jumps "
                          "decline declines climb climbs".split())
_GAP_AFTER = frozenset("lower higher less more fewer greater points point pp percentage times".split())


def _bare_option_letters(idx: FindingsIndex):
    """A pattern for options named by their capital letter alone, where a brief has called them so ("(B)",
    "B costs ... than A"): at the head of a sentence or list item before a verb or a comma, or after a word that
    sets one thing against another. "A" at a sentence's head is an article unless a comma or colon follows."""
    got = idx.__dict__.get("_bare_option_letters", False)
    if got is False:
        letters = sorted({o.id for t in idx.doc.tradeoffs for o in t.options if re.fullmatch(r"[A-Z]", o.id)})
        got = None
        if len(letters) >= 2:
            alt = "|".join(letters)
            not_a = "|".join(x for x in letters if x != "A")
            got = re.compile(r"(?:(?<=\bthan )|(?<=\bvs )|(?<=\bvs\. )|(?<=\bagainst )|(?<=\bover )|(?<=\bunder )|(?<=\()|(?<=\band )|(?<=\bor ))"
                             rf"({alt})(?![\w'’-])|"
                             rf"(?:^|(?<=[.;:]\s)|(?<=\n)|(?<=[-*]\s))(?:({not_a})(?=\s+[a-z]+s?\b|,)|(A)(?=[,:]))")
        idx.__dict__["_bare_option_letters"] = got
    return got


def option_ids_in_words(idx: FindingsIndex):
    """A pattern for "option human", "option light_post_edit": the document's option ids that are not
    capital codes, named after "option"; None when every id is a code OPTION_LETTER_RE finds."""
    got = idx.__dict__.get("_option_ids_in_words", False)
    if got is False:
        ids = sorted({o.id for t in idx.doc.tradeoffs for o in t.options if not OPTION_LETTER_RE.fullmatch(f"option {o.id}")},
                     key=len, reverse=True)
        got = idx.__dict__["_option_ids_in_words"] = re.compile(
            r"\b[Oo]ption\s+(" + "|".join(re.escape(i) for i in ids) + r")(?![\w-])") if ids else None
    return got


_VERB_NEGATION = re.compile(r"\b(?:not|never|neither)\b|n't\b|\bcannot\b", re.I)


def negated_before(text: str, pos: int, window: int = 24, *, verbal: bool = False) -> bool:
    """A negation word before pos within window characters, in the same comma-free stretch.

    verbal=True counts only negated verbs ("is not", "don't"), not "no"/"without".
    """
    seg = text[max(0, pos - window): pos]
    seg = re.split(r"[;:—–(]|,\s", seg)[-1]  # nor across a bracket: "cannot be trusted (critical, ...)"
    return (_VERB_NEGATION.search(seg) if verbal else lx.NEGATION_RE.search(lx._lower(seg))) is not None


def topic_stems(sent: Sentence, a: int, b: int) -> set[str]:
    """Stems between chars a and b that say what the text is about: an owner's name, quoted, does not.

    A hyphenated word also says its parts ("peak-hour timeouts" are about peak hours)."""
    owners = sent.memo.get("owner_spans")
    if not owners:
        out = sent.stems_between(a, b)
    else:
        out = {s for s, at in zip(sent.tok_stems, sent.tok_starts) if s and a <= at < b and not any(x <= at < y for x, y in owners)}
    if "-" in sent.text[a:b]:
        out = out | {p for w, at in zip(sent.tok_words, sent.tok_starts) if "-" in w and a <= at < b
                     and not (owners and any(x <= at < y for x, y in owners)) for p in hyphen_parts(w)}
    return out


def finding_prose(idx: FindingsIndex) -> dict[str, str]:
    """Each finding's own prose (title, summary, impact, caveats), folded, built once per document."""
    prose = idx.__dict__.get("_folded_prose")
    if prose is None:
        prose = idx.__dict__["_folded_prose"] = {
            f.id: folded(" ".join([f.title, f.summary, f.impact or "", *f.caveats])) for f in idx.doc.findings}
    return prose


def in_own_words(idx: FindingsIndex, sent: Sentence, start: int, end: int, fid: str | None) -> bool:
    """Do tokens start..end, with up to three words after them (three words at least), appear in the
    finding's own prose? Then they are its wording ('merchant categories added this year'), whatever
    the population's words are."""
    prose = finding_prose(idx).get(fid or "", "")
    if not prose:
        return False
    for stop in range(min(end + 3, len(sent.tok_words) - 1), end, -1):
        if stop - start >= 2 and folded(" ".join(sent.tok_words[start:stop + 1])) in prose:
            return True
    return False


def clause_findings(idx: FindingsIndex, sent: Sentence, a: int, b: int) -> list[str]:
    key = ("fids", a, b)
    if key not in sent.memo:
        stems = topic_stems(sent, a, b)
        cands = sent.candidates if sent.candidates is not None else idx.finding_ids()
        sent.memo[key] = align_findings(idx, stems, cands) or sent.memo.get("sole") or sent.findings
    return sent.memo[key]


def in_clause(items, off: int, clause: str):
    """Sentence-level mentions (start, end, ...) that fall in a clause, with clause-relative offsets."""
    end = off + len(clause)
    return [(a - off, b - off, *rest) for a, b, *rest in items if off <= a < end]
