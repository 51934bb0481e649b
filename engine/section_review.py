"""Which parts of a brief a reviewer has approved, and which need review again.

A brief is reviewed part by part: the headline (with the title above it) and
each `##` section. Each part has two fingerprints:

* the hash of its text as the reader sees it (whitespace folded), and
* per source its sentences cite (`F1`, `F1.acc_sarcasm`, `T1.A`, `system`,
  `context`), the hash of that source's canonical content in the findings
  document the brief was written from. A finding id stands for the whole
  finding (metrics, mitigations, caveats); a metric id for the metric and
  the baseline it is compared with.

When a brief is saved again, a part keeps the last approval given to it only
when both fingerprints still match; otherwise it needs review, and the
reasons name the sources that changed or say that the wording did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from engine.hashing import canonical_json, sha256_text
from schemas.brief import Brief, OverriddenClaim, SectionApproval
from schemas.evaluation import EvalResult
from schemas.findings import FindingsDocument

HEADLINE = "headline"
HEADLINE_TITLE = "Headline"
ABSENT = "absent"
_H2 = re.compile(r"^##\s+(.+?)\s*#*\s*$")
_INDEXED = re.compile(r"^(\w+)\[(\d+)\]$")


class SectionSpan(NamedTuple):
    title: str
    start: int  # line of the heading
    end: int  # first line after the section


def section_spans(text: str) -> list[SectionSpan]:
    """Each `##` section of a Markdown brief, by line."""
    lines = text.splitlines()
    heads = [(i, m.group(1)) for i, line in enumerate(lines) if (m := _H2.match(line))]
    return [SectionSpan(title, i, heads[k + 1][0] if k + 1 < len(heads) else len(lines))
            for k, (i, title) in enumerate(heads)]


def short_hash(text: str) -> str:
    return sha256_text(text)[:16]


def text_hash(text: str) -> str:
    """Hash of text with whitespace folded: re-wrapping a paragraph is not a change."""
    return short_hash(" ".join(text.split()))


# --- sources -------------------------------------------------------------------

def _step(node: Any, part: str) -> Any:
    """One step down a reference: a metric or option id, `name[i]`, or a field name."""
    if not isinstance(node, dict):
        return None
    indexed = _INDEXED.match(part)
    if indexed:
        items = node.get(indexed.group(1))
        i = int(indexed.group(2))
        return items[i] if isinstance(items, list) and i < len(items) else None
    for key in ("metrics", "options"):
        items = node.get(key) or []
        item = next((x for x in items if isinstance(x, dict) and x.get("id") == part), None)
        if item is not None:
            if key == "metrics" and item.get("baseline"):
                # A gap or ratio rests on the baseline as much as on the metric.
                base = next((x for x in items if isinstance(x, dict) and x.get("id") == item["baseline"]), None)
                return {"metric": item, "baseline": base}
            return item
    return node.get(part)


def source_content(data: dict, ref: str) -> Any:
    """The content a source reference names in a dumped findings document (None when absent)."""
    head, *rest = ref.strip().split(".")
    if head in ("system", "context"):
        node = data.get(head)
    else:
        node = next((f for f in data.get("findings") or [] if f.get("id") == head), None)
        if node is None:
            node = next((t for t in data.get("tradeoffs") or [] if t.get("id") == head), None)
    for part in rest:
        if node is None:
            break
        node = _step(node, part)
    return node


def source_hashes(doc: FindingsDocument, refs: Iterable[str]) -> dict[str, str]:
    """Per reference, the hash of what it names in the findings ('absent' when nothing)."""
    data = doc.model_dump(mode="json")
    out: dict[str, str] = {}
    for ref in refs:
        content = source_content(data, ref)
        out[ref] = ABSENT if content is None else short_hash(canonical_json(content))
    return out


# --- parts of a brief -------------------------------------------------------------

@dataclass(frozen=True)
class Part:
    """One reviewable part of a brief, fingerprinted."""

    id: str
    title: str
    text_hash: str
    sources: dict[str, str] | None  # None: the findings behind the brief are not known


def brief_parts(brief: Brief, body: str, doc: FindingsDocument | None) -> list[Part]:
    """The headline and each section of a brief, with the text the reader sees (`body`, no footer)."""
    lines = body.splitlines()
    spans = section_spans(body)
    blocks = {span.title.strip().lower(): "\n".join(lines[span.start:span.end]) for span in reversed(spans)}
    preamble = "\n".join(lines[:spans[0].start] if spans else lines)

    def fingerprint(refs: list[str]) -> dict[str, str] | None:
        return source_hashes(doc, dict.fromkeys(refs)) if doc is not None else None

    parts = [Part(HEADLINE, HEADLINE_TITLE, text_hash(preamble), fingerprint(brief.headline_sources or ["system"]))]
    for sec in brief.sections:
        block = blocks.get(sec.title.strip().lower(), f"## {sec.title}\n\n{sec.text}")
        refs = [src for s in sec.sentences for src in s.sources]
        parts.append(Part(sec.id, sec.title, text_hash(block), fingerprint(refs)))
    return parts


# --- review state -------------------------------------------------------------------

class SectionState(BaseModel):
    """One part of a saved brief: its fingerprints, and the approval in force or why it needs review."""

    model_config = ConfigDict(extra="forbid")

    section: str = Field(description="Section id, or 'headline'.")
    title: str
    text_hash: str
    sources: dict[str, str] | None = Field(description="Source fingerprints; null when the findings were unreadable.")
    approval: SectionApproval | None = Field(None, description="The approval in force; null when the part needs review.")
    reasons: list[str] = Field(default_factory=list, description="Why the part needs review.")

    @property
    def approved(self) -> bool:
        return self.approval is not None

    @property
    def badge(self) -> str:
        """What the workspace shows next to the part."""
        a = self.approval
        if a is None:
            return "● needs review: " + ", ".join(self.reasons or ["not yet approved"])
        if a.carried_from is not None:
            return f"✓ approved (carried from v{a.carried_from})"
        where = f" in v{a.approved_in}" if a.approved_in is not None else ""
        return f"✓ approved{where} by {a.reviewer}"

    @property
    def summary(self) -> str:
        """The part and its reasons, for a message naming what needs review."""
        return f"'{self.title}' [{self.section}] ({', '.join(self.reasons or ['not yet approved'])})"


def change_reasons(part: Part, last: SectionApproval) -> list[str]:
    """What changed in a part since it was approved (empty: nothing)."""
    if part.sources is None:
        return ["findings unreadable"]
    reasons = []
    for ref in dict.fromkeys([*part.sources, *last.sources]):
        now, then = part.sources.get(ref), last.sources.get(ref)
        if now == then:
            continue
        if then is None:
            reasons.append(f"now cites {ref}")
        elif now is None:
            reasons.append(f"no longer cites {ref}")
        elif now == ABSENT:
            reasons.append(f"{ref} removed")
        else:
            reasons.append(f"{ref} changed")
    # "F2.recall changed" says more than "F2 changed" (which it implies).
    reasons = [r for r in reasons if not (r.endswith(" changed") and any(
        o.startswith(r.split()[0] + ".") and o.endswith(" changed") for o in reasons))]
    if part.text_hash != last.text_hash:
        reasons.append("wording changed")
    return reasons


def review_state(part: Part, last: SectionApproval | None, *, any_approved: bool) -> SectionState:
    """The part's state given the last approval of the same section (carried over when nothing changed)."""
    state = SectionState(section=part.id, title=part.title, text_hash=part.text_hash, sources=part.sources)
    if last is None:
        state.reasons = ["new section" if any_approved else "not yet approved"]
        return state
    reasons = change_reasons(part, last)
    if reasons:
        state.reasons = reasons
    else:
        state.approval = last.model_copy(update={
            "title": part.title, "carried_from": last.approved_in if last.approved_in is not None else last.carried_from,
        })
    return state


def approve_state(state: SectionState, *, reviewer: str, approved_at: str, number: int,
                  overridden: Iterable[OverriddenClaim] = ()) -> SectionState:
    """The part approved by a reviewer in version `number` (over `overridden` claims, if any)."""
    approval = SectionApproval(
        section=state.section, title=state.title, text_hash=state.text_hash, sources=dict(state.sources or {}),
        reviewer=reviewer, approved_at=approved_at, approved_in=number, overridden=list(overridden),
    )
    return state.model_copy(update={"approval": approval, "reasons": []})


def unsupported_by_section(states: list[SectionState], check: EvalResult) -> dict[str, list[OverriddenClaim]]:
    """The claims a check did not support, by the section (id) they are in; a missing caveat
    belongs to the caveats section, and a claim in no known section to the headline."""
    ids = {s.section for s in states}
    where = {k: s.section for s in states for k in (s.section.strip().lower(), s.title.strip().lower())}
    out: dict[str, list[OverriddenClaim]] = {}
    for claim in check.failing:
        section = where.get((claim.section or "").strip().lower(), HEADLINE)
        out.setdefault(section, []).append(OverriddenClaim(
            text=claim.text, verdict=claim.verdict.value, error=claim.error.value if claim.error else None))
    for caveat in check.missing_caveats:
        out.setdefault("caveats" if "caveats" in ids else HEADLINE, []).append(
            OverriddenClaim(text=caveat, verdict="missing", error="caveat"))
    return out


def needing_review(states: list[SectionState]) -> list[SectionState]:
    return [s for s in states if not s.approved]


def tracked(states: list[SectionState]) -> bool:
    """Whether any section of the brief was ever approved (before that, nothing is re-reviewed)."""
    return any(s.approved or s.reasons != ["not yet approved"] for s in states)


def review_count(states: list[SectionState]) -> str:
    """'2 of 7 sections need review' (or that every section is approved)."""
    todo = len(needing_review(states))
    if not todo:
        return f"all {len(states)} sections approved"
    return f"{todo} of {len(states)} section{'s' if len(states) != 1 else ''} need review"
