"""JSON Schema export of every document riskbrief reads or writes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from schemas.brief import Brief
from schemas.evaluation import EvalResult
from schemas.findings import FindingsDocument
from schemas.practice import PracticeScore, Scenario

SCHEMAS: dict[str, type[BaseModel]] = {
    "findings": FindingsDocument,
    "brief": Brief,
    "eval": EvalResult,
    "practice-score": PracticeScore,
    "scenario": Scenario,
}


def json_schema(name: str) -> dict[str, Any]:
    model = SCHEMAS[name]
    out = model.model_json_schema()
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out.setdefault("title", model.__name__)
    return out
