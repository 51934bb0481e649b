"""The deployment stage a document names, so the path forward never assumes one it does not.

A document may be about a system already in use, one being piloted or one about to launch;
only the context's own words say which. With no stage named, the narrator words the path
forward neutrally ("from now on", "wider use").
"""

from __future__ import annotations

import re

from schemas.findings import FindingsDocument

from engine.identity_cache import per_object

# Each stage word, and how "keep measuring ... <when>" reads for it; the earliest named in the
# context wins ("Pilot the assistant before launch" is about the pilot).
_STAGES = (
    (re.compile(r"\bpilot", re.I), "during the pilot"),
    (re.compile(r"\bgo(?:es|ing)?[- ]live\b|\bgo-live\b|\bgone live\b", re.I), "after go-live"),
    (re.compile(r"\broll(?:s|ing|ed)?[- ]?outs?\b", re.I), "after rollout"),
    (re.compile(r"\blaunch", re.I), "after launch"),
    (re.compile(r"\brelease", re.I), "after release"),
    (re.compile(r"\bdeploy", re.I), "after deployment"),
    (re.compile(r"\bship(?:s|ping|ped)?\b", re.I), "after shipping"),
    (re.compile(r"\bexpan(?:d|sion)", re.I), "after the expansion"),
)


@per_object  # every section of each audience's brief asks the same document
def stage_phrase(doc: FindingsDocument) -> str | None:
    """'after launch', 'during the pilot'... for the stage the context names; None when it names none."""
    ctx = doc.context
    if ctx is None:
        return None
    best: tuple[int, str] | None = None
    for text in (ctx.decision, ctx.business_goal):
        if not text:
            continue
        for pattern, phrase in _STAGES:
            m = pattern.search(text)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), phrase)
        if best is not None:
            return best[1]
    return None


def from_now(doc: FindingsDocument) -> str:
    """When monitoring should run: the document's own stage, else from now on."""
    return stage_phrase(doc) or "from now on"
