"""What a model worker's brief threads share: each gets its own complete result, whatever the others do.

A worker runs many briefs at once, one per thread, and the interpreter may
switch threads between any two steps; the checker's per-document indexes and
the drawing of charts are shared by all of them.
"""

from __future__ import annotations

from engine.artifacts import charts, matrix_chart
from evals.faithfulness.analysis import analyse
from evals.faithfulness.check_plans import check_plans
from evals.faithfulness.index import FindingsIndex
from schemas.loading import load_findings
from tests.conftest import EXAMPLES
from tests.threads_support import at_once

DOCS = ("sentiment", "credit", "agent")


def test_threads_reading_owners_of_a_new_document_at_once_all_find_them():
    doc = load_findings(EXAMPLES / "sentiment.yaml")
    owner = next(f.owner for f in doc.findings if f.owner)
    text = f"{owner} owns the fix for the sarcastic posts."
    alone = FindingsIndex(doc)
    expected = repr(check_plans(alone, analyse(alone, text, "recommendation", [], [])))
    for _ in range(100):
        idx = FindingsIndex(doc)  # built afresh: its owner lookup is made by whichever thread asks first
        sentences = [analyse(idx, text, "recommendation", [], []) for _ in range(8)]
        results: dict[int, object] = {}

        def work(k: int) -> None:
            results[k] = check_plans(idx, sentences[k])

        assert at_once(8, work) == []
        assert [repr(r) for r in results.values()] == [expected] * 8


def _small_matrix(doc):
    # The real matrix takes a quarter of a second to draw; a small figure makes many drawings cheap.
    fig = charts.new_figure(1.2, 0.6)
    fig.text(0.1, 0.5, doc.system.name[:12])
    return fig


def test_pictures_drawn_by_many_threads_at_once_are_the_pictures_drawn_alone(monkeypatch):
    monkeypatch.setattr(matrix_chart, "risk_matrix_figure", _small_matrix)
    docs = [load_findings(EXAMPLES / f"{n}.yaml") for n in DOCS]
    alone = {(i, fmt): matrix_chart.risk_matrix_picture(d, fmt) for i, d in enumerate(docs) for fmt in ("svg", "png")}
    drawn: list[tuple[tuple[int, str], bytes]] = []

    def work(k: int) -> None:
        for r in range(30):
            key = ((k + r) % len(docs), ("svg", "png")[r % 2])
            drawn.append((key, matrix_chart.risk_matrix_picture(docs[key[0]], key[1])))

    assert at_once(16, work) == []
    assert len(drawn) == 16 * 30
    assert [key for key, data in drawn if data != alone[key]] == []
