"""Hypothesis strategies that break valid findings files the ways files really break.

Byte flips, deleted and duplicated lines, a scalar swapped for a wrong one, shifted
indentation and truncation, applied one to three at a time to the bytes of a valid
file. The result may still be valid; `riskbrief validate` must say which, calmly.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

# Scalars that are wrong somewhere: wrong types, out of range, special floats,
# unknown enum values, dates that do not exist, anchors, tags, flow collections.
BAD_SCALARS = [
    "-1", "0", "101", "1e999", "-1e999", ".nan", ".inf", "NaN", "null", "~", "''", '""', "[]", "{}", "[1, 2, 3]",
    "{a: 1}", "true", "no", "0o17", "0x1F", "1_000", "2026-13-45", "2026-02-30", "12:30:00", "&a x", "*a", "!!binary aGk=",
    "!!python/object:os.system ls", "critical_ish", "done!", "'unterminated", '"unterminated', "- x", "? x", "|", ">",
    "%YAML 1.1", "\x00", "\ufeff", "\u202e", "x" * 300, "9" * 400, "1.7976931348623157e+309", "-0", "+5", "F1",
]


@st.composite
def _flip(draw, data: bytes) -> bytes:
    if not data:
        return data
    i = draw(st.integers(0, len(data) - 1))
    return data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1:]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _line_edit(edit):
    """A mutation that rewrites one line chosen at random: edit(lines, i) -> new lines."""

    @st.composite
    def mutate(draw, data: bytes) -> bytes:
        lines = _lines(data)
        if not lines:
            return data
        return b"".join(edit(lines, draw(st.integers(0, len(lines) - 1))))

    return mutate


_delete_line = _line_edit(lambda lines, i: lines[:i] + lines[i + 1:])
_duplicate_line = _line_edit(lambda lines, i: lines[: i + 1] + [lines[i]] + lines[i + 1:])


_SCALAR_RE = re.compile(rb"(:\s+|-\s+|\[|,\s*)([^\s,\[\]{}:#][^,\[\]{}\n#]*)")


@st.composite
def _change_scalar(draw, data: bytes) -> bytes:
    spots = list(_SCALAR_RE.finditer(data))
    if not spots:
        return data
    m = draw(st.sampled_from(spots))
    new = draw(st.one_of(st.sampled_from(BAD_SCALARS), st.text(max_size=12))).encode("utf-8", "surrogatepass")
    return data[: m.start(2)] + new + data[m.end(2):]


@st.composite
def _indent(draw, data: bytes) -> bytes:
    lines = _lines(data)
    if not lines:
        return data
    i = draw(st.integers(0, len(lines) - 1))
    shift = draw(st.sampled_from([-4, -2, -1, 1, 2, 3, 8]))
    line = lines[i]
    if shift < 0:
        strip = min(-shift, len(line) - len(line.lstrip(b" ")))
        line = line[strip:]
    else:
        line = draw(st.sampled_from([b" ", b"\t"])) * shift + line
    return b"".join(lines[:i] + [line] + lines[i + 1:])


@st.composite
def _truncate(draw, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


MUTATIONS = {
    "flip": _flip,
    "delete_line": _delete_line,
    "duplicate_line": _duplicate_line,
    "change_scalar": _change_scalar,
    "indent": _indent,
    "truncate": _truncate,
}


@st.composite
def mutated(draw, data: bytes) -> tuple[list[str], bytes]:
    """(names of the mutations applied, the broken bytes)."""
    names = draw(st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=3))
    for name in names:
        data = draw(MUTATIONS[name](data))
    return names, data
