"""The response cache: one entry per model request, keyed on what changes the output.

The key covers the provider (with its endpoint, for OpenAI-compatible
servers), the model, output-changing parameters
(temperature, max tokens, output schema), the hash of the prompt templates,
the hash of the findings document and the exact messages sent. Nothing else
(no key, no time, no host) goes in, so a repeat run finds every entry. Values
hold the validated structured output and the token counts of the request
that produced it; never the API key or HTTP headers.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from engine.errors import RiskbriefError

KEY_VERSION = 1


def stable_hash(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_key(
    *,
    provider: str,
    model: str,
    params: dict[str, Any],
    schema: str,
    prompt_hash: str,
    input_hash: str,
    messages: list[dict[str, str]],
) -> str:
    return stable_hash(
        {
            "v": KEY_VERSION,
            "provider": provider,
            "model": model,
            "params": params,
            "schema": schema,
            "prompt_hash": prompt_hash,
            "input_hash": input_hash,
            "messages": messages,
        }
    )


def cache_exists(directory: str | Path) -> bool:
    """Whether a response cache was ever opened in `directory` (looking creates nothing)."""
    from diskcache.core import DBNAME

    return (Path(directory) / DBNAME).is_file()


class ResponseCache:
    """A diskcache.Cache in `directory`, with hit/miss statistics kept on disk."""

    def __init__(self, directory: str | Path):
        import diskcache

        self.directory = Path(directory)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._cache = diskcache.Cache(str(self.directory))
            self._cache.stats(enable=True)
        except OSError as e:
            raise RiskbriefError(
                f"cannot use cache directory {self.directory} ({e.strerror or e}); "
                "set RISKBRIEF_CACHE_DIR to a writable directory or pass --no-cache"
            )

    def get(self, key: str) -> dict[str, Any] | None:
        value = self._cache.get(key, default=None, retry=True)
        return value if isinstance(value, dict) else None

    def set(self, key: str, value: dict[str, Any]) -> None:
        self._cache.set(key, value, retry=True)

    def stats(self) -> dict[str, Any]:
        hits, misses = self._cache.stats()
        return {
            "directory": str(self.directory),
            "entries": len(self._cache),
            "size_bytes": int(self._cache.volume()),
            "hits": int(hits),
            "misses": int(misses),
        }

    def clear(self) -> int:
        removed = self._cache.clear(retry=True)
        self._cache.stats(reset=True)
        return int(removed)

    def close(self) -> None:
        self._cache.close()

    def __enter__(self) -> "ResponseCache":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
