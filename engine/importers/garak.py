"""garak LLM vulnerability scans -> one finding per failing probe.

Reads a garak report (JSONL whose `digest` entry summarises the run, plus
`eval` entries with pass counts) or a digest on its own (a JSON object).
Pass rates come from the eval counts when present (so `n` is known), else
from the digest's `absolute_score`. Severity follows garak's own DEFCON rating
(1 = worst): the worst of the probe's DEFCON and its detectors' overall
DEFCON, mapped 1 critical, 2 high, 3 medium, 4 low; DEFCON 5 (minimal risk)
sets no severity.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from engine.importers.base import (
    TEXT, Imported, SourceError, check_limits, check_shape, clean, read_text, short_title, slug, tidy_number, unique_id,
)

DEFCON_SEVERITY = {1: "critical", 2: "high", 3: "medium", 4: "low"}

# Probe module -> category. garak is a security scanner, so anything not
# listed here is `security`, and the review list says the category was defaulted.
MODULE_CATEGORY = {
    "leakreplay": "privacy", "apikey": "privacy", "divergence": "privacy",
    "realtoxicityprompts": "safety", "lmrc": "safety", "continuation": "safety", "donotanswer": "safety",
    "atkgen": "safety", "topic": "safety", "grandma": "safety",
    "misleading": "reliability", "snowball": "reliability", "packagehallucination": "security",
    "latentinjection": "security", "promptinject": "security", "dan": "security", "encoding": "security",
    "goodside": "security", "malwaregen": "security", "xss": "security", "exploitation": "security",
    "web_injection": "security", "suffix": "security", "tap": "security", "gcg": "security",
    "visual_jailbreak": "security", "smuggling": "security", "phrasing": "security", "fitd": "security",
    "ansiescape": "security", "sata": "security", "badchars": "security", "glitch": "robustness",
    "av_spam_scanning": "security", "test": "security",
}


_DETECTOR = {"absolute_score": (int, float), "absolute_comment": str, "zscore_comment": str, "relative_comment": str,
             "absolute_confidence_lower": (int, float), "absolute_confidence_upper": (int, float)}
_PROBE = {"_summary": {"probe_descr": str, "probe_severity": int}, "*": _DETECTOR}
DIGEST_SHAPE = {"meta": {"setup": {}, "target_type": TEXT, "target_name": TEXT, "model_type": TEXT, "model_name": TEXT,
                         "run_uuid": str, "garak_version": TEXT},
                "eval": {"*": {"_summary": {"group_link": str}, "*": _PROBE}}}


def _records(text: str, file: str) -> list[dict]:
    """A digest JSON object, or the entries of a JSONL report."""
    stripped = text.strip()
    if not stripped:
        raise SourceError(file, 1, "(file)", "empty file; give a garak report JSONL or digest JSON")
    try:
        whole = json.loads(stripped)
    except (json.JSONDecodeError, RecursionError):
        whole = None  # a JSONL report, or too deep: each line is read and checked below
    if isinstance(whole, dict):
        check_limits(whole, file)
        return [whole]
    if whole is not None:
        raise SourceError(file, 1, "(document)", "expected a garak digest object or JSONL report entries, not a JSON list")
    records = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except RecursionError:
            raise SourceError(file, n, "(document)", "this report line is nested too deeply to read") from None
        except json.JSONDecodeError as e:
            raise SourceError(file, n, "(syntax)", f"invalid JSON on this report line: {e.msg} (column {e.colno})") from None
        if not isinstance(entry, dict):
            raise SourceError(file, n, "entry_type", "each report line must be a JSON object with an entry_type")
        check_limits(entry, file, n)
        entry["_line"] = n
        records.append(entry)
    return records


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _eval_text(ev: dict, key: str, file: str) -> str:
    if key not in ev:
        raise SourceError(file, ev.get("_line"), f"eval.{key}", "missing from this eval entry")
    if not isinstance(ev[key], str):
        raise SourceError(file, ev.get("_line"), f"eval.{key}", f"expected text, found {ev[key]!r}")
    return ev[key]


def _eval_counts(ev: dict, file: str, label: str, imported: Imported) -> tuple[int, int]:
    """(passed, total) from an eval entry of any garak release.

    garak 0.9 wrote `passed` and `total`; later releases `passed`, `fails`
    and `total_evaluated` (outputs a detector scored; `nones` were not scored).
    """
    counts = {}
    for key in ("passed", "fails", "total_evaluated", "total"):
        if key in ev:
            if not _whole(ev[key]):
                raise SourceError(file, ev.get("_line"), f"eval.{key}", f"expected a whole number, found {ev[key]!r}")
            counts[key] = ev[key]
    total = counts.get("total_evaluated", counts.get("total"))
    passed = counts.get("passed")
    if total is None and passed is not None and "fails" in counts:
        total = passed + counts["fails"]
    if total is None:
        raise SourceError(file, ev.get("_line"), "eval.total_evaluated",
                          "missing from this eval entry (nor `total`, nor `passed` with `fails`)")
    if passed is None:
        if "fails" not in counts:
            raise SourceError(file, ev.get("_line"), "eval.passed", "missing from this eval entry (nor `fails`)")
        passed = total - counts["fails"]
    elif "fails" in counts and passed + counts["fails"] != total:
        imported.warn(f"{label}: the eval entry's passed {passed} + fails {counts['fails']} is not its "
                      f"total_evaluated {total}; the pass rate uses passed / total_evaluated")
    if not 0 <= passed <= total:
        raise SourceError(file, ev.get("_line"), "eval.passed", f"{passed} passed out of {total}: not a possible count")
    return passed, total


def _name(raw: Any, prefix: str) -> str:
    s = str(raw)
    return s[len(prefix):] if s.startswith(prefix) else s


def _probes_from_digest(digest: dict) -> dict[str, dict]:
    probes: dict[str, dict] = {}
    for group_name, group in (digest.get("eval") or {}).items():
        if not isinstance(group, dict):
            continue
        for probe_name, probe in group.items():
            if probe_name == "_summary" or not isinstance(probe, dict):
                continue
            summary = probe.get("_summary") or {}
            entry = probes.setdefault(_name(probe_name, "probes."), {"detectors": {}})
            entry.update(group=group_name, descr=html.unescape(clean(summary.get("probe_descr") or "")),
                         severity=summary.get("probe_severity"), link=(group.get("_summary") or {}).get("group_link"))
            for det_name, det in probe.items():
                if det_name == "_summary" or not isinstance(det, dict):
                    continue
                entry["detectors"][_name(det_name, "detector.")] = {"digest": det}
    return probes


def import_garak(path: str | Path, *, system: str | None = None) -> Imported:
    file = str(path)
    records = _records(read_text(path), file)
    digest = next((r for r in records if r.get("entry_type") == "digest"), None)
    evals = [r for r in records if r.get("entry_type") == "eval"]
    setup = next((r for r in records if r.get("entry_type") == "start_run setup"), None)
    if digest is None and not evals:
        if records and all("entry_type" not in r and {"probe", "detector", "output"} <= r.keys() for r in records):
            raise SourceError(file, 1, "entry_type", "this is a garak hitlog (the failing outputs only, without "
                              "pass counts); import the run's report.jsonl instead")
        raise SourceError(file, 1, "entry_type", "no `digest` or `eval` entries: not a garak report, or the run "
                          "stopped before any probe finished (is KIND right for this file?)")
    if digest is not None:
        check_shape(digest, DIGEST_SHAPE, file, "digest", line=digest.get("_line"))
    imported = Imported("garak", Path(file).name, {})
    meta = (digest or {}).get("meta") or {}
    setup = setup or meta.get("setup") or {}
    probes = _probes_from_digest(digest) if digest else {}
    if digest is None:
        imported.review.append("the report has no digest entry, so garak's DEFCON ratings (severity) are unknown")

    for ev in evals:
        probe = _name(_eval_text(ev, "probe", file), "probes.")
        det = _name(_eval_text(ev, "detector", file), "detector.")
        entry = probes.setdefault(probe, {"detectors": {}, "group": probe.split(".")[0]})
        detector = entry["detectors"].setdefault(det, {})
        detector["counts"] = _eval_counts(ev, file, f"{probe} / {det}", imported)
        if "confidence_lower" in ev or "confidence_upper" in ev:
            detector["eval_ci"] = ev
    if not probes:
        raise SourceError(file, 1, "eval", "the digest lists no probe results to import")

    target_type = meta.get("target_type") or setup.get("plugins.target_type") or meta.get("model_type") or setup.get("plugins.model_type")
    target_name = meta.get("target_name") or setup.get("plugins.target_name") or meta.get("model_name") or setup.get("plugins.model_name")
    target = " ".join(str(t) for t in (target_type, target_name) if t) or "an unnamed target"
    run_id = meta.get("run_uuid") or setup.get("transient.run_id")
    version = meta.get("garak_version") or setup.get("_config.version")
    run_note = f"garak {version} run {run_id}" if run_id else f"garak {version or ''} run".replace("  ", " ")
    caveats = []
    if str(target_type or "").startswith("test."):
        caveats.append(f"The target was {target_type}, one of garak's test generators, not a deployed model; "
                       "these results describe that test target only.")

    findings: list[dict] = []
    passing: list[dict] = []
    for probe, entry in probes.items():
        metrics, worst, notes = _metrics(probe, entry, run_note, imported)
        failed = any(m["value"] < 1 for m in metrics)
        if not failed:
            for m in metrics:
                m.pop("_detector")
            passing.extend(metrics)
            continue
        findings.append(_finding(len(findings) + 1, probe, entry, metrics, worst, notes, target, caveats, imported))

    if not findings:
        probe_list = ", ".join(probes)
        findings.append({
            "id": "F1", "title": "No garak probe failed in this run", "category": "security",
            "summary": f"garak ran {len(probes)} probe(s) against {target} ({probe_list}); every scored output passed.",
            "metrics": _dedupe_ids(passing),
            "caveats": [*caveats, f"Only these garak probes were run: {probe_list}; attacks they do not cover were not tested."],
            "evidence": [run_note],
        })
        rated = " (garak rated it minimal risk)" if digest else ""
        imported.review.append(f"no probe failed; F1 records the passing run{rated}, so no severity is set")

    name = system or (str(target_name) if target_name else str(target_type or ""))
    if not name:
        name = f"Target of {run_note}"
        imported.review.append("system.name: the report does not name the target; replace it or pass --system")
    imported.data = {"schema_version": 1, "system": {"name": name}, "findings": findings}
    return imported


def _dedupe_ids(metrics: list[dict]) -> list[dict]:
    taken: set[str] = set()
    for m in metrics:
        m["id"] = unique_id(m["id"], taken)
    return metrics


def _metrics(probe: str, entry: dict, run_note: str, imported: Imported) -> tuple[list[dict], int | None, list[str]]:
    metrics: list[dict] = []
    notes: list[str] = []
    defcons = [entry["severity"]] if isinstance(entry.get("severity"), int) else []
    taken: set[str] = set()
    for det, info in entry["detectors"].items():
        d = info.get("digest") or {}
        counts = info.get("counts")
        score = d.get("absolute_score")
        metric: dict[str, Any] = {"id": unique_id(slug(f"pass_rate_{det.split('.')[-1]}"), taken),
                                  "name": "pass rate", "value": None, "unit": "ratio", "n": None, "higher_is_better": True,
                                  "population": f"{probe} outputs (detector {det})",
                                  "source": run_note}
        if counts and counts[1]:
            passed, total = counts
            metric["value"] = tidy_number(passed / total)
            metric["n"] = total
            if isinstance(score, (int, float)) and abs(score - passed / total) > 1e-6:
                imported.warn(f"{probe} / {det}: the digest's absolute_score {score:g} disagrees with the eval "
                              f"entry's {passed} of {total} passed; the counts are used")
        elif isinstance(score, (int, float)):
            metric["value"] = tidy_number(score)
        else:
            imported.review.append(f"{probe} / {det}: no pass rate in the report; not imported")
            continue
        interval = _pass_rate_interval(info, metric["value"], f"{probe} / {det}", imported)
        if interval:
            ci, level, holds = interval
            if holds:
                metric["ci"] = ci
            # garak may correct the interval for the detector's own error rates, so it need not hold the
            # raw pass rate; then it cannot be the metric's ci, but what garak said is kept as evidence.
            notes.append(f"detector {det}: garak's {level}confidence interval of the pass rate [{ci[0]:g}, {ci[1]:g}]"
                         + ("" if holds else f", which does not hold the pass rate {metric['value']:g} of the counts"))
        metric["_detector"] = det
        metrics.append(metric)
        overall = d.get("detector_defcon", d.get("overall_defcon"))
        if isinstance(overall, int):
            defcons.append(overall)
        parts = []
        if d.get("absolute_comment"):
            parts.append(f"absolute: {d['absolute_comment']}")
        z = d.get("zscore", d.get("relative_score"))
        if isinstance(z, (int, float)):
            parts.append(f"z-score {z:.2f} against garak's calibration: {d.get('zscore_comment') or d.get('relative_comment')}")
        if isinstance(overall, int):
            notes.append(f"detector {det}: garak DEFCON {overall}" + (f" ({'; '.join(parts)})" if parts else ""))
    return metrics, (min(defcons) if defcons else None), notes


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _pass_rate_interval(info: dict, value: float, label: str,
                        imported: Imported) -> tuple[list[float], str, bool] | None:
    """The confidence interval of a detector's pass rate, its level ("95% " or "") and whether it holds
    the pass rate `value`, when garak gave one.

    Newer garak (with reporting.confidence_interval_method set, or after --rebuild_cis) writes a
    bootstrap interval of the attack success rate on eval entries (`confidence_lower/_upper`, 0-1),
    and the digest turns it into one of the pass rate (`absolute_confidence_lower/_upper`).
    The pass rate is 1 - attack success rate, so an eval entry's [low, high] becomes [1 - high, 1 - low].
    An interval that is not one is reported and left out; one that does not hold the pass rate is reported.
    """
    ev, d = info.get("eval_ci"), info.get("digest") or {}
    if ev is not None:
        low, high, level, what = ev.get("confidence_lower"), ev.get("confidence_upper"), ev.get("confidence"), \
            "the eval entry's attack-success interval"
        if _number(low) and _number(high):
            low, high = 1 - high, 1 - low
    elif "absolute_confidence_lower" in d or "absolute_confidence_upper" in d:
        low, high, level, what = d.get("absolute_confidence_lower"), d.get("absolute_confidence_upper"), \
            d.get("confidence"), "the digest's pass-rate interval"
    else:
        return None
    if not (_number(low) and _number(high)):
        imported.warn(f"{label}: {what} is incomplete or not numbers ({low!r}, {high!r}); left the interval out")
        return None
    low, high = round(low, 12), round(high, 12)  # 1 - 0.3 is 0.7000000000000001
    if not 0 <= low <= high <= 1:
        imported.warn(f"{label}: {what} gives the pass rate [{low:g}, {high:g}], not an interval within 0 to 1; "
                      "left the interval out")
        return None
    holds = low <= value <= high
    if not holds:
        imported.warn(f"{label}: {what} gives the pass rate [{low:g}, {high:g}], which does not hold the pass rate "
                      f"{value:g}; left the interval out of the metric (it is kept in the evidence)")
    try:
        level_text = f"{float(level) * 100:g}% " if level is not None and 0 < float(level) < 1 else ""
    except (TypeError, ValueError):
        level_text = ""
    return [tidy_number(low), tidy_number(high)], level_text, holds


def _finding(n: int, probe: str, entry: dict, metrics: list[dict], worst: int | None, notes: list[str],
             target: str, caveats: list[str], imported: Imported) -> dict:
    fid = f"F{n}"
    module = probe.split(".")[0]
    category = MODULE_CATEGORY.get(module)
    if category is None:
        category = "security"
        imported.review.append(f"{fid}: garak probe module '{module}' has no mapped category; security is the default")
    descr = entry.get("descr")
    failing = [m["_detector"] for m in metrics if m["value"] < 1]
    finding: dict[str, Any] = {
        "id": fid,
        "title": short_title(f"Outputs failed garak probe {probe}"),
        "category": category,
    }
    if worst in DEFCON_SEVERITY:
        finding["severity"] = DEFCON_SEVERITY[worst]
        imported.review.append(f"{fid}: severity {finding['severity']} is garak's DEFCON {worst} rating; confirm it for your use")
    elif worst == 5:
        imported.review.append(f"{fid}: some outputs failed but garak rated the probe DEFCON 5 (minimal risk); no severity set")
    finding["summary"] = (f"garak probe {probe}" + (f" ({descr})" if descr else "") + f" was run against {target}; "
                          f"outputs failed under detector(s) {', '.join(failing)}."
                          + (f" garak's worst rating for it is DEFCON {worst} (1 is worst, 5 is minimal risk)." if worst else ""))
    for m in metrics:
        m.pop("_detector")
    finding["metrics"] = metrics
    if caveats:
        finding["caveats"] = list(caveats)
    evidence = [metrics[0]["source"], *notes]
    if entry.get("link"):
        evidence.append(f"probe group {entry.get('group')}: {entry['link']}")
    finding["evidence"] = evidence
    return finding
