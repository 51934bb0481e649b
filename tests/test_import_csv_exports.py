"""`riskbrief import csv` on spreadsheet exports: extra columns, Excel's sep= line, decimal commas."""

from __future__ import annotations

from tests.conftest import write
from tests.import_support import imported, review_block


def test_extra_columns_are_ignored_and_listed(tmp_path):
    text = ("finding_id,title,category,summary,Reviewer,Jira ticket\n"
            "F1,Prompt injection via email,security,Email bodies reach the model unfiltered,Ann,SEC-12\n")
    doc, yaml_text, warnings = imported("csv", write(tmp_path, "sheet.csv", text))
    assert doc.findings[0].title == "Prompt injection via email"
    assert "Ann" not in yaml_text.split("schema_version")[1] and "SEC-12" not in yaml_text
    assert any("reviewer" in w and "jira_ticket" in w for w in warnings)
    assert any("not imported" in r and "reviewer" in r for r in review_block(yaml_text))


def test_a_misspelt_column_is_still_an_error(tmp_path, cli):
    r = cli("import", "csv", write(tmp_path, "a.csv", "finding_id,title,category,summray\nF1,x,security,y\n"))
    assert r.exit_code == 2 and "summray: unknown column" in r.stderr and "did you mean summary" in r.stderr


def test_excel_separator_line(tmp_path):
    text = "sep=;\nfinding_id;title;category;summary;metric;value;unit\nF1;Drift;reliability;Drift seen;accuracy;0.87;ratio\n"
    doc, _, _ = imported("csv", write(tmp_path, "excel.csv", text))
    assert doc.findings[0].metrics[0].value == 0.87


def test_a_decimal_comma_is_refused_with_a_hint(tmp_path, cli):
    text = "finding_id;title;category;summary;metric;value;unit\nF1;Drift;reliability;Drift seen;accuracy;0,87;ratio\n"
    out = tmp_path / "out.yaml"
    r = cli("import", "csv", write(tmp_path, "eu.csv", text), "-o", out)
    assert r.exit_code == 2 and ":2: column value:" in r.stderr and "decimal point" in r.stderr
    assert not out.exists()


def test_more_findings_than_a_document_may_hold_is_a_clear_error(tmp_path, cli, monkeypatch):
    monkeypatch.setenv("RISKBRIEF_MAX_LIST_ITEMS", "2")
    rows = "".join(f"F{i},t{i},security,s{i}\n" for i in range(3))
    r = cli("import", "csv", write(tmp_path, "many.csv", "finding_id,title,category,summary\n" + rows))
    assert r.exit_code == 2 and "RISKBRIEF_MAX_LIST_ITEMS" in r.stderr and "bug" not in r.stderr
