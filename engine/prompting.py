"""Prompt templates as files: YAML front-matter plus a sandboxed Jinja body.

A template in prompts/chain/NAME.j2 looks like:

    ---
    name: draft
    version: "1"
    output: Draft                 # the schemas.draft model the reply must match
    parameters: [audience, findings_data]
    ---
    [system]
    ...Jinja...
    [user]
    ...Jinja...

Bodies are split into messages at the `[system]` / `[user]` marker lines
*before* rendering, so nothing a variable contains can open a new message.
Rendering uses a sandboxed environment with StrictUndefined: a missing
variable is an error naming it, never an empty string. Findings reach a
template only through `data_block()`, as escaped JSON between tags, so text
inside a finding is data, not an instruction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from ruamel.yaml import YAML

from engine.errors import RiskbriefError
from engine.hashing import combined_hash, sha256_text

_MARKER_RE = re.compile(r"^\[(system|user|assistant)\]\s*$", re.MULTILINE)
DATA_TAGS = ("findings_data", "check_report", "current_text", "plan_data")


class PromptMeta(BaseModel):
    """Front-matter of a prompt template."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Template name (the file's stem).")
    version: str = Field(description="Bumped when the wording changes meaningfully.")
    output: str = Field(description="Name of the schemas.draft model the reply must match.")
    parameters: list[str] = Field(description="Variables the template needs; all required.")
    description: str = ""


@dataclass(frozen=True)
class PromptTemplate:
    meta: PromptMeta
    source: str  # the whole file, front-matter included
    parts: tuple[tuple[str, str], ...]  # (role, body)

    @property
    def hash(self) -> str:
        return "sha256:" + sha256_text(self.source)

    def compile(self) -> None:
        """Compile every part now (rendering compiles on first use otherwise)."""
        for _, body in self.parts:
            _compiled(body)

    def render(self, **variables: Any) -> list[dict[str, str]]:
        missing = [p for p in self.meta.parameters if p not in variables]
        extra = [v for v in variables if v not in self.meta.parameters]
        if missing or extra:
            problems = []
            if missing:
                problems.append(f"missing {', '.join(missing)}")
            if extra:
                problems.append(f"undeclared {', '.join(extra)}")
            raise RiskbriefError(f"prompt '{self.meta.name}': {'; '.join(problems)} (see its parameters: list)")
        messages = []
        for role, body in self.parts:
            try:
                text = _compiled(body).render(**variables)
            except TemplateError as e:
                raise RiskbriefError(f"prompt '{self.meta.name}' cannot be rendered: {e}; fix prompts/chain/{self.meta.name}.j2")
            messages.append({"role": role, "content": text.strip() + "\n"})
        return messages


@lru_cache(maxsize=1)
def _env() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


@lru_cache(maxsize=64)
def _compiled(body: str):
    # Compiling a template costs far more than rendering it; prompts are few and fixed.
    return _env().from_string(body)


def parse_template(source: str, name: str) -> PromptTemplate:
    if not source.startswith("---"):
        raise RiskbriefError(f"prompt '{name}' has no front-matter; start it with a --- YAML block")
    try:
        _, front, body = source.split("---", 2)
    except ValueError:
        raise RiskbriefError(f"prompt '{name}': front-matter is not closed with ---")
    try:
        meta = PromptMeta.model_validate(YAML(typ="safe", pure=True).load(front) or {})
    except ValidationError as e:
        first = e.errors()[0]
        raise RiskbriefError(f"prompt '{name}': front-matter {'.'.join(map(str, first['loc']))}: {first['msg']}")
    pieces = _MARKER_RE.split(body)
    parts = tuple((pieces[i], pieces[i + 1]) for i in range(1, len(pieces) - 1, 2))
    if not parts or parts[0][0] != "system":
        raise RiskbriefError(f"prompt '{name}': the body must start with a [system] line")
    return PromptTemplate(meta=meta, source=source, parts=parts)


@lru_cache(maxsize=None)
def load_prompt(name: str) -> PromptTemplate:
    path = resources.files("prompts") / "chain" / f"{name}.j2"
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RiskbriefError(f"no prompt template prompts/chain/{name}.j2; reinstall riskbrief")
    return parse_template(source, name)


def prompts_hash(names: list[str], extra: list[str] | None = None) -> str:
    """One hash over the named templates (and any extra text such as the audience profile)."""
    return combined_hash([load_prompt(n).source for n in names] + list(extra or []))


CHAIN_PROMPTS = ("plan", "draft", "repair", "tradeoff")  # the model path's prompts, in the order it uses them


def chain_prompt_hash(profile: Any) -> str:
    """The model path's prompt hash for an audience profile: its templates and the profile's text.

    Here rather than in engine.chain, so that a batch deciding what is already done need
    not import the whole chain.
    """
    from schemas.audience import profile_text

    try:
        source = profile_text(profile.name)
    except KeyError:
        source = profile.model_dump_json()
    return prompts_hash(list(CHAIN_PROMPTS), [source])


def data_block(tag: str, data: Any) -> str:
    """Data as JSON between <tag> markers; `<` and `>` are escaped so the data cannot close the block."""
    if tag not in DATA_TAGS:
        raise ValueError(f"unknown data tag {tag}")
    text = json.dumps(data, indent=1, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"<{tag}>\n{text}\n</{tag}>"
