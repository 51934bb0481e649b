"""Google Model Card Toolkit JSON (schema 0.0.x) -> findings.

`quantitative_analysis.performance_metrics` becomes one performance finding
whose metrics keep their slice as the population and the unsliced metric of
the same type as the baseline. `considerations.limitations` and
`ethical_considerations` become findings of their own (the latter with the
card's mitigation strategy). Confidence intervals that cannot hold for the
metric (e.g. an accuracy bound above 1.0) are dropped and said so, never
clamped.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.importers.base import (
    NUMBER, TEXT, check_shape, Imported, SourceError, as_number, clean, line_of, parse_source, proportion_unit, read_text, slug, tidy_number, unique_id,
)

# MCT: a metric without a slice "is not sliced", i.e. computed on all the data.
OVERALL = "whole evaluation set"

_TEXTS = [(dict, str)]  # schema 0.0.2: [{description}]; 0.0.1: plain strings
SHAPE = {
    "model_details": {"name": TEXT, "version": {"name": TEXT}, "owners": [{"name": TEXT}]},
    "quantitative_analysis": {"performance_metrics": [{
        "type": TEXT, "value": NUMBER, "slice": TEXT, "threshold": NUMBER,
        "confidence_interval": {"lower_bound": NUMBER, "upper_bound": NUMBER}}]},
    "considerations": {"users": _TEXTS, "use_cases": _TEXTS, "limitations": _TEXTS, "tradeoffs": _TEXTS,
                       "ethical_considerations": [{"name": TEXT, "mitigation_strategy": TEXT}]},
}


def _descriptions(items: Any) -> list[str]:
    out = []
    for item in items or []:
        if isinstance(item, dict) and item.get("description"):
            out.append(clean(item["description"]))
        elif isinstance(item, str) and item.strip():
            out.append(clean(item))  # schema 0.0.1 used plain strings
    return out


def import_model_card(path: str | Path, *, system: str | None = None) -> Imported:
    file = str(path)
    root = parse_source(read_text(path), file, is_json=True)
    if not isinstance(root, dict) or not any(k in root for k in ("model_details", "quantitative_analysis", "considerations")):
        raise SourceError(file, 1, "(document)", "not a Model Card Toolkit card: no model_details, "
                          "quantitative_analysis or considerations (is KIND right for this file?)")
    check_shape(root, SHAPE, file)
    imported = Imported("model-card", Path(file).name, {})
    details = root.get("model_details") or {}
    considerations = root.get("considerations") or {}

    sys_block: dict[str, Any] = {"name": system or clean(details.get("name") or "")}
    if not sys_block["name"]:
        sys_block["name"] = Path(file).stem
        imported.review.append("system.name: the card has no model_details.name; replace it or pass --system")
    version = details.get("version")
    if isinstance(version, dict) and version.get("name"):
        sys_block["version"] = str(version["name"])
    owners = [clean(o["name"]) for o in details.get("owners") or [] if isinstance(o, dict) and o.get("name")]
    if owners:
        sys_block["owner"] = ", ".join(owners)
    use_cases = _descriptions(considerations.get("use_cases"))
    if use_cases:
        sys_block["purpose"] = " ".join(use_cases)
    users = _descriptions(considerations.get("users"))
    if users:
        sys_block["users"] = users

    findings: list[dict] = []
    perf = _performance_finding(root, file, imported, _descriptions(considerations.get("tradeoffs")))
    if perf:
        findings.append(perf)
    for k, text in enumerate(_descriptions(considerations.get("limitations")), 1):
        findings.append({
            "id": f"F{len(findings) + 1}", "title": _title(text, f"Limitation {k}", findings, imported),
            "category": "reliability", "summary": text, "evidence": ["model card considerations.limitations"],
        })
        imported.review.append(f"{findings[-1]['id']}: category reliability is riskbrief's choice for a card limitation; confirm it")
    ethics = considerations.get("ethical_considerations") or []
    for i, item in enumerate(ethics):
        if not isinstance(item, dict) or not item.get("name"):
            raise SourceError(file, line_of(ethics, i), f"considerations.ethical_considerations[{i}].name",
                              "missing; each ethical consideration needs a name")
        text = clean(item["name"])
        finding = {"id": f"F{len(findings) + 1}",
                   "title": _title(text, f"Ethical consideration {i + 1}", findings, imported),
                   "category": "safety",
                   "summary": text, "evidence": ["model card considerations.ethical_considerations"]}
        if item.get("mitigation_strategy"):
            # The card states the strategy but not who does it, when, or whether it is done.
            finding["mitigations"] = [{"action": clean(item["mitigation_strategy"])}]
            imported.review.append(f"{finding['id']}: the mitigation has no owner, due date or status in the card")
        findings.append(finding)
        imported.review.append(f"{finding['id']}: category safety is riskbrief's choice for an ethical consideration; confirm it")
    if not findings:
        raise SourceError(file, 1, "quantitative_analysis.performance_metrics",
                          "the card has no performance metrics, limitations or ethical considerations to import")
    imported.data = {"schema_version": 1, "system": sys_block, "findings": findings}
    return imported


def _title(text: str, generic: str, findings: list[dict], imported: Imported) -> str:
    """The card's text when it fits on a line; a cut sentence could read as its opposite."""
    if len(text) <= 100:
        return text
    imported.review.append(f"F{len(findings) + 1}: the card's text is too long for a title; "
                           "the title is generic, write a one-line one")
    return generic


def _performance_finding(root: dict, file: str, imported: Imported, tradeoffs: list[str]) -> dict | None:
    qa = root.get("quantitative_analysis") or {}
    rows = qa.get("performance_metrics") or []
    if not isinstance(rows, list):
        raise SourceError(file, line_of(qa, "performance_metrics"), "quantitative_analysis.performance_metrics", "expected a list")
    fid = f"F{1}"
    metrics: list[dict] = []
    caveats: list[str] = []
    thresholds: list[str] = []
    taken: set[str] = set()
    overall_ids: dict[tuple, str] = {}
    # A type measured at several thresholds names the threshold in each population and
    # compares a slice only with the overall value at the same threshold.
    thresholds_of: dict[str, set] = {}
    for row in rows:
        if isinstance(row, dict) and row.get("type"):
            thresholds_of.setdefault(clean(row["type"]), set()).add(_threshold(row))
    thresholds_of = {name: found - {None} for name, found in thresholds_of.items()}  # unstated is not another threshold
    for i, row in enumerate(rows):
        where = f"quantitative_analysis.performance_metrics[{i}]"
        line = line_of(rows, i)
        if not isinstance(row, dict) or not row.get("type"):
            raise SourceError(file, line, f"{where}.type", "missing; each performance metric needs a type")
        name = clean(row["type"])
        value = as_number(row.get("value"))
        if value is None:
            raise SourceError(file, line_of(row, "value") or line, f"{where}.value",
                              f"{row.get('value')!r} is not a number")
        slice_name = clean(row["slice"]) if row.get("slice") else None
        threshold = _threshold(row) if len(thresholds_of.get(name, ())) > 1 else None
        at = f" at decision threshold {threshold}" if threshold is not None else ""
        label = (f"{name} on slice {slice_name}" if slice_name else f"{name} on the {OVERALL}") + at
        unit, note = proportion_unit(name, value)
        if unit is None:
            imported.review.append(f"{where}: {label} = {value:g} not imported: {note}; add it by hand with its unit")
            continue
        if note:
            imported.review.append(f"{fid}: {note}")
        mid = unique_id(slug(f"{name}_{slice_name or 'overall'}" + (f"_at_{threshold}" if threshold else "")), taken)
        metric: dict[str, Any] = {"id": mid, "name": name, "value": tidy_number(value), "unit": unit,
                                  "population": (f"slice {slice_name}" if slice_name else OVERALL) + at,
                                  "baseline": None, "ci": None, "source": f"model card {where}",
                                  "_key": (name, threshold), "_sliced": slice_name is not None}
        if slice_name is None:
            overall_ids.setdefault((name, threshold), mid)
        ci = row.get("confidence_interval")
        if isinstance(ci, dict):
            _add_ci(fid, metric, ci, unit, label, imported, caveats)
        if row.get("threshold") not in (None, "") and not at:
            thresholds.append(f"{label} at decision threshold {clean(row['threshold'])}")
        metrics.append(metric)
    if not metrics:
        return None
    by_id = {m["id"]: m for m in metrics}
    for name in dict.fromkeys(m["name"] for m in metrics):
        units = list(dict.fromkeys(m["unit"] for m in metrics if m["name"] == name))
        if len(units) > 1:
            imported.warn(f"{fid}: the card gives {name} both as {' and as '.join(_SCALE[u] for u in units)}; "
                          "check which scale each value is on (values on different scales are not compared)")
    for m in metrics:
        base = overall_ids.get(m.pop("_key"))
        if m.pop("_sliced") and base and by_id[base]["unit"] == m["unit"]:
            m["baseline"] = base
    types = sorted({m["name"] for m in metrics})
    slices = list(dict.fromkeys(m["population"][len("slice "):] for m in metrics if m["population"].startswith("slice ")))
    summary = f"The model card reports {', '.join(types)}"
    summary += f" overall and on slices {', '.join(slices)}." if slices else "."
    if tradeoffs:
        summary += " Trade-offs named in the card: " + " ".join(tradeoffs)
    finding = {"id": fid, "title": f"Measured {', '.join(types)} by slice" if slices else f"Measured {', '.join(types)}",
               "category": "performance", "summary": summary, "metrics": metrics,
               "evidence": ["model card quantitative_analysis.performance_metrics", *thresholds]}
    if caveats:
        finding["caveats"] = caveats
    return finding


_SCALE = {"ratio": "a proportion from 0 to 1", "percent": "a percent"}


def _threshold(row: dict) -> str | None:
    raw = row.get("threshold")
    return None if raw in (None, "") else clean(raw)


def _add_ci(fid: str, metric: dict, ci: dict, unit: str, label: str, imported: Imported, caveats: list[str]) -> None:
    raw_low, raw_high = ci.get("lower_bound"), ci.get("upper_bound")
    low, high = as_number(raw_low), as_number(raw_high)
    if low is None or high is None:
        imported.warn(f"{fid}: {label}: confidence interval bounds {raw_low!r}, {raw_high!r} are not both numbers; interval left out")
        return
    limit = 1.0 if unit == "ratio" else 100.0
    value = metric["value"]
    problem = None
    if high > limit or low < 0:
        problem = f"a bound lies outside 0-{limit:g}, which {metric['name']} cannot reach"
    elif low > high:
        problem = "its bounds are in reverse order"
    elif not low <= value <= high:
        problem = f"the reported value {value:g} lies outside it"
    if problem:
        message = (f"The model card gives {label} a confidence interval of [{str(raw_low).strip()}, "
                   f"{str(raw_high).strip()}]; {problem}, so riskbrief left the interval out.")
        imported.warnings.append(message)
        imported.review.append(f"{fid}: {message}")
        caveats.append(message)
        return
    metric["ci"] = [tidy_number(low), tidy_number(high)]
