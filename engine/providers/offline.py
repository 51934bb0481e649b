"""The offline provider: briefs written by the deterministic narrator, no model."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from engine.errors import UsageError
from engine.providers.base import CallConfig, Completion, Message


class OfflineProvider:
    name = "offline"
    needs_model = False

    def generate(self, messages: list[Message], schema: type[BaseModel], config: CallConfig) -> Completion:
        raise UsageError(
            "the offline provider writes briefs without a model; pass --provider openai to use one"
        )

    def narrate(self, doc: Any, profile: Any) -> Any:
        from engine.narrator import narrate

        return narrate(doc, profile)


def create(settings: Any) -> OfflineProvider:
    return OfflineProvider()
