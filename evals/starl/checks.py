"""Answer-wide checks of the STAR-L rubric: numbers, business framing,
guardrails, ownership, length and grounding in the scenario's findings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from evals.starl import check_cues, part_cues
from evals.starl.text import numbers_in, split_sentences, word_count
from schemas.audience import load_profile

WORDS_PER_MINUTE = 150
SPOKEN_LIMIT_WORDS = 300  # two minutes at 150 words a minute
LENGTH_TOLERANCE = 15  # a few words over is still two minutes when spoken briskly
TOO_LONG_WORDS = 360
TOO_SHORT_WORDS = 50


@dataclass
class Framing:
    passed: bool
    score: float  # 0..1
    business_terms: list[str]
    untranslated: dict[str, str]  # term as written -> plain replacement
    translated: list[str]
    density: float  # untranslated jargon per 100 words
    translation_cue: bool


# Guardrails that limit the harm itself; an owner and a date alone do not make a guarded path.
PROTECTIVE = ("pilot group", "hard cap", "disclaimer", "monitoring", "human review", "rollback")


@dataclass
class Solution:
    passed: bool
    score: float
    kinds: list[str]
    refusal: str | None
    protective: list[str] = field(default_factory=list)


@dataclass
class Ownership:
    passed: bool
    score: float
    i_actions: int
    we_actions: int


@dataclass
class Length:
    words: int
    seconds: int
    within_time: bool
    score: float
    too_short: bool


@dataclass
class Grounding:
    expected: list[str] = field(default_factory=list)  # display forms of the scenario's numbers
    used: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


# --- business framing ------------------------------------------------------


@lru_cache(maxsize=16)
def jargon_lexicon(audience: str | None) -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(pattern, term, plain replacement) for the audience's `avoid` list plus common ML jargon."""
    items: dict[str, tuple[re.Pattern[str], str, str]] = {}
    for rx, plain in check_cues.TECH_JARGON.items():
        items[rx] = (re.compile(rf"\b(?:{rx})\b", re.IGNORECASE), rx.split("|")[0].split("(")[0], plain)
    avoid: dict[str, str] = {}
    try:
        avoid = load_profile(audience or "executive").avoid
    except (KeyError, ValueError, OSError):
        avoid = {}
    for term, plain in avoid.items():
        rx = re.escape(term).replace(r"\-", "[- ]?").replace(r"\ ", r"[\s-]+")
        items[term.lower()] = (re.compile(rf"\b{rx}s?\b", re.IGNORECASE), term, plain)
    return tuple(items.values())


_AVOIDED = re.compile(r"\b(?:didn't|did not|instead of|rather than|avoid\w*|without|never|skipp\w+|dropp\w+ the)\b", re.IGNORECASE)


def _is_glossed(sentence: str, start: int, end: int, plain: str) -> bool:
    after = sentence[end:]
    if check_cues.GLOSS.match(after):
        return True
    # The plain words are right there in the same sentence ("recall - the share of cases caught").
    plain_words = [w for w in re.findall(r"[a-z]+", plain.lower()) if len(w) > 3]
    low = sentence.lower()
    if plain_words and sum(w in low for w in plain_words) >= max(1, len(plain_words) // 2 + 1):
        return True
    before = sentence[max(0, start - 30):start].lower()
    return bool(re.search(r"(?:call(?:ed|s)?|known as|so-called|the term|what we call)\s*['\"“]?$", before))


def check_framing(text: str, audience: str | None) -> Framing:
    n_words = max(1, word_count(text))
    untranslated: dict[str, str] = {}
    translated: list[str] = []
    occurrences = 0
    explained: set[str] = set()
    for unit in split_sentences(text):
        s = unit.text
        taken: list[tuple[int, int]] = []  # one term per stretch of text ("holdout set", not also "holdout")
        for pattern, term, plain in jargon_lexicon(audience):
            for m in pattern.finditer(s):
                if any(m.start() < e and b < m.end() for b, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                # "I recall", "we recall": the verb, not the metric.
                if term == "recall" and re.search(r"\b(?:I|we|you|they)\s+$", s[: m.start()], re.IGNORECASE):
                    continue
                key = term.lower()
                # "I didn't go in with charts of feature importance": named only to be set aside.
                if _AVOIDED.search(s[max(0, m.start() - 50):m.start()]):
                    continue
                if _is_glossed(s, m.start(), m.end(), plain):
                    explained.add(key)
                    translated.append(m.group(0))
                elif key not in explained:
                    occurrences += 1
                    untranslated.setdefault(m.group(0).lower(), plain)
    business = sorted({m.group(0).lower() for m in check_cues.BUSINESS_TERMS.finditer(text)})
    cue = bool(check_cues.TRANSLATION.search(text))
    density = 100.0 * occurrences / n_words
    score = 0.0
    score += {0: 0.0, 1: 0.2, 2: 0.4}.get(len(business), 0.5)
    score += max(0.0, 0.3 - 0.15 * len(untranslated))
    score += 0.2 if cue or translated else 0.0
    passed = len(business) >= 2 and len(untranslated) <= 1 and density <= 1.5
    return Framing(passed, min(1.0, score), business, untranslated, translated, round(density, 2), cue)


# --- guardrails ------------------------------------------------------------


def check_solution(text: str) -> Solution:
    kinds = [name for name, rx in check_cues.GUARDRAILS.items() if rx.search(text)]
    refusal = check_cues.REFUSAL.search(text)
    n = len(kinds)
    score = {0: 0.0, 1: 0.3, 2: 0.7}.get(n, 1.0)
    protective = [k for k in kinds if k in PROTECTIVE]
    if not protective:
        score = min(score, 0.3)
    passed = n >= 2 and bool(protective)
    return Solution(passed, score, kinds, refusal.group(0) if refusal else None, protective)


# --- ownership -------------------------------------------------------------


def check_ownership(text: str) -> Ownership:
    i_actions = len(part_cues.I_ACTION.findall(text))
    we_actions = len(part_cues.WE_ACTION.findall(text))
    passed = i_actions >= 2 or (i_actions >= 1 and we_actions <= 1)
    if i_actions + we_actions == 0:
        score = 0.0
    else:
        score = min(1.0, i_actions / 2) * (1.0 if i_actions >= we_actions else 0.75)
    return Ownership(passed, score, i_actions, we_actions)


# --- length ----------------------------------------------------------------


def check_length(text: str) -> Length:
    n = word_count(text)
    seconds = round(n * 60 / WORDS_PER_MINUTE)
    within = n <= SPOKEN_LIMIT_WORDS + LENGTH_TOLERANCE
    if n < TOO_SHORT_WORDS:
        score = 0.5
    elif within:
        score = 1.0
    elif n <= TOO_LONG_WORDS:
        score = 0.5
    else:
        score = 0.0
    return Length(n, seconds, within, score, n < TOO_SHORT_WORDS)


# --- quantities ------------------------------------------------------------


def has_quantity(text: str) -> bool:
    return bool(numbers_in(text))


def _as_float(token: str) -> float | None:
    m = re.search(r"\d+(?:[.,]\d+)?", token)
    if not m:
        return None
    try:
        return float(m.group(0).replace(",", "."))
    except ValueError:
        return None


def check_grounding(text: str, expected: list[tuple[str, float]]) -> Grounding:
    """expected: (display form, value) of the numbers a strong answer uses."""
    found = {v for v in (_as_float(t) for t in numbers_in(text)) if v is not None}
    g = Grounding(expected=[d for d, _ in expected])
    for display, value in expected:
        if any(abs(value - f) < 1e-6 or abs(value * 100 - f) < 1e-6 for f in found):
            g.used.append(display)
        else:
            g.missing.append(display)
    return g
