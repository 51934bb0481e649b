"""Hugging Face model card `model-index` metadata -> performance findings.

The YAML front matter of a model card (README.md) carries `model-index`:
models, each with results per task, dataset and split. One finding per task;
each reported metric keeps its dataset, config and split as the population.
Metrics whose unit cannot be known (perplexity, BLEU...) are kept as evidence
text and listed for review rather than given a guessed unit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.importers.base import (
    NUMBER, TEXT, check_shape, Imported, SourceError, as_number, clean, line_of, parse_source, proportion_unit, read_text, slug,
    tidy_number, unique_id,
)


SHAPE = {"model-index": [{"name": TEXT, "results": [{
    "task": {"type": TEXT, "name": TEXT},
    "dataset": {"type": TEXT, "name": TEXT, "config": TEXT, "split": TEXT, "revision": TEXT},
    "metrics": [{"type": TEXT, "value": NUMBER, "name": TEXT, "verified": bool}],
    "source": {"name": TEXT, "url": TEXT},
}]}]}


def _front_matter(text: str, file: str) -> tuple[str, int]:
    """(YAML text, line offset): the card's front matter, or the whole file if it is plain YAML."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for i, line in enumerate(lines[1:], 1):
            if line.strip() == "---":
                return "\n".join(lines[1:i]) + "\n", 1
        raise SourceError(file, 1, "(front matter)", "the `---` that opens the metadata block is never closed")
    return text, 0


def _population(dataset: dict) -> str:
    name = clean(dataset.get("name") or dataset.get("type") or "unnamed dataset")
    parts = [f"{key} {clean(dataset[key])}" for key in ("config", "split") if dataset.get(key) not in (None, "")]
    return f"{name} ({', '.join(parts)})" if parts else name


def import_hf(path: str | Path, *, system: str | None = None) -> Imported:
    file = str(path)
    text, offset = _front_matter(read_text(path), file)
    try:
        meta = parse_source(text, file, is_json=False)
    except SourceError as e:
        raise SourceError(file, (e.line or 0) + offset or None, e.field_path, str(e).split(": ", 2)[-1]) from None
    if not isinstance(meta, dict) or not meta.get("model-index"):
        raise SourceError(file, 1, "model-index", "no model-index in the card's metadata, so there are no "
                          "results to import (is KIND right for this file?)")
    check_shape(meta, SHAPE, file, line=1, offset=offset)
    models = meta["model-index"]
    if not isinstance(models, list):
        raise SourceError(file, (line_of(meta, "model-index") or 0) + offset, "model-index", "expected a list of models")
    imported = Imported("hf", Path(file).name, {})

    def fail(node: Any, key: Any, where: str, message: str) -> SourceError:
        line = line_of(node, key) or line_of(node)  # a missing key: the mapping that lacks it
        return SourceError(file, line + offset if line else None, where, message)

    findings: list[dict] = []
    by_task: dict[tuple[str, str], dict] = {}
    names: list[str] = []
    for m_i, model in enumerate(models):
        if not isinstance(model, dict) or not model.get("name"):
            raise fail(models, m_i, f"model-index[{m_i}].name", "missing; each model-index entry names its model")
        names.append(clean(model["name"]))
        results = model.get("results") or []
        if not isinstance(results, list):
            raise fail(model, "results", f"model-index[{m_i}].results", "expected a list")
        for r_i, result in enumerate(results):
            where = f"model-index[{m_i}].results[{r_i}]"
            if not isinstance(result, dict):
                raise fail(results, r_i, where, "expected a mapping with task, dataset and metrics")
            task = result.get("task") or {}
            dataset = result.get("dataset") or {}
            if not isinstance(task, dict) or not (task.get("type") or task.get("name")):
                raise fail(result, "task", f"{where}.task.type", "missing; each result names its task")
            if not isinstance(dataset, dict) or not (dataset.get("name") or dataset.get("type")):
                raise fail(result, "dataset", f"{where}.dataset.name", "missing; each result names its dataset")
            task_name = clean(task.get("name") or task.get("type"))
            # A task is the same task whether or not this result spells out its display name.
            key = (names[-1], clean(task.get("type") or task.get("name")))
            finding = by_task.get(key)
            if finding is None:
                finding = {"id": f"F{len(findings) + 1}", "title": "", "category": "performance", "summary": "",
                           "metrics": [], "evidence": [], "_taken": set(), "_datasets": [], "_model": names[-1],
                           "_task": task_name}
                by_task[key] = finding
                findings.append(finding)
            population = _population(dataset)
            if not dataset.get("split"):
                imported.review.append(f"{finding['id']}: {where} names no split of {population}; "
                                       "check which data it was measured on")
            if population not in finding["_datasets"]:
                finding["_datasets"].append(population)
            source = f"model-index {names[-1]}, {task_name}, dataset {clean(dataset.get('type') or dataset.get('name'))}"
            if dataset.get("revision"):
                source += f" at revision {clean(dataset['revision'])}"
            origin = result.get("source") or {}
            if isinstance(origin, dict) and (origin.get("name") or origin.get("url")):
                source += f" (reported by {clean(origin.get('name') or origin.get('url'))})"
                if origin.get("url") and f"results source {clean(origin['url'])}" not in finding["evidence"]:
                    finding["evidence"].append(f"results source {clean(origin['url'])}")
            metrics = result.get("metrics") or []
            if not isinstance(metrics, list) or not metrics:
                raise fail(result, "metrics", f"{where}.metrics", "missing; each result lists at least one metric")
            for k, metric in enumerate(metrics):
                _add_metric(finding, metric, population, source, f"{where}.metrics[{k}]", imported,
                            lambda msg, node=metrics, k=k, w=f"{where}.metrics[{k}]": fail(node, k, w, msg))
    if not findings:
        raise SourceError(file, (line_of(meta, "model-index") or 0) + offset or None, "model-index[].results",
                          "no results to import: add results (task, dataset, metrics) to the model-index")
    for finding in findings:
        datasets = finding.pop("_datasets")
        model, task = finding.pop("_model"), finding.pop("_task")
        finding.pop("_taken")
        on = ", ".join(datasets) if len(datasets) <= 3 else f"{len(datasets)} datasets"
        finding["title"] = f"Reported {task} results on {on}"
        types = list(dict.fromkeys(m["name"] for m in finding["metrics"]))
        finding["summary"] = (f"The model card's model-index reports {', '.join(types) or 'metrics'} for {model} "
                              f"on {task}, on {len(datasets)} dataset/split combination(s): {'; '.join(datasets)}.")
        finding["evidence"].insert(0, "Hugging Face model card model-index")
    imported.data = {"schema_version": 1, "system": {"name": system or names[0]}, "findings": findings}
    if len(set(names)) > 1 and not system:
        imported.review.append(f"system.name: the card describes {len(set(names))} models; system.name is the first")
    return imported


def _add_metric(finding: dict, metric: Any, population: str, source: str, where: str,
                imported: Imported, fail) -> None:
    if not isinstance(metric, dict) or not metric.get("type"):
        raise fail("missing metric type; each metric names its type (e.g. accuracy)")
    mtype = clean(metric["type"])
    value = as_number(metric.get("value"))
    if value is None:
        raise fail(f"metric {mtype}: value {metric.get('value')!r} is not a number")
    name = clean(metric.get("name") or mtype)
    unit, note = proportion_unit(mtype, value)
    if unit is None:
        finding["evidence"].append(f"{name} = {value:g} on {population} (unit not stated)")
        imported.review.append(f"{finding['id']}: {where} {name} = {value:g} not imported as a metric: {note}")
        return
    if note:
        imported.review.append(f"{finding['id']}: {note}")
    mid = unique_id(slug(f"{mtype}_{population}"), finding["_taken"])
    entry: dict[str, Any] = {"id": mid, "name": name, "value": tidy_number(value), "unit": unit,
                             "population": population, "source": source}
    finding["metrics"].append(entry)
    if metric.get("verified") is True:
        finding["evidence"].append(f"{mid}: verified by Hugging Face")
