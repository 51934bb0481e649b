"""Offline briefs for varied findings documents, read as a decision-maker would.

tests/data/decision_docs holds documents unlike the examples (medical triage, lending,
moderation per language, an agent with tool incidents, a RAG assistant, speech recognition by
accent, forecasting in dollars, a minimal document). Every audience's Markdown brief must pass
its own check and read cleanly: no seams, no doubled words, no stage the document does not name,
every caveat, owner and date carried.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.casing import keeps_case
from engine.narrator import narrate
from engine.narrator import numbers as N
from engine.render.markdown import render_markdown
from evals.audience_fit import audience_fit
from evals.faithfulness import check_brief
from schemas.audience import load_profile
from schemas.findings import Unit
from schemas.loading import load_findings

DOCS = sorted((Path(__file__).parent / "data" / "decision_docs").glob("*.yaml"))
AUDIENCES = ["executive", "legal", "product", "engineering"]
STAGE_WORDS = re.compile(r"\b(?:launch\w*|go-live|go live|going live|roll(?:ing)?[- ]?out|pilot\w*|releas\w*)\b", re.I)
SEAMS = re.compile(r"\bNone\b|\bnull\b|\(\s*\)|,,|\.\.(?!\.)|;;|\s[,.;:](?!\d)|::|\bN/A\b|\{\{|\}\}")
DOUBLED = re.compile(r"\b(\w+) \1\b", re.I)


def _prose(md: str) -> list[str]:
    """The brief's lines of prose, without Markdown markers or the check line."""
    out = []
    for line in md.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "---", "*riskbrief check")):
            continue
        out.append(line.lstrip("-* ").rstrip("*"))
    return out


@pytest.fixture(scope="module", params=[p.name for p in DOCS])
def written(request):
    doc = load_findings(Path(__file__).parent / "data" / "decision_docs" / request.param)
    return doc, {a: narrate(doc, load_profile(a)) for a in AUDIENCES}


def test_there_are_varied_documents():
    assert len(DOCS) >= 6


def test_every_brief_passes_its_own_check(written):
    doc, briefs = written
    for audience, b in briefs.items():
        md = render_markdown(b)
        result = check_brief(doc, md, fmt="md")
        assert result.passed, (audience, [(c.text, c.error) for c in result.claims if c.verdict != "supported"],
                               result.missing_caveats)


def test_briefs_read_without_seams(written):
    _, briefs = written
    for audience, b in briefs.items():
        for line in _prose(render_markdown(b)):
            assert not SEAMS.search(line.replace("\\", "")), (audience, line)
            assert not DOUBLED.search(line), (audience, line)
            for sentence in re.split(r"(?<=[.!?])\s+(?=\S)", line):
                opening = sentence.lstrip("\"'(")
                first = opening[:1]
                # "p95 latency", "mAP": a name whose lower-case start is part of it keeps it
                assert first.isupper() or first.isdigit() or first == "$" or keeps_case(opening), (audience, sentence)


def test_no_stage_is_assumed_that_the_document_does_not_name(written):
    doc, briefs = written
    named = " ".join(filter(None, [doc.context and doc.context.decision, doc.context and doc.context.business_goal]))
    for audience, b in briefs.items():
        said = set(m.group(0).lower() for m in STAGE_WORDS.finditer(render_markdown(b)))
        for word in said:
            assert word[:4] in named.lower(), (audience, word)


def test_caveats_owners_and_dates_are_carried(written):
    doc, briefs = written
    for audience, b in briefs.items():
        md = render_markdown(b).replace("\\", "")
        for f in doc.findings:
            for c in f.caveats:
                assert c.rstrip(".") in md, (audience, c)
            for m in f.mitigations:
                if m.due:
                    assert N.date_text(m.due) in md, (audience, m.action)
                if m.owner:
                    assert m.owner in md, (audience, m.owner)


def test_executives_read_rates_as_percentages(written):
    doc, briefs = written
    md = render_markdown(briefs["executive"])
    for f in doc.findings:
        for m in f.metrics:
            if m.unit == Unit.ratio and N.is_share(m.name, m.unit):
                assert re.search(rf"(?<![\d.]){re.escape(N.num(m.value))}(?!\d)", md) is None, m.name


def test_briefs_keep_to_their_word_limit_as_audience_fit_counts_it(written):
    doc, briefs = written
    for audience, b in briefs.items():
        profile = load_profile(audience)
        assert audience_fit(b, profile, doc).words <= profile.max_words, audience
