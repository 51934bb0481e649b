"""Findings documents written out as YAML, with a comment block on top.

Used wherever riskbrief hands out a findings file it built itself (an
importer's output, a register snapshot). The YAML is built from ruamel.yaml's
round-trip types so the comment block is part of the document: loading and
re-dumping the file keeps it. Unknown values stay absent, never null.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq


def comment_line(text: str) -> str:
    """Text made safe for one comment line: a newline in a title can never end the comment and become YAML."""
    return re.sub(r"\s+", " ", text).strip()


def _to_node(value: Any) -> Any:
    if isinstance(value, dict):
        node = CommentedMap()
        for k, v in value.items():
            if v is None or v == [] or v == {}:
                continue  # unknown stays absent, never null
            node[k] = _to_node(v)
        return node
    if isinstance(value, list):
        seq = CommentedSeq(_to_node(v) for v in value)
        # Short lists of numbers (a ci) read best inline.
        if value and all(isinstance(v, (int, float)) for v in value):
            seq.fa.set_flow_style()
        return seq
    return value


def findings_yaml(data: dict[str, Any], header: list[str]) -> str:
    """`data` (a findings document as plain dicts and lists) as YAML, `header` as comment lines on top."""
    root = _to_node(data)
    root.yaml_set_start_comment("\n".join(header))
    yaml = YAML(typ="rt")
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    buf = io.StringIO()
    yaml.dump(root, buf)
    return buf.getvalue()
