"""Claims that a whole decision (a trade-off) was added to the findings or is no longer in them.

"New decision on the table: “Q”, choosing between option A (…) and option B (…);
the findings recommend option B (…)", "The decision “Q” is no longer in the
document; it was between option A (…) and option B (…), with option B (…)
recommended". An added trade-off must be in NEW and not in OLD, a removed one in
OLD and not in NEW (matched as evals.changes.compare matches them); its options
and its recommended option are checked against the side that holds it. A
trade-off the documents do not add or remove, an option it does not have, a
recommendation it does not make, or a reason for its going the findings do not
give ("decided", "withdrawn") is `extrinsic`; an option given another option's
name is `slice`.
"""

from __future__ import annotations

import re

from evals.changes.align import QUOTED, split_source
from evals.changes.compare import Changes, norm
from evals.changes.names import ENDS, stated_at, unquoted
from evals.changes.tradeoffs import NONE_BEFORE, labels_of, option_names
from evals.changes.words import HEADLINE, Issues, mask
from evals.faithfulness.text import content_stems
from schemas.findings import Tradeoff

_WHAT = r"(?:decision|trade-?off|choice)s?"
ADDED = re.compile(rf"\bnew {_WHAT}\b|\bnow on the table\b|\b{_WHAT}\b[^;:]*?\b(?:was|were|has been|have been) added\b", re.I)
# Gone from the findings, or said to be settled: a reason the findings do not give, but a claim of removal.
_GONE = r"removed|dropped|withdrawn|decided|settled|resolved|taken|made|closed|cancell?ed|abandoned"
REMOVED = re.compile(rf"\b{_WHAT}\b[^;:]*?\b(?:(?:is|are) no longer in the (?:findings|document)|"
                     rf"(?:was|were|has been|have been) (?:{_GONE}))\b|"
                     rf"\bno longer in the (?:findings|document)\b[^;]*?\b{_WHAT}\b", re.I)
# Why a decision left the document is not in the findings; saying so invents it.
REASON = re.compile(r"\b(?:decided|withdrawn|resolved|settled|abandoned|cancell?ed|approved|rejected|agreed)\b|"
                    r"\b(?:was|were|has been|have been) (?:made|taken|closed)\b", re.I)
STATED_ID = re.compile(r"\btrade-?off\s+([A-Za-z0-9][\w-]*)", re.I)
# "option B", not "option is": the words that follow "option" in a sentence are lower case, an id ("A") need not be.
OPTION_ID = re.compile(r"\b[Oo]ption\s+(?!(?:is|was|were|for|of|to|that|the|a|an|and|or|with|on)\b)([^\s(),;:]+?)"
                       r"(?=[\s(),;:]|\.(?:\s|$)|$)")
NO_RECOMMENDATION = re.compile(r"\bno option (?:is |was )?recommended\b|\brecommend(?:s|ed)? no option\b|"
                               r"\b(?:with|makes|made|has|had) no recommendation\b", re.I)
RECOMMENDS = re.compile(r"\b(?:recommends?|recommended|recommending)\s+(?:(?:option|choice)\s+(?:is|was)\s+)?", re.I)
RECOMMENDED_AFTER = re.compile(r"\s+(?:(?:is|was|being)\s+)?recommended\b", re.I)


def _candidates(changes: Changes, text: str, scan: str, sources: list[str]) -> tuple[list, bool]:
    """(OLD, NEW) trade-offs the sentence may be about, either side None: by sources, stated id, quoted question, words.

    And whether the sentence named them (sources, an id, the question) rather than only sharing words with them.
    """
    every = [*changes.tradeoff_pairs, *((None, c.tradeoff) for c in changes.tradeoffs if c.kind == "added"),
             *((c.tradeoff, None) for c in changes.tradeoffs if c.kind == "removed")]
    refs = {(side, ref.partition(".")[0]) for side, ref in map(split_source, sources)}
    named = [p for p in every if any(t is not None and (side in (None, sd)) and t.id == ref
                                     for side, ref in refs for sd, t in (("old", p[0]), ("new", p[1])))]
    if named:
        return named, True
    ids = {m.group(1).rstrip(".") for m in STATED_ID.finditer(scan)}
    if ids:
        return [p for p in every if any(t is not None and t.id in ids for t in p)], True
    quoted = {norm(q.strip("“”\"")) for q in QUOTED.findall(text)}
    hits = [p for p in every if any(t is not None and norm(t.question) in quoted for t in p)]
    if hits:
        return hits, True
    stems = set(content_stems(scan))
    scored = []
    for p in every:
        own = set().union(*(content_stems(t.question) for t in p if t is not None))
        if own and len(own & stems) >= 2 and len(own & stems) / len(own) >= 0.5:
            scored.append(p)
    return scored or every, False


def _stated_recommendation(t: Tradeoff, scan: str) -> str | None:
    """The option id the sentence says is recommended, "" for none, None when it says nothing of it.

    An option the trade-off does not have comes back as the words the sentence uses.
    """
    if NO_RECOMMENDATION.search(scan):
        return ""
    labels = labels_of(t)
    for o in t.options:  # "the recommended option is B"
        labels.setdefault(o.id.lower(), o.id)
    names = sorted(labels, key=len, reverse=True)
    low = scan.lower()
    for m in RECOMMENDS.finditer(scan):
        said, _ = stated_at(scan, m.end(), [*names, *NONE_BEFORE], ENDS)
        said = said.strip().lower()
        if said:
            return labels.get(said, "" if said in NONE_BEFORE else said)
    # "with option B (Scorecard) recommended": the option named just before the word.
    for m in RECOMMENDED_AFTER.finditer(scan):
        for name in names:
            if low.endswith(name, 0, m.start()) and (m.start() == len(name) or not low[m.start() - len(name) - 1].isalnum()):
                return labels[name]
    return None


def _option_issues(t: Tradeoff, scan: str, issues: Issues) -> None:
    """Each "option X" or "option X (Name)" the sentence states must be an option of t, named as t names it."""
    low = scan.lower()
    for m in OPTION_ID.finditer(scan):
        said = m.group(1).rstrip(".")
        option = t.option(said) or next((o for o in t.options if o.id.lower() == said.lower()), None)
        if option is None:
            issues.add("extrinsic", f"{t.id} has no option {said}; its options are "
                                    + ", ".join(f"{o.id} ({o.name})" for o in t.options))
            continue
        paren = re.compile(r"\s*\(").match(scan, m.end())
        if paren is None:
            continue
        at = paren.end()
        if low.startswith(f"{option.name.lower()})", at):
            continue
        other = next((o for o in t.options if o is not option and low.startswith(f"{o.name.lower()})", at)), None)
        if other is not None:
            issues.add("slice", f"in {t.id}, {other.name} is option {other.id}; option {option.id} is {option.name}")
        else:
            issues.add("extrinsic", f"in {t.id}, option {option.id} is {option.name}")


def _detail_issues(t: Tradeoff, side: str, scan: str, removed: bool) -> Issues:
    issues = Issues()
    _option_issues(t, scan, issues)
    said = _stated_recommendation(t, scan)
    if said is not None and said != (t.recommendation or ""):
        rec = t.option(t.recommendation) if t.recommendation else None
        holds = f"option {rec.id} ({rec.name})" if rec else (f"option {t.recommendation}" if t.recommendation else "no option")
        issues.add("extrinsic", f"{side} {t.id} recommends {holds}")
    if removed and REASON.search(scan):
        issues.add("extrinsic", "the findings do not say why the decision is no longer in the document")
    return issues


def decision_claims(changes: Changes, text: str, sources: list[str], issues: Issues, summary: bool = False) -> bool:
    """Check a claim that a trade-off was added or removed; True when the sentence makes one.

    A `summary` (the headline's "a new decision is on the table") is checked here only when it
    names the trade-off or states its options; otherwise the summary check reads it.
    """
    scan = unquoted(text, option_names(changes))
    removed = REMOVED.search(scan) is not None
    if not removed and ADDED.search(scan) is None:
        return False
    side, other = ("OLD", "NEW") if removed else ("NEW", "OLD")
    candidates, specific = _candidates(changes, text, scan, sources)
    if summary:
        # The summary's own phrases ("a recommended option changed") state no option.
        scan = mask(scan, [m.span() for rx in HEADLINE.values() for m in rx.finditer(scan)])
        if not (specific or OPTION_ID.search(scan) or RECOMMENDS.search(scan) or NO_RECOMMENDATION.search(scan)):
            return False
    hits = [(o if removed else n) for o, n in candidates if (n is None if removed else o is None) and (o or n) is not None]
    if not hits:
        both = next((n for o, n in candidates if o is not None and n is not None), None)
        gone = next((o or n for o, n in candidates if (o is None) != (n is None)), None)
        if both is not None:
            issues.add("extrinsic", f"both documents hold the trade-off {both.id} (“{both.question}”)")
        elif gone is not None:
            issues.add("extrinsic", f"the trade-off {gone.id} is only in {other}: it was "
                                    f"{'added' if removed else 'removed'}, not {'removed' if removed else 'added'}")
        else:
            issues.add("extrinsic", f"no trade-off was {'removed' if removed else 'added'}")
        return True
    found = [_detail_issues(t, side, scan, removed) for t in hits]
    if all(found):
        issues.extend(found[0])
    return True
