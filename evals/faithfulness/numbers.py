"""Quantities and dates in prose, with their units and how precisely they are stated.

"65%", "65 per cent", "sixty-five percent", "0.65", "a 25-point drop", "25
percentage points", "2.7 times", "8.2 s", "8,200 ms", "$50", "12k", "about two in
three", "a fifth", "1 December 2026", "2026-12-01" all become a :class:`Quantity`
with a value, a unit class and a tolerance derived from how it is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evals.faithfulness.text_cache import per_text

_UNITS = {
    "ones": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"],
    "tens": ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
}
WORD_VALUES: dict[str, int] = {w: i for i, w in enumerate(_UNITS["ones"])}
WORD_VALUES.update({w: i * 10 for i, w in enumerate(_UNITS["tens"]) if w})
WORD_VALUES["a"] = 1
WORD_VALUES["an"] = 1
_NUMWORD = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_DENOM = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
          "sixth": 6, "sixths": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "tenths": 10,
          "twentieth": 20, "hundredth": 100}
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
MONTHS = {m: i + 1 for i, m in enumerate(MONTH_NAMES)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SCALE = r"(?:k\b|thousand\b|m\b(?!/)|mn\b|million\b|bn\b|billion\b)"  # "12 m/s" is a speed
_UNIT = (
    r"(?:%|percent\b|per\s?cent\b|percentage[- ]points?\b|pp\b|p\.p\.|basis[- ]points?\b|bps?\b|points?\b|-point\b|pts\b"
    r"|ms\b|milliseconds?\b|msec\b|s\b|secs?\b|seconds?\b|minutes?\b|mins?\b|hours?\b|hrs?\b|h\b(?![-'’])"
    r"|x\b|×|times\b|-fold\b|fold\b|dollars?\b|usd\b)"
)
_APPROX = r"(?:about|around|roughly|approximately|approx\.?|nearly|almost|some|close to|just under|just over|~|c\.|circa|an estimated|on the order of|in the order of)"
_BOUND_LO = r"(?:more than|over|above|at least|upwards of|in excess of|north of)"
_BOUND_HI = r"(?:less than|fewer than|under|below|at most|up to|no more than)"


_A_QUARTER_OF_TIME = re.compile(r"\b(?:covers?|covered|covering|spans?|spanned|spanning|lasts?|lasted|in|for|during|within|per|each|every|after|than)\s+$")


def _lc(pattern: str) -> str:
    """The pattern with its literal letters lower-cased (escapes like \\d, \\S kept): it is run,
    case-sensitively, on lower-cased text, which is several times faster than re.I."""
    return re.sub(r"(\\.|\(\?P)|([A-Z])", lambda m: m.group(1) or m.group(2).lower(), pattern)


def _lower(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DATE_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
DATE_DMY = re.compile(_lc(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})(?:,?\s+(\d{{4}}))?\b"))
DATE_MDY = re.compile(_lc(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b"))
DATE_MY = re.compile(_lc(rf"\b({_MONTH})\s+(\d{{4}})\b"))
_PRE_PHRASES = frozenset(
    "about around roughly approximately approx approx. nearly almost some ~ c. circa over above under below".split()
    + ["close to", "just under", "just over", "an estimated", "on the order of", "in the order of", "more than", "at least", "upwards of", "in excess of", "north of",
       "less than", "fewer than", "at most", "up to", "no more than"])


def _prefix(low: str, start: int) -> tuple[int, str] | None:
    """(offset, phrase) of an approximation or bound ("about", "more than") right before a number."""
    before = low[max(0, start - 30):start]
    if not before or not before[-1].isspace():
        return None
    words = before.split()
    for k in (4, 3, 2, 1):
        phrase = " ".join(words[-k:])
        if len(words) >= k and phrase in _PRE_PHRASES:
            return max(0, start - 30) + before.rfind(phrase), phrase
    return None
# (no "to" range after a year: "paid in 2025 to 46 per 10,000 in 2026" is a year, then the next figure)
_QUANT_TAIL = (rf"(?P<range>\s?(?:-|–|(?<!(?:19|20)\d\d )to)\s?(?:{NUM}))?"
               rf"(?:\s?(?P<scale>{_SCALE}))?"
               rf"(?:[\s-]?(?:(?:extra|more|additional|fewer|less|longer|shorter)\s)?(?P<unit>{_UNIT}))?"
               rf"(?P<ord>st\b|nd\b|rd\b|th\b)?")
# Digits and number words are scanned separately: the word pattern is costly and rarely needed.
# A minus sign after a space is the number's own ("-62.5 percentage points"); after a word or
# a digit it is a hyphen or a range ("18-25").
QUANT = re.compile(_lc(rf"(?P<cur>\$|US\$|USD\s?)?(?:(?P<neg>(?<![\w.,-])-)|(?<![\w.,-]))(?P<num>{NUM})" + _QUANT_TAIL))
QUANT_WORDS = re.compile(_lc(
    rf"(?P<cur>\$|US\$|USD\s?)?(?P<num>(?<![\w-]){_NUMWORD}(?=[\s-]+(?:{_UNIT}|point|percent|per|in\b|out\b)))" + _QUANT_TAIL))
_ANY_NUMWORD = re.compile(_lc(rf"\b{_NUMWORD}\b"))
_TIME_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:hours?|minutes?|days?|weeks?|months?|years?|seconds?|shifts?)\b")
GLOSS = re.compile(_lc(
    rf"(?P<pre>(?:{_APPROX})\s+)?\b(?<![\d.,])(?P<a>{_NUMWORD}|\d+(?:\.\d+)?)\s+(?:(?:[a-z]+\s+){{0,3}})(?:in|out of)\s+(?:every\s+)?(?P<b>{_NUMWORD}|\d{{1,3}}(?:,\d{{3}})+|\d+)\b(?![,.]\d)"))
FRACTION = re.compile(
    rf"(?P<pre>(?:{_APPROX})\s+)?\b(?P<a>a|an|one|two|three|four|five|six|seven|eight|nine)[- ](?P<d>half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|twentieth)\b")
# Multiples written in words: "twice as often", "double the rate", "half as likely", "half the error rate".
_FIGURE = (r"(?:rate|ratio|level|score|figure|value|accuracy|recall|precision|error|errors|latency|time|cost|"
           r"share|proportion|percentage|chance|odds|likelihood|frequency)s?\b")
_TIMES_WHAT = rf"(?:as\b|that\b|(?:the|its|their)\s+(?:[a-z-]+\s+){{0,3}}?{_FIGURE})"
MULTIPLE = re.compile(rf"\b(?:(?P<two>twice|double|two-fold|twofold)|(?P<three>thrice|triple|three-fold|threefold)|(?P<half>half))\s+{_TIMES_WHAT}")
# A fraction of a rate or level is a ratio between two figures ("a third of the miss rate of ..."), not a share of items.
_OF_A_FIGURE = re.compile(rf"\s+of\s+(?:(?:the|its|their|that)\s+(?!time\b)(?:[a-z-]+\s+){{0,3}}?{_FIGURE}|(?:that|it|this)\b)")  # "a third of the time" is a share
# "about a seventh as many", "nine-tenths as much": a multiple of another figure, not a share
_AS_MUCH = re.compile(r"\s+as\s+(?:many|much|often|large|long|high|big|great|frequent|likely)\b")
_SKIP_AFTER = re.compile(r"\s*(?:[A-Za-z]\w*\.)?\w*[A-Za-z_]\w*\.\w")  # ids like F1.acc


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # percent pp ratio s ms usd x count none date
    start: int
    end: int
    text: str
    tol: float
    bound: str = ""  # "", "lo" (more than), "hi" (less than)
    gloss: bool = False
    date: tuple[int, int, int] | None = None  # (y, m, d); 0 = not stated
    noun: str = ""  # the word right after the quantity, lower-case
    ordinal: bool = False

    @property
    def is_date(self) -> bool:
        return self.date is not None


def number_words(text: str) -> list[float]:
    """The values of the number words of a text ("eleven", "twenty-one"), above one."""
    if not _ANY_NUMWORD.search(text.lower()):
        return []
    return [v for m in _ANY_NUMWORD.finditer(text.lower()) if (v := _word_number(m.group(0))) is not None and v > 1]


def _word_number(text: str) -> float | None:
    t = text.lower().replace("-", " ").split()
    if not t:
        return None
    total = 0
    for w in t:
        if w not in WORD_VALUES:
            return None
        total += WORD_VALUES[w]
    return float(total)


def _num(text: str) -> tuple[float, int] | None:
    t = text.replace(",", "")
    try:
        v = float(t)
    except ValueError:
        wv = _word_number(text)
        return (wv, 0) if wv is not None else None
    decimals = len(t.split(".")[1]) if "." in t else 0
    return v, decimals


def _unit_class(u: str) -> tuple[str, float]:
    u = u.lower().strip().lstrip("-")
    if u in ("%", "percent") or u.startswith("per"):
        return ("percent", 1.0) if "point" not in u else ("pp", 1.0)
    if u.startswith("basis") or u in ("bp", "bps"):
        return "pp", 0.01  # a basis point is a hundredth of a percentage point
    if u.startswith("percentage") or u in ("pp", "p.p.", "point", "points", "pts"):
        return "pp", 1.0
    if u in ("ms", "msec") or u.startswith("millisecond"):
        return "ms", 1.0
    if u in ("s", "sec", "secs") or u.startswith("second"):
        return "s", 1.0
    if u.startswith("min"):
        return "s", 60.0
    if u.startswith("h"):
        return "s", 3600.0
    if u in ("x", "×", "times", "fold"):
        return "x", 1.0
    if u.startswith("dollar") or u == "usd":
        return "usd", 1.0
    return "none", 1.0


_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


def _tolerance(decimals: int, scale: float, approx: bool, unit: str, value: float) -> float:
    tol = 0.5 * 10 ** (-decimals) * scale + 1e-9
    if approx:
        loose = 0.06 * abs(value)
        whole = int(round(abs(value)))
        if decimals == 0 and scale == 1.0 and whole >= 1000:
            digits = str(whole)
            zeros = len(digits) - len(digits.rstrip("0"))
            if len(digits) - zeros >= 3:
                # "about 250,700" is precise to the hundred: about that, not about 250,000 ("about 18,000" is loose)
                loose = min(loose, 2.5 * 10 ** zeros)
        tol = max(tol, loose, 1.5 if unit in ("percent", "pp") else 0.0)
    return tol


_NEXT_WORD = re.compile(r"[\s-]*(?:of\s+(?:the\s+)?)?([A-Za-z][A-Za-z-]*)")


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text, pos)  # matching from pos: no copy of the rest of the text
    return m.group(1).lower() if m else ""


_ANY_DATE = re.compile(_lc(rf"\d{{4}}|\b{_MONTH}"))


def extract_dates(text: str, low: str | None = None) -> list[Quantity]:
    out: list[Quantity] = []
    low = _lower(text) if low is None else low
    if not _ANY_DATE.search(low):
        return out
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, y: int, mo: int, d: int) -> None:
        if any(a < m.end() and m.start() < b for a, b in taken):
            return
        taken.append((m.start(), m.end()))
        out.append(Quantity(float(y), "date", m.start(), m.end(), text[m.start():m.end()], 0.0, date=(y, mo, d)))

    for m in (DATE_ISO.finditer(low) if "-" in low else ()):  # an ISO date has hyphens
        add(m, int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in (DATE_SLASH.finditer(low) if "/" in low else ()):
        # "15/05/2027" day first, as most of the world writes it; "05/15/2027" month first when only that reads
        a, b = int(m.group(1)), int(m.group(2))
        day, month = (b, a) if a <= 12 < b else (a, b)
        if 1 <= month <= 12 and 1 <= day <= 31:
            add(m, int(m.group(3)), month, day)
    for m in DATE_DMY.finditer(low):
        mo = MONTHS.get(m.group(2).lower().rstrip(".")[:4] if m.group(2).lower().startswith("sept") else m.group(2).lower().rstrip(".")[:3])
        if mo and 1 <= int(m.group(1)) <= 31:
            add(m, int(m.group(3) or 0), mo, int(m.group(1)))
    for m in DATE_MDY.finditer(low):
        mo = MONTHS.get(m.group(1).lower().rstrip(".")[:3])
        if mo and 1 <= int(m.group(2)) <= 31 and not (m.group(1).lower() == "may" and not m.group(3)):
            add(m, int(m.group(3) or 0), mo, int(m.group(2)))
    for m in DATE_MY.finditer(low):
        mo = MONTHS.get(m.group(1).lower().rstrip(".")[:3])
        if mo:
            add(m, int(m.group(2)), mo, 0)
    return out


# Compiled once rather than looked up in re's cache for every number.
_APPROX_RE = re.compile(_APPROX, re.I)
_BOUND_LO_RE = re.compile(_BOUND_LO, re.I)
_BOUND_HI_RE = re.compile(_BOUND_HI, re.I)
_RANGE_SEP = re.compile(r"^\s?(?:-|–|to)\s?")
_GLOSS_NEED = re.compile(_lc(rf"(?:in|out of)\s+(?:every\s+)?(?:{_NUMWORD}|\d)"))
_AND_A_HALF = re.compile(_lc(rf"(?<![\w.,])({_NUMWORD}|\d+)\s+and\s+$"))
_TIMES_AFTER = re.compile(r"\s+times\b")
_COUNT_OF = re.compile(rf"(?<![\w-])({_NUMWORD})\s+of\s+(?:them|those|these|the\s+\d[\d,]*)\b")
_HALF_AGAIN = re.compile(r"\s+as\s+(?:\w+\s+)?again\b")


def _bound(pre: str) -> str:
    """"lo" for a phrase before a number that sets a floor ("more than"), "hi" for a ceiling ("under"), else ""."""
    return "lo" if pre and _BOUND_LO_RE.fullmatch(pre) else "hi" if pre and _BOUND_HI_RE.fullmatch(pre) else ""
# "18-to-24-year-olds", "the over-70s": a slice's name (the findings' "aged 18 to 24" stays a number they state)
_AGE_SLICE = re.compile(r"\b\d{1,3}(?:\s*(?:-|–|to)\s*|-to-)\d{1,3}[- ]years?[- ]olds\b|\b(?:over|under)-\d{1,3}s\b")
_OF_A_UNIT = re.compile(r"\s+of\s+(?:a|an|one)\s+(second|minute|hour|percentage point|point)\b")
_COMPOUND_TIME = re.compile(r"\b(?P<big>\d{1,3})\s*(?:(?P<hm>h|hrs?|hours?)\s+(?P<m>\d{1,2})\s*min(?:utes?|s)?|"
                            r"min(?:utes?|s)?\s+(?P<s>\d{1,2})\s*(?:s|secs?|seconds?))\b")
_HALF_A_UNIT = re.compile(r"(?<![\w-])half\s+(?:a|an)\s+(second|minute|hour|percentage point|point)\b")
_TIME_UNIT_AFTER = re.compile(r"\s+(seconds?|minutes?|hours?)\b")
# "3 times a day", "11 times in 2026", "twice during the pilot": how often, over a period
_FREQUENCY_AFTER = re.compile(r"\s+(?:(?:per|a|an|each|every)\s+[\w,.-]|(?:in|during|over)\s+(?:(?:19|20)\d\d\b|(?:the\s+)?(?:last|past|first)\s"
                              r"|the\s+(?:pilot|trial|year|month|week|quarter)\b)|(?:last|this)\s+(?:year|month|week|quarter)\b)")
_ANY_FRACTION = re.compile(r"half|halves|third|quarter|fifth|sixth|seventh|eighth|ninth|tenth|twentieth")
_ANY_NUMBER = re.compile(_lc(rf"\d|\b(?:{_NUMWORD}|half|halves|thirds?|quarters?|fifths?|tenths?|twice|double|thrice|triple|\w+-?fold)\b"))


_V_DIGIT = re.compile(r"\bv\d")
_VERSION_BEFORE = re.compile(r"(?:\bversions?,?\s+(?:\d[\d.]*\s*(?:and|or|to|,)\s*)?|\bv|\brelease\s+|\bbuild\s+)$")


@per_text  # Quantity is frozen, so one text's quantities can be shared
def extract(text: str) -> list[Quantity]:
    """Every quantity and date in text, left to right, non-overlapping."""
    low = _lower(text)
    if not _ANY_NUMBER.search(low):
        return []
    found = extract_dates(text, low)
    spans = [(q.start, q.end) for q in found]
    if "year-old" in low or "year old" in low or "over-" in low or "under-" in low:
        spans += [m.span() for m in _AGE_SLICE.finditer(low)]  # "18-to-24-year-olds", "the over-70s": a slice's name

    def free(a: int, b: int) -> bool:
        return not any(s < b and a < e for s, e in spans)

    fractions = FRACTION.finditer(low) if _ANY_FRACTION.search(low) else ()
    # GLOSS has no literal prefix for re to skip ahead on, so a full scan is slow; every match
    # contains "in"/"out of" followed by a number, which _GLOSS_NEED finds quickly.
    glosses = GLOSS.finditer(low) if (" in " in low or " out of " in low) and _GLOSS_NEED.search(low) else ()
    for m in MULTIPLE.finditer(low) if ("twice" in low or "half" in low or "double" in low or "fold" in low
                                         or "thrice" in low or "triple" in low) else ():
        v = 2.0 if m.group("two") else 3.0 if m.group("three") else 0.5
        word = m.group("two") or m.group("three") or m.group("half")
        a, b = m.start(), m.start() + len(word)
        if word == "half" and (again := _HALF_AGAIN.match(low, b)):
            v, b = 1.5, again.end()  # "half as long again as the window": one and a half times it
        if not free(a, b) or (word == "half" and FRACTION.match(low, max(0, a - 4))):
            continue
        spans.append((a, b))
        # as loose as the same multiple in digits ("2 times"), and looser after "about"
        pm = _prefix(low, a)
        tol = (0.5 if v > 1 else 0.1) * (1.5 if pm and _APPROX_RE.fullmatch(pm[1]) else 1.0)
        found.append(Quantity(v, "x", pm[0] if pm else a, b, text[pm[0] if pm else a:b], tol, noun=_next_word(text, b)))
    for m in fractions:
        if not free(m.start("a"), m.end()):
            continue
        whole = _AND_A_HALF.search(low, max(0, m.start("a") - 24), m.start("a")) if m.group("d").lower() == "half" and \
            m.group("a").lower() in ("a", "an") else None
        if whole is not None and (n := _num(whole.group(1))):
            # "four and a half times the hours": 4.5, a multiple when "times" follows
            times = _TIMES_AFTER.match(low, m.end())
            timed = None if times else _TIME_UNIT_AFTER.match(low, m.end())  # "three and a half minutes"
            end = times.end() if times else timed.end() if timed else m.end()
            spans.append((whole.start(1), end))
            if timed:
                unit, factor = _unit_class(timed.group(1))
                found.append(Quantity((n[0] + 0.5) * factor, unit, whole.start(1), end, text[whole.start(1):end],
                                      0.25 * factor, noun=_next_word(text, end)))
                continue
            found.append(Quantity(n[0] + 0.5, "x" if times else "count", whole.start(1), end, text[whole.start(1):end], 0.25,
                                  noun=_next_word(text, end)))
            continue
        a = 1.0 if m.group("a").lower() in ("a", "an") else _word_number(m.group("a"))
        d = _DENOM[m.group("d").lower()]
        if (of_unit := _OF_A_UNIT.match(low, m.end())) is not None:
            # "a quarter of a second", "three quarters of an hour": a length of time (or points), not a share
            unit, factor = _unit_class(of_unit.group(1))
            v = (a or 1.0) / d * factor
            spans.append((m.start("a"), of_unit.end()))
            found.append(Quantity(v, unit, m.start("a"), of_unit.end(), text[m.start("a"):of_unit.end()], 0.1 * v,
                                  noun=_next_word(text, of_unit.end())))
            continue
        if m.group("a").lower() in ("a", "an", "one") and m.group("d").lower().endswith("s") and d != 2:
            continue
        if d == 4 and _A_QUARTER_OF_TIME.search(low, max(0, m.start("a") - 16), m.start("a")) and not low.startswith(" of", m.end()):
            continue  # "the audit covers one quarter only": three months, not a share
        v = 100.0 * (a or 1.0) / d
        spans.append((m.start("a"), m.end()))
        if _OF_A_FIGURE.match(low, m.end()) or _AS_MUCH.match(low, m.end()):
            found.append(Quantity(v / 100, "x", m.start("a"), m.end(), text[m.start():m.end()], 0.03, noun=_next_word(text, m.end())))
            continue
        pm = _prefix(low, m.start("a")) if not m.group("pre") else None
        bound = _bound(pm[1] if pm else "")
        start = pm[0] if bound else m.start("a")  # "down by more than four-fifths": a bound, as "more than 80%" is
        found.append(Quantity(v, "percent", start, m.end(), text[start:m.end()], max(3.0, 0.06 * v), gloss=True,
                              noun=_next_word(text, m.end()), bound=bound))
    for m in (_COMPOUND_TIME.finditer(low) if " min" in low else ()):
        if not free(m.start(), m.end()):
            continue
        # "1 h 20 min", "2 min 30 s": one length of time in two units
        big, small = float(m.group("big")), float(m.group("m") or m.group("s"))
        v = big * 3600 + small * 60 if m.group("hm") else big * 60 + small
        spans.append((m.start(), m.end()))
        found.append(Quantity(v, "s", m.start(), m.end(), text[m.start():m.end()], 30.0 if m.group("hm") else 0.5,
                              noun=_next_word(text, m.end())))
    for m in (_HALF_A_UNIT.finditer(low) if "half a" in low or "half an" in low else ()):
        if not free(m.start(), m.end()):
            continue
        unit, factor = _unit_class(m.group(1))  # "half a second", "half an hour"
        spans.append((m.start(), m.end()))
        found.append(Quantity(0.5 * factor, unit, m.start(), m.end(), text[m.start():m.end()], 0.05 * factor,
                              noun=_next_word(text, m.end())))
    for m in glosses:
        if not free(m.start("a"), m.end()):
            continue
        a = _num(m.group("a"))
        b = _num(m.group("b"))
        if b and 1900 <= b[0] <= 2100 and (low[max(0, m.start("a") - 4):m.start("a")] == "the "
                                           or re.fullmatch(r"\d{4}", m.group("b")) and "every" not in m.group(0)):
            continue  # "an episode like the one in 2020", "$1.1 million in 2026": a year
        if not a or not b or b[0] == 0 or a[0] > b[0] or b[0] > 1000 and a[0] != 1:
            continue  # "14 out of 50,000" is two counts; "one in every 3,600" is a rate
        if _TIME_AFTER.match(low, m.end()):
            continue  # "120 patients in 150 nurse hours": a count done in a span of time, no share
        v = 100.0 * a[0] / b[0]
        spans.append((m.start("a"), m.end()))
        # "one in every 3,600" is as close as "one in every 3,500" is to it, not within 3 points
        tol = max(3.0, 0.06 * v) if b[0] <= 100 else 0.1 * v
        pm = _prefix(low, m.start("a"))  # "more than one in four" is a bound
        pre = pm[1] if pm else ""
        bound = _bound(pre)
        found.append(Quantity(v, "percent", m.start("a"), m.end(), text[m.start():m.end()], tol, bound=bound, gloss=True,
                              noun=_next_word(text, m.end())))
    for m in (_COUNT_OF.finditer(low) if " of " in low and _ANY_NUMWORD.search(low) else ()):
        # "Nine of them pointed to cases that do not exist", "nine of the 12 invoices": a count in words
        v = _word_number(m.group(1))
        if v is not None and v > 1 and free(m.start(1), m.end(1)):
            spans.append((m.start(1), m.end(1)))
            found.append(Quantity(v, "count", m.start(1), m.end(1), text[m.start(1):m.end(1)], 0.5, noun=_next_word(text, m.end(1))))
    versions = "version" in low or "release" in low or "build" in low or _V_DIGIT.search(low) is not None
    matches = list(QUANT.finditer(low))
    if _ANY_NUMWORD.search(low):
        matches = sorted(matches + list(QUANT_WORDS.finditer(low)), key=lambda m: m.start())
    for m in matches:
        a, b = m.start("num"), m.end()
        if not free(a, b):
            continue
        pm = _prefix(low, m.start())
        if _SKIP_AFTER.match(text, m.end("num")) and not m.group("unit"):
            continue
        if versions and not m.group("unit") and not m.group("cur") and _VERSION_BEFORE.search(low, max(0, a - 24), a):
            continue  # "version 4.0", "v2": a name, not a figure
        parsed = _num(m.group("num"))
        if parsed is None:
            continue
        value, decimals = parsed
        if m.re is QUANT and m.group("neg"):
            value, a = -value, m.start("neg")
        unit, factor = _unit_class(m.group("unit") or "")
        if m.group("cur"):
            unit = "usd"
        elif unit == "x" and _FREQUENCY_AFTER.match(low, b):
            unit = "count"  # "2.4 times per 1,000 robot-hours", "3 times a day", "11 times in 2026": how often, not a multiple
        elif unit == "none" and low.endswith("factor of ", 0, a):
            unit = "x"  # "slower by a factor of 2.75"
        elif unit == "s" and factor > 60 and low.endswith("per ", 0, a):
            unit, factor = "count", 1.0  # "8.4 per 1,000 h": the hours a rate is counted over, as "per 1,000 driving hours"
        scale = _SCALES.get((m.group("scale") or "").lower(), 1.0)
        if m.group("scale") and m.group("scale").lower() == "m" and unit != "usd":
            # "within 50 m of a rail line": spaced from a figure with no currency, "m" is metres, not millions
            scale = 1.0 if m.group("unit") or low[m.start("scale") - 1].isspace() else 1e6
        value *= scale * factor
        pre = pm[1] if pm else ""
        approx = bool(pre) and _APPROX_RE.fullmatch(pre) is not None
        bound = _bound(pre)
        if unit == "none" and decimals > 0 and value < 1:
            unit = "ratio"
        elif unit == "none":
            unit = "count"
        q_start = pm[0] if pm else (m.start("cur") if m.group("cur") else a)
        tol = _tolerance(decimals, scale * factor, approx, unit, value)
        spans.append((q_start, b))
        found.append(Quantity(value, unit, q_start, b, text[q_start:b], tol, bound=bound,
                              noun=_next_word(text, b), ordinal=bool(m.group("ord"))))
        if m.group("range"):
            r = _num(_RANGE_SEP.sub("", m.group("range")))
            if r:
                rv = r[0] * scale * factor
                found.append(Quantity(rv, unit, q_start, b, text[q_start:b], _tolerance(r[1], scale * factor, approx, unit, rv),
                                      noun=_next_word(text, b)))
    found.sort(key=lambda q: (q.start, q.end, q.value))
    return _carried_units(text, _shared_units(text, found)) if len(found) > 1 else found


_LIST_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|or)\s+")  # not ", or": "80, or 1.6%" restates the count
_BARE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_LAST_SEP = re.compile(r"\s*,?\s+(?:and|or)\s+")
_PART_OF = re.compile(r"\b(?:of|in|out of|per)\s+$", re.I)  # "3 of 14 and 20%": 14 is the count's whole
_YEAR = re.compile(r"(?:19|20)\d\d")
_SHARED = frozenset(("s", "ms", "percent", "pp"))


_FROM_TO = re.compile(r"\s+to\s+")
_NOW_BEFORE = re.compile(r"(?:,\s*|\s)(?:and\s+)?(?:now|then|down\s+to|up\s+to|later)\s+$", re.I)


def _carried_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """"6.8 seconds for the slowest 5%, now 2.6", "falls from 32 minutes to 21": a bare number told as the new
    value of a figure before it has that figure's unit."""
    out = list(found)
    for i, q in enumerate(out):
        if i == 0 or q.unit != "count" or not _BARE.fullmatch(q.text):
            continue
        prev = out[i - 1]
        if _FROM_TO.fullmatch(text, prev.end, q.start) and text[max(0, prev.start - 5):prev.start].lower().endswith("from "):
            before = [prev] if prev.unit in _SHARED and not prev.bound else []  # "falls from 32 minutes to 21"
        elif _NOW_BEFORE.search(text, max(0, q.start - 16), q.start):
            before = [p for p in out[:i] if p.unit in _SHARED and not p.bound and q.start - p.end <= 80
                      and not re.search(r"[.;]\s", text[p.end:q.start])]
        else:
            continue
        if not before or (digits := _BARE.match(before[0].text)) is None or not (n := _num(digits.group(0))) or not n[0]:
            continue
        p, parsed = before[0], _num(q.text)
        factor = p.value / n[0]
        if parsed is None or factor > 60:
            continue
        value = parsed[0] * factor
        out[i] = Quantity(value, p.unit, q.start, q.end, q.text, _tolerance(parsed[1], factor, False, p.unit, value), noun=q.noun)
    return out


def _shared_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """"20, 30 and 110 minutes": bare numbers listed before a figure with a unit share its unit."""
    out = list(found)
    i = len(out) - 1
    while i > 0:
        last = out[i]
        j = i
        if last.unit in _SHARED and not last.bound:
            digits = _BARE.match(last.text)
            n = _num(digits.group(0)) if digits else None
            factor = last.value / n[0] if n and n[0] else None
            if factor and factor > 60:
                factor = None  # "5, 32 and 120 hours a week": hours are as often counted as timed
            if factor and not _LAST_SEP.fullmatch(text, out[i - 1].end, last.start):
                factor = None  # a list ends "... and 110 minutes"; "46, 22 per cent" restates the count
            while factor and j > 0:
                q = out[j - 1]
                if not (q.unit == "count" and _BARE.fullmatch(q.text) and _LIST_SEP.fullmatch(text, q.end, out[j].start)
                        and not _PART_OF.search(text, max(0, q.start - 8), q.start) and not _YEAR.fullmatch(q.text)):
                    break
                parsed = _num(q.text)
                if parsed is None:
                    break
                value = parsed[0] * factor
                out[j - 1] = Quantity(value, last.unit, q.start, q.end, q.text, _tolerance(parsed[1], factor, False, last.unit, value),
                                      noun=q.noun)
                j -= 1
        i = j - 1
    return out
