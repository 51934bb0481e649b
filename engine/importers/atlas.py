"""MITRE ATLAS case studies -> one security finding with the procedure as evidence.

Case study files name tactics and techniques by template placeholders such as
`{{reconnaissance.id}}`, where `reconnaissance` is a YAML anchor in ATLAS's
tactics.yaml or techniques.yaml. Given those files (--tactics, --techniques)
the placeholders are resolved to "AML.TA0002 Reconnaissance"; without them
the raw anchor names are kept and the review list says so.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from engine.importers.base import TEXT, Imported, SourceError, check_shape, clean, line_of, parse_source, read_text

ATLAS_ID = re.compile(r"AML\.TA?\d{4}(?:\.\d{3})?")
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\.id\s*\}\}")
INTERNAL_LINK = re.compile(r"\{\{\s*create_internal_link\(\s*([A-Za-z0-9_]+)\s*\)\s*\}\}")
SHAPE = {"id": TEXT, "name": TEXT, "summary": TEXT, "target": TEXT, "actor": TEXT, "reporter": TEXT,
         "case-study-type": str, "incident-date-granularity": str,
         "procedure": [{"tactic": TEXT, "technique": TEXT, "description": TEXT}],
         "references": [{"title": TEXT, "url": TEXT}]}
KIND_LABEL = {"exercise": "an exercise (a demonstration by researchers or a red team), not an incident in the wild",
              "incident": "an incident: an attack that happened against a deployed system"}


def load_catalogue(path: str | Path, expected: str) -> dict[str, tuple[str, str]]:
    """anchor -> (ATLAS id, name) from tactics.yaml or techniques.yaml."""
    file = str(path)
    root = parse_source(read_text(path), file, is_json=False)
    if not isinstance(root, list):
        raise SourceError(file, 1, "(document)", f"expected the ATLAS {expected}s.yaml: a list of {expected} objects")
    out: dict[str, tuple[str, str]] = {}
    parents: dict[str, str] = {}
    for i, item in enumerate(root):
        if not isinstance(item, dict) or "id" not in item or "name" not in item:
            raise SourceError(file, line_of(root, i), f"[{i}]", f"expected an ATLAS {expected} with id and name")
        kind = item.get("object-type")
        if kind and kind != expected:
            raise SourceError(file, line_of(item, "object-type"), f"[{i}].object-type",
                              f"'{kind}', but this option takes the {expected}s file; swap --tactics and --techniques?")
        anchor = getattr(getattr(item, "anchor", None), "value", None)
        if anchor:
            out[anchor] = (str(item["id"]), clean(item["name"]))
            m = PLACEHOLDER.fullmatch(str(item.get("subtechnique-of") or "").strip())
            if m:
                parents[anchor] = m.group(1)
    # A sub-technique's own name ("Indirect") reads only with its parent's: "LLM Prompt Injection: Indirect".
    for anchor, parent in parents.items():
        if parent in out:
            out[anchor] = (out[anchor][0], f"{out[parent][1]}: {out[anchor][1]}")
    if not out:
        raise SourceError(file, 1, "(document)", f"no anchored {expected}s found; give ATLAS's data/{expected}s.yaml")
    return out


def _date(value: Any, granularity: Any) -> str:
    if isinstance(value, dt.date):
        if granularity == "YEAR":
            return str(value.year)
        if granularity == "MONTH":
            return value.strftime("%B %Y")
        return value.isoformat()
    return clean(value)


def import_atlas(path: str | Path, *, system: str | None = None, tactics: str | Path | None = None,
                 techniques: str | Path | None = None) -> Imported:
    file = str(path)
    root = parse_source(read_text(path), file, is_json=False)
    if not isinstance(root, dict) or root.get("object-type", "case-study") != "case-study" or "procedure" not in root:
        raise SourceError(file, 1, "procedure", "not an ATLAS case study: no `procedure` list "
                          "(is KIND right for this file? tactics and techniques files go to --tactics/--techniques)")
    check_shape(root, SHAPE, file, line=1)
    for key in ("id", "name", "summary"):
        if not root.get(key):
            raise SourceError(file, line_of(root), key, "missing; an ATLAS case study has id, name and summary")
    imported = Imported("atlas", Path(file).name, {})
    catalogues: dict[str, dict[str, tuple[str, str]]] = {}
    if tactics:
        catalogues["tactic"] = load_catalogue(tactics, "tactic")
    if techniques:
        catalogues["technique"] = load_catalogue(techniques, "technique")
    for kind in ("tactic", "technique"):
        if kind not in catalogues:
            imported.review.append(f"{kind} references are raw ATLAS anchor names; pass --{kind}s "
                                   f"with ATLAS's {kind}s.yaml to resolve them to ids and names")
    everything = {**catalogues.get("tactic", {}), **catalogues.get("technique", {})}
    by_id = {kind: {tid: name for tid, name in cat.values()} for kind, cat in catalogues.items()}

    def resolve(raw: Any, kind: str, where: str) -> str:
        text = str(raw)
        m = PLACEHOLDER.fullmatch(text.strip())
        if not m:
            # A literal id, as ATLAS's compiled data writes them: named when the file holds it.
            tid = clean(text)
            if kind in by_id and tid in by_id[kind]:
                return f"{tid} {by_id[kind][tid]}"
            if kind in by_id and ATLAS_ID.fullmatch(tid):
                imported.warn(f"{where}: {kind} {tid} is not in the {kind}s file given; kept as the id "
                              "(are the files from the same ATLAS release?)")
            return tid
        anchor = m.group(1)
        if kind not in catalogues:
            return f"{anchor} (unresolved)"
        if anchor not in catalogues[kind]:
            imported.warn(f"{where}: {kind} '{anchor}' is not in the {kind}s file given; kept unresolved "
                          "(are the files from the same ATLAS release?)")
            return f"{anchor} (unresolved)"
        tid, name = catalogues[kind][anchor]
        return f"{tid} {name}"

    def links(text: str) -> str:
        def one(m: re.Match) -> str:
            hit = everything.get(m.group(1))
            return f"{hit[1]} ({hit[0]})" if hit else m.group(1)
        return clean(INTERNAL_LINK.sub(one, str(text)))

    procedure = root.get("procedure")
    if not isinstance(procedure, list) or not procedure:
        raise SourceError(file, line_of(root, "procedure"), "procedure", "expected a non-empty list of steps")
    evidence = [f"MITRE ATLAS case study {clean(root['id'])}"]
    for k, step in enumerate(procedure, 1):
        where = f"procedure[{k - 1}]"
        if not isinstance(step, dict) or "technique" not in step:
            raise SourceError(file, line_of(procedure, k - 1), f"{where}.technique", "missing; each step names a technique")
        tactic = resolve(step["tactic"], "tactic", where) if step.get("tactic") else "no tactic named"
        technique = resolve(step["technique"], "technique", where)
        desc = links(step.get("description") or "")
        evidence.append(f"procedure step {k}: tactic {tactic}; technique {technique}" + (f": {desc}" if desc else ""))
    for key, label in (("actor", "actor"), ("reporter", "reported by")):
        if root.get(key):
            evidence.append(f"{label}: {clean(root[key])}")
    for ref in root.get("references") or []:
        if isinstance(ref, dict) and (ref.get("title") or ref.get("url")):
            evidence.append("reference: " + " ".join(clean(ref[k]) for k in ("title", "url") if ref.get(k)))

    finding: dict[str, Any] = {"id": "F1", "title": clean(root["name"]), "category": "security",
                               "summary": links(root["summary"])}
    if root.get("target"):
        finding["affected"] = [clean(root["target"])]
    kind = root.get("case-study-type")
    date = _date(root.get("incident-date"), root.get("incident-date-granularity")) if root.get("incident-date") else None
    if date and kind not in KIND_LABEL:
        evidence.append(f"incident date: {date}")
    if kind in KIND_LABEL:
        when = f" ({date})" if date else ""
        finding["caveats"] = [f"MITRE ATLAS records case study {clean(root['id'])}{when} as {KIND_LABEL[kind]}."]
        if system and root.get("target") and clean(root["target"]) != system:
            finding["caveats"].append(f"The case study concerns {clean(root['target'])}, not {system} itself.")
    else:
        imported.review.append("the case study does not say whether it is an incident or an exercise")
    finding["evidence"] = evidence

    name = system or (clean(root["target"]) if root.get("target") else "")
    if not name:
        name = f"System in ATLAS case study {clean(root['id'])}"
        imported.review.append("system.name: the case study does not name its target; replace it or pass --system")
    elif not system:
        imported.review.append("system.name is the case study's target; replace it with your system or pass --system")
    imported.data = {"schema_version": 1, "system": {"name": name}, "findings": [finding]}
    return imported
