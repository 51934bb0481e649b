"""Numbers as a reader should see them: exact values, computed gaps, plain glosses.

Every figure the narrator prints comes from here, so the rules for units,
rounding and derived values live in one place.
"""

from __future__ import annotations

import datetime as dt
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
        # Money reads in cents once it has any: $4.20, not $4.2.
        return f"${num(value)}" if float(value).is_integer() else f"${value:,.2f}"
    if unit == Unit.x:
        return f"{num(value)} times"
    return num(value)


def metric_value(m: Metric) -> str:
    return value_text(m.value, m.unit)


def gloss(m: Metric) -> str | None:
    """'about two in three' for 65%; None when no simple fraction is close."""
    if m.unit == Unit.percent:
        share = m.value / 100
    elif m.unit == Unit.ratio and "ratio" not in m.name.lower():
        share = m.value
    else:
        return None
    return _share_words(share)


@lru_cache(maxsize=4096)  # a document's shares recur in each of its audiences' briefs
def _share_words(share: float) -> str | None:
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
    if base.value:
        relative = (m.value - base.value) / abs(base.value) * 100
        if m.value / base.value >= 1.5 and m.unit not in (Unit.percent, Unit.pp):
            times = m.value / base.value
    higher = diff > 0
    worse = higher != m.better_when_higher
    return Gap(diff, diff_text, short, relative, times, higher, worse)


def relative_text(g: Gap) -> str | None:
    if g.relative is None:
        return None
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
