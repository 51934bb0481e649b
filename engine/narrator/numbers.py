"""Numbers as a reader should see them: exact values, computed gaps, plain glosses.

Every figure the narrator prints comes from here, so the rules for units,
rounding and derived values live in one place.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from schemas.findings import Metric, Unit

_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}


def decimals(x: float) -> int:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def num(x: float, places: int | None = None) -> str:
    """12000 -> '12,000'; 3.50 -> '3.5'; keeps the precision the findings used."""
    if places is None:
        places = min(decimals(x), 4)
    text = f"{x:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def value_text(value: float, unit: Unit) -> str:
    """A value in its unit, as written in a brief."""
    if unit == Unit.percent:
        return f"{num(value)}%"
    if unit == Unit.ratio:
        return num(value)
    if unit == Unit.pp:
        return f"{num(value)} percentage points"
    if unit == Unit.ms:
        return f"{num(value)} ms"
    if unit == Unit.s:
        return f"{num(value)} s"
    if unit == Unit.usd:
        for size, word in ((1e9, "billion"), (1e6, "million")):
            # $1.25 million reads faster than $1,250,000 and says the same, when it is exact
            if abs(value) >= size and abs(round(value / size, 2) * size - value) < 1e-6:
                return f"${num(round(value / size, 2))} {word}"
        # Money reads in cents once it has any: $4.20, not $4.2.
        return f"${num(value)}" if float(value).is_integer() else f"${value:,.2f}"
    if unit == Unit.x:
        return f"{num(value)} times"
    return num(value)


def metric_value(m: Metric) -> str:
    return value_text(m.value, m.unit)


# A metric in unit `ratio` is a share of something (a rate, a proportion, a probability) when its
# name says so; a score, an index or a ratio of two rates on a 0-1 scale is not, and reads as measured.
_SHARE_NAME = re.compile(r"\b(?:rate|share|proportion|fraction|percentage|probability|chance|accuracy|precision|recall|"
                         r"sensitivity|specificity|coverage|prevalence|uptime|availability)\b")
_NOT_SHARE_NAME = re.compile(r"\b(?:ratio|score|index|auc|auroc|roc|f1|coefficient|correlation|kappa|lift|odds|relative|"
                             r"difference|gap|disparity|parity|brier|calibration|similarity|distance|divergence|change|delta|per)\b")
# Percentages that are no share of things counted ("mean absolute percentage error", "cost change",
# "discount"): "about 1 in 48" would read as one item in 48.
_NOT_A_SHARE_OF_THINGS = re.compile(r"\b(?:mean|average|median|absolute|percentage error|mape|growth|margin|return|yield|uplift|"
                                    r"increase|decrease|reduction|saving|savings|discount|cost|price|revenue|change|delta|"
                                    r"difference|gap|lift|relative)\b")
# Ratios of two rates, where 1 means the two are equal by definition.
_PARITY_NAME = re.compile(r"\b(?:adverse|disparate) impact ratio\b|\bimpact ratio\b|\bparity ratio\b|"
                          r"\b(?:selection|approval|acceptance|shortlist(?:ing)?|hiring|admission|pass)[- ]rates? ratio\b")
_NO_DIFFERENCE_NAME = re.compile(r"\b(?:relative risk|risk ratio|rate ratio|odds ratio|hazard ratio|lift)\b")
_FOUR_FIFTHS = re.compile(r"\bfour[- ]fifths\b|\b4/5(?:ths)?\b", re.I)


@lru_cache(maxsize=1024)  # a document's metric names recur in each of its audiences' briefs
def is_share(name: str, unit: Unit) -> bool:
    """A value that is a share of a whole: a percentage, or a ratio whose name makes it a rate or proportion."""
    if unit == Unit.percent:
        return True
    low = name.lower()
    return unit == Unit.ratio and bool(_SHARE_NAME.search(low)) and not _NOT_SHARE_NAME.search(low)


def as_percent(m: Metric) -> Metric:
    """A share held as a ratio (0.042), restated in percent (4.2%) at the precision the findings used."""
    places = max(decimals(m.value) - 2, 0)
    ci = [round(c * 100, max(decimals(c) - 2, 0)) for c in m.ci] if m.ci else m.ci
    return m.model_copy(update={"value": round(m.value * 100, places), "unit": Unit.percent, "ci": ci})


def ratio_meaning(m: Metric, finding_text: str) -> str | None:
    """What a ratio of two rates means by definition ('1.0 would mean parity'), and where it sits
    against the four-fifths benchmark when the finding itself names that benchmark."""
    if m.unit not in (Unit.ratio, Unit.x):
        return None
    low = m.name.lower()
    if _PARITY_NAME.search(low):
        said = "1.0 would mean parity"
        if m.unit == Unit.ratio and _FOUR_FIFTHS.search(finding_text):
            side = "below" if m.value < 0.8 else "at" if m.value == 0.8 else "above"
            said = f"{side} the four-fifths benchmark; {said}"
        return said
    if _NO_DIFFERENCE_NAME.search(low):
        return "1.0 would mean no difference"
    return None


def gloss(m: Metric) -> str | None:
    """'about two in three' for 65%, 'about 1 in 24' for 4.2%; None for a value that is not a share
    or that no simple fraction is close to."""
    if not is_share(m.name, m.unit) or m.unit == Unit.percent and _NOT_A_SHARE_OF_THINGS.search(m.name.lower()):
        return None
    return _share_words(m.value / 100 if m.unit == Unit.percent else m.value)


@lru_cache(maxsize=4096)  # a document's shares recur in each of its audiences' briefs
def _share_words(share: float) -> str | None:
    if 0.001 < share < 0.08:
        return _one_in(share)
    if not 0.08 <= share <= 0.97:
        return None
    best: tuple[float, Fraction] | None = None
    for den in (2, 3, 4, 5, 10):
        for numer in range(1, den):
            f = Fraction(numer, den)
            if f.denominator != den:
                continue
            err = abs(float(f) - share)
            if best is None or err < best[0] - 1e-12:
                best = (err, f)
    assert best is not None
    err, f = best
    if err > 0.03:
        return None
    exact = err < 0.0005
    words = f"{_WORDS[f.numerator]} in {_WORDS[f.denominator]}"
    return words if exact else f"about {words}"


def _one_in(share: float) -> str | None:
    """A small share as a natural frequency: 0.042 -> 'about 1 in 24', 0.05 -> '1 in 20'."""
    k = round(1 / share)
    if not 2 <= k <= 999 or abs(1 / k - share) > 0.05 * share:
        return None
    if abs(k * share - 1) < 1e-9:
        return f"1 in {k}"
    # "about 1 in 290", not "about 1 in 294": past a hundred, two figures are all "about" promises
    return f"about 1 in {k if k < 100 else int(round(k, -1))}"


@dataclass(frozen=True)
class Gap:
    """How a metric compares with its baseline."""

    diff: float          # value - baseline, in the metric's unit
    diff_text: str       # '25 percentage points', '0.12', '5.2 s'
    short_text: str      # '25-point', '0.12', '5.2 s'
    relative: float | None  # (value - baseline) / baseline * 100
    times: float | None     # value / baseline, when that reads better than a percentage
    higher: bool         # value above baseline
    worse: bool          # the change is bad news for this metric


_GAPS: dict[tuple, Gap | None] = {}


def gap(m: Metric, base: Metric) -> Gap | None:
    """How m compares with base; None when they cannot be compared or do not differ."""
    if m.unit != base.unit:
        return None
    # A brief asks for the same comparison several times (finding, disclosure, monitoring), and
    # each of a document's audiences asks again: the result depends only on these fields.
    key = (m.value, base.value, m.unit, m.name, m.higher_is_better)
    try:
        return _GAPS[key]
    except KeyError:
        pass
    if len(_GAPS) >= 4096:
        _GAPS.clear()
    # returned from the local: another brief thread may clear the table between the store and a lookup
    found = _GAPS[key] = _gap(m, base)
    return found


def _gap(m: Metric, base: Metric) -> Gap | None:
    places = max(decimals(m.value), decimals(base.value))
    diff = round(m.value - base.value, places)
    if diff == 0:
        return None
    size = abs(diff)
    if m.unit == Unit.percent:
        diff_text = f"{num(size, places)} percentage points"
        short = f"{num(size, places)}-point"
    elif m.unit == Unit.pp:
        diff_text = f"{num(size, places)} percentage points"
        short = f"{num(size, places)}-point"
    else:
        diff_text = value_text(size, m.unit)
        short = diff_text
    relative = None
    times = None
    # A baseline so close to zero that the ratio overflows (5e-324) gives no relative change one could write.
    if base.value and math.isfinite(rel := (m.value - base.value) / abs(base.value) * 100):
        relative = rel
        if math.isfinite(m.value / base.value) and m.value / base.value >= 1.5 and m.unit not in (Unit.percent, Unit.pp):
            times = m.value / base.value
    higher = diff > 0
    worse = higher != m.better_when_higher
    return Gap(diff, diff_text, short, relative, times, higher, worse)


def relative_text(g: Gap) -> str | None:
    if g.relative is None or not math.isfinite(g.relative):
        return None  # a baseline near zero: no relative change to speak of
    rel = abs(g.relative)
    shown = num(round(rel)) if rel >= 10 else num(round(rel, 1))
    return f"{shown}% {'higher' if g.higher else 'lower'}"


def times_text(g: Gap) -> str | None:
    if g.times is None:
        return None
    return f"{num(round(g.times, 1))} times"


@lru_cache(maxsize=1024)  # formatting a month name is slow, and a document's dates recur in every brief
def date_text(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"
