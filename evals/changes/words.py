"""Words, patterns and small helpers shared by the change-claim checks."""

from __future__ import annotations

import re

from evals.changes.compare import norm

END = r"(?=\s*(?:[,;:()]|\.(?:\s|$)|$|\s+(?:and|but|since|which|while)\b))"
PAIR_RES = [
    re.compile(rf"\bfrom\s+(?P<a>[^,;:()]+?)\s+to\s+(?P<b>[^,;:()]+?){END}", re.I),
    re.compile(rf"\bwas\s+(?P<a>[^,;:()]+?),?\s+(?:and\s+)?(?:is\s+)?now\s+(?P<b>[^,;:()]+?){END}", re.I),
    re.compile(r"\bnow\s+(?:is\s+)?(?P<b>[^,;:()]+?)\s*\((?:was|previously|up from|down from)\s+(?P<a>[^)]+)\)", re.I),
]
SEVERITIES = ("low", "medium", "high", "critical")
LIKELIHOODS = ("rare", "unlikely", "possible", "likely", "almost certain")
FINDING_STATUSES = ("open", "mitigating", "accepted", "closed")
MITIGATION_STATUSES = {"planned": "planned", "in progress": "in_progress", "done": "done"}
UNSTATED = ("not assessed", "not stated", "none", "no owner named")

RISE = re.compile(r"\b(?:rose|risen|rises|increased?|increases|went up|climbed|grew|jumped|up|higher)\b", re.I)
FALL = re.compile(r"\b(?:fell|fallen|falls|decreased?|decreases|went down|dropped|declined|slid|down|lower)\b", re.I)
# "rose by 5 points to 70%", "fell to 60%": a new value (and maybe the change) with no old value.
MOVED_TO = re.compile(
    r"\b(?:rose|risen|increased|went up|climbed|grew|jumped|fell|fallen|decreased|went down|dropped|declined|slid|improved|"
    r"worsened|deteriorated|moved|changed)\s+(?:by\s+(?P<d>[^,;:()]+?)\s+)?to\s+(?P<b>[^,;:()]+?)" + END, re.I)
BETTER = re.compile(r"\b(?:better|improved|improves|improvement)\b", re.I)
WORSE = re.compile(r"\b(?:worse|worsened|worsens|deteriorated|degraded|regressed)\b", re.I)
PREFERENCE = re.compile(r"\b(?:higher|lower) (?:values? )?(?:is|are) better(?: for [^,;.()]+)?", re.I)
SLIPPED = re.compile(r"\b(?:slipped|overdue|behind schedule|missed (?:its|the) due date|past (?:its|the) due date)\b", re.I)
DONE = re.compile(r"\b(?:done|completed|finished|in place)\b(?! before)", re.I)
NOT_DONE = re.compile(r"\bnot (?:yet )?(?:done|completed|finished|in place)\b", re.I)
# Words that make "done" a claim of change, not of state: "done since the last brief", "now in place".
SINCE = re.compile(r"\b(?:since|now|newly|which was|it was)\b", re.I)
STILL = re.compile(r"\bstill\s+(planned|in progress|not marked done)\b", re.I)
WAS_STATUS = re.compile(r"\b(?:which|it) was\s+(planned|in progress|done|not marked done|status not stated)\b", re.I)
NEW_MITIGATION = re.compile(r"\bnew mitigation\b", re.I)
NO_LONGER_LISTED = re.compile(r"\bno longer listed\b", re.I)
NEW_FINDING = re.compile(r"\bnew (?:finding|risk)\b", re.I)
CLOSED = re.compile(r"\b(?:no longer in the findings|was closed|were closed|has been closed|removed from the findings)\b", re.I)
RENAMED = re.compile(r"\brenamed\b.*?\b(?:finding\s+)?(?P<old>[A-Za-z][\w-]*)\s+is now\s+(?P<new>[A-Za-z][\w-]*)", re.I)
NEW_CAVEAT = re.compile(r"\bnew caveat\b[^:]*:\s*(?P<text>.+)$", re.I)
DROPPED_CAVEAT = re.compile(r"\bcaveat no longer stated\b[^:]*:\s*(?P<text>.+)$", re.I)
NEW_MEASUREMENT = re.compile(r"\bnew measurement\b", re.I)
NO_LONGER_MEASURED = re.compile(r"\bno longer measured\b", re.I)
NO_CHANGES = re.compile(r"\bno (?:material )?changes?\b|\bis as it was\b|\bare unchanged\b", re.I)
OWNED_BY = re.compile(r"\bowned by\s+(?P<o>[^,;.()]+)", re.I)
RATED = re.compile(r"\brated\s+(?P<l>low|medium|high|critical)\s+severity", re.I)
LIKELIHOOD = re.compile(r"\blikelihood\s+(?P<l>rare|unlikely|possible|likely|almost certain)\b", re.I)
SUMMARY_OPENING = re.compile(r"\s*(?:since the last brief|no material changes)\b", re.I)
HEADLINE = {
    "worse": re.compile(r"\brisks? got worse\b", re.I),
    "slipped": re.compile(r"\bmitigations? slipped\b", re.I),
    "new": re.compile(r"\bnew findings?\b", re.I),
    "done": re.compile(r"\bmitigations? (?:was|were) done\b", re.I),
    "improved": re.compile(r"\brisks? improved\b", re.I),
    "closed": re.compile(r"\bfindings? (?:was|were) closed\b", re.I),
    "recommended": re.compile(r"\brecommended options? changed\b", re.I),
    "decision_added": re.compile(r"\bnew decisions? (?:is|are) on the table\b", re.I),
    "decision_removed": re.compile(r"\bdecisions? (?:is|are) no longer in the document\b", re.I),
}
CHANGE_CUES = re.compile(
    r"\b(?:from\b.+\bto|now|new|no longer|slipped|overdue|done|completed|renamed|rose|fell|improved|worse|changed|moved|dropped)\b",
    re.I)


class Issues(list):
    """(error code, evidence) for each problem found in one sentence."""

    def add(self, code: str, evidence: str) -> None:
        self.append((code, evidence))


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def word(value) -> str:
    if value is None:
        return "not stated"
    return str(getattr(value, "value", value)).replace("_", " ")


def clean(text: str) -> str:
    t = norm(text)
    t = re.sub(r"^(?:owned by|owner is|owner|rated|rated as|assessed as)\s+", "", t)
    return re.sub(r"^(?:the|a|an)\s+", "", t).strip(" “”\"'")


