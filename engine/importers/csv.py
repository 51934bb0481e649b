"""A simple CSV layout for teams that keep findings in a spreadsheet.

One row per metric. Finding columns are either repeated on every row of the
finding or filled in once and left blank below it ("filled down"): a row with
an empty `finding_id` continues the finding above. List columns (`affected`,
`caveat`, `evidence`) and the mitigation columns collect one distinct value
per row. Every problem is reported with its line and column, and the built
document is validated here so a bad cell is blamed on its row, not on the
importer. Comma, semicolon and tab separators are all read.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.importers.base import Imported, SourceError, as_number, check_findings_count, clean, read_text, slug, tidy_number, unique_id
from schemas.findings import FindingsDocument, document_issues, format_loc
from schemas.loading import FindingsError, Problem

FINDING_COLUMNS = ("title", "category", "severity", "likelihood", "detectability", "summary", "impact", "owner", "status")
LIST_COLUMNS = {"affected": "affected", "caveat": "caveats", "evidence": "evidence"}
MITIGATION_COLUMNS = {"mitigation": "action", "mitigation_owner": "owner", "mitigation_due": "due",
                      "mitigation_status": "status", "mitigation_effect": "effect"}
METRIC_COLUMNS = {"metric_id": "id", "metric": "name", "value": "value", "unit": "unit", "population": "population",
                  "n": "n", "baseline": "baseline", "ci_low": None, "ci_high": None,
                  "higher_is_better": "higher_is_better", "source": "source"}
COLUMNS = ("system", "finding_id", *FINDING_COLUMNS, *LIST_COLUMNS, *MITIGATION_COLUMNS, *METRIC_COLUMNS)
ENUM_COLUMNS = ("category", "severity", "likelihood", "status", "mitigation_status")
UNIT_ALIASES = {"%": "percent", "pct": "percent", "percentage": "percent", "points": "pp",
                "percentage_points": "pp", "milliseconds": "ms", "seconds": "s", "usd": "usd", "$": "usd"}
TRUE, FALSE = {"true", "yes", "y", "1"}, {"false", "no", "n", "0"}


def _header_name(raw: str) -> str:
    return clean(raw).lower().replace(" ", "_").replace("-", "_")


def _enum(value: str) -> str:
    return clean(value).lower().replace(" ", "_").replace("-", "_")


# Excel writes "sep=;" as the first line of a CSV to name its separator.
EXCEL_SEP = re.compile(r"sep=(.)\s*")


def _rows(text: str, file: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """(extra columns, rows): extra columns are ones riskbrief does not read, and are left out."""
    lines = text.splitlines()
    first = lines[0] if text.strip() else ""
    if not first:
        raise SourceError(file, 1, "(header)", "empty file; the first row must name the columns (see the README)")
    skipped = 0
    sep = EXCEL_SEP.fullmatch(first.strip().strip('"'))
    if sep:
        skipped, text = 1, text.split("\n", 1)[1] if "\n" in text else ""
        first = lines[1] if len(lines) > 1 else ""
    delimiter = sep.group(1) if sep else max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    head = 1 + skipped
    try:
        header = [_header_name(h) for h in next(reader, [])]
    except csv.Error as e:
        raise SourceError(file, head, "(header)", f"unreadable CSV: {e}") from None
    if not any(h in COLUMNS for h in header):
        raise SourceError(file, head, "(header)", "not a findings CSV: the first row must name the columns "
                          "(finding_id, title, category, summary, metric, value, unit...); is KIND right for this file?")
    extra = [h for h in header if h and h not in COLUMNS]
    for h in extra:
        # A near miss is a typo whose data would be lost; any other column is the team's own (notes, tickets).
        close = difflib.get_close_matches(h, COLUMNS, n=1, cutoff=0.8)
        if close:
            raise SourceError(file, head, h, f"unknown column; did you mean {close[0]}? (known columns: {', '.join(COLUMNS)})")
    dupes = sorted({h for h in header if h and header.count(h) > 1})
    if dupes:
        raise SourceError(file, head, dupes[0], "column appears twice in the header")
    if "finding_id" not in header:
        raise SourceError(file, head, "finding_id", "missing column; every findings CSV needs finding_id (see the README)")
    rows = []
    start = reader.line_num + 1
    try:
        for cells in reader:
            line = start + skipped
            start = reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                raise SourceError(file, line, "(row)", f"{len(cells)} cells but the header has {len(header)} columns")
            rows.append((line, {h: c.strip() for h, c in zip(header, cells) if h and h in COLUMNS}))
    except csv.Error as e:
        raise SourceError(file, reader.line_num, "(row)", f"unreadable CSV: {e}") from None
    if not rows:
        raise SourceError(file, head, "(rows)", "the header has no rows below it; add one row per metric")
    return extra, rows


def import_csv(path: str | Path, *, system: str | None = None) -> Imported:
    file = str(path)
    extra, rows = _rows(read_text(path), file)
    imported = Imported("csv", Path(file).name, {})
    if extra:
        imported.warn(f"column(s) {', '.join(extra)} are not findings columns; their cells were not imported")
    findings: dict[str, dict] = {}
    lines: dict[tuple, int] = {}  # location in the document -> CSV line, for error messages
    systems: list[tuple[int, str]] = []
    current: str | None = None

    for line, row in rows:
        def fail(column: str, message: str) -> SourceError:
            return SourceError(file, line, f"column {column}", message)

        if row.get("system"):
            systems.append((line, row["system"]))
        fid = row.get("finding_id") or current
        if not fid:
            raise fail("finding_id", "empty, and there is no finding above to continue; name the finding")
        current = fid
        if fid not in findings:
            check_findings_count(file, len(findings) + 1, "column finding_id")
            findings[fid] = {"id": fid, "_metric_ids": set(), "_row": line}
            lines[("findings", list(findings).index(fid))] = line
        f = findings[fid]
        f_index = list(findings).index(fid)
        for col in FINDING_COLUMNS:
            value = row.get(col, "")
            if not value:
                continue
            if col in ENUM_COLUMNS:
                value = _enum(value)
            if col == "detectability":
                number = as_number(value)
                if number is None or not number.is_integer():
                    raise fail(col, f"{value!r} is not a whole number from 1 to 10")
                value = int(number)
            if col in f and f[col] != value:
                raise fail(col, f"finding {fid} already has {col} {f[col]!r} (line {lines.get(('findings', f_index, col), f['_row'])}); "
                                "repeat the same value or leave the cell blank")
            if col not in f:
                f[col] = value
                lines[("findings", f_index, col)] = line
        for col, key in LIST_COLUMNS.items():
            if row.get(col):
                items = f.setdefault(key, [])
                if row[col] not in items:
                    items.append(row[col])
                    lines[("findings", f_index, key, len(items) - 1)] = line
        if any(row.get(c) for c in MITIGATION_COLUMNS):
            _mitigation(f, f_index, row, line, lines, fail)
        if any(row.get(c) for c in METRIC_COLUMNS):
            _metric(f, f_index, row, line, lines, fail, imported)

    data_findings = []
    for f in findings.values():
        f.pop("_metric_ids")
        f.pop("_row")
        data_findings.append(f)
    names = {name for _, name in systems}
    if len(names) > 1:
        line, name = next((ln, n) for ln, n in systems if n != systems[0][1])
        raise SourceError(file, line, "system", f"{name!r} differs from {systems[0][1]!r} above; one file describes one system")
    name = system or (systems[0][1] if systems else "")
    if not name:
        name = Path(file).stem
        imported.review.append(f"system.name is the file name '{name}'; add a system column or pass --system")
    imported.data = {"schema_version": 1, "system": {"name": name}, "findings": data_findings}
    _validate(imported.data, file, lines)
    return imported


def _mitigation(f: dict, f_index: int, row: dict, line: int, lines: dict, fail) -> None:
    if not row.get("mitigation"):
        raise fail("mitigation", "empty, but other mitigation columns are filled; say what the action is")
    m = {key: _enum(row[col]) if col == "mitigation_status" else row[col]
         for col, key in MITIGATION_COLUMNS.items() if row.get(col)}
    if "due" in m:
        try:
            m["due"] = dt.date.fromisoformat(m["due"])
        except ValueError:
            raise fail("mitigation_due", f"{m['due']!r} is not a date; write it as YYYY-MM-DD") from None
    items = f.setdefault("mitigations", [])
    if m not in items:
        items.append(m)
        lines[("findings", f_index, "mitigations", len(items) - 1)] = line


def _metric(f: dict, f_index: int, row: dict, line: int, lines: dict, fail, imported: Imported) -> None:
    for col in ("metric", "value"):
        if not row.get(col):
            raise fail(col, "empty, but this row has other metric cells; a metric needs metric, value and unit")
    raw = row["value"]
    unit = _enum(row.get("unit", ""))
    unit = UNIT_ALIASES.get(unit, unit)
    if raw.endswith("%"):
        if unit not in ("", "percent"):
            raise fail("value", f"{raw!r} is a percent but the unit says {row['unit']!r}")
        raw, unit = raw[:-1].strip(), "percent"
    value = as_number(raw)
    if value is None:
        hint = "; write the decimal point as '.'" if re.fullmatch(r"-?\d+,\d+", raw) else ""
        raise fail("value", f"{row['value']!r} is not a number{hint}")
    if not unit:
        raise fail("unit", "empty; use percent, ratio, pp, ms, s, count, usd or x")
    metric: dict[str, Any] = {"id": None, "name": row["metric"], "value": tidy_number(value), "unit": unit}
    for col in ("population", "baseline", "source"):
        if row.get(col):
            metric[col] = row[col]
    if row.get("n"):
        n = as_number(row["n"])
        if n is None or not n.is_integer():
            raise fail("n", f"{row['n']!r} is not a whole number")
        metric["n"] = int(n)
    if row.get("ci_low") or row.get("ci_high"):
        low, high = as_number(row.get("ci_low", "")), as_number(row.get("ci_high", ""))
        if low is None or high is None:
            raise fail("ci_low" if low is None else "ci_high", "a confidence interval needs both ci_low and ci_high as numbers")
        metric["ci"] = [tidy_number(low), tidy_number(high)]
    if row.get("higher_is_better"):
        flag = row["higher_is_better"].lower()
        if flag not in TRUE | FALSE:
            raise fail("higher_is_better", f"{row['higher_is_better']!r} is not true or false")
        metric["higher_is_better"] = flag in TRUE
    if row.get("metric_id"):
        if row["metric_id"] in f["_metric_ids"]:
            raise fail("metric_id", f"finding {f['id']} already has a metric {row['metric_id']!r}")
        f["_metric_ids"].add(row["metric_id"])
        metric["id"] = row["metric_id"]
    else:
        metric["id"] = unique_id(slug(f"{row['metric']} {row.get('population', '')}"), f["_metric_ids"])
    items = f.setdefault("metrics", [])
    items.append(metric)
    lines[("findings", f_index, "metrics", len(items) - 1)] = line


COLUMN_OF = {"metrics": {**{v: k for k, v in METRIC_COLUMNS.items() if v}, "ci": "ci_low/ci_high"},
             "mitigations": {v: k for k, v in MITIGATION_COLUMNS.items()},
             "caveats": "caveat"}


def _column(loc: tuple) -> str:
    if len(loc) >= 3 and loc[0] == "findings":
        field = loc[2]
        if field in ("metrics", "mitigations") and len(loc) >= 5:
            return COLUMN_OF[field].get(loc[4], str(loc[4]))
        if field == "caveats":
            return "caveat"
        return "finding_id" if field == "id" else str(field)
    return format_loc(loc)


def _line(loc: tuple, lines: dict) -> int:
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def _validate(data: dict, file: str, lines: dict) -> None:
    """Validate the built document; report each problem at its CSV line and column."""
    problems: list[Problem] = []
    seen = set()

    def add(loc: tuple, message: str) -> None:
        problem = Problem(file, _line(loc, lines), f"column {_column(loc)}", message)
        if (problem.line, problem.path, problem.message) not in seen:
            seen.add((problem.line, problem.path, problem.message))
            problems.append(problem)

    try:
        FindingsDocument.model_validate(data, context={"cross_field_checked": True})
    except ValidationError as e:
        for err in e.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "missing":
                msg = "empty, but required (fill it on the finding's first row)"
            elif err["type"] == "enum":
                msg = f"{err.get('input')!r} is not one of {(err.get('ctx') or {}).get('expected', '')}"
            add(loc, msg)
    for loc, message in document_issues(data):
        add(loc, message)
    if problems:
        raise FindingsError(sorted(problems, key=lambda p: p.line))
