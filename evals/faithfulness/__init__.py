"""Faithfulness harness: typed, deterministic checking of a brief against its findings.

    from evals.faithfulness import check_brief
    result = check_brief(doc, brief_or_markdown)      # -> schemas.evaluation.EvalResult
"""

from evals.faithfulness.harness import BriefInputError, check_brief, check_file, error_codes, parse_brief

__all__ = ["BriefInputError", "check_brief", "check_file", "error_codes", "parse_brief"]
