"""Model providers, registered by name and imported only when used."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from engine.errors import ProviderError, UsageError
from engine.providers.base import CallConfig, Completion, Message, Provider

if TYPE_CHECKING:
    from engine.config import Settings

# name -> ("module:factory", pip requirement that provides the SDK, if any)
PROVIDERS: dict[str, tuple[str, str | None]] = {
    "offline": ("engine.providers.offline:create", None),
    "openai": ("engine.providers.openai:create", "langchain-openai"),
    "fake": ("engine.providers.fake:create", None),
}


def provider_names() -> list[str]:
    return list(PROVIDERS)


def get_provider(name: str, settings: "Settings") -> Provider:
    """The provider called `name`, configured from settings."""
    key = (name or "").strip().lower()
    if key not in PROVIDERS:
        raise UsageError(f"unknown provider '{name}'; use one of: {', '.join(PROVIDERS)}")
    target, requirement = PROVIDERS[key]
    module_name, factory = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        hint = f"; install it with: pip install {requirement}" if requirement else ""
        raise ProviderError(f"provider '{key}' cannot be loaded ({e.name or e} is missing){hint}")
    return getattr(module, factory)(settings)


__all__ = ["CallConfig", "Completion", "Message", "Provider", "get_provider", "provider_names", "PROVIDERS"]
