"""Limits on what an input file may ask of the reader, and the checks that enforce them.

A findings file is data from anywhere: a scanner, a colleague, an attacker. The
limits keep one hostile file from costing minutes or gigabytes: its size, how
deeply it nests, how long one list or mapping is, and how much YAML aliases
may multiply it (the "billion laughs" document). Each limit has an environment
variable so a user with a genuinely larger file can raise it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

MiB = 1024 * 1024

# name -> (environment variable, default)
_SETTINGS = {
    "max_bytes": ("RISKBRIEF_MAX_INPUT_BYTES", 10 * MiB),
    "max_import_bytes": ("RISKBRIEF_MAX_IMPORT_BYTES", 100 * MiB),
    # A spoken two-minute answer is about 2 KB; the rubric takes about 10 ms of CPU per KiB.
    "max_answer_bytes": ("RISKBRIEF_MAX_ANSWER_BYTES", 256 * 1024),
    "max_depth": ("RISKBRIEF_MAX_DEPTH", 32),
    "max_items": ("RISKBRIEF_MAX_LIST_ITEMS", 10_000),
    "max_alias_values": ("RISKBRIEF_MAX_ALIAS_VALUES", 10_000),
}

# Tags a YAML file may carry: the core schema's plain data types. Anything else
# (``!!python/object``, ``!custom``) asks the reader to build an object: refused.
PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "binary")
)


class LimitError(ValueError):
    """An input breaks a limit; ``loc`` is the field path inside the document, when known."""

    def __init__(self, message: str, loc: tuple = ()):
        super().__init__(message)
        self.loc = loc


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_import_bytes: int
    max_answer_bytes: int
    max_depth: int
    max_items: int
    max_alias_values: int

    @classmethod
    def from_env(cls) -> "Limits":
        values = {}
        for name, (var, default) in _SETTINGS.items():
            raw = os.environ.get(var, "").strip()
            try:
                values[name] = int(raw) if raw else default
            except ValueError:
                raise LimitError(f"{var}={raw!r} is not a whole number; unset it or give a number") from None
            if values[name] <= 0:
                raise LimitError(f"{var}={raw!r} must be a positive number")
        return cls(**values)

    def env_var(self, name: str) -> str:
        return _SETTINGS[name][0]


def human_bytes(n: int) -> str:
    if n >= MiB and n % MiB == 0:
        return f"{n // MiB} MiB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KiB"
    return f"{n} bytes"


def human_size(n: int) -> str:
    """A measured size, rounded: '2.3 MiB', '300.5 KiB', '812 bytes'."""
    if n >= MiB:
        return f"{n / MiB:.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} bytes"


def tag_of(node: Any) -> str | None:
    """The explicit tag ruamel's round-trip loader kept on a node, if any."""
    tag = getattr(node, "tag", None)
    value = getattr(tag, "value", tag) if tag is not None else None
    return value if isinstance(value, str) else None


def check_tree(root: Any, limits: Limits, *, check_items: bool = True) -> None:
    """Raise LimitError when parsed data nests too deeply, holds too long a list or
    mapping, refers to itself, expands through aliases beyond the limit, or carries
    a tag that is not plain data.

    Containers reached twice are aliases (both YAML readers share one object per
    anchor); their expanded size is counted once per use, without expanding them,
    so a billion-laughs document is refused after a few thousand steps.
    """
    sizes: dict[int, int | None] = {}  # id -> expanded size; None while being walked
    alias_total = 0

    def walk(node: Any, loc: tuple, depth: int) -> int:
        nonlocal alias_total
        key = id(node)
        if key in sizes:
            size = sizes[key]
            if size is None:
                raise LimitError("an alias refers to the value that contains it (a loop); remove the alias", loc)
            alias_total += size
            if alias_total > limits.max_alias_values:
                raise LimitError(
                    f"YAML aliases expand the document by more than {limits.max_alias_values} values "
                    f"(a 'billion laughs' document?); write the values out or raise "
                    f"{limits.env_var('max_alias_values')}", loc)
            return size
        is_map = isinstance(node, dict)
        tag = tag_of(node)
        if tag is not None and tag not in PLAIN_TAGS:
            raise LimitError(_tag_message(tag), loc)
        if depth > limits.max_depth:
            raise LimitError(f"nested more than {limits.max_depth} levels deep; flatten it or raise "
                             f"{limits.env_var('max_depth')}", loc)
        if check_items and len(node) > limits.max_items:
            what = "mapping has" if is_map else "list has"
            raise LimitError(f"{what} {len(node)} entries; the limit is {limits.max_items} "
                             f"(raise {limits.env_var('max_items')} for a larger file)", loc)
        sizes[key] = None
        total = 1
        for k, v in (node.items() if is_map else enumerate(node)):
            # Plain scalars are most of a document: count them without a call.
            if type(v) in _PLAIN_SCALARS:
                total += 1
            elif isinstance(v, (dict, list)):
                total += walk(v, loc + (k,), depth + 1)
            else:
                tag = tag_of(v)
                if tag is not None and tag not in PLAIN_TAGS:
                    raise LimitError(_tag_message(tag), loc + (k,))
                total += 1
        sizes[key] = total
        return total

    if isinstance(root, (dict, list)):
        walk(root, (), 0)


_PLAIN_SCALARS = frozenset({str, int, float, bool, type(None)})


def _tag_message(tag: str) -> str:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return f"YAML tag {shown} is not allowed: findings files hold plain data, never objects to construct"
