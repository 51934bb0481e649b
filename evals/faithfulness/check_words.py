"""Word checks: severity and likelihood levels, negation of what the findings say,
and named entities the findings never mention. Each returns its issues and
whether the sentence had anything it could check (framing is not a claim)."""

from __future__ import annotations

import re

from evals.faithfulness import lexicon as lx
from evals.faithfulness.analysis import Sentence, clause_findings, finding_prose, in_clause, negated_before
from evals.faithfulness.caveats import states_a_caveat
from evals.faithfulness.check_numbers import Issue
from evals.faithfulness.index import FindingsIndex
from evals.faithfulness.quotes import folded
from evals.faithfulness.text import content_stems, stem
from evals.faithfulness.text_cache import remembered

ENTITY_ALLOW = frozenset("""
i we our us you the a an this that these those it its he she they in on at for to of and or but if when while with
by from as monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december board ceo cfo cto coo cro ciso dpo executive executives management legal
compliance engineering product marketing finance security support risk model option decision caveat caveats finding
findings recommendation recommendations situation impact what why how who where which next decision note summary
headline overall options trade-offs trade tradeoff tradeoffs status owner owners due eval faithfulness ai ml it hr
limits background context consequences mitigation plan controls conditions required things keep mind users experience
product why matters launch safely need from you decision needed choice front us where stand found means business
numbers tell do not usd eur gbp rag red amber green tl dr tldr faq faqs fyi asap kpi kpis okr okrs
jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
planned done open closed accepted mitigating mitigated resolved progress pending yes no none n/a na tbd
ci n p50 p90 p95 p99 pp
critical high medium low likely unlikely possible rare almost certain severity likelihood pros cons biggest smallest
largest highest lowest best worst risk risks area areas control controls action actions due date
crit med sev lik poss hi lo mod q a slide appendix
memo memorandum briefing draft confidential subject cc
""".split())

_ENTITY_RE = re.compile(r"(?<![\w.-])[A-Z][A-Za-z&'’-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][A-Za-z&'’-]*)*")
# A straight quote right after a letter or digit closes a quotation ('Dana "DJ" Jones'); it opens no sentence.
# The last alternative: nothing before but marks, at least one of them not a space ("\u202a Owns it").
_SENT_START = re.compile(r"(?:^|[:;—–(“‘*]\s*|(?<![^\W_])[\"']\s*|[.!?]\s+)$|^(?:\W|_)*(?:[^\w\s]|_)(?:\W|_)*$")


_NOT_RATED = re.compile(r"\b(?:do|does|did|is|are|was|were)(?:\s+not|n't)\s+(?:rate|rated|consider|considered|class\w*|treat|treated|see|seen|regard|regarded|view|viewed|count|counted)\b", re.I)


def _levels(f, which: str):
    v = getattr(f, which)
    return (v.rank, v.value.replace("_", " ")) if v is not None else (None, "not yet assessed")


def check_levels(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    issues: list[Issue] = []
    checked = False
    sev, lik = lx.severity_mentions(sent.plain), lx.likelihood_mentions(sent.plain)
    if not sev and not lik:
        return issues, checked
    for off, clause in sent.clauses:
        fids = clause_findings(idx, sent, off, off + len(clause))
        fs = [idx.findings[f] for f in fids if f in idx.findings]
        if not fs:
            # Nothing says which finding: the word must fit at least one of them.
            fids, fs = idx.finding_ids(), list(idx.doc.findings)
        elif len(fs) > 1 and _OWNED_BY.search(clause):
            # "Rated high severity, likely, it is owned by the Head of Data and Insight": the finding that owner owns
            named = [f for f in fs if f.owner and f.owner.lower() in clause.lower()]
            fs = named if len(named) == 1 else fs
        for a, b, levels, word in in_clause(sev, off, clause):
            if _findings_term(idx, clause, a, b) or (a and clause[a - 1] in "\"“‘'" and clause[b:b + 1] in ("\"", "”", "’", "'")):
                continue  # "critical mistranslations", a measure the findings name so; '"Critical" means': a word defined
            checked = True
            fs_here = _id_before(idx, sent.text, off + a) or fs
            if _MORE.search(clause, 0, a):
                continue  # "more serious than the latency gap" ranks two findings, it rates neither
            if _MOST.search(clause, 0, a):
                # "the most serious issue": the highest severity of the document's findings, whatever its name
                top = max((f.severity.rank for f in idx.doc.findings if f.severity is not None), default=None)
                levels = (top,) if top is not None else levels
            ok = any(f.severity is not None and f.severity.rank in levels for f in fs_here)
            neg = negated_before(clause, a, 30, verbal=True) or bool(_NOT_RATED.search(clause[:a]))
            ev = "; ".join(f"{f.id} severity {_levels(f, 'severity')[1]}" for f in fs_here)
            if neg and ok:
                issues.append(Issue("negation", "contradicted", f"'not {word}' denies the finding's severity: {ev}", tuple(fids)))
            elif not neg and not ok:
                issues.append(Issue("severity", "contradicted", f"'{word}' does not match: {ev}", tuple(fids)))
        for a, b, levels, word in in_clause(lik, off, clause):
            if re.search(r"\b(?:rather than|instead of|not|nor)\s+$", clause[:a], re.I):
                continue  # "possible rather than likely" denies the word it names
            if _document_says(idx, clause, a, b):
                continue  # "card payments that are likely fraudulent", as the system's purpose says: no rating
            checked = True
            fs_here = _id_before(idx, sent.text, off + a) or fs
            ok = any(f.likelihood is not None and f.likelihood.rank in levels for f in fs_here)
            if not ok:
                ev = "; ".join(f"{f.id} likelihood {_levels(f, 'likelihood')[1]}" for f in fs_here)
                issues.append(Issue("severity", "contradicted", f"'{word}' does not match: {ev}", tuple(fids)))
    return issues, checked


_OWNED_BY = re.compile(r"\bowned by\b|\bowner\s*[:=]|\bowns (?:it|this)\b", re.I)
_MOST = re.compile(r"\bmost\s+$", re.I)
_MORE = re.compile(r"\b(?:more|less|no more|no less)\s+$", re.I)


def _id_before(idx: FindingsIndex, text: str, at: int) -> list:
    """The finding whose id comes just before a rating in its own bracket or list ("(G2, medium,
    possible)", "G3 (critical, rare)"): that finding's rating, whatever else the sentence names."""
    if idx.id_re is None:
        return []
    start = max(0, at - 30)
    found = [m for m in idx.id_re.finditer(text, start, at)]
    if not found:
        return []
    m = found[-1]
    between = text[m.end():at]
    if re.search(r"[;:.)]|\b(?:and|but|while|whereas)\b", between):
        return []
    f = idx.findings.get(m.group(0))
    return [f] if f is not None else []


_RATED_NOUNS = frozenset("severity risk risks likelihood priority impact rating level concern issue issues finding findings problem".split())


def _findings_term(idx: FindingsIndex, text: str, a: int, b: int) -> bool:
    """Is the word at text[a:b] with the word after it a term the findings' metric names use
    ("critical mistranslations per 10,000 replies")?"""
    after = _WORD.match(text, b + 1) if text[b:b + 1] == " " else None
    if after is None:
        return False
    pairs = idx.__dict__.get("_named_pairs")
    if pairs is None:
        pairs = set()
        for n in {m.metric.name for m in idx.metrics.values()}:
            ws = [w.lower() for w in _WORD.findall(n)]
            pairs.update(zip(ws, ws[1:]))
        idx.__dict__["_named_pairs"] = pairs
    nxt = after.group(0).lower()
    # "low severity", "high risk": a rating however a name words it
    return nxt not in _RATED_NOUNS and (text[a:b].lower(), nxt) in pairs


def _document_says(idx: FindingsIndex, text: str, a: int, b: int) -> bool:
    """Is the word at text[a:b], with the two words before or after it, the document's own wording
    (its purpose, decision, goal, or a finding's prose)?"""
    before, word, after = text[:a].split()[-2:], text[a:b], text[b:].split()[:2]
    prose = idx.__dict__.get("_document_prose")
    if prose is None:
        ctx, system = idx.doc.context, idx.doc.system
        parts = [system.purpose or "", *(finding_prose(idx).values())]
        if ctx is not None:
            parts += [ctx.decision or "", ctx.business_goal or ""]
        parts += [x for t in idx.doc.tradeoffs for o in t.options for x in (*o.pros, *o.cons)]  # "likely to push opt-outs higher"
        prose = idx.__dict__["_document_prose"] = " | ".join(folded(p) for p in parts)
    windows = [before + [word]] if len(before) == 2 else []
    windows += [[word] + after] if len(after) == 2 else []
    return any(folded(" ".join(w)) in prose for w in windows)


_NEG_SKIP = frozenset("be been is are was were do does did have has had yet a an the any always currently so as being get got even only just "
                      "still also ever really necessarily".split())
# Words a negation may deny without denying a finding: how far its actions have got, and what the
# document has not yet stated ("the impact has not yet been stated" says nothing of 'United States').
_STATUS_HEADS = frozenset(stem(w) for w in ("done complete completed place carried implemented started begun finished yet live deployed "
                                            "rolled delivered cited mitigation mitigations fix fixes action actions control controls owner "
                                            "plan planned stated specified").split())


def _negated_stems(idx: FindingsIndex, fid: str) -> frozenset[str]:
    cache = idx.__dict__.setdefault("_negated", {})
    got = cache.get(fid)
    if got is None:
        f = idx.findings[fid]
        out: set[str] = set()
        for t in [f.title, f.summary, f.impact or "", *f.caveats, *(m.action for m in f.mitigations),
                  *(f"{m.name} {m.population or ''}" for m in f.metrics)]:  # "cases opened ... without a fuel-receipt check"
            for m in lx.NEGATION_RE.finditer(lx._lower(t)):
                out.update(content_stems(t[m.end(): m.end() + 60])[:4])
        for m in f.mitigations:
            if lx.NEGATION_RE.search(lx._lower(m.action)):
                # "Count nurses ... as extra to the minimum, never towards it": a step told with its own "never"
                out.update(content_stems(m.action))
        got = cache[fid] = frozenset(out)
    return got


_DIFFER = stem("difference")


def _equal_figures(sent: Sentence) -> bool:
    """Two of the figures the sentence states are the same."""
    seen = set()
    for q in sent.quantities:
        key = (q.value, q.unit)
        if key in seen:
            return True
        seen.add(key)
    return False


_WITH_NO = re.compile(r"\bwith no\b")


def check_negation(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    issues: list[Issue] = []
    checked = False
    mirrored = idx.__dict__.get("_mirrored")
    if mirrored is None:
        mirrored = idx.__dict__["_mirrored"] = frozenset().union(*(_negated_stems(idx, f) for f in idx.findings))
    settled = sent.memo.get("slice_words") or ()
    if _ABOUT_THE_FINDINGS.match(sent.text):
        return issues, checked  # "The findings state no limits on their evidence": what the document says, not a denial
    if _PROS_CONS.match(sent.text) or _STEP_LABEL.search(sent.text):
        # "Pros: no recordings, no false flags": an option's terms; "(done, 15 February 2027)": a step as built
        return issues, checked
    for said, word, head in _negated_words((sent.plain_low, sent.text)):
        if head in settled:
            continue
        at = sent.plain_low.find(said)
        if at > 0 and any(q.end <= at and at - q.end <= 40 and not q.is_date for q in sent.quantities):
            continue  # "46% of alerts were not followed by unhealthy air": a share that does not, stated as such
        if head == _DIFFER and _equal_figures(sent):
            continue  # "...; on the South it is 5%, no difference": between the two figures it states
        if re.match(r"(?:hold|holds|apply|applies)\b", sent.plain_low[at + len(said) + 1:]):
            continue  # "it does not hold for judgments before 1990": where a figure applies, no denial of a finding
        w_at = sent.plain_low.find(word.lower(), at)
        if w_at > 0 and sent.text[w_at - 1] in "\"“‘'":
            continue  # 'the "thank" pile, not the "help" pile': a label named, not a statement denied
        if w_at >= 0 and lx.NOT_ALL_AFTER.match(sent.plain_low, w_at + len(word)):
            continue  # "has not yet supplied everything an audit needs": not all of it, which a part supplied bears out
        if at > 0 and _WANTED_BEFORE.search(sent.plain_low, max(0, at - 40), at):
            continue  # "confirm that no false-wake audio reaches the cloud": what is to be made true, not what is
        if at > 0 and _MODAL_BEFORE.search(sent.plain_low, max(0, at - 8), at):
            continue  # "questions the tool may not answer": what it may do, no denial of what it does
        if said == "no" and _WITH_NO.search(sent.plain_low, max(0, at - 6), at + 2):
            continue  # "cases opened on an alert with no fuel-receipt check": what the cases lacked, no denial
        if said in ("nobody", "no one") and _RELATIVE_BEFORE.search(sent.plain_low, max(0, at - 24), at):
            continue  # "records things nobody said": what the things are, no denial of what was said
        if at > 0 and _by_a_party(idx, lx._lower(sent.text), at, said):
            continue  # "the Privacy Office has not reviewed them", "we have not yet seen the retest": work not done, no denial
        for fid in sent.findings:
            w = idx.finding_stems.get(fid, {})
            if w.get(head, 0) >= 0.6 and head not in idx.background and head not in mirrored and _same_word(idx, fid, word):
                if states_a_caveat(idx, sent.text):
                    break  # "No outage in the trial ran past two hours": a limit of the evidence, as a caveat gives it
                checked = True
                issues.append(Issue("negation", "contradicted", f"'{said} {word}' denies what {fid} says: {idx.findings[fid].title}", (fid,)))
                break
    return issues, checked


_PARTY_VERB = re.compile(r"\s+(?:has|have|had|does|do|did)\s*$")
_WE_BEFORE = re.compile(r"\b(?:we|i)\s+(?:have|had|do|did)?\s*$")


def _by_a_party(idx: FindingsIndex, low: str, at: int, said: str) -> bool:
    """Is the negation at `at` of the lower-cased text (owners' names not blanked) what a party has not done: an owner of the findings as the subject
    ("the Privacy Office has not reviewed them"), or "we" with "yet" ("we have not yet seen")?"""
    before = low[max(0, at - 80):at]
    if _WE_BEFORE.search(before):
        return low.startswith(" yet", at + len(said))
    verb = _PARTY_VERB.search(before)
    if verb is None:
        return False
    subject = before[:verb.start()]
    return any(subject.endswith(name) and (len(subject) == len(name) or not subject[-len(name) - 1].isalnum())
               for name in idx.owner_names if name)


_PROS_CONS = re.compile(r"\W*(?:pros?|cons?|upsides?|downsides?|advantages?|disadvantages?|benefits?|drawbacks?|costs?)\s*:", re.I)
_STEP_LABEL = re.compile(r"\((?:[^()]*?[,;]\s*)?(?:done|planned|in progress)\b[^()]*\)", re.I)
_WANTED_BEFORE = re.compile(r"\b(?:confirm|ensure|make sure|check|verify|require|prove|show|until)\s+(?:that\s+)?[^.;:]{0,30}$")
_ABOUT_THE_FINDINGS = re.compile(r"\W*(?:the\s+)?(?:findings|review|report|document)\s+(?:state|states|give|gives|report|reports|say|says|"
                                 r"list|lists|name|names|record|records|include|includes|mention|mentions|set|sets)\s+no\b", re.I)


# The last letter of a name for a place or body of the words before it: unit, department, centre, office, ward, team
_PLACE_INITIALS = frozenset("UDCOWT")


def _initials_of(idx: FindingsIndex, letters: str) -> bool:
    """Are the letters the initials of words the findings write in a row?"""
    known = idx.__dict__.get("_initials")
    if known is None:
        from evals.faithfulness.index import _document_texts

        found: set[str] = set()
        for t in _document_texts(idx.doc):
            ws = [w for w in re.findall(r"[A-Za-z]+", t.lower()) if w not in ("of", "and", "the", "for")]
            for n in range(2, 6):
                found.update("".join(x[0] for x in ws[i:i + n]) for i in range(len(ws) - n + 1))
        known = idx.__dict__["_initials"] = frozenset(found)
    return letters in known


def _same_word(idx: FindingsIndex, fid: str, word: str) -> bool:
    """A verb form the finding never uses is not its word: "not directed to help" denies nothing
    of "direct disclosures", though both stem to "direct"."""
    low = word.lower()
    if not (low.endswith("ed") or low.endswith("ing")):
        return True
    known = idx.__dict__.setdefault("_finding_words", {})
    got = known.get(fid)
    if got is None:
        f = idx.findings[fid]
        got = known[fid] = frozenset(w.lower() for t in (f.title, f.summary, f.impact or "", *f.caveats)
                                     for w in _WORD.findall(t))
    return low in got


_MODAL_BEFORE = re.compile(r"\b(?:may|might)\s+$")
# A noun a relative clause opened by "nobody" describes ("things nobody said", "changes no one asked for").
_RELATIVE_BEFORE = re.compile(r"\b(?:things?|what|anything|something|everything|words?|statements?|points?|remarks?|"
                              r"decisions?|changes?|actions?|answers?|promises?|\w+s)\s+$")


@remembered  # pure in the sentence's (blanked, plain) text, which briefs repeat
def _negated_words(texts: tuple[str, str]) -> tuple[tuple[str, str, str], ...]:
    """(negation, the word it denies, that word's stem) for each negation that denies a content word."""
    plain_low, text = texts
    out = []
    for m in lx.NEGATION_RE.finditer(plain_low):
        rest = _WORD.findall(text, m.end(), m.end() + 60)
        heads = [w for w in rest[:5] if w.lower() not in _NEG_SKIP][:3]
        if not heads:
            continue
        head = stem(heads[0])
        if head in _STATUS_HEADS or lx.severity_mentions(" ".join(rest[:5])) or lx.comparison_mentions(heads[0]):
            continue
        out.append((m.group(0), heads[0], head))
    return tuple(out)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def check_entities(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    novel: list[str] = []
    # Names inside text quoted from the findings are the findings' own (sent.plain blanks them).
    plain, text = sent.plain, sent.text
    if _ADDRESSED.search(text):
        # "To: General Counsel and the Board's Audit Committee Re: ...": who a memo is for names no finding's fact
        plain, text = _ADDRESSED.sub(lambda m: " " * len(m.group(0)), plain), _ADDRESSED.sub(lambda m: " " * len(m.group(0)), text)
    for w, lw, parts in _name_words((plain, text)):
        if all(len(p) <= 1 or p in ("of", "and") or p in ENTITY_ALLOW or p in idx.raw_words or stem(p) in idx.vocab for p in parts) \
                or lw in idx.raw_words:
            continue
        if "-" in w and all(p[:1].islower() or p.lower() in idx.raw_words or stem(p.lower()) in idx.vocab
                            for p in w.strip("'’-").split("-") if p):
            continue  # "English-language": the name is the part written with a capital
        if w.isupper() and len(w) >= 2 and (_initials_of(idx, w.lower()) or len(w) >= 3 and w[-1] in _PLACE_INITIALS
                                             and _initials_of(idx, w[:-1].lower())):
            continue  # "AQI" for the findings' "air quality index"; "ICU" for their "intensive care" (unit)
        if len(w) >= 3 and w.endswith("s") and w[:-1].isupper() and w[:-1].lower() in idx.raw_words:
            continue  # "GPs" for the findings' "GP": capitals take a plain "s" for the plural
        novel.append(w)
    if lx.contains_any(sent.plain_low, _BODY_HEADS):
        novel += _bodies_in_lower_case(idx, sent.plain_low)
    if novel:
        return [Issue("extrinsic", "unsupported", f"named in no finding: {', '.join(sorted(set(novel)))}")], True
    return [], False


# Bodies a brief may invent in lower case: "the national media regulator", "the state transport commission"
_BODY_HEADS = ("regulator", "commission", "ombudsm", "watchdog", "inspectorate", "tribunal", "ministry")
_BODY = re.compile(r"\b(?:the|a|an|our|its)\s+((?:[a-z]+\s+){0,3})(regulators?|commission|ombudsm[ae]n|watchdogs?|inspectorate|"
                   r"tribunal|ministry)\b")
_BODY_WORDS = frozenset("state national federal european regional local city county government data media transport financial "
                        "competition health privacy consumer energy banking insurance aviation telecoms communications "
                        "securities trade labour labor education".split())


def _bodies_in_lower_case(idx: FindingsIndex, low: str) -> list[str]:
    """Public bodies named in lower case that the findings never name: the kind of body ("regulator") or a word
    that says which one ("state", "media") is a word no finding uses."""
    out = []
    for m in _BODY.finditer(low):
        mods = [w for w in m.group(1).split() if w in _BODY_WORDS]
        head = m.group(2)
        if stem(head) not in idx.vocab or any(stem(w) not in idx.vocab for w in mods):
            out.append(" ".join([*mods, head]))
    return out


@remembered  # pure in the sentence's (blanked, plain) text, which briefs repeat
def _name_words(texts: tuple[str, str]) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(word, its lower-case form, its parts) for each capitalised word that may name something:
    a sentence's first word only when written in capitals ("EU")."""
    plain, text = texts
    out = []
    for m in _ENTITY_RE.finditer(plain):
        ws = m.group(0).split()
        # "(b) Two constraints bind ...", "2. Two ...": a numbered point starts a sentence too
        at_start = _at_sentence_start(text, m.start()) or bool(_LIST_MARK.search(text, 0, m.start()))
        for k, w in enumerate(ws):
            if k == 0 and at_start and not (w.isupper() and len(w) > 1):
                continue
            if k == len(ws) - 1 and _LABEL_AFTER.match(plain, m.end()):
                continue  # "... Subject: Veridoc", "Recommended option: ...": a memo's label, run into one line
            lw = w.lower().strip("'’-")
            out.append((w, lw, tuple(p for p in _NON_ALNUM.split(lw) if p)))
    return tuple(out)


_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ADDRESSED = re.compile(r"(?:^|(?<=\s))(?:To|From|Cc|Copy|Attn|For|Prepared by)\s*:\s*.*?(?=\s+[A-Z][a-z]+(?:\s+[a-z]+){0,2}:\s|$)"
                        r"|^\W*Dear\s+[^,:]{1,60}[,:]")  # "Dear General Counsel,": whom a letter is for
_LIST_MARK = re.compile(r"(?:^|\n|[;:]\s)\s*(?:\([a-z0-9]{1,3}\)|\d{1,2}[.)]|[a-z][.)])\s+$", re.I)
_LABEL_AFTER = re.compile(r"(?:\s+[a-z]+){0,2}:\s")
_OPENERS = frozenset(":;—–(\"“‘'*·•|→")  # "Decision by: 31 May · System owner: X": a label opens each part


def _at_sentence_start(text: str, pos: int) -> bool:
    """_SENT_START.search(text[:pos]), read backwards from pos instead of scanning from the start."""
    if pos == 0 or pos == 1 and text[0] == "\n":
        return True  # "^$": an empty prefix, or only the newline "$" may stand before
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == 0:
        return False  # only spaces before: "^" needs an empty prefix
    if not any(ch.isalnum() for ch in text[:i]):
        return True  # only marks before ("\u202a Owns it"): the first visible word starts the sentence
    c = text[i - 1]
    if c in "\"'" and i >= 2 and text[i - 2].isalnum():
        return False  # a straight quote right after a word closes a quotation: 'Dana "DJ" Jones', 'Jones' team'
    return c in _OPENERS or (c in ".!?" and i < pos)
