"""The steps of the brief chain: plan -> draft -> check -> repair -> final.

Each step takes and returns the same `ChainState`, so the chain is a plain
sequence of these functions (see engine/chain/run.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from schemas.audience import AudienceProfile
from schemas.brief import Brief, Provenance, Sentence
from schemas.draft import Draft, DraftSentence, Framing, Plan, Revision
from schemas.evaluation import Claim, EvalResult
from schemas.findings import FindingsDocument

from engine.chain.assemble import Rendered, build_brief, render_sentences
from engine.chain.balance import balance_issues
from engine.chain.calls import ModelCaller, StepFailed
from engine.chain.data import audience_vars
from engine.injection import EchoCheck
from engine.chain.references import References
from engine.prompting import data_block, load_prompt

log = logging.getLogger("riskbrief.chain")
HEADLINE = "headline"


@dataclass
class ChainState:
    doc: FindingsDocument
    profile: AudienceProfile
    caller: ModelCaller
    refs: References
    findings_block: str
    sections: list[str]
    max_repair_rounds: int
    threshold: float
    provenance: Provenance
    echo: EchoCheck | None = None
    evidence: FindingsDocument | None = None  # what the gate checks against: doc without planted instructions
    plan: Plan | None = None
    headline: DraftSentence | None = None
    drafts: dict[str, list[DraftSentence]] = field(default_factory=dict)
    framings: dict[str, list[DraftSentence]] = field(default_factory=dict)
    rendered: dict[str, Rendered] = field(default_factory=dict)
    failing: dict[str, list[str]] = field(default_factory=dict)
    repair_rounds: int = 0
    fallback: list[str] = field(default_factory=list)
    whole_brief: bool = True  # False when one section is regenerated: only it is checked and repaired
    eval: EvalResult | None = None
    brief: Brief | None = None
    notes: list[str] = field(default_factory=list)  # steps that gave nothing usable, for provenance

    @property
    def frames_options(self) -> bool:
        return bool(self.doc.tradeoffs) and "options" in self.sections

    def section_drafts(self, sid: str) -> list[DraftSentence]:
        if sid == "options" and self.frames_options:
            return [s for t in self.doc.tradeoffs for s in self.framings.get(t.id, [])]
        return self.drafts.get(sid, [])


def _note(state: ChainState, text: str) -> None:
    log.info("%s", text)
    state.notes.append(text)


def _structure_check(value: Any) -> list[str]:
    """Each section at most once. Sections not asked for are ignored when merging, not re-asked."""
    ids = [s.id for s in value.sections]
    return [
        f"section '{sid}' appears more than once; give each section once"
        for sid in sorted({i for i in ids if ids.count(i) > 1})
    ]


def plan_step(state: ChainState) -> ChainState:
    messages = load_prompt("plan").render(
        audience=audience_vars(state.profile), sections=state.sections, findings_data=state.findings_block
    )
    try:
        state.plan = state.caller.ask("plan", messages, Plan).value
    except StepFailed as e:  # the plan is advice to the draft; the draft can do without it
        _note(state, f"plan: {e}")
    return state


def draft_step(state: ChainState) -> ChainState:
    text_sections = [s for s in state.sections if not (s == "options" and state.frames_options)]
    if text_sections:
        _draft_text(state, text_sections)
    if state.frames_options:
        for t in state.doc.tradeoffs:
            _frame(state, t.id, [])
    return state


def _draft_text(state: ChainState, text_sections: list[str]) -> None:
    plan = [p.model_dump() for p in state.plan.points] if state.plan else []
    messages = load_prompt("draft").render(
        audience=audience_vars(state.profile),
        sections=text_sections,
        options_separate=state.frames_options,
        plan_data=data_block("plan_data", {"points": plan}),
        findings_data=state.findings_block,
    )
    try:
        draft = state.caller.ask("draft", messages, Draft, _structure_check).value
    except StepFailed as e:
        _note(state, f"draft: {e}")
    else:
        state.headline = DraftSentence(text=draft.headline, sources=draft.headline_sources)
        state.drafts = {s.id: list(s.sentences) for s in draft.sections if s.id in text_sections}


def _frame(state: ChainState, tradeoff_id: str, issues: list[str]) -> None:
    messages = load_prompt("tradeoff").render(
        audience=audience_vars(state.profile),
        tradeoff_id=tradeoff_id,
        findings_data=state.findings_block,
        check_report=data_block("check_report", {"problems_to_fix": issues}),
    )
    try:
        framing = state.caller.ask(f"tradeoff:{tradeoff_id}", messages, Framing).value
    except StepFailed as e:
        _note(state, f"trade-off {tradeoff_id}: {e}")
        return
    state.framings[tradeoff_id] = list(framing.sentences)


def _claim_section(claim: Claim, state: ChainState) -> str:
    if claim.section:
        return claim.section
    for sid, r in state.rendered.items():
        if any(claim.text in s.text or s.text in claim.text for s in r.sentences):
            return sid
    return HEADLINE


def _describe(claim: Claim) -> str:
    what = claim.verdict.value + (f" ({claim.error.value})" if claim.error else "")
    said = f"; the findings say: {claim.evidence}" if claim.evidence else ""
    return f"claim '{claim.text}' is {what}{said}"


def current_brief(state: ChainState) -> Brief:
    sections = {sid: r.sentences for sid, r in state.rendered.items()}
    head = state.rendered.get(HEADLINE)
    headline = head.sentences[0] if head and head.sentences else Sentence(text="(no headline)", sources=["system"])
    # the caveats the brief states are those its caveats section says, not the findings' list
    stated = [s.text for s in sections.get("caveats", [])]
    return build_brief(state.doc, state.profile, headline, sections, stated, state.provenance)


def check_step(state: ChainState) -> ChainState:
    from evals.faithfulness import check_brief

    failing: dict[str, list[str]] = {}
    state.rendered = {sid: render_sentences(state.section_drafts(sid), state.refs) for sid in state.sections}
    state.rendered[HEADLINE] = render_sentences([state.headline] if state.headline else [], state.refs)
    for sid, r in state.rendered.items():
        if r.problems:
            failing.setdefault(sid, []).extend(r.problems)
        if not r.sentences:
            failing.setdefault(sid, []).append(f"the {sid} is missing; write it")
        for sentence in r.sentences if state.echo else []:
            echo = state.echo.problem(sentence.text)
            if echo:
                failing.setdefault(sid, []).append(echo)
    if state.frames_options:
        for t in state.doc.tradeoffs:
            framed = render_sentences(state.framings.get(t.id, []), state.refs).sentences
            failing.setdefault("options", []).extend(balance_issues(t, framed))
            if not failing["options"]:
                del failing["options"]
    brief = current_brief(state)
    state.eval = check_brief(state.evidence or state.doc, brief, threshold=state.threshold)
    if not state.eval.passed:
        for claim in state.eval.failing:
            failing.setdefault(_claim_section(claim, state), []).append(_describe(claim))
        for caveat in state.eval.missing_caveats:
            failing.setdefault("caveats", []).append(f"required caveat missing: {caveat}")
    keep = set(state.sections) | ({HEADLINE} if state.whole_brief else set())
    state.failing = {sid: issues for sid, issues in failing.items() if sid in keep}
    state.brief = brief
    return state


def _current_text(state: ChainState, sids: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if HEADLINE in sids and state.headline:
        out[HEADLINE] = state.headline.model_dump()
    for sid in sids:
        if sid != HEADLINE:
            out[sid] = [s.model_dump() for s in state.section_drafts(sid)]
    return out


def _issues_of(state: ChainState, tradeoff_id: str) -> list[str]:
    """The options-section problems that concern one trade-off (all of them when only one is framed)."""
    issues = state.failing.get("options", [])
    if len(state.doc.tradeoffs) == 1:
        return issues
    t = state.doc.tradeoff(tradeoff_id)
    framed = [s.text for s in render_sentences(state.framings.get(tradeoff_id, []), state.refs).sentences]
    marks = [f"{t.id}: "] + framed
    return [i for i in issues if any(m in i for m in marks)]


def repair_step(state: ChainState) -> ChainState:
    while state.failing and state.repair_rounds < state.max_repair_rounds:
        state.repair_rounds += 1
        text_failing = [s for s in state.failing if not (s == "options" and state.frames_options)]
        sections = [s for s in text_failing if s != HEADLINE]
        if text_failing:
            messages = load_prompt("repair").render(
                audience=audience_vars(state.profile),
                failing=sections,
                headline_failed=HEADLINE in text_failing,
                current_text=data_block("current_text", _current_text(state, text_failing)),
                check_report=data_block("check_report", {
                    "repair_round": state.repair_rounds,
                    "note": "the previous rewrite still failed these checks" if state.repair_rounds > 1 else "",
                    "problems": {s: state.failing[s] for s in text_failing},
                }),
                findings_data=state.findings_block,
            )
            try:
                rev = state.caller.ask(f"repair:{state.repair_rounds}", messages, Revision, _structure_check).value
            except StepFailed as e:
                _note(state, f"repair round {state.repair_rounds}: {e}")
            else:
                for sec in rev.sections:
                    if sec.id in sections:  # sections that passed stay as they were
                        state.drafts[sec.id] = list(sec.sentences)
                if rev.headline and HEADLINE in text_failing:
                    state.headline = DraftSentence(text=rev.headline, sources=rev.headline_sources or ["system"])
        if "options" in state.failing and state.frames_options:
            for t in state.doc.tradeoffs:
                issues = _issues_of(state, t.id)
                if issues:
                    _frame(state, t.id, issues)
        check_step(state)
    return state


def final_step(state: ChainState) -> ChainState:
    """Sections still failing are replaced by the offline narrator's; each is listed in provenance."""
    from engine.narrator import write_section
    from engine.narrator.sections import headline as narrator_headline

    if state.failing:
        # the narrator writes from the findings without planted instructions, as it does offline
        doc = state.evidence or state.doc
        for sid in state.failing:
            if sid == HEADLINE:
                state.rendered[HEADLINE] = Rendered(sentences=[narrator_headline(doc, state.profile)])
            else:
                section = write_section(doc, state.profile, sid)
                state.rendered[sid] = Rendered(sentences=list(section.sentences) if section else [])
            state.fallback.append(sid)
        brief = current_brief(state)
        from evals.faithfulness import check_brief

        state.eval = check_brief(state.evidence or state.doc, brief, threshold=state.threshold)
        state.brief = brief
    return state
