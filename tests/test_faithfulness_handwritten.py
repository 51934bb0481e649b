"""Briefs written by hand about the examples: each error file holds exactly one typed error.

File names say what to expect: <example>__<code>__<n>.md, code 'faithful' for briefs that must pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.faithfulness import check_file, error_codes
from schemas.evaluation import ErrorCode
from schemas.loading import load_findings

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted((ROOT / "tests" / "data" / "handwritten").glob("*.md"))


def _split(path: Path) -> tuple[str, str]:
    example, code, _ = path.stem.split("__")
    return example, code


def test_the_hand_written_set_is_large_enough_and_covers_every_code():
    codes = [_split(p)[1] for p in CASES]
    assert sum(c != "faithful" for c in codes) >= 30
    assert sum(c == "faithful" for c in codes) >= 3
    assert {c.value for c in ErrorCode} <= set(codes)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_hand_written_brief(path):
    example, code = _split(path)
    result = check_file(load_findings(ROOT / "examples" / f"{example}.yaml"), path)
    if code == "faithful":
        assert result.passed, [(c.error, c.text) for c in result.failing] + result.missing_caveats
        assert result.score == 1.0
    else:
        assert not result.passed
        assert error_codes(result) == [code]
