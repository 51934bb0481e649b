"""The properties the fuzz tests and benchmarks/robustness.py hold riskbrief to.

1. A valid findings file goes through load -> generate (offline, every audience,
   Markdown and JSON) -> eval without an exception, gives the same bytes twice,
   and every brief passes the faithfulness gate with no caveat missing.
2. `riskbrief validate` on any file either accepts it (exit 0) or reports
   problems (exit 2, every line `FILE:LINE: field: message`), never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

AUDIENCES = ("executive", "legal", "product", "engineering")
FORMATS = ("md", "json")


@dataclass
class RoundTrip:
    """What one findings file gave: unfaithful or unstable briefs, by audience and format."""

    unfaithful: list[str] = field(default_factory=list)
    unstable: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unfaithful and not self.unstable


def _rendered(doc, audience: str, path: str) -> dict[str, str]:
    from engine.pipeline import generate_brief, render

    brief = generate_brief(doc, audience, input_file=path)
    return {fmt: render(brief, doc, fmt) for fmt in FORMATS}


def offline_round_trip(path: str | Path) -> RoundTrip:
    """Load, generate every audience twice, and check both forms of every brief."""
    from engine.injection import as_evidence
    from evals.faithfulness import check_brief
    from schemas.loading import load_findings

    doc = load_findings(path)
    # Checked as `riskbrief eval` and the generate gate check: text that reads as an instruction is no evidence.
    evidence = as_evidence(doc)
    out = RoundTrip()
    for audience in AUDIENCES:
        first = _rendered(doc, audience, str(path))
        again = _rendered(load_findings(path), audience, str(path))
        for fmt in FORMATS:
            if first[fmt] != again[fmt]:
                out.unstable.append(f"{audience}.{fmt}")
            result = check_brief(evidence, first[fmt], fmt=fmt)
            if not result.passed:
                bad = [f"{c.error.value if c.error else c.verdict.value}: {c.text!r}" for c in result.failing]
                bad += [f"caveat missing: {c!r}" for c in result.missing_caveats]
                out.unfaithful.append(f"{audience}.{fmt}: {'; '.join(bad[:3])}")
    return out


# The field path runs to the first ": " (a key with ": " in it is written quoted, with it escaped).
PROBLEM_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<field>\S(?:.*?\S)?): (?P<message>\S.*)$")
SUMMARY_LINE = re.compile(r"^\d+ problem\(s\) in \d+ of \d+ file\(s\)$")


@dataclass
class Validation:
    exit_code: int
    crash: str | None  # the exception or malformed output, when validate misbehaved


def validate_file(path: str | Path) -> Validation:
    """Run `riskbrief validate PATH` in-process and judge its behaviour (not the file)."""
    from engine.cli import cli

    result = CliRunner().invoke(cli, ["validate", str(path)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        tb = "".join(traceback.format_exception(result.exception))
        return Validation(result.exit_code, f"exception: {tb}")
    if result.exit_code not in (0, 2):
        return Validation(result.exit_code, f"exit {result.exit_code}: {result.stderr}")
    if "Traceback" in result.output or "Traceback" in result.stderr:
        return Validation(result.exit_code, f"traceback printed: {result.stderr}")
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        bad = [ln for ln in lines if not (PROBLEM_LINE.match(ln) or SUMMARY_LINE.match(ln))]
        if bad or not any(PROBLEM_LINE.match(ln) and ln.startswith(f"{path}:") for ln in lines):
            return Validation(2, f"malformed problem lines: {bad or lines}")
    return Validation(result.exit_code, None)
