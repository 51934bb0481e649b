"""A recorded provider for the workspace's snapshot tests.

The snapshots should change when the screens change, not whenever the
narrator's wording or the checker's verdicts improve. So the snapshot tests
replay briefs, Markdown and check results recorded from the offline pipeline
into tests/data/tui/. After an intended change to the narrator or checker,
record them again (then review and update the snapshots):

    python -m tests.tui_recorded
"""

from __future__ import annotations

import json
from pathlib import Path

from engine.versions import markdown_hash
from schemas.brief import Brief
from schemas.evaluation import EvalResult
from tests.tui_support import EXAMPLES, misquote_sarcasm_accuracy
from tui.backend import Backend

DATA = Path(__file__).resolve().parent / "data" / "tui"
RECORDED = [("sentiment", "executive"), ("credit", "executive"), ("agent", "executive")]


def _brief_path(stem: str, audience: str) -> Path:
    return DATA / f"{stem}.{audience}.brief.json"


def recorded_backend() -> Backend:
    """Generate, render and check from recordings; an unrecorded input is a test error."""
    rendered: dict[str, str] = {}
    checks = json.loads((DATA / "checks.json").read_text(encoding="utf-8"))

    def generate(doc, audience, *, options, input_file):
        stem = Path(input_file).stem
        path = _brief_path(stem, audience)
        if not path.is_file():
            raise AssertionError(f"no recorded {audience} brief for {stem}; run python -m tests.tui_recorded")
        brief = Brief.model_validate_json(path.read_text(encoding="utf-8"))
        rendered[brief.model_dump_json()] = path.with_suffix("").with_suffix(".md").read_text(encoding="utf-8")
        return brief

    def render(brief):
        return rendered[brief.model_dump_json()]

    def check(doc, text):
        key = markdown_hash(text)
        if key not in checks:
            raise AssertionError("no recorded check for this text; run python -m tests.tui_recorded")
        return EvalResult.model_validate(checks[key])

    return Backend(generate=generate, render_markdown=render, check=check, fit=lambda text, audience: None)


def record() -> None:
    """Record briefs, their Markdown and the checks the snapshot tests need."""
    from engine.pipeline import generate_brief
    from engine.render.markdown import render_markdown
    from engine.versions import split_footer
    from evals.faithfulness import check_brief
    from schemas.loading import load_findings

    DATA.mkdir(parents=True, exist_ok=True)
    checks: dict[str, dict] = {}
    for stem, audience in RECORDED:
        doc = load_findings(EXAMPLES / f"{stem}.yaml")
        brief = generate_brief(doc, audience, input_file=f"{stem}.yaml")
        brief.provenance.created_at = "2026-01-01T00:00:00Z"
        brief.provenance.duration_s = None
        markdown = render_markdown(brief)
        _brief_path(stem, audience).write_text(brief.model_dump_json(indent=1), encoding="utf-8")
        _brief_path(stem, audience).with_suffix("").with_suffix(".md").write_text(markdown, encoding="utf-8")
        if stem == "sentiment":
            body = split_footer(markdown)[0]
            edited = misquote_sarcasm_accuracy(body)
            for text in (body, edited):
                checks[markdown_hash(text)] = check_brief(doc, text).model_dump(mode="json")
    (DATA / "checks.json").write_text(json.dumps(checks, indent=1, sort_keys=True), encoding="utf-8")
    print(f"recorded {len(RECORDED)} briefs and {len(checks)} checks in {DATA}")


if __name__ == "__main__":
    record()
