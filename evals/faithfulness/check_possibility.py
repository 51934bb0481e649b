"""A possibility told as a fact: the findings say "could breach client confidentiality" and the
brief says "breached client confidentiality" or "breaches client confidentiality".

The findings' impact and summary say what could, may or might happen. A brief sentence with the
same verb, inflected (past or present tense), followed by at least two content words of what the
findings say it could do, and with no hedge, condition or denial before it in its clause, tells a
possible outcome as one that happened or happens: a hedge error. The base form ("could breach",
"to breach") and "-ing" forms ("the risk of breaching") are left alone, and so is a verb the
findings themselves tell as a fact somewhere (unhedged, with the same words after it). "Will
breach" is the certainty check's (check_plans), which weighs the finding's likelihood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from evals.faithfulness.analysis import Sentence
from evals.faithfulness.check_numbers import Issue
from evals.faithfulness.index import FindingsIndex
from evals.faithfulness.text import STOPWORDS, stem, words

_MODALS = frozenset(("could", "may", "might"))
# Verbs too general to tell one outcome from another ("could be", "may have", "might include").
_GENERAL = frozenset(stem(w) for w in "be have include come mean explain reflect get make take need show seem appear "
                     "contain depend involve relate apply exist remain happen occur go".split())
_BETWEEN = frozenset(("also", "well", "even", "eventually", "then", "still", "easily", "quickly", "further", "each"))
# Before the verb in its clause: a hedge, a condition, a purpose or a denial ("the risk that it breaches",
# "if prompts are kept, that breaches", "to stop it breaching", "no prompt has breached").
_HEDGED = re.compile(
    r"\b(?:could|may|might|can|would|should|must|shall|risks?|risked|possib\w*|potential\w*|likely|unlikely|perhaps|"
    r"probabl\w*|if|unless|whether|when|whenever|once|until|before|to|avoid\w*|prevent\w*|stop\w*|not|no|never|"
    r"without|nothing|chance|danger|threat\w*|fear\w*|concern\w*|worr\w*|scenario|exposure|lest|so\s+that|in\s+case|"
    r"suppose\w*|assum\w*|imagin\w*|hypothetical\w*|expect\w*|predict\w*|feared|n't)\b")
_VERB_MODALS = frozenset("could may might can would should must shall".split())
_AND_BEFORE = re.compile(r"\band\s+(?:\w+\s+){0,2}$")
_WITHOUT_VERB = re.compile(r"\bwithout\s+(?:ever\s+|even\s+|first\s+|\w+ly\s+)?$")  # "without (ever) breaching": right before the verb
_CLAUSE_BREAK = re.compile(r"[;:()\u2013\u2014]|,\s+(?:and|but|so|which|while|whereas)\b|\.\s")


@dataclass(frozen=True)
class _Possibility:
    finding: str
    verb: str  # stem
    base: str  # the verb as the findings write it after the modal
    objects: tuple[str, ...]  # content stems of what it could do, in order
    modal: str


def _possibilities(idx: FindingsIndex) -> tuple[tuple[_Possibility, ...], frozenset[tuple[str, str]]]:
    """What the findings say could happen, and (verb, object) stems they tell as fact; once per document."""
    got = idx.__dict__.get("_possibilities")
    if got is None:
        found: list[_Possibility] = []
        facts: set[tuple[str, str]] = set()
        for f in idx.doc.findings:
            for text in (f.summary, f.impact, f.title):
                possible, told = _possibilities_of(f.id, text or "")
                found += possible
                facts |= told
        got = idx.__dict__["_possibilities"] = (tuple(found), frozenset(facts))
    return got


@lru_cache(maxsize=20000)
def _possibilities_of(fid: str, text: str) -> tuple[tuple[_Possibility, ...], frozenset[tuple[str, str]]]:
    """One text's possibilities and facts (documents of one batch share much wording)."""
    found: list[_Possibility] = []
    facts: set[tuple[str, str]] = set()
    toks = words(text)
    for i, w in enumerate(toks):
        j = i + 1
        modal = w in _MODALS
        while modal and j < len(toks) and toks[j] in _BETWEEN:
            j += 1
        verb_at = j if modal else i
        if verb_at >= len(toks) or toks[verb_at] in STOPWORDS or toks[verb_at][:1].isdigit():
            continue
        verb = stem(toks[verb_at])
        objects = tuple(stem(o) for o in toks[verb_at + 1: verb_at + 7] if o not in STOPWORDS and len(o) > 2
                        and not o[:1].isdigit())[:4]
        if modal:
            if verb not in _GENERAL and len(objects) >= 2:
                found.append(_Possibility(fid, verb, toks[verb_at], objects, w))
        elif not (i and toks[i - 1] in _MODALS | {"to", "can", "would", "will", "not", "no", "never"}):
            facts.update((verb, o) for o in objects)
    return tuple(found), frozenset(facts)


def check_possibility(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    possible, facts = _possibilities(idx)
    if not possible or sent.text.rstrip().endswith("?"):
        return [], False
    stems = sent.tok_stems
    by_verb = {p.verb for p in possible}
    for i, s in enumerate(stems):
        if s not in by_verb:
            continue
        word = sent.tok_words[i].lower()
        if word.endswith("ing"):
            continue
        ahead = set(stems[i + 1: i + 8])
        for p in possible:
            if p.verb != s or word == p.base:
                continue
            shared = [o for o in p.objects if o in ahead]
            if len(shared) < 2 or all((p.verb, o) in facts for o in shared):
                continue
            start = sent.tok_starts[i]
            before = sent.low[:start]
            breaks = list(_CLAUSE_BREAK.finditer(before))
            clause = before[breaks[-1].end():] if breaks else before
            hedge = _HEDGED.search(clause)
            if hedge and hedge.group(0) in _VERB_MODALS and (word.endswith("s") or word.endswith("ed")) \
                    and (joined := _AND_BEFORE.search(clause)) and joined.start() > hedge.end():
                # "could hurt their reviews and amounts to indirect discrimination": an inflected verb after "and"
                # is a predicate of its own, which the modal before it does not govern
                hedge = _HEDGED.search(clause, joined.end())
            if hedge and hedge.group(0) == "without" and not _WITHOUT_VERB.search(clause) and not _HEDGED.search(clause, hedge.end()) \
                    and not _HEDGED.search(clause, 0, hedge.start()):
                hedge = None  # "inferring these without consent breaches ...": "without" says how, it does not deny the verb
            if hedge:
                continue
            if breaks and breaks[-1].group(0) == ":" and _HEDGED.search(
                    before[breaks[-2].end() if len(breaks) > 1 else 0: breaks[-1].start()]):
                continue  # a label says what follows is a possibility: "What could go wrong: a lawyer relies on ..."
            said = " ".join(sent.tok_words[i: i + 4])
            return [Issue("hedge", "unsupported",
                          f"{p.finding} says it {p.modal} {p.base} ...; '{said}' tells it as a fact", (p.finding,))], True
    return [], False
