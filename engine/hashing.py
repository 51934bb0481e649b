"""Content hashes for cache keys, manifests and provenance."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from engine.identity_cache import per_object
from schemas.findings import FindingsDocument


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


@per_object
def input_hash(doc: FindingsDocument) -> str:
    """Hash of the validated document: formatting and comments do not change it."""
    return "sha256:" + sha256_text(canonical_json(doc.model_dump(mode="json")))


def combined_hash(parts: list[str]) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8"))
        h.update(b"\0")
    return "sha256:" + h.hexdigest()
