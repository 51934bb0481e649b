"""The number-presence baseline: flag a brief only when one of its numbers appears
nowhere in the findings (what a quick "are the figures real?" check does)."""

from __future__ import annotations

import json
import re

from schemas.brief import Brief
from schemas.findings import FindingsDocument

_NUM = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")


def _numbers(text: str) -> set[float]:
    out = set()
    for m in _NUM.finditer(text):
        raw = m.group(0).rstrip(",").replace(",", "")
        try:
            out.add(round(float(raw), 6))
        except ValueError:
            continue
    return out


def document_numbers(doc: FindingsDocument) -> set[float]:
    """Numbers in the findings, plus their pairwise gaps, ratios and relative changes and
    roundings of all of these: the baseline gets every benefit of the doubt."""
    text = json.dumps(doc.model_dump(mode="json"))
    base = _numbers(text.replace("-", " "))
    values = sorted(v for v in base if v < 1e6)
    derived = set(base)
    for a in values:
        derived.add(round(100 - a, 6))
        for b in values:
            if a != b:
                derived.add(round(abs(a - b), 6))
                if b:
                    derived.add(round(a / b, 6))
                    derived.add(round(abs(a - b) / b * 100, 6))
    out = set(derived)
    for v in derived:
        for d in (0, 1, 2):
            out.add(round(v, d))
    return out


def brief_text(brief: Brief | str) -> str:
    if isinstance(brief, str):
        return brief
    return " ".join([brief.headline] + [s.text for _, s in brief.sentences()] + list(brief.caveats))


def flags(doc_numbers: set[float], brief: Brief | str) -> bool:
    """True when the brief states a number the findings do not contain."""
    return any(n not in doc_numbers and n * 1000 not in doc_numbers and n / 1000 not in doc_numbers
               for n in _numbers(brief_text(brief)))
