"""Words whose lower-case first letter is part of their meaning: p95, mAP, iOS, eGFR, pH, kWh.

Such a word keeps its case at the start of a sentence ("P95 latency" or "PH" would misname the
measure), so whoever writes sentences and whoever splits text into sentences must agree on it.
"""

from __future__ import annotations

import re

# One or more lower-case letters, then an upper-case letter or a digit within the same word.
CASE_KEPT_START = r"[a-z]+[A-Z0-9]"

_CASE_KEPT = re.compile(CASE_KEPT_START)


def keeps_case(word: str) -> bool:
    """'p95', 'mAP', 'iOS', 'eGFR', 'pH', 'kWh': a word to leave as written at a sentence start."""
    return _CASE_KEPT.match(word) is not None
