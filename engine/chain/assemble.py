"""From the model's drafts (numbers as references) to a Brief the reader sees."""

from __future__ import annotations

from dataclasses import dataclass, field

from schemas.audience import AudienceProfile
from schemas.brief import SECTION_ORDER, Brief, Provenance, Section, Sentence
from schemas.draft import DraftSentence
from schemas.findings import FindingsDocument

from engine.chain.references import References
from engine.narrator.sections import DEFAULT_TITLES


@dataclass
class Rendered:
    """A section's sentences after references are rendered, and what had to be dropped."""

    sentences: list[Sentence] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # typed numbers, unknown references

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.sentences)


def render_sentences(drafts: list[DraftSentence], refs: References) -> Rendered:
    out = Rendered()
    for d in drafts:
        text, added, problems = refs.render(d.text)
        unknown = refs.unknown_sources(d.sources)
        if unknown:
            problems = problems + [f"sources {', '.join(unknown)} name nothing in the findings"]
        if problems:
            # a sentence with a typed number or a dangling reference never reaches the reader
            out.problems.extend(f"{p} (in: {d.text})" for p in problems)
            continue
        text = " ".join(text.split())
        if not text:
            continue
        if text[-1] not in ".!?":
            text += "."
        sources = list(dict.fromkeys([*d.sources, *added]))
        out.sentences.append(Sentence(text=text[0].upper() + text[1:], sources=sources))
    return out


def section_title(profile: AudienceProfile, section_id: str) -> str:
    return profile.section_titles.get(section_id) or DEFAULT_TITLES.get(section_id, section_id.title())


def build_brief(
    doc: FindingsDocument,
    profile: AudienceProfile,
    headline: Sentence,
    sections: dict[str, list[Sentence]],
    caveats: list[str],
    provenance: Provenance,
) -> Brief:
    ordered = [
        Section(id=sid, title=section_title(profile, sid), sentences=sections[sid])
        for sid in SECTION_ORDER
        if sections.get(sid)
    ]
    return Brief(
        audience=profile.name,
        title=doc.system.name,
        headline=headline.text,
        headline_sources=headline.sources,
        sections=ordered,
        caveats=caveats,
        provenance=provenance,
    )
