"""Many briefs at once on one process's threads, as a model worker makes them, each the brief made alone.

Every thread runs whole briefs through the model chain (a scripted model),
the faithfulness check, the audience fit, the narrator's fallback and the
renderers, while the interpreter switches threads as often as it can; the
audiences of one document are in flight together, so they share its index.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from engine.narrator import narrate
from engine.options import GenerateOptions
from engine.pipeline import generate_brief, render_bytes, resolve_audience
from engine.providers.base import tool_name
from engine.providers.fake import FakeProvider
from schemas.findings import FindingsDocument
from schemas.loading import load_findings
from tests.threads_support import at_once

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from corpus import write_corpus  # noqa: E402

AUDIENCES = ("executive", "legal", "product", "engineering")
FORMATS = ("md", "json", "html")
THREADS = 16


class NarratorModel:
    """A model that answers every step with what the offline narrator writes for its document and audience:
    sentences without digits are used as drafted, those with typed figures are dropped, so their sections
    go through repair and end with the narrator's fallback."""

    def __init__(self, doc: FindingsDocument, audience: str):
        self.doc, self.audience = doc, audience

    def __call__(self, messages, schema) -> dict:
        brief = narrate(self.doc, resolve_audience(self.audience))
        sections = [{"id": s.id, "sentences": [{"text": x.text, "sources": list(x.sources)} for x in s.sentences]}
                    for s in brief.sections]
        name = tool_name(schema)
        if name == "plan_brief":
            return {"points": [{"section": "findings", "point": "the most serious finding", "refs": [self.doc.findings[0].id]}]}
        if name == "frame_tradeoff":
            framed = next((s["sentences"] for s in sections if s["id"] == "options"), [])
            return {"tradeoff_id": self.doc.tradeoffs[0].id, "sentences": framed}
        return {"headline": brief.headline, "headline_sources": list(brief.headline_sources), "sections": sections}


def made(doc: FindingsDocument, audience: str) -> tuple[tuple[bytes, ...], str]:
    """One brief's files and checker verdict (its wall-clock provenance fields pinned)."""
    opts = GenerateOptions(provider="fake", use_cache=False,
                           extra={"provider_instance": FakeProvider(NarratorModel(doc, audience))})
    brief = generate_brief(doc, audience, options=opts)
    brief.provenance.created_at = "2026-01-01T00:00:00Z"
    brief.provenance.duration_s = 0.0
    return tuple(render_bytes(brief, doc, f) for f in FORMATS), brief.eval.model_dump_json()


def test_briefs_made_on_many_threads_at_once_equal_the_briefs_made_alone(tmp_path):
    paths = write_corpus(tmp_path, THREADS // 2)
    items = [(i, a) for i in range(len(paths)) for a in AUDIENCES]
    shared = [load_findings(p) for p in paths]  # one object per document, as a worker shares it
    together: dict[tuple[int, str], tuple] = {}

    def work(k: int) -> None:
        for i, audience in items[k::THREADS]:
            together[(i, audience)] = made(shared[i], audience)

    assert at_once(THREADS, work) == []
    # Alone: documents loaded again, so nothing the threads built for theirs is reused.
    alone_docs = [load_findings(p) for p in paths]
    alone = {(i, a): made(alone_docs[i], a) for i, a in items}
    assert sorted(together) == sorted(alone)
    differ = [key for key in items if together[key] != alone[key]]
    assert differ == []
    # The threads went the whole way: drafts checked, repaired, and sections left to the narrator.
    provenance = [json.loads(files[FORMATS.index("json")])["provenance"] for files, _ in alone.values()]
    assert all(p["repair_rounds"] >= 1 and p["fallback_sections"] for p in provenance)
