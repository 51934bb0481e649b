"""Change briefs: compare two findings documents and check a change brief against both.

    from evals.changes import compare, check_change_brief
    changes = compare(old_doc, new_doc)
    result = check_change_brief(old_doc, new_doc, brief)   # -> schemas.evaluation.EvalResult
"""

from evals.changes.check import check_change_brief
from evals.changes.compare import Changes, compare

__all__ = ["Changes", "check_change_brief", "compare"]
