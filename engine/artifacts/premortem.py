"""Pre-mortem: "It is six months after launch and this failed — why?"

Offline and systematic: each failure mode in prompts/failure_modes.yaml is
matched against the findings (by category or by a condition such as "no
owner" or "a mitigation due after the deadline"). A story is told only when a
finding supports it, names the findings it grows from, lists early-warning
signals (the catalogue's, plus each finding's own measurements to watch) and
the mitigations that address it, or says "no mitigation yet". The catalogue
holds no numbers; every figure comes from the findings.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from ruamel.yaml import YAML

from engine.artifacts.facts import metric_value, mitigation_text
from engine.errors import RiskbriefError
from schemas.findings import Category, Finding, FindingsDocument, MitigationStatus
from engine.render.md_text import md_text

GROUP_ORDER = ("model", "data", "people", "process", "security", "regulation")
Condition = Literal["no_owner", "no_mitigation", "accepted", "caveats", "late_mitigation", "hard_to_detect"]
HARD_TO_DETECT = 7


class When(BaseModel):
    model_config = ConfigDict(extra="forbid")
    categories: list[Category] = Field(default_factory=list)
    condition: Condition | None = None


class FailureMode(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    group: Literal["model", "data", "people", "process", "security", "regulation"]
    title: str
    when: When
    story: str
    signals: list[str] = Field(min_length=1)


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    groups: dict[str, str]
    modes: list[FailureMode]


def load_catalogue(text: str | None = None) -> Catalogue:
    if text is None:
        text = (resources.files("prompts") / "failure_modes.yaml").read_text(encoding="utf-8")
    try:
        return Catalogue.model_validate(YAML(typ="safe").load(text))
    except Exception as e:
        raise RiskbriefError(f"prompts/failure_modes.yaml is invalid: {e}. Fix the catalogue file.")


def _late(f: Finding, doc: FindingsDocument) -> list:
    deadline = doc.context.deadline if doc.context else None
    if deadline is None:
        return []
    return [m for m in f.mitigations if m.due and m.due > deadline and m.status is not MitigationStatus.done]


def _matches(mode: FailureMode, f: Finding, doc: FindingsDocument) -> bool:
    if f.status is not None and f.status.value == "closed":
        return False  # a closed risk is not a reason to fail
    if f.category in mode.when.categories:
        return True
    cond = mode.when.condition
    if cond == "no_owner":
        return not f.owner
    if cond == "no_mitigation":
        return not f.mitigations and (f.status is None or f.status.value != "accepted")
    if cond == "accepted":
        return f.status is not None and f.status.value == "accepted"
    if cond == "caveats":
        return bool(f.caveats)
    if cond == "late_mitigation":
        return bool(_late(f, doc))
    if cond == "hard_to_detect":
        return f.detectability is not None and f.detectability >= HARD_TO_DETECT
    return False


@dataclass
class Story:
    mode: str
    group: str
    title: str
    story: str
    findings: list[str]
    early_warning_signals: list[str]
    addressed_by: list[str] = field(default_factory=list)  # empty: no mitigation yet
    evidence: list[str] = field(default_factory=list)  # caveats or late actions the story rests on


def _story(mode: FailureMode, fs: list[Finding], doc: FindingsDocument) -> Story:
    titles = "; ".join(f"{f.id}: {f.title}" for f in fs)
    text = " ".join(mode.story.split()).replace("{system}", doc.system.name).replace("{findings}", titles)
    signals = list(mode.signals)
    for f in fs:
        for m in f.metrics:
            where = f" on {m.population}" if m.population else ""
            signals.append(f"Track {m.name}{where} (the findings give {metric_value(m)}, {f.id}.{m.id})")
    evidence: list[str] = []
    if mode.when.condition == "late_mitigation":
        deadline = doc.context.deadline.isoformat()
        addressed = [f"{f.id}: {mitigation_text(m)}" for f in fs for m in _late(f, doc)]
        evidence = [f"Decision deadline {deadline}; " + a for a in addressed]
    elif mode.when.condition in (None, "hard_to_detect"):
        addressed = [f"{f.id}: {mitigation_text(m)}" for f in fs for m in f.mitigations]
    else:
        # A finding's actions fix the finding, not a missing owner or narrow tests.
        addressed = []
    if mode.when.condition == "caveats":
        evidence = [f"{f.id}: {c}" for f in fs for c in f.caveats]
    return Story(mode.id, mode.group, mode.title, text, [f.id for f in fs], signals, addressed, evidence)


def premortem(doc: FindingsDocument, catalogue: Catalogue | None = None) -> list[Story]:
    """Stories in group order, each from one catalogue mode and the findings that support it."""
    cat = catalogue or load_catalogue()
    stories = []
    for mode in cat.modes:
        fs = [f for f in doc.findings if _matches(mode, f, doc)]
        if fs:
            stories.append(_story(mode, fs, doc))
    stories.sort(key=lambda s: GROUP_ORDER.index(s.group))
    return stories


def premortem_json(doc: FindingsDocument, extra: list[Story] | None = None, dropped: int = 0) -> dict:
    stories = premortem(doc)
    out = {
        "system": doc.system.name,
        "question": question(doc),
        "stories": [asdict(s) for s in stories],
        "findings_without_story": uncovered(doc, stories + list(extra or [])),
    }
    if extra is not None:
        out["model_stories"] = [asdict(s) for s in extra]
        out["model_stories_dropped"] = dropped
    return out


def question(doc: FindingsDocument) -> str:
    return f"It is six months after the launch of {doc.system.name} and it has failed. Why?"


def uncovered(doc: FindingsDocument, stories: list[Story]) -> list[str]:
    told = {fid for s in stories for fid in s.findings}
    return [f.id for f in doc.findings if f.id not in told]


def premortem_markdown(doc: FindingsDocument, extra: list[Story] | None = None, dropped: int = 0) -> str:
    cat = load_catalogue()
    stories = premortem(doc, cat) + list(extra or [])
    stories.sort(key=lambda st: GROUP_ORDER.index(st.group))
    out = [f"# Pre-mortem: {md_text(doc.system.name)}", "", f"*{md_text(question(doc))}*", ""]
    if doc.context and doc.context.decision:
        out += [f"Decision at stake: {md_text(doc.context.decision)}"
                + (f" (by {doc.context.deadline.isoformat()})" if doc.context.deadline else "") + ".", ""]
    out += ["Each story grows from the findings named under it. Signals say what to watch; "
            "the last line says what already addresses it.", ""]
    for group in GROUP_ORDER:
        mine = [s for s in stories if s.group == group]
        if not mine:
            continue
        out += [f"## {cat.groups.get(group, group.title())}", ""]
        for s in mine:
            heading = s.title + (" (brainstormed by the model, checked against the findings)" if s.mode == "model" else "")
            out += [f"### {md_text(heading)}", "", md_text(s.story), "", f"- **Grows from:** {md_text(', '.join(s.findings))}"]
            for e in s.evidence:
                out.append(f"- **On record:** {md_text(e)}")
            out.append("- **Early-warning signals:**")
            out += [f"  - {md_text(sig)}" for sig in s.early_warning_signals]
            if s.addressed_by:
                out.append("- **Addressed by:**")
                out += [f"  - {md_text(a)}" for a in s.addressed_by]
            else:
                out.append("- **Addressed by:** no mitigation yet")
            out.append("")
    if dropped:
        out += [f"{dropped} story(ies) from the model were left out: they could not be traced to the findings.", ""]
    missing = uncovered(doc, stories)
    if missing:
        out += [f"Findings with no matching failure mode in the catalogue: {md_text(', '.join(missing))}.", ""]
    return "\n".join(out)
