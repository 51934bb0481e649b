"""Pre-mortem brainstorming with a model, still traced to the findings.

The model gets the findings (as data, never instructions) and the catalogue
stories already told, and proposes more. Each proposed story is checked: its
finding ids must exist, every number in it must appear in the findings, and
each "addressed by" must be a mitigation those findings actually list. The
model is re-asked with the problems; stories still failing are dropped and
counted, never shown.
"""

from __future__ import annotations

import json
import re
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.artifacts.premortem import GROUP_ORDER, Story, premortem
from schemas.findings import FindingsDocument

_NUM = re.compile(r"\d+(?:\.\d+)?")


class StoryDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")
    group: Literal["model", "data", "people", "process", "security", "regulation"]
    title: str = Field(description="A short headline for the failure.")
    story: str = Field(description="Two or three sentences: what happened and why.")
    findings: list[str] = Field(min_length=1, description="Ids of the findings the story grows from.")
    early_warning_signals: list[str] = Field(min_length=1)
    addressed_by: list[str] = Field(default_factory=list, description="Mitigation actions copied from the data.")


class PremortemStories(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tool_name: ClassVar[str] = "write_premortem"
    stories: list[StoryDraft] = Field(min_length=1)


def _numbers(text: str) -> set[str]:
    return {n.rstrip("0").rstrip(".") if "." in n else n for n in _NUM.findall(text)}


def story_problems(doc: FindingsDocument, s: StoryDraft) -> list[str]:
    known = {f.id: f for f in doc.findings}
    out = [f"unknown finding id '{fid}'" for fid in s.findings if fid not in known]
    allowed = _numbers(json.dumps(doc.model_dump(mode="json"), default=str))
    text = " ".join([s.title, s.story, *s.early_warning_signals])
    extra = sorted(_numbers(text) - allowed)
    if extra:
        out.append(f"numbers not in the findings: {', '.join(extra)}")
    actions = {m.action.casefold(): f.id for fid in s.findings if fid in known for f in [known[fid]]
               for m in f.mitigations}
    for a in s.addressed_by:
        if a.casefold() not in actions:
            out.append(f"'{a}' is not a mitigation of {', '.join(s.findings)}; copy an action or leave it empty")
    return [f"story '{s.title}': {p}" for p in out]


def model_stories(doc: FindingsDocument, *, provider: str, model: str | None = None,
                  provider_instance=None) -> tuple[list[Story], int]:
    """(checked stories from the model, number dropped after re-asks)."""
    from engine.cache import ResponseCache
    from engine.chain.calls import ModelCaller
    from engine.config import load_settings
    from engine.hashing import input_hash
    from engine.prompting import data_block, load_prompt, prompts_hash
    from engine.providers import get_provider
    from engine.providers.base import CallConfig
    from engine.retry import policy_for

    settings = load_settings(provider=provider, model=model)
    prov = provider_instance or get_provider(provider, settings)
    cache = ResponseCache(settings.cache_dir) if settings.use_cache else None
    caller = ModelCaller(prov, CallConfig(model=model or settings.resolved_model, timeout_s=settings.timeout_s),
                         cache=cache, prompt_hash=prompts_hash(["premortem"]), input_hash=input_hash(doc),
                         retry_policy=policy_for(settings))
    told = [{"group": s.group, "title": s.title, "findings": s.findings} for s in premortem(doc)]
    payload = {"document": doc.model_dump(mode="json"), "catalogue_stories": told}
    messages = load_prompt("premortem").render(
        system_name=doc.system.name, groups=list(GROUP_ORDER), findings_data=data_block("findings_data", payload))
    answer = caller.ask("premortem", messages, PremortemStories,
                        check=lambda v: [p for s in v.stories for p in story_problems(doc, s)])
    kept, dropped = [], 0
    for s in answer.value.stories:
        if story_problems(doc, s):
            dropped += 1
            continue
        kept.append(Story(mode="model", group=s.group, title=s.title, story=s.story, findings=list(s.findings),
                          early_warning_signals=list(s.early_warning_signals), addressed_by=[
                              f"{fid}: {m.action}" for fid in s.findings for m in doc.finding(fid).mitigations
                              if m.action.casefold() in {a.casefold() for a in s.addressed_by}]))
    kept.sort(key=lambda st: GROUP_ORDER.index(st.group))
    return kept, dropped
