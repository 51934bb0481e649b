"""Audience profiles: who reads a brief and how it must be written for them.

Profiles are YAML files in prompts/audiences/ (package data); a user adds an
audience by adding a file there or in a directory named by
RISKBRIEF_AUDIENCES_DIR.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from ruamel.yaml import YAML


class NumberStyle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    gloss: bool = Field(True, description="Add a plain gloss to percentages ('about two in three').")
    sample_sizes: bool = Field(False, description="State sample sizes (n) beside figures.")
    intervals: bool = Field(False, description="State confidence intervals beside figures.")
    relative_change: bool = Field(True, description="State relative change beside point gaps.")


class AudienceProfile(BaseModel):
    """How to write for one audience."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Identifier used on the command line.")
    title: str = Field(description="Who the reader is, for headings.")
    reader: str = Field(description="One sentence on the reader.")
    cares_about: list[str] = Field(default_factory=list, description="What the reader weighs in a decision.")
    voice: str = Field("we", description="'we' for an internal brief, 'neutral' for a record.")
    avoid: dict[str, str] = Field(default_factory=dict, description="Jargon to avoid -> plain replacement.")
    target_grade: float = Field(12.0, description="Target Flesch-Kincaid reading grade (at most).")
    max_words: int = Field(600, description="Length limit of the brief in words.")
    required_sections: list[str] = Field(default_factory=list, description="Section ids the brief must have.")
    section_titles: dict[str, str] = Field(default_factory=dict, description="Heading per section id.")
    focus_categories: list[str] = Field(default_factory=list, description="Finding categories to lead with.")
    max_findings: int = Field(6, description="Findings described in full; the rest are summarised.")
    numbers: NumberStyle = Field(default_factory=NumberStyle)
    emphasis: list[str] = Field(
        default_factory=list,
        description="What to stress: decision, business_impact, controls, disclosure, user_impact, metrics, owners.",
    )


def _yaml() -> YAML:
    return YAML(typ="safe", pure=True)


def _profile_sources() -> dict[str, str]:
    """name -> YAML text, built-ins first, then RISKBRIEF_AUDIENCES_DIR overrides."""
    return _sources_for(os.environ.get("RISKBRIEF_AUDIENCES_DIR") or "")


@lru_cache(maxsize=8)
def _builtin_sources() -> tuple[tuple[str, str], ...]:
    out = []
    base = resources.files("prompts") / "audiences"
    for entry in sorted(base.iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            out.append((entry.name.rsplit(".", 1)[0], entry.read_text(encoding="utf-8")))
    return tuple(out)


def _sources_for(extra: str) -> dict[str, str]:
    out = dict(_builtin_sources())
    if extra and Path(extra).is_dir():
        for p in sorted(Path(extra).glob("*.y*ml")):
            out[p.stem] = p.read_text(encoding="utf-8")
    return out


def audience_names() -> list[str]:
    builtin = ["executive", "legal", "product", "engineering"]
    names = list(_profile_sources())
    return [n for n in builtin if n in names] + sorted(n for n in names if n not in builtin)


def profile_text(name: str) -> str:
    sources = _profile_sources()
    if name not in sources:
        raise KeyError(name)
    return sources[name]


def load_profile(name: str) -> AudienceProfile:
    """The audience profile called `name`; KeyError when there is none.

    Profiles are shared, parsed once per file content: treat them as read-only.
    """
    return _parse_profile(name, profile_text(name))


@lru_cache(maxsize=64)
def _parse_profile(name: str, text: str) -> AudienceProfile:
    data = _yaml().load(text)
    data.setdefault("name", name)
    return AudienceProfile.model_validate(data)
