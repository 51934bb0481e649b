"""Words for enums, lists, owners and jargon, per audience."""

from __future__ import annotations

import re
import unicodedata
import zlib

from engine.casing import keeps_case
from engine.identity_cache import per_object
from schemas.audience import AudienceProfile
from schemas.findings import Finding, Likelihood, MitigationStatus, Severity, Status

SEVERITY_ADJ = {
    Severity.low: "low-severity",
    Severity.medium: "medium-severity",
    Severity.high: "high-severity",
    Severity.critical: "critical",
}

LIKELIHOOD_CLAUSE = {
    Likelihood.rare: "that we expect to occur only rarely",
    Likelihood.unlikely: "that is unlikely to occur",
    Likelihood.possible: "that could possibly occur",
    Likelihood.likely: "that is likely to occur",
    Likelihood.almost_certain: "that is almost certain to occur",
}

STATUS_TEXT = {
    Status.open: "open",
    Status.mitigating: "being mitigated",
    Status.accepted: "accepted",
    Status.closed: "closed",
}

MITIGATION_STATUS_TEXT = {
    MitigationStatus.planned: "planned, not yet in place",
    MitigationStatus.in_progress: "in progress, not yet complete",
    MitigationStatus.done: "done and in place",
}



def pick(key: str, options: list[str]) -> str:
    """A stable choice among phrasings, so briefs vary without randomness."""
    return options[zlib.crc32(key.encode("utf-8")) % len(options)]


def join(items: list[str]) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def readable(text: str | None) -> bool:
    """Text with at least one letter or digit: a reader can see what it names."""
    return bool(text) and any(ch.isalnum() for ch in text)


def identifies(title: str) -> bool:
    """A title of two or more words, one of them a Latin-letter word, tells findings apart in prose."""
    return len(re.findall(r"\w+", title)) >= 2 and re.search(r"[A-Za-z]{2,}", title) is not None


def _recased(ch: str, cased: str) -> str:
    """A character's other case when it is one character too: 'ß' upper-cases to 'SS' and
    'İ' lower-cases to two code points, and a quotation must keep the findings' own letters."""
    return cased if len(cased) == 1 else ch


# English capitalises languages, nationalities, weekdays and months anywhere in a sentence:
# "Also, polish diacritics break the parser" changes the meaning. ("May" is left out: it opens
# ordinary sentences.)
PROPER_WORDS = frozenset("""
english french german spanish portuguese italian dutch polish czech slovak hungarian romanian bulgarian greek
turkish russian ukrainian swedish danish norwegian finnish icelandic estonian latvian lithuanian irish welsh
scottish british american canadian mexican brazilian argentinian australian european african asian
arabic hebrew persian farsi urdu hindi bengali punjabi tamil telugu marathi gujarati nepali thai vietnamese
indonesian malay filipino tagalog chinese mandarin cantonese japanese korean mongolian swahili yoruba igbo
hausa amharic zulu afrikaans latin catalan basque galician serbian croatian bosnian slovenian albanian
macedonian maltese kurdish pashto
monday tuesday wednesday thursday friday saturday sunday
january february march april june july august september october november december
""".split())


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+(?=\S)", re.I)


def without_article(text: str) -> str:
    """'the shortlist rate' -> 'shortlist rate': a name as written with its article, without it."""
    return _LEADING_ARTICLE.sub("", text) or text


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word looks like a name or acronym."""
    if not text:
        return text
    first = text.split(" ", 1)[0]
    if len(first) > 1 and (first.isupper() or any(map(str.isupper, first[1:])) or any(map(str.isdigit, first))):
        return text
    if len(first) == 1 and first.isupper() and first != "A":
        # a lone capital is a label ("B has the lowest error", option B) or "I", never a common word
        return text
    if first[:1].isupper() and first.split("-", 1)[0].rstrip(",.;:'’s").lower() in PROPER_WORDS:
        return text
    rest = text.split(" ", 2)
    second = rest[1].rstrip(",.;:'’s") if len(rest) > 1 else ""
    if first[:1].isupper() and second[:1].isupper() and second[1:].islower() and second.lower() not in PROPER_WORDS:
        # "Model Risk Management requires ...": the first word of a name of several words (not "Hateful
        # Portuguese comments", where only the language is a name, nor "Cut HR ticket volume")
        return text
    return _recased(text[0], text[0].lower()) + text[1:]


# Characters a reader does not see: spaces, controls, format marks (BOM, bidi), combining marks.
_UNSEEN = frozenset(("Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Me"))


def upper_first(text: str) -> str:
    """Capitalise the first character, past any invisible marks ('\ufeff of campaign' ->
    '\ufeff Of campaign'): a reader, and the checker splitting Markdown into sentences, sees a
    sentence start at its first visible word. Visible text ('<script>') is left as written, and so
    is a word whose lower-case start is part of its name ('p95 latency', 'mAP', 'pH')."""
    for i, ch in enumerate(text):
        if ch.isspace() or unicodedata.category(ch) in _UNSEEN:
            continue
        if ch.islower() and keeps_case(text[i:i + 40]):
            return text
        return text[:i] + _recased(ch, ch.upper()) + text[i + 1:]
    return text


def sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return text
    text = upper_first(text)
    return text if text[-1] in ".!?" else text + "."


_QUESTION_WORDS = frozenset("should shall do does did can could will would is are was were may might must which what who "
                            "how when where why".split())


def decision_action(decision: str) -> str | None:
    """The decision as an action to read after 'to' ('Ship the dashboards', 'Whether to ship the
    dashboards' -> 'Ship the dashboards'); None for a question ('Do we launch in the EU?') or a label
    ('Go/no-go for the EU'), which read as written."""
    text = decision.strip().rstrip(".").strip()
    low = text.lower()
    for lead in ("whether or not to ", "whether to ", "to "):
        if low.startswith(lead):
            return text[len(lead):].strip() or None
    first = low.split(" ", 1)[0]
    if text.endswith("?") or first in _QUESTION_WORDS or first == "whether" or "/" in first:
        return None
    return text


def decision_label(decision: str) -> str:
    """The decision as a heading-like phrase, without its closing mark."""
    return decision.strip().rstrip(".?!").strip()


def strip_period(text: str) -> str:
    return text.strip().rstrip(".")


def plain(term: str, profile: AudienceProfile) -> str:
    """Replace jargon the audience should not see with its plain equivalent."""
    if not profile.avoid:
        return term
    whole, ordered = _avoid_table(profile)
    if term.lower() in whole:
        return whole[term.lower()]
    out = term
    for jargon, pattern, replacement in ordered:
        # Most terms are absent: a substring test spares the regex (a replacement may bring in
        # a later term, so the test is against the text as it is now).
        if jargon in out.lower():
            found = pattern.search(out)
            lead = out[:found.start()] if found is not None else ""
            if found is not None and found.end() == len(out) and _MODIFIER.fullmatch(lead) \
                    and lead.strip().lower() not in _QUALIFIERS and _CASES.search(replacement):
                # "fraud recall" is the share of fraud cases caught, not the "fraud share of cases caught"
                return _CASES.sub(lambda c: f"{lead.strip()} {c.group(0)}", replacement, count=1)
            out = pattern.sub(replacement, out)
    return out


_MODIFIER = re.compile(r"[A-Za-z][\w-]* ")  # one word before a term that ends a name
_CASES = re.compile(r"\bcases\b")
# Words that qualify the measure, not the cases: "overall recall" is the overall share of cases caught.
_QUALIFIERS = frozenset("overall weighted macro micro average mean median balanced total global aggregate daily weekly "
                        "monthly yearly annual".split())


@per_object
def _avoid_table(profile: AudienceProfile) -> tuple[dict[str, str], list[tuple[str, re.Pattern, str]]]:
    """The profile's avoid list as a lookup and as compiled patterns, longest term first."""
    whole = {k.lower(): v for k, v in profile.avoid.items()}
    ordered = [(j.lower(), re.compile(rf"\b{re.escape(j)}\b", re.IGNORECASE), profile.avoid[j].replace("\\", "\\\\"))
               for j in sorted(profile.avoid, key=len, reverse=True)]
    return whole, ordered


def the_system(name: str, determiner: str = "the") -> str:
    """'Sentiment classifier' -> 'the sentiment classifier'; a one-word capitalised name ('Atlas')
    is a proper name and takes no article ('Our atlas' would misname it)."""
    if " " not in name.strip() and name[:1].isupper():
        return name
    return f"{determiner} {lower_first(name)}"


_DETERMINERS = ("the", "a", "an", "our", "its", "their", "this", "that", "each", "every", "any")


def the_owner(owner: str) -> str:
    """'ML Platform lead' -> 'the ML Platform lead'; names stay bare. A closing full stop is dropped:
    the owner is named mid-sentence ('with the Identity team lead as owner')."""
    owner = owner.strip()
    if owner.endswith(".") and not owner.endswith(".."):
        owner = owner[:-1]
    words = owner.split()
    if words and words[0].lower() in _DETERMINERS:  # 'the Trust and Safety team' has its article
        return owner
    role_words = ("lead", "team", "officer", "head", "manager", "owner", "group", "committee", "board",
                  "department", "office", "director", "council", "controller", "analyst", "engineer", "architect",
                  "specialist", "counsel", "steward", "coordinator", "administrator", "auditor", "reviewer", "desk",
                  "unit", "function", "squad", "panel", "staff", "champion", "scientist", "leader", "supervisor")
    if words and (words[0].lower() in ("head", "chief") or words[-1].lower() in role_words):
        return f"the {owner}"
    return owner


# Ranks by member: ranking reads them several times per finding in every brief, and the
# members' `rank` property costs two attribute lookups each time.
_SEVERITY_RANKS = {s: s.rank for s in Severity}
_LIKELIHOOD_RANKS = {lk: lk.rank for lk in Likelihood}


def severity_rank(f: Finding) -> int:
    return _SEVERITY_RANKS[f.severity] if f.severity else 0


def likelihood_rank(f: Finding) -> int:
    return _LIKELIHOOD_RANKS[f.likelihood] if f.likelihood else 0


# Words spelled with a vowel but said with a consonant first ("a unit cost", "a one-off check").
_CONSONANT_SOUND = ("uni", "use", "usa", "usu", "uti", "ura", "uro", "eu", "one", "once")


def a_or_an(phrase: str) -> str:
    """'an override rate', 'a false positive rate', 'a unit cost': the article for a word phrase."""
    low = phrase.lower()
    return "an" if low[:1] in "aeiou" and not low.startswith(_CONSONANT_SOUND) else "a"


def indefinite_article(figure: str) -> str:
    """'an' before a figure spoken with a vowel sound first (8, 11, 18, 80, 800, 8,000, 18,000), else 'a'."""
    whole = re.match(r"[\d,]*", figure.lstrip("+-−$€£")).group(0).replace(",", "").lstrip("0")  # "8-point" -> "8"
    if not whole.isdigit():
        return "a"  # "a 0.5-point gap": zero point five
    lead = whole[: len(whole) % 3 or 3]  # the group before the first "thousand", "million"
    return "an" if lead.startswith("8") or lead in ("11", "18") else "a"
