"""`--shard K/N`: split a run over machines by the content hash of each input.

The same file lands in the same shard on every machine and every run, whatever
order the paths were given in; shards 1..N together cover every input once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from engine.errors import UsageError

_SHARD_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int

    @property
    def tag(self) -> str:
        return "all" if self.count == 1 else f"shard-{self.index}-of-{self.count}"

    def holds(self, content: bytes) -> bool:
        return shard_of(content, self.count) == self.index

    def holds_hash(self, digest: str) -> bool:
        """Like holds(), given the content's sha256 hex digest."""
        return self.count == 1 or int(digest[:16], 16) % self.count + 1 == self.index


ALL = Shard(1, 1)


def parse_shard(text: str | None) -> Shard:
    if not text:
        return ALL
    m = _SHARD_RE.match(text)
    if not m:
        raise UsageError(f"--shard must look like K/N (e.g. 2/4), got '{text}'")
    k, n = int(m.group(1)), int(m.group(2))
    if n < 1:
        raise UsageError(f"--shard {text}: N, the number of shards, must be at least 1")
    if not 1 <= k <= n:
        raise UsageError(f"--shard {text}: K must be between 1 and N (shards are numbered 1..{n})")
    return Shard(k, n)


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def shard_of(content: bytes, count: int) -> int:
    """The 1-based shard that holds a file with these bytes."""
    return int(content_hash(content)[:16], 16) % count + 1
