"""`riskbrief import csv`: the documented spreadsheet layout; every bad cell named by line and column."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import EXAMPLES, write
from tests.import_support import DATA, imported, review_block
from schemas.loading import load_findings

HEADER = "finding_id,title,category,summary,metric,value,unit,population,baseline\n"


def test_filled_down_rows_rebuild_the_sentiment_example():
    doc, text, _ = imported("csv", DATA / "findings.csv")
    ref = load_findings(EXAMPLES / "sentiment.yaml")
    assert doc.system.name == ref.system.name
    f1, f2 = doc.findings
    r1 = ref.finding("F1")
    assert [(m.id, m.value, m.unit, m.population, m.n, m.baseline) for m in f1.metrics] == \
        [(m.id, m.value, m.unit, m.population, m.n, m.baseline) for m in r1.metrics]
    assert f1.metric("acc_sarcasm").ci == [61.7, 68.2]
    assert (f1.severity.value, f1.likelihood.value, f1.owner, f1.status.value) == ("high", "likely", "ML Platform lead", "open")
    assert f1.caveats == ["The sarcasm set is 800 posts from one platform"]
    (mit,) = f1.mitigations
    assert (mit.owner, mit.due, mit.status.value) == ("Social care team", dt.date(2026, 12, 1), "planned")
    assert f2.category.value == "reliability" and f2.severity.value == "medium"  # case and spacing normalised
    assert f2.mitigations[0].status.value == "in_progress"
    assert f2.owner is None
    assert review_block(text) == ["F2: not in the source: impact, owner, status"]


def test_repeated_finding_columns_merge_and_semicolons_are_read(tmp_path):
    text = ("finding_id;title;category;summary;metric;value;unit;caveat\n"
            "F1;Latency over budget;reliability;p95 latency is high.;latency p95;850;ms;Measured in staging\n"
            "F1;Latency over budget;reliability;p95 latency is high.;latency p99;1400;ms;Measured in staging\n")
    doc, _, _ = imported("csv", write(tmp_path, "lat.csv", text))
    (f,) = doc.findings
    assert [m.id for m in f.metrics] == ["latency_p95", "latency_p99"]
    assert f.caveats == ["Measured in staging"]
    assert doc.system.name == "lat"


@pytest.mark.parametrize("rows, line, column, message", [
    (",T,performance,S,accuracy,90,percent,x,\n", 2, "column finding_id", "no finding above to continue"),
    ("F1,T,performance,S,accuracy,ninety,percent,x,\n", 2, "column value", "'ninety' is not a number"),
    ("F1,T,performance,S,accuracy,90,percent,x,\nF1,Other title,performance,S,accuracy,80,percent,y,\n", 3, "column title",
     "already has title 'T' (line 2)"),
    ("F1,T,performence,S,accuracy,90,percent,x,\n", 2, "column category", "'performence' is not one of"),
    ("F1,T,performance,S,accuracy,120,percent,x,\n", 2, "column value", "120 is outside 0-100"),
    ("F1,T,performance,S,accuracy,90,percent,x,\n,,,,accuracy,80,percent,y,nope\n", 3, "column baseline", "'nope' is not a metric id"),
    ("F1,T,performance,,accuracy,90,percent,x,\n", 2, "column summary", "empty, but required"),
])
def test_bad_cells_name_line_and_column(tmp_path, cli, rows, line, column, message):
    src = write(tmp_path, "bad.csv", HEADER + rows)
    out = tmp_path / "out.yaml"
    r = cli("import", "csv", src, "-o", out)
    assert r.exit_code == 2, r.stdout
    assert f"{src}:{line}: {column}:" in r.stderr and message in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and not out.exists()


def test_unknown_column_and_missing_finding_id(tmp_path, cli):
    r = cli("import", "csv", write(tmp_path, "a.csv", "finding_id,titel\nF1,x\n"))
    assert r.exit_code == 2 and "titel: unknown column" in r.stderr
    r = cli("import", "csv", write(tmp_path, "b.csv", "title,category\nx,performance\n"))
    assert r.exit_code == 2 and "finding_id: missing column" in r.stderr


def test_tab_separated_export_with_a_byte_order_mark(tmp_path):
    text = "\ufeffFinding ID\tTitle\tCategory\tSummary\tMetric\tValue\tUnit\tHigher is better\n" \
           "F1\tFalse alarms on night shots\trobustness\tFalse positive rate rises at night.\tfalse positive rate\t0.12\tratio\tfalse\n"
    doc, _, _ = imported("csv", write(tmp_path, "sheet.tsv", text))
    m = doc.findings[0].metrics[0]
    assert (m.id, m.value, m.unit.value, m.higher_is_better) == ("false_positive_rate", 0.12, "ratio", False)


def test_a_file_that_is_not_a_findings_csv(cli, tmp_path):
    r = cli("import", "csv", DATA / "scan.sarif")
    assert r.exit_code == 2 and "not a findings CSV" in r.stderr
