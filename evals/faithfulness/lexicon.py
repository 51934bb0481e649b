"""Word lists with meaning attached: severity and likelihood levels (synonyms keep
their level), statuses and tense, certainty modals, negation and comparison words.

Every pattern is compiled once at import; checks only run them.
"""

from __future__ import annotations

import re

from evals.faithfulness.text_cache import per_text

_I = re.I


def _fast(pattern: str) -> re.Pattern:
    """Compile for lower-cased text, case-sensitively (several times faster than re.I)."""
    return re.compile(re.sub(r"(\\.|\(\?P)|([A-Z])", lambda m: m.group(1) or m.group(2).lower(), pattern))


def _lower(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)

# --- severity (1 low .. 4 critical); each entry: pattern -> allowed levels
_SEV_WORDS = {
    "critical": (4,), "highest": (4,), "top": (4,), "severe": (3, 4), "high": (3,), "serious": (3, 4), "major": (3,),
    "significant": (3,), "medium": (2,), "moderate": (2,), "mid-level": (2,), "low": (1,), "minor": (1,), "small": (1,),
}
_SEV_WORD = r"(critical|highest|top|severe|high|serious|major|medium|moderate|mid-level|low|minor)"
SEVERITY_RES = [
    _fast(rf"\b{_SEV_WORD}[- ](?:severity|-severity|priority)\b"),
    # not a kind of case: "the highest-risk and longest-waiting cases", "high-risk patients"
    _fast(rf"\b{_SEV_WORD}[- ](?:risk|issue|finding|concern|problem|gap|weakness|flaw|exposure)\b(?!-|\s+(?:and\s+[\w-]+\s+)?"
          r"(?:cases?|patients?|customers?|applicants?|applications?|groups?|users?|people|individuals?|transactions?|payments?|"
          r"accounts?|areas?|wards?|units?|students?|children|items?|orders?|documents?|calls?|segments?|sites?|populations?|"
          r"claims?|loans?|borrowers?|merchants?|suppliers?|invoices?|prompts?|messages?|queries|requests?|sales?|ones|"
          r"pupils?|first|tenants?|passengers?|travell?ers?|drivers?|vehicles?|reports?|schools?|homes?|properties|stores?|"
          r"plates?|notices?|members?|employees?|staff|households?|families|regions?|zones?|routes?|flights?|sensors?|"
          r"assets?|contracts?|listings?|sellers?|products?|events?|farms?|fields?)\b)"),
    _fast(rf"\bseverity(?:\s+(?:level|rating))?(?:\s+(?:is|was|of|as|rated|remains))*\s*:?\s+{_SEV_WORD}\b"),
    _fast(rf"\b{_SEV_WORD}\s+in\s+severity\b"),  # "we judge this low in severity"
    # "ranked low in the queue" places items; "ranked as low" rates
    _fast(rf"\b(?:(?:rated|rate (?:it|this|them)|classed|classified|treat (?:it|this) as)\s+(?:as\s+)?|rank(?:ed)?\s+(?:it\s+|this\s+|them\s+)?as\s+)(?:a\s+|an\s+)?{_SEV_WORD}\b"),
    _fast(r"\b(critical)\b(?![- ](?:path|to|for|mass|infrastructure|thinking))(?<!mission-critical)(?<!business-critical)"),
    # a rating pair, severity then likelihood: "F2 (high, possible; ...)", "the risk is low and likely"
    _fast(rf"\b{_SEV_WORD}(?:\s*,\s*|\s*/\s*|\s+and\s+|\s+but\s+)(?=(?:almost certain|nearly certain|very likely|highly likely|"
          r"likely(?!\s+to\b)|very unlikely|unlikely|possible|rare|improbable)\b)"),
]


_ANY_SEVERITY = _fast(rf"\b{_SEV_WORD}\b")


@per_text  # pure in the text, and briefs of a batch repeat sentences across documents
def severity_mentions(text: str) -> list[tuple[int, int, tuple[int, ...], str]]:
    """(start, end, allowed levels, word) for each severity statement in text."""
    out: list[tuple[int, int, tuple[int, ...], str]] = []
    if not _has_any(text, _SEVERITY_FRAGMENTS) or not _ANY_SEVERITY.search(_lower(text)):
        return out
    taken: list[tuple[int, int]] = []
    low = _lower(text)
    for rx in SEVERITY_RES:
        for m in rx.finditer(low):
            a, b = m.span(1)
            if any(x <= a < y for x, y in taken):
                continue
            word = m.group(1).lower()
            taken.append((a, b))
            out.append((a, b, _SEV_WORDS.get(word, ()), word))
    out.sort()
    return out


# --- likelihood (1 rare .. 5 almost certain)
_LIK = [
    (r"\b(?:almost|nearly|virtually|all but|near)[- ]certain(?:ly)?\b|\bvery likely\b|\bhighly likely\b|\bexpected to (?:happen|occur|recur)\b|\bmore or less certain\b", 5),
    (r"\b(?:very|highly|extremely) unlikely\b|\brare(?:ly)?\b|\bremote(?: chance| possibility| risk|(?!\s+[a-z]))\b|\bexceptional(?:ly)?\b", 1),
    (r"\bunlikely\b|\bimprobable\b|\bnot likely\b|\bnot expected to\b", 2),
    (r"\blikely\b|\bprobabl[ey]\b|\bmore likely than not\b|\bto be expected\b", 4),
    (r"\bpossible\b(?! to)|\bpossibly\b|\bplausibl[ey]\b|\ba real possibility\b", 3),
    # "could happen" claims no more than possible: it fits rare, unlikely and possible alike.
    (r"\b(?:could|may|might) (?:well )?(?:happen|occur|materiali[sz]e|arise)\b", (1, 2, 3)),
]
_LIK_ALL = _fast("|".join(f"(?P<l{i}>{p})" for i, (p, _) in enumerate(_LIK)))
_LIK_EXCLUDE = _fast(r"\b(?:as soon as|if|where|when|whenever|wherever) possible\b|\bpossible (?:options?|ways?|fix(?:es)?|actions?|steps?)\b|\blikely outcome of the decision\b|"
                     r"\b(?:most |quite |very )?likely (?:because|due to|caused by|owing to|as a result of)\b|"
                     r"\b(?:more|less|as|far more|much more|twice as|three times as|no more|no less)\s+likely\b(?! than not)|\blikelier\b|"
                     r"\b(?:would|will|could|may|might|should)\s+(?:likely|probably)\b|"
                     # "some of them possibly vulnerable": how sure a description is, not how likely the risk
                     r"\b(?:possibly|probably|plausibly)\s+(?!occur|happen|materiali|arise|recur)\w+(?:ble|ive|ous|al|ent|ant|ic|ful|less)\b|"
                     # "money sent to the wrong account is rarely recovered", "with possible late payments": how
                     # often something else happens, or an outcome that may follow, not the risk's likelihood
                     r"\brarely\s+(?!occur|happen|materiali|arise|recur)\w+(?:ed|en)\b|\bwith possible\b|"
                     # "both counts probably miss some": how complete a measure is, not how likely the risk
                     r"\b(?:probably|possibly|likely)\s+(?:miss|understate|overstate|undercount|overcount|underestimate|overestimate|"
                     r"include|exclude|differ|vary)\w*\b|"
                     # "the true count is likely higher", "short possibly-sarcastic posts": a measure's bias, a description
                     r"\b(?:probably|possibly|likely)\s+(?:higher|lower|larger|smaller|greater|bigger|more|less|fewer|worse|better|"
                     r"under\w+|over\w+)\b|\b(?:probably|possibly|likely|plausibly)-[a-z]|"
                     # "possible breach of fair housing law": a consequence that may follow, not the risk's likelihood
                     r"\bpossible\s+(?:breach|breaches|loss|losses|harm|fines?|penalt\w+|claims?|complaints?|delays?|misuse|"
                     r"outages?|lawsuits?|litigation|sanctions?|damage|(?:indirect\s+|direct\s+|unlawful\s+)?discrimination|"
                     r"bias|liability|infringements?|violations?|challenges?|exposure|reputational)\b|"
                     # "marks likely duplicates", "flags possible fraud": what a system picks out, not how likely the risk
                     r"\b(?:mark|flag|find|found|spot|catch|caught|identif|detect|surface|pick|group|match|list)\w*\s+(?:the\s+|as\s+)?"
                     r"(?:likely|possible|probable)\s+(?!risks?\b|findings?\b|issues?\b|problems?\b|to\b)[a-z]+")


@per_text
def likelihood_mentions(text: str) -> list[tuple[int, int, tuple[int, ...], str]]:
    """(start, end, levels the words allow, words) for each likelihood statement in text."""
    out: list[tuple[int, int, tuple[int, ...], str]] = []
    if not _has_any(text, _LIKELIHOOD_FRAGMENTS):
        return out
    low = _lower(text)
    excluded = [m.span() for m in _LIK_EXCLUDE.finditer(low)]
    for m in _LIK_ALL.finditer(low):
        a, b = m.span()
        if any(x < b and a < y for x, y in excluded):
            continue
        lvl = _LIK[int(m.lastgroup[1:])][1]
        out.append((a, b, lvl if isinstance(lvl, tuple) else (lvl,), m.group(0).lower()))
    return out


# --- mitigation status and tense
_DONE = (
    r"\b(?:done|completed?|finished|in place|implemented|deployed|rolled out|delivered|shipped|in effect|in force|"
    r"enforced|live now|now live|already \w+ed|up and running|carried out|put in place|switched on|turned on)\b"
    r"|\b(?<!to )(?<!would )(?<!could )(?<!might )(?<!should )(?<!must )(?<!may )(?:has|have|had) (?:now |already |just )?(?:been )?(?!not\b|yet\b|to\b|no\b)\w+(?:ed|en|wn|lt|ut|ne|ght)\b"
    r"|\b(?:has|have) (?:now |already |just )?had\b"
    r"|\b(?:now|already) (?:requires?|routes?|filters?|shows?|blocks?|runs?|uses?|applies|checks?)\b"
)
_IN_PROGRESS = (
    r"\b(?:in progress|under ?way|ongoing|in hand|partly done|partially (?:done|complete)|(?:has|have) (?:begun|started)|"
    r"work (?:has )?(?:begun|started)|started|being \w+(?:ed|en|wn|lt|ut|ne|ght))\b"
    r"|\b(?:is|are) (?:now |currently |already )?(?!going\b|planning\b|expected\b|being\b|missing\b|lacking\b)(?:\w+-)?\w+ing\b"
)
_PLANNED = (
    r"\b(?:planned|plans? to|planning to|scheduled|will|is to be|are to be|proposed|intends? to|to be \w+ed|"
    r"not (?:yet )?(?:started|begun)|upcoming|next step(?!s?\s*(?::|$))|is going to|are going to|yet to (?:start|begin)|"
    r"(?:is|are) due to (?:have )?\w+)\b"  # "is due to have amended the contract by May": not yet done
)
_NOT_DONE = r"\b(?:not (?:yet )?(?:been )?(?:done|completed?|finished|in place|implemented|deployed|live|rolled out|carried out|delivered)|yet to be \w+|(?:has|have)(?: not|n't) (?:yet )?(?:been )?\w+(?:ed|en|wn|lt|ut|ne|ght)|not yet)\b"
STATUS_RES = [
    ("not_done", _fast(_NOT_DONE)),
    ("in_progress", _fast(_IN_PROGRESS)),
    ("planned", _fast(_PLANNED)),
    ("done", _fast(_DONE)),
]
# Which stated statuses fit each true mitigation status.
STATUS_FITS = {
    "planned": {"planned", "not_done"},
    "in_progress": {"in_progress", "not_done", "planned_future"},
    "done": {"done"},
}

FINDING_STATUS_RES = [
    ("closed", re.compile(r"\b(?:closed|resolved|fixed|no longer (?:a |an )?(?:risk|issue|problem|concern))\b", _I)),
    ("mitigating", re.compile(r"\b(?:being mitigated|mitigation (?:is )?(?:under ?way|in progress)|mitigating)\b", _I)),
    # not what a system does to its inputs: "likely to be accepted", "wrongly accepted", "accepted suggestions"
    # nor what someone would do: "whether or not the passenger would have accepted it"
    ("accepted", re.compile(r"\b(?:(?<!to be )(?<!get )(?<!gets )(?<!got )(?<!wrongly )(?<!falsely )(?<!would have )(?<!would )"
                            r"(?<!might have )(?<!could have )accepted(?! (?:suggestions?|"
                            r"answers?|claims?|offers?|applications?|impostors?|requests?|transactions?|inputs?|completions?|"
                            r"payments?|matches|by the (?:gate|system|model|filter))\b)"
                            # "all 240 robots accepted an unsigned command": a thing accepted, not a risk
                            r"(?! (?:an?|every|all|any|some|most|each|\d[\d,.]*)\b)(?! the (?!risk\b|residual\b|finding\b))|"
                            r"accept(?:s|ed)? (?:the|this) risk|"
                            r"risk acceptance|tolerated?)\b", _I)),
    # not the verb: "only four engineers could open it", "to open the log"
    ("open", re.compile(r"(?<!-)(?<!could )(?<!can )(?<!cannot )(?<!to )(?<!would )(?<!will )\b(?:open|unresolved|outstanding|"
                        r"not (?:yet )?resolved|remains? open|still open)\b(?!-)(?! (?:question|source|data|api|web)s?\b)"
                        r"(?! (?:it|them|the|this|that|a|an)\b)", _I)),
]
FINDING_STATUS_ANY = _fast(r"\b(?:closed|resolved|fixed|no longer|mitigat\w*|accept\w*|tolerate\w*|open|unresolved|outstanding)\b")
FINDING_STATUS_FITS = {
    "open": {"open"},
    "mitigating": {"mitigating", "open"},
    "accepted": {"accepted", "open"},
    "closed": {"closed"},
}

# --- certainty (for hedging): stated certainty that the risk materialises
CERTAINTY_RE = _fast(
    r"\b(?:will(?!\s+(?:be\s+)?(?:routed|reviewed|owned|due|need|require|report|decide|approve|launch|ship|deliver|"
    r"write|run|filter|retrain|add|show|review|route|tell|ask|own|publish|finish|complete|make sure))(?=\s+(?:\w+ly\s+)?[a-z]+)|"
    r"certainly|definitely|inevitably|unavoidably|surely|is certain to|are certain to|is bound to|are bound to|"
    r"without (?:a |any )?doubt|is guaranteed to|are guaranteed to|is sure to|are sure to|there is no doubt|undoubtedly|always(?![.\w]))\b",
)

# A measure or verb that counts under or over something ("average under-marking", "overestimates"):
# group 1 the prefix, group 2 the rest of the word.
UNDER_OVER_RE = re.compile(r"(?<![\w-])(under|over)-?((?:mark|estimat|predict|report|count|pay|charg|scor|valu|forecast|stat|rat|"
                           r"bill|quot|fund|pric|book|diagnos|refund|flag|block|shoot|spend)\w*)", re.I)
# After a negated verb, "not all of it": "has not yet supplied everything an audit needs"
NOT_ALL_AFTER = re.compile(r"\s+(?:everything|all|every|each|fully|completely|entirely|enough|in\s+full)\b")

# --- negation
NEGATION_RE = _fast(
    r"\b(?:not|no(?!-go\b)|never|none|nobody|nothing|neither|nor|without|cannot|can't|won't|isn't|aren't|doesn't|don't|"
    r"didn't|wasn't|weren't|hasn't|haven't|wouldn't|couldn't|shouldn't|no longer|n't)\b|n't\b",
)

# --- comparison words: (polarity, kind); kind raw = on the value, quality = on goodness, speed = on time
_COMPARE = [
    (r"more accurate(?:ly)?|more reliabl[ey]|more robust|fairer|more effective|outperform(?:s|ed)?|better|improv(?:es|ed|ement|ing)|ahead of|beats?|stronger|exceeds? the target|safer", +1, "quality"),
    (r"less accurate(?:ly)?|less reliabl[ey]|less robust|less effective|underperform(?:s|ed)?|worse|trails?|behind|weaker|collaps(?:es|ed)|degrad(?:es|ed|ation)|falls? short|struggles?|poorer|deteriorat\w*|misses the target|lags?", -1, "quality"),
    (r"slower|longer", +1, "speed"),
    (r"faster|quicker|shorter", -1, "speed"),
    (r"higher|greater|larger|more(?=\s[^.;]{0,40}\bthan\b)|above|rises?|rose|risen|rising|increas(?:e|es|ed|ing)|up from|jumps?|jumped|gains?|climbs?|exceeds?|bigger", +1, "raw"),
    (r"lower|(?:less|fewer)(?=\s[^.;]{0,40}\bthan\b)|below|falls?|fell|fallen|drops?|dropped|decreas(?:e|es|ed)|declined|declining|dropping|falling|down from|smaller|reduc(?:ed|tion)|shortfall|short of|dips?|slips?", -1, "raw"),
]
# One pass over the text: alternatives in priority order, leftmost match wins.
_COMPARE_ALL = _fast("|".join(rf"(?P<c{i}>\b(?:{p})\b)" for i, (p, _, _) in enumerate(_COMPARE)))
_NOT_COMPARE = _fast(r"\b(?:(?:or|and) (?:above|higher|over|below|lower|under)(?![^.;]{0,40}\bthan\b)|more than|less than|fewer than|no more than|at least|more or less|above all|once more|any more|anymore|more time|better known|(?:more|less) likely|(?:more|less) (?:often|frequently)(?![^.;]{0,40}\bthan\b)|more often than not|(?:is|are|was|were|be|been|being|get|gets|got|getting) (?:declined|dropped)|longer-term|short-term|"
                     r"(?:drop|drops|dropped|dropping|fall|falls|fell|falling) (?:out|off|away|behind)\b(?! by)|"
                     r"(?:fall|falls|fell|falling) (?:back|within|into|inside|apart|through)|falling (?:market|prices)|"
                     r"prices? (?:fell|fall|falls|falling|dropped|drop|rose|rise|rising)|"
                     # "best-selling products", "poorer postcodes": an adjective of a group, no comparison of figures
                     r"(?:best|worst)-(?:selling|sellers?|known|in-class|case)|"
                     # "lower-priority findings", "higher-risk cases": a kind of item, no comparison of figures
                     r"(?:lower|higher|lowest|highest)-(?:priority|risk|level|tier|ranked|rated|value|volume|income|paid|cost|severity)|"
                     # "declining the paid data tier": turning it down
                     r"(?:declined|declining)\s+(?:the|a|an|to|our|their|its|this|that)\b|"
                     # "the model declined 38% of applicants", "dropped 4.2% of frames": the system's act on items, no fall
                     r"(?:declined|declines|dropped|drops)\s+(?:about\s+|nearly\s+|roughly\s+|only\s+|just\s+|almost\s+)?\d[\d.,]*%?\s+of\b|"
                     # "question cards for children's trails", "the new trails": a noun, no lagging behind
                     r"(?:'s|’s|s'|\bthe|\bnew|\bgallery|\bmuseum|\bfamily|\baudio|\bself-guided)\s+trails\b|(?:fall|falls|fell|falling)\s+(?:\w+ly\s+|hardest\s+|heaviest\s+|most\s+)?(?:on|upon)|"
                     r"\ban?\s+(?:smaller|larger|bigger|faster|slower|newer|cheaper|simpler|lighter|heavier)(?:,?\s+\w+er)?\s+"
                     r"(?:model|version|system|engine|tool|team|server|network|classifier|vendor)|(?:poorer|richer|wealthier|better-off|worse-off)\s+(?:postcodes?|areas?|"
                     r"households?|neighbou?rhoods?|districts?|regions?|countries|families|customers|patients|students|people))\b")


# "60 seconds more than the 180 assumed", "a third less than", "5 points fewer than": a gap before "more than"
# makes it a comparison; "more than 4,000" alone is a bound.
_GAP_BEFORE_THAN = re.compile(r"(?:\d[\d,.]*\s*(?:%|(?:percentage\s+)?points?|pp|[a-z]{1,12})?|\ba\s+(?:third|quarter|half|fifth|tenth)|"
                              r"\bhalf|\btwice|\btimes)\s+$")


def contains_any(low: str, fragments: tuple[str, ...]) -> bool:
    """A cheap pre-check before a regex pass on lower-cased text: does any fragment occur at all?"""
    # Plain substring tests in a plain loop: about twice as fast as one alternation regex
    # over the same literals, and no generator to set up.
    for f in fragments:
        if f in low:
            return True
    return False


def _has_any(text: str, fragments: tuple[str, ...]) -> bool:
    return contains_any(text.lower(), fragments)


_COMPARE_FRAGMENTS = (
    "more", "less", "fewer", "high", "low", "better", "worse", "improv", "outperform", "ahead", "beat", "strong", "exceed",
    "safer", "underperform", "trail", "behind", "weak", "collaps", "degrad", "fall", "fell", "struggl", "poor", "deteriorat",
    "miss", "lag", "slow", "long", "fast", "quick", "short", "great", "larg", "above", "rise", "rose", "risen", "rising",
    "increas", "up from", "jump", "gain", "climb", "big", "below", "drop", "decreas", "declin", "down from", "small", "reduc",
    "dip", "slip", "fair",
)
_SEVERITY_FRAGMENTS = ("critical", "high", "severe", "serious", "major", "medium", "moderate", "low", "minor", "top", "mid-level")
_LIKELIHOOD_FRAGMENTS = ("likely", "possib", "plausib", "probab", "certain", "rare", "remote", "exception", "expected", "could",
                         "may", "might", "improbab")


@per_text
def comparison_mentions(text: str) -> list[tuple[int, int, int, str, str]]:
    """(start, end, polarity, kind, word) of comparison words, leftmost-longest."""
    if not _has_any(text, _COMPARE_FRAGMENTS):
        return []
    low = _lower(text)
    excluded = [m.span() for m in _NOT_COMPARE.finditer(low) if not m.group(0).endswith(" than")
                or not _GAP_BEFORE_THAN.search(low, max(0, m.start() - 40), m.start())]
    out: list[tuple[int, int, int, str, str]] = []
    for m in _COMPARE_ALL.finditer(low):
        a, b = m.span()
        if any(x < b and a < y for x, y in excluded):
            continue
        _, pol, kind = _COMPARE[int(m.lastgroup[1:])]
        out.append((a, b, pol, kind, m.group(0).lower()))
    return out


# Words that make a number a derived quantity (gap, ratio, change) when next to it.
DERIVED_AFTER = re.compile(
    r"^[\s-]*(?:(?:percentage[- ])?points?\s+|pp\s+|%\s*)?(?:of\s+)?(?:relative\s+|absolute\s+)?"
    r"(?:(?:a|an|per|each)\s+(?:year|month|week|day|quarter)\s+)?(?:lower|higher|less|more|fewer|below|above|worse|better|"
    r"drop|fall|gap|gain|increase|decrease|difference|shortfall|slower|faster|longer|shorter|reduction|rise|"
    r"over|under|inside|within|behind|ahead|short|improvement|deterioration|the rate|the target|that of|as (?:high|low|much|many|often)|"
    r"to spare|spare|(?:of\s+)?headroom|in hand|left over|"
    r"(?:an?\s+\w+\s+)?(?:dearer|cheaper|costlier|pricier)|"
    r"too (?:slow|fast|high|low|long|short|late|early|much|many|few))\b",
    _I,
)
DERIVED_BEFORE = re.compile(
    r"\b(?:gap|difference|drop|fall|gain|increase|decrease|reduction|rise|shortfall|improvement|lead|margin|falls?|drops?|rises?|"
    r"declines?|lower|higher|widen\w*|narrow\w*|exceeds?|beats?|factor|saves?|saved|savings?|saving|cuts?|adds?|"
    r"extra|gives?\s+up|giving\s+up|forgoes?|forgoing|sacrifices?)\s+(?:of\s+|by\s+)?(?:about\s+|roughly\s+|some\s+|nearly\s+|an\s+estimated\s+)?$"
    # "rose by 13", not "followed by 13 events": a participle's agent is no gap
    r"|\b(?<!followed )(?<!caused )(?<!affected )(?<!used )(?<!reviewed )(?<!checked )(?<!handled )(?<!triggered )"
    r"(?<!flagged )(?<!reported )(?<!raised )(?<!answered )(?<!served )(?<!covered )(?<!reached )(?<!preceded )"
    r"(?<!accompanied )(?<!made )(?<!seen )(?<!read )(?<!sent )(?<!filed )by\s+(?:about\s+|roughly\s+|some\s+|nearly\s+)?$"
    r"|\b(?:change|difference|gap|delta)\s*:\s*[+\u2212-]?$|(?<![\w.,])\+$",  # "Change: +16 days", "+26"
    _I,
)

# Sentences that introduce or frame rather than state (headings, sign-offs).
OWNER_CUE_RE = _fast(
    r"\b(?:owned by|owner|owners|owns|own(?:s)? (?:it|this|the)|responsible|accountable|in charge|led by|leads|lead on|assigned to|"
    r"sits with|rests with|is with|falls to|handled by|run by|driven by|delivered by|carried by|"
    r"(?:has|have) accepted|accepted by)\b",
)
MITIGATION_CUE_RE = _fast(
    r"\b(?:mitigation|mitigations|mitigate|fix|fixes|remed\w+|action|actions|control|controls|safeguard|guardrail|"
    r"planned|scheduled|(?:we|they|team|lead|owner) will|in progress|under ?way|done|in place|due|owned by|is being|are being|has been|"
    r"have been|to address|to reduce|to close)\b",
)
MITIGATION_NOUN_RE = _fast(r"\b(?:mitigations?|fix(?:es)?|actions?|controls?|safeguards?|guardrails?|remed\w+|steps?|measures?|plan)\b")
FINDING_REF_RE = _fast(r"\b(?:finding|risk|issue|problem|gap|weakness|exposure)\b")
