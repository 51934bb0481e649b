"""JSON rendering of a brief (validates against `riskbrief schema brief`)."""

from __future__ import annotations

from schemas.brief import Brief


def render_json(brief: Brief) -> str:
    return brief.model_dump_json(indent=2) + "\n"
