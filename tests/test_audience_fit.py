"""Audience fit: reading grade, jargon, length and required sections against a profile."""

from __future__ import annotations

from evals.audience_fit import audience_fit, reading_grade
from schemas.audience import load_profile

SHORT = "We ship the dashboards. A person checks sarcastic posts. We need a decision by Friday."
DENSE = ("The heterogeneous classification architecture demonstrates substantially deteriorated discriminative "
         "performance characteristics on syntactically idiosyncratic sarcastic communications, necessitating "
         "comprehensive organisational intervention prior to operational deployment.")


def test_reading_grade_rises_with_harder_prose():
    assert reading_grade(SHORT) < 6 < reading_grade(DENSE)


def test_jargon_from_the_profile_is_named_with_its_plain_replacement():
    prof = load_profile("executive")
    terms = sorted(prof.avoid)[:2]
    fit = audience_fit(f"## Findings\n\nThe {terms[0]} doubled, and so did the {terms[1]}.", prof)
    assert fit.jargon == terms
    assert not fit.fits
    assert any(f"say '{prof.avoid[terms[0]]}'" in n for n in fit.notes)
    assert audience_fit("## Findings\n\nNothing technical here.", prof).jargon == []


def test_length_and_required_sections():
    prof = load_profile("executive")
    sections = "\n\n".join(f"## {prof.section_titles[s]}\n\n{SHORT}" for s in prof.required_sections)
    fit = audience_fit(sections, prof)
    assert fit.missing_sections == [] and fit.fits and fit.words < prof.max_words
    long = audience_fit(sections + "\n\n" + " ".join(["word"] * prof.max_words), prof)
    assert long.words > prof.max_words and not long.fits
    partial = audience_fit(f"## {prof.section_titles['findings']}\n\n{SHORT}", prof)
    assert partial.missing_sections == [s for s in prof.required_sections if s != "findings"]


def test_fit_is_deterministic():
    prof = load_profile("legal")
    assert audience_fit(DENSE, prof) == audience_fit(DENSE, prof)
