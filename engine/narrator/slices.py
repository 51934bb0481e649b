"""How a metric's population (its slice) reads inside a sentence: article and preposition.

The words of the slice decide: a name or a code ("Site A", "cohort B", "Q3 2026") takes no
article, a plural ("EU customers", "users in Brazil") none either, a singular common noun does
("the balanced test set"); a stretch of time takes "during", "in" or "on" as English does
("during off-peak hours", "in the evening", "on weekends"), a place is "in" it ("in Brazil", "in
the United States", "in EMEA") and everything else is "on" ("on Android", "on Site A").
"""

from __future__ import annotations

import re
from functools import lru_cache


# A qualifier after the head noun phrase ("users in Brazil", "applications scored by model A"):
# the head decides number and kind, the qualifier does not.
_QUALIFIERS = (" under ", " aged ", " with ", " from ", " in ", " of ", " scored ", " by ", " for ", " on ", " at ", ",",
               " over ", " above ", " below ", " older ", " younger ", " who ", " whose ", " during ", " without ",
               " after ", " before ", " per ", " across ", " outside ", " within ", " that ", " which ", " where ",
               " when ", " since ", " until ", " between ")

_DETERMINERS = frozenset("the a an all each every our its their this these those any some both either neither no "
                         "anyone everyone someone".split())

# Plural heads without an -s: "on women", not "on the women".
_IRREGULAR_PLURALS = frozenset("men women children people staff personnel police data media feet teeth mice geese".split())

# A slice that opens with a qualifier names no head noun ("aged 65 and over"): it reads after "those".
_HEADLESS = frozenset("aged under over older younger between above below".split())

_MONTHS = frozenset("january february march april may june july august september october november december".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

# Nouns for stretches of time, by the preposition English gives them.
_DAY_NOUNS = _WEEKDAYS | {w + "s" for w in _WEEKDAYS} | frozenset("weekday weekdays weekend weekends holiday holidays "
                                                                    "workday workdays".split())
_PART_OF_DAY = frozenset("morning mornings afternoon afternoons evening evenings daytime nighttime".split())
_PERIOD_NOUNS = frozenset("hour hours minute minutes shift shifts period periods season seasons window windows peak peaks "
                          "week weeks month months quarter quarters year years day days night nights fortnight "
                          "outage outages downtime rush overnight".split())
# Time words that are adverbs already: "9.5 s overnight", not "during the overnight".
_ADVERBS = frozenset("overnight today yesterday tonight nightly".split())
# Places one is at: "at the nephrology clinic" (a coded one stays "on Site A").
_PLACE_NOUNS = frozenset("clinic clinics hospital hospitals branch branches store stores office offices plant plants factory "
                         "factories warehouse warehouses centre centres center centers ward wards school schools campus "
                         "airport airports station stations depot depots practice practices pharmacy pharmacies".split())
# World regions and market areas, which no country list holds; "the" marks those that take it.
_REGIONS = {r.lower(): r.startswith("the ") for r in """Africa|Asia|Europe|Oceania|Antarctica|North America|South America|
Latin America|Central America|Central Asia|East Asia|South Asia|Southeast Asia|South-East Asia|Western Europe|
Eastern Europe|Northern Europe|Southern Europe|Central Europe|Sub-Saharan Africa|North Africa|West Africa|East Africa|
Southern Africa|Scandinavia|Australasia|the Middle East|the Caribbean|the Balkans|the Nordics|the Baltics|the Americas|
the Gulf|the Asia-Pacific region|the EU|the UK|the US|the USA|EMEA|APAC|LATAM|AMER|DACH|Benelux""".replace("\n", "").split("|")}
# A place name with one of these words takes "the": "the United States", "the Czech Republic".
_THE_PLACE_WORDS = frozenset("united republic kingdom states emirates islands federation union netherlands philippines "
                             "bahamas maldives gambia comoros seychelles".split())
# Countries whose first-level divisions (states, provinces, nations) are named in English in ISO 3166-2.
_DIVIDED = ("US", "CA", "AU", "IN", "GB", "BR", "MX", "ZA")

_YEAR = re.compile(r"(?:19|20)\d\d$")
_QUARTER = re.compile(r"[qh][1-4]$", re.I)
_NUMERIC = re.compile(r"[\d.,%+<>≥≤–-]+(?:\s*(?:to|and)\s*[\d.,%+]+)?$")


def _is_code(word: str) -> bool:
    """'A', '3', 'B2', 'v2', 'NE', '114': a label that names one thing ('Site A', 'Region 3')."""
    w = word.strip("()")
    return bool(w) and (any(ch.isdigit() for ch in w) or len(w) == 1 and w.isupper() or w.isupper() and w.isalpha())


_ASIDE = re.compile(r"\s*\([^)]*\)")


def _head(population: str) -> str:
    """The words before any qualifier, without asides: 'Brazil (Portuguese) users' -> 'Brazil users'."""
    head = f" {_ASIDE.sub('', population).strip()} "
    for q in _QUALIFIERS:
        if q in head[1:]:
            head = head.split(q, 1)[0] + " "
    return head.strip()


def _plural(word: str) -> bool:
    low = word.lower()
    return low.endswith("s") and not low.endswith(("ss", "us", "is")) or low in _IRREGULAR_PLURALS


def _proper(words: list[str]) -> bool:
    """Every word capitalised: a name ('New York', 'Black Friday', 'Brazil', 'December')."""
    return bool(words) and all(w[:1].isupper() for w in words)


@lru_cache(maxsize=2048)  # a document's populations recur in every sentence about them and in each audience's brief
def with_article(population: str) -> str:
    """'balanced test set' -> 'the balanced test set'; plurals, names, codes and determined phrases stay bare."""
    words = population.split()
    if not words:
        return population
    first = words[0].lower()
    if first in _DETERMINERS or population[:1].isdigit():
        return population
    if population[:1].isupper() and not words[0].istitle() and len(words) > 1 and _plural(_head(population).split()[-1]):
        return population  # "EU customers"
    head = _head(population).split()
    if not head:
        return population
    last = head[-1]
    if _is_code(last) and len(head) > 1 or _proper(head) or _plural(last) or len(head) == 1 and _is_code(last):
        return population
    return f"the {population}"


def _preposition(head: list[str]) -> str:
    """'during', 'in', 'on a day' or 'at' for a stretch of time, 'at' for a place; 'on' for everything else."""
    low = [w.lower() for w in head]
    last = low[-1].strip("()")
    if last == "night" and len(low) == 1:
        return "at night"  # the idiom takes no article
    if any(w in _DAY_NOUNS for w in low):
        return "on a day"  # "on weekends", "on weekday mornings", "on Black Friday"
    if last in _PART_OF_DAY:
        return "in"
    if last in _MONTHS or _YEAR.match(last) or _QUARTER.match(last) and (len(low) == 1 or _YEAR.match(low[0])):
        return "in"  # "in December 2025", "in Q3 2026", "in 2025"
    if len(low) > 1 and _QUARTER.match(low[0]) and _YEAR.match(last):
        return "in"
    if last in _PERIOD_NOUNS or last.endswith("-peak") or last == "off-peak":
        return "during"
    if last in _PLACE_NOUNS:
        return "at"
    return "on"


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Countries (ISO 3166-1) and the first-level divisions of a few large ones, lower-cased,
    as names are written ("Bolivia", not "Bolivia, Plurinational State of")."""
    import pycountry  # read only when a slice is a bare proper name

    names: set[str] = set()
    for c in pycountry.countries:
        names.update(v for v in (c.name, getattr(c, "common_name", None)) if v and "," not in v)
    for code in _DIVIDED:
        for d in pycountry.subdivisions.get(country_code=code) or ():
            if not getattr(d, "parent_code", None):
                names.add(_BRACKET.sub("", d.name).split(",")[0].strip())
    return frozenset(n.lower() for n in names)


_BRACKET = re.compile(r"\s*\[[^]]*\]")


def _place(words: list[str]) -> str | None:
    """A bare proper name that is a country, a large country's state or province, or a world region,
    with "the" where English gives it one ("the United States", "the Middle East"); otherwise None."""
    name = " ".join(words)
    low = name.lower()
    if low in _REGIONS:
        return f"the {name}" if _REGIONS[low] else name
    if f"the {low}" in _REGIONS:
        return f"the {name}"
    if low not in _place_names():
        return None
    return f"the {name}" if any(w.lower() in _THE_PLACE_WORDS for w in words) else name


@lru_cache(maxsize=2048)
def _placed(population: str) -> tuple[str, str, bool]:
    """(preposition, noun phrase, a day) for the population; an empty preposition for a time adverb."""
    pop = population.strip()
    words = pop.split()
    if not words:
        return "", pop, False
    if words[0].lower() in _HEADLESS:
        return "on", f"those {pop}", False
    if _NUMERIC.match(pop):
        return "in", f"the {pop} group", False
    if len(words) == 1 and pop.lower() in _ADVERBS:
        return "", pop, False
    head_words = _head(pop).split()
    if head_words and head_words[0].lower() == "the":
        head_words = head_words[1:]
        if head_words and all(w[:1].isupper() for w in head_words) and _preposition(head_words) == "on":
            return "in", pop, False  # a name with its article is a place: "in the Philippines", "in the EU"
    prep = _preposition(head_words) if head_words else "on"
    if prep == "on" and head_words == _ASIDE.sub("", pop).split() and (_proper(head_words) or all(w.isupper() for w in head_words)):
        # The slice is the bare name, nothing qualifies it ("Brazil (Portuguese)", not "Brazil users").
        place, name = _place(head_words), " ".join(head_words)
        if place is not None:
            return "in", place + pop[len(name):] if pop.startswith(name) else pop, False
    if prep == "on a day":
        return "on", with_article(pop), True
    if prep == "at night":
        return "at", pop, False
    return prep, with_article(pop), False


def slice_phrase(population: str) -> str:
    """The population as a phrase after a figure or before a clause: 'on Site A', 'during off-peak
    hours', 'in the evening', 'overnight', 'in the Philippines', 'on the balanced test set', 'on
    those aged 65 and over'."""
    prep, noun, _ = _placed(population)
    return f"{prep} {noun}" if prep else noun


def slice_for(population: str) -> str:
    """What a figure holds, or does not hold, for: 'for users in Brazil', 'for those aged 65 and
    over'; a stretch of time or a place keeps its own preposition ('during off-peak hours')."""
    prep, noun, day = _placed(population)
    if prep == "on" and not day:
        return f"for {noun}"
    return f"{prep} {noun}" if prep else noun
