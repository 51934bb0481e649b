"""Settings: flags first, then the environment, then a project file, then defaults.

The project file is `riskbrief.toml` in the working directory, or the
`[tool.riskbrief]` table of `pyproject.toml` there. Keys use the setting names
below (`provider`, `model`, `cache_dir`, `base_url`, `reviewer`, ...).

API keys are read from the environment only (never from a project file, which
tends to be committed) and are never part of `Settings.public()`.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from engine.errors import UsageError

# setting name -> environment variable
ENV_VARS: dict[str, str] = {
    "provider": "RISKBRIEF_PROVIDER",
    "model": "RISKBRIEF_MODEL",
    "cache_dir": "RISKBRIEF_CACHE_DIR",
    "reviewer": "RISKBRIEF_REVIEWER",
    "base_url": "OPENAI_BASE_URL",
    "organization": "OPENAI_ORG_ID",
    "timeout_s": "RISKBRIEF_TIMEOUT",
    "max_attempts": "RISKBRIEF_MAX_ATTEMPTS",
    "structured_method": "RISKBRIEF_STRUCTURED_METHOD",
}
KEY_ENV = "OPENAI_API_KEY"
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


def default_cache_dir() -> str:
    from platformdirs import user_cache_dir

    return user_cache_dir("riskbrief", appauthor=False)


@dataclass(frozen=True)
class Settings:
    provider: str = "offline"
    model: str | None = None
    cache_dir: str = ""
    use_cache: bool = True
    reviewer: str | None = None
    base_url: str | None = None
    organization: str | None = None
    timeout_s: float = 60.0
    max_attempts: int = 5
    max_retry_time_s: float = 120.0
    structured_method: str = "function_calling"
    api_key: str | None = field(default=None, repr=False)
    sources: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def public(self) -> dict[str, Any]:
        """Every setting except the key, for display (`riskbrief cache stats`, logs)."""
        out = {k: v for k, v in asdict(self).items() if k not in ("api_key", "sources")}
        out["api_key"] = "set" if self.api_key else "not set"
        return out

    @property
    def resolved_model(self) -> str:
        if self.model:
            return self.model
        if self.provider in ("offline", "fake"):
            return f"{self.provider}-model"
        return DEFAULT_OPENAI_MODEL


_NAMES = {f.name for f in fields(Settings)} - {"api_key", "sources"}
_FLOATS = {"timeout_s", "max_retry_time_s"}
_INTS = {"max_attempts"}
_BOOLS = {"use_cache"}


def project_settings(cwd: str | Path | None = None) -> tuple[dict[str, Any], str | None]:
    """Settings from riskbrief.toml, else [tool.riskbrief] in pyproject.toml."""
    base = Path(cwd) if cwd else Path.cwd()
    for name, table in (("riskbrief.toml", None), ("pyproject.toml", ("tool", "riskbrief"))):
        path = base / name
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise UsageError(f"{path}: not valid TOML ({e}); fix the file or remove it")
        if table:
            for key in table:
                data = data.get(key, {}) if isinstance(data, dict) else {}
            if not data:
                continue
        if "riskbrief" in data and name == "riskbrief.toml" and isinstance(data["riskbrief"], dict):
            data = data["riskbrief"]
        if "api_key" in data:
            raise UsageError(f"{path}: do not put API keys in project files; set {KEY_ENV} instead")
        unknown = sorted(k for k in data if k not in _NAMES)
        if unknown:
            raise UsageError(
                f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(_NAMES))}"
            )
        return dict(data), str(path)
    return {}, None


def _coerce(name: str, value: Any, origin: str) -> Any:
    try:
        if name in _FLOATS:
            number = float(value)
            # a timeout of 0, a negative one or nan would fail every request with an unhelpful error
            if not math.isfinite(number) or number <= 0:
                raise UsageError(f"{origin}: {name} must be a number of seconds above 0, got {value!r}")
            return number
        if name in _INTS:
            count = int(value)
            if count < 1:
                raise UsageError(f"{origin}: {name} must be at least 1, got {value!r}")
            return count
        if name in _BOOLS:
            if isinstance(value, str):
                return value.strip().lower() not in ("0", "false", "no", "off", "")
            return bool(value)
    except (TypeError, ValueError):
        raise UsageError(f"{origin}: {name} must be a number, got {value!r}")
    return value


def load_settings(*, cwd: str | Path | None = None, env: dict[str, str] | None = None, **flags: Any) -> Settings:
    """Resolve settings: flags (None means not given), env, project file, defaults."""
    env = os.environ if env is None else env
    unknown = sorted(k for k in flags if k not in _NAMES)
    if unknown:
        raise TypeError(f"unknown setting flag(s): {', '.join(unknown)}")
    file_values, file_path = project_settings(cwd)
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for name in _NAMES:
        if flags.get(name) is not None:
            values[name], sources[name] = _coerce(name, flags[name], "flag"), "flag"
        elif name in ENV_VARS and env.get(ENV_VARS[name]):
            values[name] = _coerce(name, env[ENV_VARS[name]], ENV_VARS[name])
            sources[name] = ENV_VARS[name]
        elif name in file_values:
            values[name] = _coerce(name, file_values[name], file_path or "project file")
            sources[name] = file_path or "project file"
    if not values.get("cache_dir"):
        values["cache_dir"], sources["cache_dir"] = default_cache_dir(), "default"
    values["cache_dir"] = str(Path(os.path.expanduser(values["cache_dir"])))
    if values.get("provider"):
        values["provider"] = str(values["provider"]).strip().lower()
    return Settings(api_key=env.get(KEY_ENV) or None, sources=sources, **values)


def settings_for_options(options: Any) -> Settings:
    """Settings for one generate run from a GenerateOptions (flags win over env and file)."""
    provider = options.provider if options.provider and options.provider != "offline" else None
    return load_settings(
        provider=provider or None,
        model=options.model,
        cache_dir=options.cache_dir,
        use_cache=None if options.use_cache else False,
    )
