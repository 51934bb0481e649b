"""Property: `riskbrief validate` on a broken file accepts it or reports it, never crashes.

Files are valid examples and generated documents with byte flips, deleted or
duplicated lines, swapped scalars, shifted indentation or truncation applied.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tests.fuzz_checks import validate_file
from tests.fuzz_documents import as_file_text, documents
from tests.fuzz_mutations import mutated

BASES = [p.read_bytes() for p in sorted(EXAMPLES.glob("*.yaml"))]


@st.composite
def broken_files(draw):
    if draw(st.booleans()):
        base, suffix = draw(st.sampled_from(BASES)), "yaml"
    else:
        suffix = draw(st.sampled_from(["yaml", "json"]))
        base = as_file_text(draw(documents(max_findings=2)), suffix).encode("utf-8")
    names, data = draw(mutated(base))
    return names, data, suffix


@settings(max_examples=120, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(broken_files())
def test_validate_accepts_or_reports_every_mutation(case):
    names, data, suffix = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"broken.{suffix}"
        path.write_bytes(data)
        result = validate_file(path)
        assert result.crash is None, (names, result.crash)
        assert result.exit_code in (0, 2)


def test_a_forbidden_character_is_reported_on_its_line_in_one_line(tmp_path, cli):
    text = (EXAMPLES / "sentiment.yaml").read_text(encoding="utf-8").replace("severity: high", "severity: extreme")
    lines = text.splitlines(keepends=True)
    at = next(i for i, ln in enumerate(lines) if "purpose:" in ln)
    lines[at] = lines[at].replace("Score", "Sc\x01ore")
    path = tmp_path / "ctrl.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    result = validate_file(path)
    assert result.crash is None and result.exit_code == 2
    err = cli("validate", path).stderr.splitlines()
    assert err[0] == f"{path}:{at + 1}: (syntax): invalid YAML: character #x0001 is not allowed " \
                     "(control characters must be written as escapes in a double-quoted string)"


def test_nan_and_infinity_are_not_metric_values(tmp_path, cli):
    text = (EXAMPLES / "sentiment.yaml").read_text(encoding="utf-8")
    for special in (".nan", ".inf", "-.inf"):
        path = tmp_path / "special.yaml"
        path.write_text(text.replace("value: 90, unit: percent", f"value: {special}, unit: ms"), encoding="utf-8")
        result = cli("validate", path)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[0].startswith(f"{path}:26: findings[0].metrics[0].value: ")
        assert "not a finite number" in result.stderr
