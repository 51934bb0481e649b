"""What a SARIF result points into: its run's rules, taxonomies and artifacts, and message text.

A result names its rule by index or id, in the driver or in an extension (a
CodeQL query pack), its taxa by taxonomy name, guid or index, and its file by
URI or by index into `run.artifacts`. :class:`RunIndex` resolves all of them
once per run.
"""

from __future__ import annotations

import re
from typing import Any

from engine.importers.base import clean

# CodeQL and Bandit tag "external/cwe/cwe-089"; Semgrep "CWE-78: Improper Neutralization ...".
CWE_TAG = re.compile(r"(?:^|/)cwe[-_/](\d+)(?:$|\s*:)", re.IGNORECASE)
# An embedded link in a SARIF message (§3.11.6): [text](relatedLocation id or URI); "\[" is a literal bracket.
EMBEDDED_LINK = re.compile(r"(?<!\\)\[((?:[^\]\\]|\\.)*)\]\(([^)\s]*)\)")


def message_text(msg: Any, rule: dict | None) -> str | None:
    """A message's text, filling `{0}` placeholders from a rule's messageStrings when needed."""
    if not isinstance(msg, dict):
        return None
    text = msg.get("text")
    if text is None and rule and isinstance(msg.get("id"), str):
        template = (rule.get("messageStrings") or {}).get(msg["id"]) or {}
        text = template.get("text")
    if not isinstance(text, str):
        return None
    args = msg.get("arguments") or []
    for i, arg in enumerate(args):
        text = text.replace("{" + str(i) + "}", str(arg))
    return clean(_plain_links(text))


def _plain_links(text: str) -> str:
    """Embedded links read as their text; a link to a URI keeps the URI after it."""
    def one(m: re.Match) -> str:
        label, target = m.group(1), m.group(2)
        return label if target.isdigit() or not target else f"{label} ({target})"
    return re.sub(r"\\([\[\]])", r"\1", EMBEDDED_LINK.sub(one, text))


def rule_title(rule: dict | None, rule_id: Any) -> str | None:
    """The rule's one-line description; one that only repeats the rule id (Semgrep) gives way to the full one."""
    if not rule:
        return None
    short = message_text(rule.get("shortDescription"), None)
    if short and not (rule_id and str(rule_id) in short):
        return short
    return message_text(rule.get("fullDescription"), None) or short or (clean(rule["name"]) if rule.get("name") else None)


class RunIndex:
    """Lookups for the results of one run."""

    def __init__(self, run: dict):
        tool = run.get("tool") or {}
        driver = tool.get("driver") or {}
        self.components = [driver, *[e for e in tool.get("extensions") or [] if isinstance(e, dict)]]
        self.rules = [[r for r in c.get("rules") or [] if isinstance(r, dict)] for c in self.components]
        self.by_id = {str(r["id"]): r for rules in reversed(self.rules) for r in rules if r.get("id") is not None}
        self.artifacts = [a for a in run.get("artifacts") or []]
        self.taxa: dict[str, dict[str, str]] = {}
        self.tax_by_guid: dict[str, str] = {}
        self.tax_by_index: list[str] = []
        for tax in run.get("taxonomies") or []:
            name = str((tax or {}).get("name", ""))
            self.tax_by_index.append(name)
            self.taxa[name] = {str(t.get("id")): clean((t.get("shortDescription") or {}).get("text") or t.get("name") or "")
                               for t in (tax or {}).get("taxa") or [] if isinstance(t, dict)}
            if (tax or {}).get("guid"):
                self.tax_by_guid[str(tax["guid"]).lower()] = name

    def rule_for(self, result: dict) -> tuple[dict | None, str | None]:
        """(the result's rule, a note when its index and id name different rules: the id wins)."""
        rule = self._by_index(result)
        rid = result.get("ruleId") or (result.get("rule") or {}).get("id")
        if rid is None:
            return rule, None
        # "CA2101/1" is a sub-rule of CA2101 (SARIF 2.1 §3.27.5).
        named = self.by_id.get(str(rid)) or self.by_id.get(str(rid).split("/")[0])
        if rule is None:
            return named, None
        if rule.get("id") is not None and str(rule["id"]) not in (str(rid), str(rid).split("/")[0]):
            index = (result.get("rule") or {}).get("index", result.get("ruleIndex"))
            return named or rule, (f"ruleIndex {index} points at rule {rule['id']} but ruleId says {rid}; "
                                   f"{'the rule with id ' + str(rid) if named else 'the indexed rule'} is used")
        return rule, None

    def _by_index(self, result: dict) -> dict | None:
        ref = result.get("rule") or {}
        component = (ref.get("toolComponent") or {}) if isinstance(ref, dict) else {}
        rules = self.rules[0]
        if isinstance(component.get("index"), int):
            # A toolComponent index counts tool.extensions; the driver is not in that list.
            k = component["index"] + 1
            rules = self.rules[k] if 0 < k < len(self.rules) else []
        elif component.get("name"):
            rules = next((self.rules[i] for i, c in enumerate(self.components) if c.get("name") == component["name"]), [])
        idx = ref.get("index", result.get("ruleIndex"))
        if isinstance(idx, int) and 0 <= idx < len(rules):
            return rules[idx]
        return None

    def location(self, loc: Any) -> str | None:
        if not isinstance(loc, dict):
            return None
        phys = loc.get("physicalLocation") or {}
        artifact = phys.get("artifactLocation") or {}
        uri, index = artifact.get("uri"), artifact.get("index")
        if not uri and isinstance(index, int) and 0 <= index < len(self.artifacts):
            uri = ((self.artifacts[index] or {}).get("location") or {}).get("uri")  # §3.4.5
        region = phys.get("region") or {}
        if uri:
            out = str(uri)
            if region.get("startLine"):
                out += f":{region['startLine']}"
                if region.get("startColumn"):
                    out += f":{region['startColumn']}"
            return out
        for logical in loc.get("logicalLocations") or []:
            name = logical.get("fullyQualifiedName") or logical.get("name")
            if name:
                return str(name)
        return None

    def _taxonomy_of(self, component: dict, taxon: dict) -> str:
        if component.get("name"):
            return str(component["name"])
        guid = component.get("guid") or taxon.get("guid")
        if guid and str(guid).lower() in self.tax_by_guid:
            return self.tax_by_guid[str(guid).lower()]
        index = component.get("index")
        if isinstance(index, int) and 0 <= index < len(self.tax_by_index) and self.tax_by_index[index]:
            return self.tax_by_index[index]
        return "taxon"

    def taxon_refs(self, result: dict, rule: dict | None) -> list[str]:
        refs: list[str] = []

        def add(component: str, tid: str) -> None:
            label = f"CWE-{int(tid)}" if component.upper() == "CWE" and tid.isdigit() else f"{component} {tid}"
            taxon_name = (self.taxa.get(component) or {}).get(tid)
            if any(r == label or r.startswith(label + ":") for r in refs):
                return
            refs.append(f"{label}: {taxon_name}" if taxon_name else label)

        for taxon in result.get("taxa") or []:
            if isinstance(taxon, dict) and taxon.get("id") is not None:
                add(self._taxonomy_of(taxon.get("toolComponent") or {}, taxon), str(taxon["id"]))
        for rel in (rule or {}).get("relationships") or []:
            target = rel.get("target") or {}
            comp = (target.get("toolComponent") or {}).get("name") or ""
            if comp and target.get("id") is not None:
                add(comp, str(target["id"]))
        for tag in ((rule or {}).get("properties") or {}).get("tags") or []:
            m = CWE_TAG.search(str(tag))
            if m:
                add("CWE", str(int(m.group(1))))
        return refs
