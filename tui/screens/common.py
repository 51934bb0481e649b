"""Helpers shared by the workspace's screens."""

from __future__ import annotations

import functools

from engine.errors import RiskbriefError
from schemas.loading import FindingsError
from engine.section_review import review_count, tracked
from tui.session import BriefState


def reports_errors(method):
    """Show an expected failure as a notification instead of a traceback."""

    @functools.wraps(method)
    async def wrapper(self, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
            if hasattr(result, "__await__"):
                result = await result
            return result
        except RiskbriefError as e:
            self.notify(str(e), title="riskbrief", severity="error", timeout=8)
        except OSError as e:
            self.notify(f"{e.filename or ''}: {e.strerror or e}", title="File error", severity="error", timeout=8)
        except FindingsError as e:  # a findings file read again by the engine, broken since it was opened
            self.notify(str(e), title="Invalid findings file", severity="error", timeout=8)

    return wrapper


FINDINGS_CHANGED = "findings changed on disk: g regenerates from them"


def status_line(state: BriefState, findings_changed: bool = False) -> str:
    if state.brief is None:
        return "no brief yet" + (f" · {FINDINGS_CHANGED}" if findings_changed else "")
    parts = []
    if state.version is not None:
        parts.append(state.version.label)
    if state.dirty:
        parts.append("unsaved edits")
    elif state.approved:
        parts.append("APPROVED")
    elif tracked(state.review):
        parts.append(review_count(state.review))
    if findings_changed:
        parts.append(FINDINGS_CHANGED)
    return " · ".join(parts)
