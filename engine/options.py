"""Options that change how a brief is generated (shared by CLI, batch and TUI)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class GenerateOptions:
    provider: str = "offline"
    model: str | None = None
    temperature: float = 0.0
    max_repair_rounds: int = 2
    allow_fallback: bool = False
    use_cache: bool = True
    cache_dir: str | None = None
    dry_run: bool = False
    threshold: float = 1.0
    extra: dict = field(default_factory=dict)
