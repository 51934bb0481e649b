"""A statement of the findings told the other way round: an option that "adds no platelet waste" said
to add platelet waste, a constraint "headcount is fixed until 2027" said not to be, "appeared in
neither the notes nor the photos" said to have appeared in them.

Every clause of the findings' prose (the system's purpose; finding titles, summaries, impacts,
caveats, mitigations and metric names; trade-off questions, constraints and rationales; options'
names, pros and cons) is a statement with a polarity: negated ("no", "not", "never", "neither", ...)
or not. A negated statement's frame is the content words around its negation: the verb before it
and what it denies after it ("add | platelet waste"), or the verb after "not" ("does not slow down").
A brief clause that says a negated frame's words close together with no negation, or word that
says one (such as "lacks" or "free of"), drops the negation. A brief clause that negates a verb a
positive statement says, with most of its words, when no negated statement says them, adds one.
Either is a negation error.

Left alone: questions, conditions ("if", "unless", "once", "until"), advice ("do not drop the
passcode yet", "we should not"), plans ("will make the planner slow down"), contrasts ("not the
proposed 0.5"), a share stated as one that does not ("46% were not followed by ..."), and a
statement the sentence ties to another option than the one the findings give it to. The decision
is a proposal, so denying it states no falsehood.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from dataclasses import dataclass, replace

from evals.faithfulness import lexicon as lx
from evals.faithfulness.analysis import Sentence, option_mentions, own_option_cues
from evals.faithfulness.check_numbers import Issue
from evals.faithfulness.index import FindingsIndex
from evals.faithfulness.text import OPTION_LETTER_RE, STOPWORDS, WORD_RE, content_stems, split_clauses, split_sentences, stem

# Explicit negations, as words: what a statement denies follows them.
_TOO_TO = re.compile(r"\btoo\s+(?:short|small|few|little|early|late|weak|noisy|sparse|brief|narrow)\s+to\b")
_NEGATIONS = frozenset("no not never neither nor without none nothing nobody cannot n't".split())
# Not a denial: a bound or an idiom ("no more than 3", "not only", "nothing but").
_NOT_A_DENIAL = re.compile(r"\b(?:no|not)\s+(?:only|just|least|more|less|fewer|later|earlier|sooner|longer\s+than|"
                           r"matter|doubt|one\s+but)\b|\bnothing\s+but\b|\bnot\s+(?:until|before|after)\b")
# Words that deny in other ways ("fails to", "is missing"): a positive statement holding one is no plain
# one to deny, and a brief that says one with a negated statement's words keeps its sense.
_OTHER_NO = (r"lack\w*|miss(?:es|ed|ing)?|absent|absence|free\s+of|\w+-free|fail(?:s|ed|ing)?\s+to|unable|zero|avoid\w*|"
             r"exclud\w*|instead|rather\s+than|outside|omit\w*|short\s+of|(?:left|leaves?|leaving)\s+out|prevent\w*|"
             r"stops?|stopped")
_SOURCE_SAYS_NO = re.compile(rf"\b(?:{_OTHER_NO})\b", re.I)
_SAYS_NO = re.compile(rf"\b(?:{_OTHER_NO}|barely|hardly|scarcely|seldom|rarely|beyond|nil|refus\w*|declin\w*|halt\w*|cut\s+out|drop\w*|remov\w*|unavailable|"
                      r"unknown|untested|unchecked|unrelated|irrelevant|regardless)\b")
_DIRECTIVE = re.compile(r"^\W*(?:do|does|please)?\s*$|\b(?:should|must|need|needs|ought|recommend\w*|advise\w*|ask\w*|"
                        r"suggest\w*|urge\w*|propose\w*|let's|let\s+us)\b")
_CONDITION = re.compile(r"\b(?:if|unless|once|until|whether|when|whenever|otherwise|should\s+\w+\s+fail|in\s+case|"
                        r"suppos\w*|assum\w*|imagin\w*)\b")
_FRAME_BEFORE = 2  # content words before the negation (its verb) and after it (what is denied)
_FRAME_AFTER = 3
_SPAN = 9  # tokens a brief may spread a frame's words over


_VERBAL = frozenset(("not", "n't", "never", "cannot"))
# "not by the Privacy Office", "not the proposed 0.5": what follows is a contrast, not a denied verb.
_CONTRASTED = frozenset("by the a an for in on from at with to of as only just".split())
# Between a negation and its verb: "has not yet been tested", "does not always keep".
_AUX = frozenset("be been being have has had yet always also even still ever quite fully really".split())
_AUX_BEFORE = frozenset("is are was were has have had been be already still now also always does do did often usually "
                        "sometimes".split())
_PLANNED = frozenset("to will would should must could can may might shall".split())


@dataclass(frozen=True)
class _Statement:
    stems: frozenset[str]  # content stems of the clause
    seq: tuple[str, ...]  # the stem of each word in order, "" for function words
    words: tuple[str, ...]  # the words themselves
    negated: bool
    before: tuple[str, ...]  # negated: content stems just before the negation (its verb: "adds | no ...")
    after: tuple[str, ...]  # negated: content stems of what it denies
    verbal: bool  # "does not include": the verb follows the negation
    verb: str  # verbal: the verb as written ("include"), whose longer derivations ("explainability") are other words
    option: str | None  # the option whose pro, con or name it is
    where: str  # for the evidence: "option RED's pros", "F2's summary"
    text: str


def _tokens(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD_RE.findall(re.sub(r"n['’]t\b", " n't", text))]


def _content(tok: str) -> bool:
    return tok not in STOPWORDS and tok not in _NEGATIONS and len(tok) > 2 and not tok[:1].isdigit()


def _statements_of(text: str, option: str | None, where: str, *, short: bool = False) -> list[_Statement]:
    return list(_statements_cached(text or "", option, where, short))


@lru_cache(maxsize=20000)
def _statements_cached(text: str, option: str | None, where: str, short: bool) -> tuple[_Statement, ...]:
    """A text's statements: documents of one batch share much wording (their statements are immutable)."""
    out: list[_Statement] = []
    for sentence in split_sentences(text or ""):
        for _, clause in split_clauses(sentence):
            low = lx._lower(clause)
            if "?" in clause or _TOO_TO.search(low):
                continue  # "Four weeks is too short to show whether ...": a denial in other words
            toks = _tokens(clause)
            stems = frozenset(stem(t) for t in toks if _content(t))
            seq = tuple(stem(t) if _content(t) else "" for t in toks)
            negs = [i for i, t in enumerate(toks) if t in _NEGATIONS]
            if not negs or _NOT_A_DENIAL.search(low):
                if len(stems) >= (2 if short else 3):
                    out.append(_Statement(stems, seq, tuple(toks), False, (), (), False, "", option, where, clause))
                continue
            k = negs[0]
            if toks[k] == "not" and (re.search(r"[,(]\s*not\b", low) or k + 1 < len(toks) and toks[k + 1] in _CONTRASTED):
                continue  # "covered winter and spring, not the summer": a contrast, said of something else
            verbal = toks[k] in _VERBAL or toks[k:k + 2] == ["no", "longer"]
            if toks[k] == "without":
                continue  # "inspections without a work order": a noun's lack, not a denied verb
            before = tuple(stem(t) for t in toks[:k] if _content(t))[-_FRAME_BEFORE:]
            after = tuple(stem(t) for t in toks[k + 1:] if _content(t))[:_FRAME_AFTER]
            if (len(after) >= 2 or verbal and after and before) and not any(t[:1].isdigit() for t in toks[k + 1:k + 3]):
                verb = next((t for t in toks[k + 1:] if _content(t)), "")
                out.append(_Statement(stems, seq, tuple(toks), True, before, after, verbal, verb, option, where, clause))
    return tuple(out)


def _statements(idx: FindingsIndex) -> tuple[_Statement, ...]:
    got = idx.__dict__.get("_polarity_statements")
    if got is not None:
        return got
    doc = idx.doc
    found: list[_Statement] = []
    # The decision and the business goal are proposals: "do not drop the passcode yet" denies no fact.
    found += _statements_of(doc.system.purpose or "", None, "the system's purpose")
    for f in doc.findings:
        for label, text in (("title", f.title), ("summary", f.summary), ("impact", f.impact or "")):
            found += _statements_of(text, None, f"{f.id}'s {label}")
        for c in f.caveats:
            found += _statements_of(c, None, f"{f.id}'s caveats")
        for m in f.mitigations:
            found += _statements_of(m.action, None, f"{f.id}'s mitigations")
        for m in f.metrics:  # "faults flagged at least 24 h before failure" is measured, so said
            found += _statements_of(f"{m.name} {m.population or ''}", None, f"{f.id}'s metrics", short=True)
    for t in doc.tradeoffs:
        for label, text in (("question", t.question), ("rationale", t.rationale or "")):
            found += _statements_of(text, None, f"{t.id}'s {label}")
        for c in t.constraints:
            found += _statements_of(c, None, f"{t.id}'s constraints")
        for o in t.options:
            oref = f"{t.id}.{o.id}"
            found += _statements_of(o.name, oref, f"option {o.id}'s name", short=True)
            for p in o.pros:
                found += _statements_of(p, oref, f"option {o.id}'s pros")
            for c in o.cons:
                found += _statements_of(c, oref, f"option {o.id}'s cons")
    got = idx.__dict__["_polarity_statements"] = tuple(
        st if st.option else replace(st, option=_subject_option(idx, st)) for st in found)
    return got


def _subject_option(idx: FindingsIndex, st: _Statement) -> str | None:
    """The option a finding's statement is about, when it names one first ("The gradient-boosted ensemble
    (model A) ... gives no reason codes" is model A's, so "option B gives reason codes" denies nothing)."""
    if not idx.options:
        return None
    own = own_option_cues(idx)
    first: tuple[int, str] | None = None
    for m in OPTION_LETTER_RE.finditer(st.text):
        for oref, (_, letter) in idx.options.items():
            if letter == m.group(1).lower():
                first = min(first or (m.start(), oref), (m.start(), oref))
    for i, s in enumerate(st.seq):
        hits = [o for o, cues in own.items() if s and s in cues]
        if len(hits) == 1:
            at = sum(len(w) + 1 for w in st.words[:i])  # about where the word is: only the order matters
            first = min(first or (at, hits[0]), (at, hits[0]))
            break
    return first[1] if first else None


def check_polarity(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    statements = _statements(idx)
    if not statements or "?" in sent.text:
        return [], False
    low = sent.plain_low
    prefixed = _prefixed(idx, statements)
    swapped = _swapped_prefix(statements, prefixed, sent) if prefixed and lx.UNDER_OVER_RE.search(low) else None
    if swapped is not None:
        return [swapped], True
    # Most sentences neither say a negated statement's verb nor negate anything: nothing to look at.
    denied = _denied_stems(idx, statements)
    if not (denied & set(sent.tok_stems)) and not _ANY_NEGATION.search(low):
        return [], False
    named = _NamedOptions(idx, sent)
    all_words = [w.lower() for w in sent.tok_words]
    for off, clause in sent.clauses:
        i0 = bisect.bisect_left(sent.tok_starts, off)
        i1 = bisect.bisect_left(sent.tok_starts, off + len(clause))
        stems = sent.tok_stems[i0:i1]
        words = all_words[i0:i1]
        starts = [t - off for t in sent.tok_starts[i0:i1]]
        c_low = low[off: off + len(clause)]
        if _ELLIPTIC_NOT.match(low, off + len(clause)):
            # "Only three generators were tested; newer ones were not.": the clause after denies what this one says
            issue = _added(statements, stems, words, starts, c_low, named)
            if issue is not None:
                return [issue], True
            continue
        issue = _dropped(statements, stems, words, starts, c_low, named) or _added(statements, stems, words, starts,
                                                                                  c_low, named)
        if issue is not None:
            return [issue], True
    return [], False


# The next clause is a denial of this one's verb, the verb left out: "; newer ones were not."
_ELLIPTIC_NOT = re.compile(r"\s*[;,]\s*(?:but\s+)?(?:\w+\s+){1,4}(?:were|was|are|is|have|has|had|did|do|does)\s+not\s*(?:[.;]|$)")
_ANY_NEGATION = re.compile(r"\bnot\b|n['’]t\b|\bnever\b|\bcannot\b|\bno longer\b")


def _denied_stems(idx: FindingsIndex, statements) -> frozenset[str]:
    """The words a brief must say to say what a negated statement denies: the verb after "not" ("include" of "did
    not include"), or the words after "no" ("platelet", "waste" of "no platelet waste")."""
    got = idx.__dict__.get("_polarity_denied")
    if got is None:
        got = idx.__dict__["_polarity_denied"] = frozenset(
            w for st in statements if st.negated for w in (st.after[:1] if st.verbal else st.after))
    return got


def _prefixed(idx: FindingsIndex, statements) -> frozenset[tuple[str, str]]:
    """Each (prefix, verb stem) the findings' statements say ("under", "estimat"); once per document."""
    got = idx.__dict__.get("_polarity_prefixed")
    if got is None:
        got = idx.__dict__["_polarity_prefixed"] = frozenset(
            (m.group(1).lower(), stem(m.group(2))) for st in statements for m in lx.UNDER_OVER_RE.finditer(st.text))
    return got


def _swapped_prefix(statements, prefixed: frozenset[tuple[str, str]], sent: Sentence) -> Issue | None:
    """"The model overestimates driving time" where the findings say it underestimates it: the same verb and
    what it is said of, with the other prefix, and the findings never say it with that prefix."""
    said = {(m.group(1).lower(), stem(m.group(2))): m for m in lx.UNDER_OVER_RE.finditer(sent.plain_low)}
    if not said:
        return None
    for st in statements:
        for m in lx.UNDER_OVER_RE.finditer(st.text):
            verb = stem(m.group(2))
            other = "over" if m.group(1).lower() == "under" else "under"
            hit = said.get((other, verb))
            if hit is None or (m.group(1).lower(), verb) in said or (other, verb) in prefixed:
                continue  # said with its own prefix too, or the findings say it both ways (of different things)
            after_st = set(content_stems(st.text.lower()[m.end(): m.end() + 60])[:3])
            after_brief = set(content_stems(sent.plain_low[hit.end(): hit.end() + 60])[:4])
            if after_st & after_brief:
                return Issue("direction", "contradicted", f"{st.where} say '{st.text.strip()}'; the brief says "
                                                          f"'{hit.group(0)}'")
    return None


class _NamedOptions:
    """The options a sentence names, worked out only if a statement of an option needs them."""

    def __init__(self, idx: FindingsIndex, sent: Sentence):
        self._idx, self._sent, self._got = idx, sent, None

    def _names(self) -> set[str]:
        if self._got is None:
            self._got = _named_options(self._idx, self._sent) if self._idx.options else set()
        return self._got

    def __bool__(self) -> bool:
        return bool(self._names())

    def __contains__(self, option: object) -> bool:
        return option in self._names()


def _named_options(idx: FindingsIndex, sent: Sentence) -> set[str]:
    """Options the sentence names by id or by a word of its name no other option's name has: "the strict
    threshold" names STRICT, not BALANCED, though "threshold" is in both names."""
    own = own_option_cues(idx)
    stems = set(sent.tok_stems)
    return {o for i, o in option_mentions(idx, sent) if sent.tok_stems[i] in own[o] or not (stems & own[o]) and
            sent.tok_stems[i] not in idx.options[o][0]}


def _fits_option(st: _Statement, named: set[str]) -> bool:
    return st.option is None or not named or st.option in named


def _is_negation(word: str) -> bool:
    return word in _NEGATIONS or word.endswith("n't") or word.endswith("n’t")


def _said_at(st: _Statement, stems, words) -> tuple[int, int] | None:
    """Where a word sequence says the words a negated statement denies, without its negation:
    the verb after "not" and one more of its words ("did not include year-end volumes": "include ...
    year-end", "the planner does not slow down": "planner ... slows"), or two of the words after "no"
    with the verb just before them ("adds no platelet waste": "adds ... platelet waste")."""
    if st.verbal:
        for a, s in enumerate(stems):
            if s != st.after[0] or len(words[a]) > len(st.verb) + 3:
                continue  # "explainability" is no form of "explain"
            later = [i for i in range(a + 1, min(len(stems), a + _SPAN)) if stems[i] in st.after[1:]]
            if later:
                return a, max(later)
            # its subject right before it, or with only auxiliaries between ("the planner already slows")
            j = a - 1
            while j >= 0 and words[j] in _AUX_BEFORE:
                j -= 1
            if j >= 0 and stems[j] in st.before:
                return j, a
        return None
    found = [i for i, s in enumerate(stems) if s in st.after]
    if len({stems[i] for i in found}) < 2:
        return None
    a = min(found)
    inside = [i for i in found if i < a + _SPAN]
    if len({stems[i] for i in inside}) < 2:
        return None
    verb = [j for j in range(max(0, a - 3), a) if st.before and stems[j] == st.before[-1]]
    if not verb:
        return None  # "adds no platelet waste": its verb right before what it denies
    return verb[0], max(inside)


def _also_said(st: _Statement, o: _Statement) -> bool:
    """Does a positive statement say what a negated one denies? A verb with its subject or object in any
    order ("the model flagged 87% of door faults" for "a fault cannot be flagged"); words after "no" with
    the verb before them, as said ("adds no platelet waste")."""
    if st.verbal:
        return st.after[0] in o.stems and bool(o.stems & set(st.before + st.after[1:]))
    return _said_at(st, o.seq, o.words) is not None


# A share below the whole: "93% of", "93 percent of"
_PART_SHARE = re.compile(r"(?<![\d.])\d{1,2}(?:\.\d+)?\s*(?:%|percent|per cent)\s+of\b")
_NOUN_LEADS = frozenset("under for a an the its their in on of pending".split())


def _dropped(statements, stems: list[str], words: list[str], starts: list[int], c_low: str,
             named: set[str]) -> Issue | None:
    have = set(stems)
    for st in statements:
        if not st.negated or have.isdisjoint(st.after[:1] if st.verbal else st.after):
            continue
        span = _said_at(st, stems, words)
        if span is None or not _fits_option(st, named):
            continue
        a, b = span
        verb = next((v for v in range(a, b + 1) if stems[v] == st.after[0]), None) if st.verbal and st.after else None
        if verb and words[verb - 1] in _NOUN_LEADS:
            continue  # "the decision under review", "a review of the loans": the noun, not the verb "have not reviewed"
        # A negation anywhere in the clause may be the one the findings state; of a statement that negates
        # its verb ("... without a penalty has not been tested"), not "without", which denies no verb
        # unless one follows ("without grading"). A word that denies may be the statement's own verb ("does not stop": "stops").
        if any(_is_negation(w) and (w != "without" or not st.verbal or words[i + 1:i + 2] and words[i + 1].endswith("ing"))
               for i, w in enumerate(words)):
            continue
        if any(stem(m.group(0).split()[0]) not in st.stems for m in _SAYS_NO.finditer(" ".join(words[max(0, a - 4):b + 1]))):
            continue
        if any(w in _PLANNED for w in words[:a]):
            continue  # "to mention retraining", "will make the planner slow down": what is to be, not what is
        if _CONDITION.search(c_low[: starts[a]]):
            continue
        if _PART_SHARE.search(c_low, starts[a], starts[b] + len(words[b])):
            continue  # "passed 93% of spoken emergency requests": the rest were not, as "some are not passed" says
        if any(not o.negated and _fits_option(o, named) and _also_said(st, o) for o in statements):
            continue  # the findings also say it without a negation
        if any(w[:1].isdigit() for w in words) and any(
                not o.negated and o.where.endswith("metrics") and o.stems and len(o.stems & have) >= 0.8 * len(o.stems)
                for o in statements):
            continue  # "41 maps were sent to county emergency services": the figure of a metric that has no negation
        said = " ".join(words[a: b + 1])
        return Issue("negation", "contradicted", f"{st.where} say '{st.text.strip()}'; '{said}' drops the negation")
    return None


def _added(statements, stems: list[str], words: list[str], starts: list[int], c_low: str,
           named: set[str]) -> Issue | None:
    restated = None
    for k, w in enumerate(words):
        if not (w in _VERBAL or w.endswith("n't") or w.endswith("n’t") or words[k:k + 2] == ["no", "longer"]):
            continue
        if restated is None:  # looked for once, and only in a clause that negates
            have = set(stems)
            restated = any(st.negated and len(st.stems) >= 3 and len(st.stems & have) >= 0.8 * len(st.stems) for st in statements)
        if restated:
            return None  # the clause restates a negated statement of the findings ("could not count ... never screened")
        if _NOT_A_DENIAL.search(c_low[starts[k]: starts[k] + 30]) or _CONDITION.search(c_low[: starts[k]]):
            continue
        if _DIRECTIVE.search(c_low[: starts[k]]):
            continue  # "do not drop the passcode until ...", "we should not rely on": advice, not a fact
        if re.search(r"[,(]\s*$", c_low[: starts[k]]):
            continue  # "yes for red cells, not yet for platelets": a contrast
        if any(w[:1].isdigit() for w in words[max(0, k - 6):k]):
            continue  # "46% of alerts were not followed by ...": a share that does not, stated as such
        first = k + 2 if words[k] == "no" else k + 1  # "no longer correct"
        after_at = [j for j in range(first, min(len(words), k + 8)) if _content(words[j])]
        if not after_at or any(words[j] not in _AUX for j in range(first, after_at[0])):
            continue  # only a verb, after at most "has yet been", is what the negation denies
        verb = stems[after_at[0]]
        if lx.NOT_ALL_AFTER.match(c_low, starts[after_at[0]] + len(words[after_at[0]])):
            continue  # "has not yet supplied everything": not all of it
        before = [stems[j] for j in range(max(0, k - 6), k) if _content(words[j])][-_FRAME_BEFORE:]
        frame = set(before) | {stems[j] for j in after_at[:_FRAME_AFTER]}
        if len(frame) < 3:
            continue
        if any(st.negated and verb in st.after + st.before and len(frame & set(st.after + st.before)) >= 2
               for st in statements):
            continue  # the findings deny something of these words too
        after = {stems[j] for j in after_at[:_FRAME_AFTER]}
        for st in statements:
            if st.negated or verb not in st.stems or _SOURCE_SAYS_NO.search(st.text) is not None:
                continue
            # an option's pro or con, said of that option by name: its verb and one more word of it will do
            # ("the balanced threshold does not stay within the cap"); anything else needs most of its words
            if (st.option is not None and len(after & st.stems) >= 2 and st.option in named
                    or st.option is None and len(frame & st.stems) >= max(3, len(frame) - 1)):
                said = " ".join(words[max(0, k - 2): k + 5])
                return Issue("negation", "contradicted", f"{st.where} say '{st.text.strip()}'; '{said}' denies it")
    return None
