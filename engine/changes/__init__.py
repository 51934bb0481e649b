"""Change briefs: what changed between two findings documents, for one audience.

    old = load_side("findings-v1.yaml")   # Side(doc, name, input_hash, stem)
    new = load_side("findings-v2.yaml")
    brief = change_brief(old, new, "executive")

A side can also be a register snapshot (`register:SYSTEM@WHEN`) or the
findings saved with a brief version (`FILE@vN`); see engine.changes.sides.

The result is an ordinary Brief (so every renderer works on it) whose sources
name a side (`old:F1.acc`, `new:F1`) and whose eval is the two-sided check
of evals.changes.
"""

from __future__ import annotations

from schemas.brief import Brief, Provenance

from engine.hashing import combined_hash
from engine.changes.sections import write_sections
from engine.changes.sides import Side, load_side
from engine.narrator import reproducible_time, riskbrief_version

CHANGES_VERSION = "1"
SOURCE_SIDES = ("'old:ID' cites the OLD (previous) findings document, 'new:ID' the NEW (current) one; "
                "ID is a finding (F1), a metric (F1.acc), 'system' or 'context'.")


def change_brief(old: Side, new: Side, audience: str, *, threshold: float = 1.0) -> Brief:
    """The change brief for one audience, with the two-sided check attached."""
    from engine.pipeline import resolve_audience
    from evals.audience_fit import audience_fit
    from evals.changes import check_change_brief, compare
    from schemas.audience import profile_text

    profile = resolve_audience(audience)
    changes = compare(old.doc, new.doc)
    head, sections = write_sections(changes, profile)
    try:
        text = profile_text(profile.name)
    except KeyError:
        text = profile.model_dump_json()
    brief = Brief(
        audience=profile.name,
        title=f"{new.doc.system.name}: what changed",
        headline=head.text,
        headline_sources=head.sources,
        sections=sections,
        caveats=list(dict.fromkeys(c.strip() for f in new.doc.findings for c in f.caveats)),
        provenance=Provenance(
            provider="offline",
            model=f"changes-{CHANGES_VERSION}",
            prompt_hash=combined_hash([f"changes:{CHANGES_VERSION}", text]),
            input_hash=new.input_hash,
            previous_input_hash=old.input_hash,
            input_file=new.name,
            previous_input_file=old.name,
            source_sides=SOURCE_SIDES,
            created_at=reproducible_time(),
            riskbrief_version=riskbrief_version(),
        ),
    )
    result = check_change_brief(old.doc, new.doc, brief, threshold=threshold)
    # A change brief has its own sections; the profile's required ones are for full briefs.
    result.audience_fit = audience_fit(brief, profile.model_copy(update={"required_sections": []}), new.doc)
    brief.eval = result
    return brief


__all__ = ["Side", "change_brief", "load_side"]
