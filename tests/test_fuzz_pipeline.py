"""Property: any valid findings file, whatever its text, goes through load -> generate -> eval.

Documents come from tests/fuzz_documents.py: valid structure, hostile text in every
string field (control characters, bidi and zero-width marks, emoji, long strings).
Every audience, Markdown and JSON: no exception, the same bytes twice, JSON that
validates against the brief schema, Markdown that ends with its check footer, and
(both for plain-prose text and for arbitrary text) a brief the faithfulness checker
passes: no failing claim, no missing caveat.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.pipeline import generate_brief, render
from evals.faithfulness import check_brief
from schemas.brief import Brief
from schemas.loading import load_findings
from tests.fuzz_checks import AUDIENCES, offline_round_trip
from tests.fuzz_documents import as_file_text, documents, prose

BRIEF_SCHEMA = Brief.model_json_schema()


@settings(max_examples=10, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(max_findings=2), st.sampled_from(["yaml", "json"]))
def test_any_valid_document_gives_stable_well_formed_briefs(data, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzzed.{fmt}"
        path.write_text(as_file_text(data, fmt), encoding="utf-8")
        doc = load_findings(path)
        for audience in AUDIENCES:
            first = generate_brief(doc, audience, input_file=str(path))
            again = generate_brief(load_findings(path), audience, input_file=str(path))
            md, js = render(first, doc, "md"), render(first, doc, "json")
            assert (md, js) == (render(again, doc, "md"), render(again, doc, "json")), audience
            jsonschema.validate(json.loads(js), BRIEF_SCHEMA)
            assert md.rstrip().splitlines()[-1].startswith("*riskbrief check:"), audience
            # the checker reads the Markdown back without an exception (the JSON form was checked as generated)
            assert first.eval is not None
            check_brief(doc, md, fmt="md")


def _faithful(data: dict, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzzed.{fmt}"
        path.write_text(as_file_text(data, fmt), encoding="utf-8")
        result = offline_round_trip(path)
        assert not result.unfaithful, result.unfaithful


@settings(max_examples=6, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(max_findings=2, text=prose), st.sampled_from(["yaml", "json"]))
def test_offline_brief_of_a_plain_prose_document_is_judged_faithful(data, fmt):
    _faithful(data, fmt)


@settings(max_examples=6, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(max_findings=2), st.sampled_from(["yaml", "json"]))
def test_offline_brief_of_an_arbitrary_text_document_is_judged_faithful(data, fmt):
    _faithful(data, fmt)
